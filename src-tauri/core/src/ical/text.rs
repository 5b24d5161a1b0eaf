//! Content-line hygiene: cleaning free text, TEXT escaping, parameter quoting (RFC 6868) and folding at 75 octets.
//!
//! Invariants of what these functions produce:
//! - [`clean_text`] output has no control character except `\n`, no blank run longer than [`MAX_BLANK_RUN`], no
//!   surrounding whitespace and no leading `:`; it is the *canonical form* that every parser we test with (the `ical`
//!   crate, Python `icalendar`, `ical.js`) reads back unchanged;
//! - an escaped TEXT value or a quoted parameter never contains a raw CR, LF, or an unescaped `"`, so no name or title
//!   can start a property line of its own;
//! - [`fold_into`] writes physical lines of at most 75 octets ending in CRLF, never splits a UTF-8 character, and
//!   never ends a physical line with whitespace (naive unfolders such as the `ical` crate trim it away).

/// Longest run of blanks (spaces, tabs, other Unicode spaces) that [`clean_text`] keeps; longer runs are cut to this.
/// A run must fit in one folded line for naive unfolders, which trim blanks at the end of each physical line.
pub const MAX_BLANK_RUN: usize = 16;

/// Longest physical line, in octets, CRLF excluded (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// The canonical form of a free-text value (title, name, place, description).
///
/// Line breaks (`\r\n`, `\r`, U+2028, U+2029) become `\n`; other control characters are dropped; blank runs are cut
/// to [`MAX_BLANK_RUN`]; whitespace and `:` are trimmed from the start and whitespace from the end. The `ical` crate
/// drops a value's leading colons and trailing blanks, so a value keeping them would read differently there than in
/// Outlook.
pub fn clean_text(s: &str) -> String {
    clean_cow(s).into_owned()
}

/// Whether `s` is already in [`clean_text`] form (the common case, checked without allocating).
fn is_clean(s: &str) -> bool {
    let mut blanks = 0usize;
    for c in s.chars() {
        if c.is_control() && c != '\n' || c == '\u{2028}' || c == '\u{2029}' {
            return false;
        }
        if c != '\n' && c.is_whitespace() {
            blanks += 1;
            if blanks > MAX_BLANK_RUN {
                return false;
            }
        } else {
            blanks = 0;
        }
    }
    !s.starts_with(|c: char| c == ':' || c.is_whitespace()) && !s.ends_with(char::is_whitespace)
}

/// [`clean_text`], borrowing when nothing needs to change.
fn clean_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_clean(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut blanks = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                '\n'
            }
            '\u{2028}' | '\u{2029}' => '\n',
            c => c,
        };
        if c != '\n' && c.is_control() {
            continue;
        }
        if c != '\n' && c.is_whitespace() {
            blanks += 1;
            if blanks > MAX_BLANK_RUN {
                continue;
            }
        } else {
            blanks = 0;
        }
        out.push(c);
    }
    let trimmed = out
        .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
        .trim_end();
    if trimmed.len() == out.len() {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Owned(trimmed.to_owned())
    }
}

/// Appends `s` as an RFC 5545 TEXT value: [`clean_text`], then `\` `;` `,` escaped and newlines written as `\n`.
pub fn escape_text_into(out: &mut String, s: &str) {
    let cleaned = clean_cow(s);
    if !cleaned.contains(['\\', ';', ',', '\n']) {
        out.push_str(&cleaned);
        return;
    }
    for c in cleaned.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

/// `s` as an RFC 5545 TEXT value (see [`escape_text_into`]).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_text_into(&mut out, s);
    out
}

/// Reads a TEXT value back: `\\`, `\;`, `\,`, `\n`/`\N`; an unknown escape keeps the character after the backslash.
pub fn unescape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Appends `s` as a double-quoted parameter value (e.g. a CN): [`clean_text`], then RFC 6868 (`^` → `^^`, `"` →
/// `^'`, newline → `^n`). Always quoted, so `:` `;` `,` inside a name are harmless.
pub fn quote_param_into(out: &mut String, s: &str) {
    out.push('"');
    let cleaned = clean_cow(s);
    if !cleaned.contains(['^', '"', '\n']) {
        out.push_str(&cleaned);
        out.push('"');
        return;
    }
    for c in cleaned.chars() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\n' => out.push_str("^n"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Decodes an RFC 6868 parameter value (`^^`, `^'`, `^n`); surrounding quotes, if still there, are removed.
pub fn decode_param(s: &str) -> String {
    let s = s
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '^' {
            match chars.peek() {
                Some('^') => {
                    chars.next();
                    out.push('^');
                }
                Some('\'') => {
                    chars.next();
                    out.push('"');
                }
                Some('n' | 'N') => {
                    chars.next();
                    out.push('\n');
                }
                _ => out.push('^'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Appends one logical content line to `out`, folded (RFC 5545 §3.1) and terminated by CRLF.
///
/// Physical lines hold at most [`MAX_LINE_OCTETS`] octets (the leading space of a continuation included), break only
/// between characters, and prefer a break that does not leave whitespace at the end of a physical line.
pub fn fold_into(out: &mut String, line: &str) {
    if line.len() <= MAX_LINE_OCTETS {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
    let mut start = 0usize;
    let mut room = MAX_LINE_OCTETS;
    while line.len() - start > room {
        let mut cut = start + room;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut best = cut;
        while best > start {
            match line[start..best].chars().next_back() {
                Some(c) if c.is_whitespace() => best -= c.len_utf8(),
                _ => break,
            }
        }
        if best > start {
            cut = best;
        }
        out.push_str(&line[start..cut]);
        out.push_str("\r\n ");
        start = cut;
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

/// Undoes [`fold_into`] and splits into logical lines (for tests and the importer's line map).
pub fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            if let Some(last) = lines.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        if !raw.is_empty() {
            lines.push(raw.to_owned());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = String::new();
        fold_into(&mut out, line);
        out
    }

    #[test]
    fn escaping_covers_the_four_text_specials() {
        assert_eq!(
            escape_text("a\\b;c,d\ne"),
            "a\\\\b\\;c\\,d\\ne",
            "RFC 5545 §3.3.11 escapes backslash, semicolon, comma and newline"
        );
        assert_eq!(
            unescape_text(&escape_text("a\\b;c,d\ne")),
            "a\\b;c,d\ne",
            "unescaping must give the text back"
        );
    }

    #[test]
    fn control_characters_and_carriage_returns_never_survive() {
        let dirty = "Ti\u{0}tle\r\nATTENDEE:mailto:evil@example.com\u{7}\rend\u{2028}x";
        let escaped = escape_text(dirty);
        assert!(
            !escaped.contains('\r') && !escaped.contains('\n'),
            "a raw line break would let a title inject a property line: {escaped:?}"
        );
        assert_eq!(
            clean_text(dirty),
            "Title\nATTENDEE:mailto:evil@example.com\nend\nx",
            "line breaks become \\n, other controls disappear"
        );
    }

    #[test]
    fn clean_text_trims_blanks_and_leading_colons() {
        assert_eq!(
            clean_text("  :: Réunion  "),
            "Réunion",
            "leading colons are lost by the ical crate, so none are written"
        );
        let long_gap = format!("a{}b", " ".repeat(40));
        assert_eq!(
            clean_text(&long_gap),
            format!("a{}b", " ".repeat(MAX_BLANK_RUN)),
            "a blank run must fit in one folded line"
        );
    }

    #[test]
    fn parameters_use_rfc_6868() {
        let mut out = String::new();
        quote_param_into(&mut out, "Jo \"Le Boss\" ^_^\nDupont; Paris: Nord, Est");
        assert_eq!(
            out, "\"Jo ^'Le Boss^' ^^_^^^nDupont; Paris: Nord, Est\"",
            "quotes, carets and newlines are RFC 6868-encoded inside a quoted value"
        );
        assert_eq!(
            decode_param(&out),
            "Jo \"Le Boss\" ^_^\nDupont; Paris: Nord, Est",
            "decoding gives the name back"
        );
    }

    #[test]
    fn folding_counts_octets_and_never_splits_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(100));
        let out = folded(&line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= MAX_LINE_OCTETS,
                "a physical line of {} octets breaks strict parsers",
                physical.len()
            );
        }
        assert_eq!(
            unfold(&out),
            vec![line],
            "unfolding must restore the logical line exactly"
        );
    }

    #[test]
    fn folding_avoids_trailing_whitespace_on_a_physical_line() {
        let line = format!("DESCRIPTION:{} {}", "x".repeat(62), "y".repeat(30));
        let out = folded(&line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                !physical.ends_with(' '),
                "the ical crate trims a physical line's trailing blanks, losing a space: {physical:?}"
            );
        }
        assert_eq!(unfold(&out), vec![line], "the text survives unfolding");
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(
            folded("VERSION:2.0"),
            "VERSION:2.0\r\n",
            "a short line only gets its CRLF"
        );
    }
}
