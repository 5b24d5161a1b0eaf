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
use crate::store::privacy;
use crate::FieldCode;
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
fn needles(person: &Person) -> Vec<(String, String)> {
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
    let mut out = Vec::new();
    for (table, cols) in privacy::tables_and_columns(conn)? {
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

/// The replacements of a batch of people, in the batch's order: every (old spelling → pseudonym) pair, the person
/// each belongs to, and an automaton that finds all old spellings in one pass over a cell.
pub(super) struct Replacements {
    pairs: Vec<(String, String)>,
    /// For each pair, the index of its person in the batch.
    owner: Vec<usize>,
    /// For each pair, its pattern in `finder` (homonyms share one).
    pattern: Vec<usize>,
    finder: aho_corasick::AhoCorasick,
    people: usize,
}

impl Replacements {
    /// The replacement set of `people`, in that order.
    pub(super) fn new(people: &[Person]) -> Result<Self> {
        let (mut pairs, mut owner, mut pattern) = (Vec::new(), Vec::new(), Vec::new());
        let mut patterns: Vec<String> = Vec::new();
        for (i, person) in people.iter().enumerate() {
            for (old, new) in needles(person) {
                let low = old.to_ascii_lowercase();
                let at = match patterns.iter().position(|p| *p == low) {
                    Some(at) => at,
                    None => {
                        patterns.push(low);
                        patterns.len() - 1
                    }
                };
                pairs.push((old, new));
                owner.push(i);
                pattern.push(at);
            }
        }
        let finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            // Only a batch far beyond any company's leavers makes the automaton too large.
            .map_err(|e| {
                crate::error::Error::field(
                    "people",
                    FieldCode::TooMany,
                    format!("too many names at once: {e}"),
                )
            })?;
        Ok(Replacements {
            pairs,
            owner,
            pattern,
            finder,
            people: people.len(),
        })
    }

    /// The patterns found anywhere in `text` (overlaps included), whole word or not.
    fn found(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.finder.patterns_len()];
        for m in self.finder.find_overlapping_iter(text) {
            found[m.pattern().as_usize()] = true;
        }
        found
    }

    /// `text` with each pair applied in order, as if each person were anonymised one after the other, and which
    /// people changed it; `None` when nobody's old spelling is in it as a whole word.
    fn rewritten(&self, text: &str) -> Option<(String, Vec<usize>)> {
        if !self.finder.is_match(text) {
            return None;
        }
        let mut found = self.found(text);
        let mut current: Option<String> = None;
        let mut owners = Vec::new();
        for (i, (old, new)) in self.pairs.iter().enumerate() {
            if !found[self.pattern[i]] {
                continue;
            }
            let base = current.as_deref().unwrap_or(text);
            if let Some(next) = replace_words(base, old, new) {
                // A pseudonym put in may spell a later pair's needle: look again in what the text now is.
                found = self.found(&next);
                current = Some(next);
                if owners.last() != Some(&self.owner[i]) {
                    owners.push(self.owner[i]);
                }
            }
        }
        current.map(|text| (text, owners))
    }
}

/// Above this many spellings the SQL prefilter (one `instr` per spelling and column) costs more than it saves, and
/// every text cell is read and matched by the automaton instead.
const SQL_FILTER_MAX: usize = 16;

/// Walks the cells that hold a needle; `apply` rewrites them. Returns, per person of the batch, the rows touched per
/// table (a row counts for each person whose spelling it held, after those before them in the batch were replaced).
fn walk(conn: &Connection, set: &Replacements, apply: bool) -> Result<Vec<Vec<TextRewrite>>> {
    let mut out = vec![Vec::new(); set.people];
    if set.pairs.is_empty() {
        return Ok(out);
    }
    let filtered = set.pairs.len() <= SQL_FILTER_MAX;
    for (table, cols) in text_columns(conn)? {
        let filter = if filtered {
            cols.iter()
                .flat_map(|c| {
                    (1..=set.pairs.len())
                        .map(move |i| format!("instr(lower(\"{c}\"), lower(?{i})) > 0"))
                })
                .collect::<Vec<_>>()
                .join(" OR ")
        } else {
            "1".to_owned()
        };
        let select = cols
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT rowid, {select} FROM \"{table}\" WHERE {filter}");
        let params: Vec<&str> = match filtered {
            true => set.pairs.iter().map(|(old, _)| old.as_str()).collect(),
            false => Vec::new(),
        };
        let mut updates: Vec<(i64, Vec<(usize, String)>)> = Vec::new();
        let mut rows_of = vec![0_i64; set.people];
        {
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
            while let Some(row) = rows.next()? {
                let rowid: i64 = row.get(0)?;
                let mut cells = Vec::new();
                let mut owners: Vec<usize> = Vec::new();
                for i in 0..cols.len() {
                    let text: Option<String> = row.get(i + 1)?;
                    if let Some((new, by)) = text.as_deref().and_then(|t| set.rewritten(t)) {
                        cells.push((i, new));
                        owners.extend(by);
                    }
                }
                owners.sort_unstable();
                owners.dedup();
                for p in owners {
                    rows_of[p] += 1;
                }
                if !cells.is_empty() {
                    updates.push((rowid, cells));
                }
            }
        }
        if apply {
            for (rowid, cells) in &updates {
                for (i, text) in cells {
                    privacy::set_text_cell(conn, &table, &cols[*i], *rowid, text)?;
                }
            }
        }
        for (p, rows) in rows_of.into_iter().enumerate() {
            if rows > 0 {
                out[p].push(TextRewrite {
                    table: table.clone(),
                    rows,
                });
            }
        }
    }
    Ok(out)
}

/// Rows per table whose text holds the person's old name or email.
pub(super) fn count(conn: &Connection, person: &Person) -> Result<Vec<TextRewrite>> {
    let set = Replacements::new(std::slice::from_ref(person))?;
    Ok(walk(conn, &set, false)?.pop().unwrap_or_default())
}

/// Rewrites, in one pass over the text columns, the rows that hold any of the batch's old names or emails, each
/// replaced by its pseudonym; returns, per person of the batch, the rows touched per table.
pub(super) fn rewrite(conn: &Connection, set: &Replacements) -> Result<Vec<Vec<TextRewrite>>> {
    walk(conn, set, true)
}
