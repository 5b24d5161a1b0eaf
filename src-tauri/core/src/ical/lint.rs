//! The first pass of reading an .ics file: unfold it, check its structure line by line, and hand the `ical` crate a
//! normalised copy it can parse, with a map back to the user's line numbers.
//!
//! The `ical` crate's parser reports most problems without a line number and is strict where real files are not
//! (upper-case names, unknown components). This pass gives every error a physical line number and a plain sentence,
//! and the copy it produces has: one logical line per line (no folding, so the crate's trimming of folded lines
//! loses nothing), upper-case property names and component names, and only the components the crate knows (others,
//! such as `X-` components, are dropped with their content).
//!
//! Invariant: it never panics and never allocates more than a small multiple of the input.

use crate::error::{Error, Result};

/// Largest file accepted, in bytes.
pub const MAX_ICS_BYTES: usize = 16 * 1024 * 1024;

/// The normalised copy and what is needed to point back at the original.
#[derive(Debug, Default)]
pub struct Linted {
    /// Text for the `ical` crate: `\n`-separated logical lines.
    pub text: String,
    /// Physical line (1-based) of each line of `text`.
    pub origin: Vec<usize>,
    /// Per VEVENT (in order), its BEGIN line and the line of each property, by upper-case name.
    pub events: Vec<EventLines>,
}

/// Where a VEVENT and its properties are in the original file.
#[derive(Debug, Default, Clone)]
pub struct EventLines {
    /// Line of `BEGIN:VEVENT`.
    pub begin: usize,
    /// (property name, line), in file order.
    pub props: Vec<(String, usize)>,
}

impl EventLines {
    /// Line of the first property named `name`, else the event's BEGIN line.
    pub fn of(&self, name: &str) -> usize {
        self.props
            .iter()
            .find(|(n, _)| n == name)
            .map_or(self.begin, |(_, l)| *l)
    }

    /// Lines of every property named `name`, in order.
    pub fn all(&self, name: &str) -> Vec<usize> {
        self.props
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, l)| *l)
            .collect()
    }
}

/// An `Error::Ics` at `line`.
pub fn err(line: usize, message: impl Into<String>) -> Error {
    Error::Ics {
        line,
        message: message.into(),
    }
}

/// A short, printable excerpt of a line for error messages.
pub fn excerpt(s: &str) -> String {
    let short: String = s.chars().take(60).collect();
    if short.len() < s.len() {
        format!("{short:?}…")
    } else {
        format!("{short:?}")
    }
}

/// Checks that `bytes` are UTF-8 (a BOM is dropped) and returns the text; the error names the line of the first bad
/// byte.
pub fn decode(bytes: &[u8]) -> Result<&str> {
    if bytes.len() > MAX_ICS_BYTES {
        return Err(err(
            1,
            format!(
                "the file is {} bytes; at most {MAX_ICS_BYTES} are accepted",
                bytes.len()
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        err(
            line,
            "this line is not UTF-8 text (save the file as UTF-8 and try again)",
        )
    })
}

/// Components the `ical` crate parses, and where each may appear.
fn allowed(parent: Option<&str>, child: &str) -> bool {
    match parent {
        None => child == "VCALENDAR",
        Some("VCALENDAR") => matches!(
            child,
            "VEVENT" | "VTODO" | "VJOURNAL" | "VFREEBUSY" | "VTIMEZONE"
        ),
        Some("VEVENT" | "VTODO") => child == "VALARM",
        Some("VTIMEZONE") => matches!(child, "STANDARD" | "DAYLIGHT"),
        _ => false,
    }
}

/// Splits a logical line into its upper-case name, the rest (from the first `;` or `:`) and the value (after the
/// `:` that ends the parameters), checking the parameter syntax on the way.
fn split_line(line: &str, number: usize) -> Result<(String, &str, &str)> {
    let name_end = line.find([';', ':']).ok_or_else(|| {
        err(
            number,
            format!(
                "expected NAME:value, but there is no ':' in {}",
                excerpt(line)
            ),
        )
    })?;
    let name = &line[..name_end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(err(
            number,
            format!(
                "{} is not a property name (letters, digits and '-' only)",
                excerpt(name)
            ),
        ));
    }
    let rest = &line[name_end..];
    let mut chars = rest.char_indices().peekable();
    while let Some((_, ';')) = chars.peek().copied() {
        chars.next();
        let mut key = 0usize;
        while let Some((_, c)) = chars.peek().copied() {
            if c.is_ascii_alphanumeric() || c == '-' {
                key += 1;
                chars.next();
            } else {
                break;
            }
        }
        if key == 0 || chars.next().map(|(_, c)| c) != Some('=') {
            return Err(err(
                number,
                format!(
                    "parameter of {name} must look like KEY=value: {}",
                    excerpt(rest)
                ),
            ));
        }
        loop {
            if let Some((_, '"')) = chars.peek().copied() {
                chars.next();
                if !chars.by_ref().any(|(_, c)| c == '"') {
                    return Err(err(
                        number,
                        format!("a quoted parameter of {name} is never closed"),
                    ));
                }
            } else {
                while let Some((_, c)) = chars.peek().copied() {
                    if matches!(c, ';' | ':' | ',' | '"') {
                        break;
                    }
                    chars.next();
                }
            }
            match chars.peek().copied() {
                Some((_, ',')) => {
                    chars.next();
                }
                _ => break,
            }
        }
        if let Some((_, c)) = chars.peek().copied() {
            if c != ';' && c != ':' {
                return Err(err(
                    number,
                    format!("unexpected {c:?} in the parameters of {name}"),
                ));
            }
        }
    }
    match chars.next() {
        Some((i, ':')) => Ok((name.to_ascii_uppercase(), rest, &rest[i + 1..])),
        _ => Err(err(number, format!("{name} has no ':' before its value"))),
    }
}

/// Unfolds, checks and normalises `text` (see the module docs).
pub fn lint(text: &str) -> Result<Linted> {
    if text.len() > MAX_ICS_BYTES {
        return Err(err(
            1,
            format!(
                "the file is {} bytes; at most {MAX_ICS_BYTES} are accepted",
                text.len()
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Logical lines with the physical line they start on.
    let mut logical: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            match logical.last_mut() {
                Some((_, last)) => last.push_str(rest),
                None if rest.trim().is_empty() => {}
                None => return Err(err(i + 1, "the file starts with a folded (indented) line")),
            }
        } else if !raw.trim().is_empty() {
            logical.push((i + 1, raw.to_owned()));
        }
    }
    let mut out = Linted::default();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut skipping: Vec<(String, usize)> = Vec::new();
    let mut seen_calendar = false;
    for (number, line) in &logical {
        let number = *number;
        let (name, rest, value) = split_line(line, number)?;
        let value = value.trim().to_ascii_uppercase();
        let is_begin = name == "BEGIN";
        if (is_begin || name == "END")
            && (value.is_empty() || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        {
            return Err(err(
                number,
                format!("{name} needs a component name, found {}", excerpt(rest)),
            ));
        }
        if !skipping.is_empty() {
            if is_begin {
                skipping.push((value, number));
            } else if name == "END" {
                let (open, at) = skipping.pop().unwrap_or_default();
                if open != value {
                    return Err(err(
                        number,
                        format!("END:{value} does not close BEGIN:{open} from line {at}"),
                    ));
                }
            }
            continue;
        }
        if is_begin {
            let parent = stack.last().map(|(n, _)| n.as_str());
            if parent.is_none() && value != "VCALENDAR" {
                return Err(err(
                    number,
                    format!(
                        "not an iCalendar file: expected BEGIN:VCALENDAR, found {}",
                        excerpt(line)
                    ),
                ));
            }
            if !allowed(parent, &value) {
                skipping.push((value, number));
                continue;
            }
            if value == "VEVENT" {
                out.events.push(EventLines {
                    begin: number,
                    props: Vec::new(),
                });
            }
            seen_calendar = true;
            stack.push((value.clone(), number));
            out.text.push_str("BEGIN:");
            out.text.push_str(&value);
        } else if name == "END" {
            match stack.pop() {
                Some((open, _)) if open == value => {}
                Some((open, at)) => {
                    return Err(err(
                        number,
                        format!("END:{value} does not close BEGIN:{open} from line {at}"),
                    ))
                }
                None => return Err(err(number, format!("END:{value} without a matching BEGIN"))),
            }
            out.text.push_str("END:");
            out.text.push_str(&value);
        } else {
            match stack.last() {
                None => {
                    return Err(err(
                        number,
                        format!("{name} is outside BEGIN:VCALENDAR … END:VCALENDAR"),
                    ))
                }
                Some((open, _)) if open == "VEVENT" => {
                    if let Some(ev) = out.events.last_mut() {
                        ev.props.push((name.clone(), number));
                    }
                }
                Some(_) => {}
            }
            out.text.push_str(&name);
            out.text.push_str(rest);
        }
        out.text.push('\n');
        out.origin.push(number);
    }
    if let Some((open, at)) = stack.pop().or_else(|| skipping.pop()) {
        return Err(err(
            at,
            format!("BEGIN:{open} is never closed (END:{open} is missing)"),
        ));
    }
    if !seen_calendar {
        return Err(err(1, "not an iCalendar file: there is no BEGIN:VCALENDAR"));
    }
    Ok(out)
}
