//! Replacing a person's old name and email wherever free text holds them: every text column of every table but
//! `people` (their own row is rewritten field by field; other rows are other people, homonyms included).
//!
//! Invariants: only whole words are replaced (an old name "Marie Dupont" is not touched inside "Anne-Marie Dupont"),
//! compared without ASCII case; the JSON-escaped spelling is matched too, so audit JSON stays valid; columns that by
//! name hold codes or instants (`*_at`, `*_day`, `uid`, `status`, ...) are skipped, which keeps the scan off the
//! million-row participation table; counting and rewriting walk the same cells, so a preview counts exactly what the
//! rewrite changes.

use super::erase::TextRewrite;
use crate::error::Result;
use crate::model::Person;
use rusqlite::Connection;

/// Column names that only ever hold codes, numbers or instants.
const CODE_COLUMNS: &[&str] = &[
    "uid",
    "kind",
    "status",
    "activity_status",
    "role",
    "method",
    "timezone",
    "rrule",
    "exdates",
    "half_day",
    "source",
    "department",
    "cadence",
    "metric",
    "local_start",
    "entity",
    "action",
    "offer_tag",
];

/// What to look for and what to put instead, for one person: name and email, plus their JSON-escaped spellings.
pub(super) fn needles(person: &Person) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (old, new) in [
        (&person.full_name, super::pseudonym(person.id)),
        (&person.email, super::pseudonymous_email(person.id)),
    ] {
        if old.trim().is_empty() {
            continue;
        }
        out.push((old.clone(), new.clone()));
        let escaped = serde_json::to_string(old).unwrap_or_default();
        let escaped = escaped.trim_matches('"');
        if escaped != old.as_str() {
            out.push((escaped.to_owned(), new));
        }
    }
    out
}

/// The (table, text columns) that may hold free text, `people` left out.
fn text_columns(conn: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let tables: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND name != 'people' ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare("SELECT name, type FROM pragma_table_info(?1)")?;
        let cols: Vec<(String, String)> = stmt
            .query_map([&table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let cols: Vec<String> = cols
            .into_iter()
            .filter(|(name, kind)| {
                kind.eq_ignore_ascii_case("TEXT")
                    && !name.ends_with("_at")
                    && !name.ends_with("_day")
                    && !CODE_COLUMNS.contains(&name.as_str())
            })
            .map(|(name, _)| name)
            .collect();
        if !cols.is_empty() {
            out.push((table, cols));
        }
    }
    Ok(out)
}

/// Replaces the whole-word, ASCII-case-insensitive occurrences of `needle` in `text`; `None` when there is none.
pub(super) fn replace_words(text: &str, needle: &str, with: &str) -> Option<String> {
    if needle.is_empty() {
        return None;
    }
    let hay = text.to_ascii_lowercase();
    let low = needle.to_ascii_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "-_.".contains(c));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(pos) = hay[from..].find(&low).map(|p| p + from) {
        let end = pos + low.len();
        let before = text[..pos].chars().next_back();
        let after = text[end..].chars().next();
        // A dot ends sentences: "… with Marie Dupont." still names her.
        let after_is_word = match after {
            Some('.') => word(text[end + 1..].chars().next()),
            other => word(other),
        };
        if !word(before) && !after_is_word {
            out.push_str(&text[last..pos]);
            out.push_str(with);
            last = end;
        }
        from = end;
    }
    (last > 0).then(|| {
        out.push_str(&text[last..]);
        out
    })
}

fn rewritten(text: &str, pairs: &[(String, String)]) -> Option<String> {
    let mut current: Option<String> = None;
    for (old, new) in pairs {
        let base = current.as_deref().unwrap_or(text);
        if let Some(next) = replace_words(base, old, new) {
            current = Some(next);
        }
    }
    current
}

/// Walks the cells that hold a needle; `apply` rewrites them. Returns rows touched per table.
fn walk(conn: &Connection, pairs: &[(String, String)], apply: bool) -> Result<Vec<TextRewrite>> {
    let mut out = Vec::new();
    for (table, cols) in text_columns(conn)? {
        let filter = cols
            .iter()
            .flat_map(|c| {
                (1..=pairs.len()).map(move |i| format!("instr(lower(\"{c}\"), lower(?{i})) > 0"))
            })
            .collect::<Vec<_>>()
            .join(" OR ");
        let select = cols
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT rowid, {select} FROM \"{table}\" WHERE {filter}");
        let params: Vec<&str> = pairs.iter().map(|(old, _)| old.as_str()).collect();
        let mut updates: Vec<(i64, Vec<(usize, String)>)> = Vec::new();
        {
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
            while let Some(row) = rows.next()? {
                let rowid: i64 = row.get(0)?;
                let mut cells = Vec::new();
                for i in 0..cols.len() {
                    let text: Option<String> = row.get(i + 1)?;
                    if let Some(new) = text.as_deref().and_then(|t| rewritten(t, pairs)) {
                        cells.push((i, new));
                    }
                }
                if !cells.is_empty() {
                    updates.push((rowid, cells));
                }
            }
        }
        if apply {
            for (rowid, cells) in &updates {
                for (i, text) in cells {
                    conn.execute(
                        &format!(
                            "UPDATE \"{table}\" SET \"{}\" = ?1 WHERE rowid = ?2",
                            cols[*i]
                        ),
                        rusqlite::params![text, rowid],
                    )?;
                }
            }
        }
        if !updates.is_empty() {
            out.push(TextRewrite {
                table,
                rows: updates.len() as i64,
            });
        }
    }
    Ok(out)
}

/// Rows per table whose text holds the person's old name or email.
pub(super) fn count(conn: &Connection, pairs: &[(String, String)]) -> Result<Vec<TextRewrite>> {
    walk(conn, pairs, false)
}

/// Rewrites those rows, each needle replaced by its pseudonym.
pub(super) fn rewrite(conn: &Connection, pairs: &[(String, String)]) -> Result<Vec<TextRewrite>> {
    walk(conn, pairs, true)
}
