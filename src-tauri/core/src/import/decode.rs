//! Text encoding of an imported file. HR files come from three places: UTF-8 tools (with or without a byte-order
//! mark) and French Excel's "CSV (séparateur : point-virgule)", which writes Windows-1252.
//!
//! Invariants:
//! - a UTF-8 BOM always means UTF-8, and is removed from the text;
//! - bytes that are valid UTF-8 are read as UTF-8 (Windows-1252 text with accents is almost never valid UTF-8, and
//!   pure ASCII reads the same either way);
//! - anything else is Windows-1252, which maps every byte to a character, so decoding never fails;
//! - a forced UTF-8 encoding on bytes that are not UTF-8 is an error naming the first bad byte's line, never a silent
//!   replacement character in a person's name.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use ts_rs::TS;

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Encoding {
    /// UTF-8 starting with a byte-order mark (what Excel writes for "CSV UTF-8").
    Utf8Bom,
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// Windows-1252 (what French Excel writes for plain "CSV").
    Windows1252,
}

impl Encoding {
    /// Parses a user's spelling (`utf-8`, `utf8`, `windows-1252`, `cp1252`, `latin1`...), case-insensitively.
    pub fn parse(text: &str) -> Option<Encoding> {
        let key: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match key.as_str() {
            "utf8" => Some(Encoding::Utf8),
            "utf8bom" | "utf8sig" => Some(Encoding::Utf8Bom),
            "windows1252" | "cp1252" | "win1252" | "latin1" | "iso88591" | "ansi" => {
                Some(Encoding::Windows1252)
            }
            _ => None,
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A UTF-8 read was forced on bytes that are not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Physical line (1-based) of the first invalid byte.
    pub line: u64,
}

/// Detects the encoding (unless `forced`) and decodes the bytes to text, without the BOM.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<(Encoding, Cow<'_, str>), NotUtf8> {
    let has_bom = bytes.starts_with(BOM);
    match forced {
        Some(Encoding::Windows1252) => {
            let body = if has_bom { &bytes[BOM.len()..] } else { bytes };
            Ok((Encoding::Windows1252, windows_1252(body)))
        }
        Some(Encoding::Utf8 | Encoding::Utf8Bom) => {
            let body = if has_bom { &bytes[BOM.len()..] } else { bytes };
            let encoding = if has_bom {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            };
            utf8(body).map(|text| (encoding, text))
        }
        None if has_bom => {
            let body = &bytes[BOM.len()..];
            Ok(match utf8(body) {
                Ok(text) => (Encoding::Utf8Bom, text),
                // A BOM followed by broken UTF-8: keep the promise of the BOM, replacing only the broken bytes.
                Err(_) => (Encoding::Utf8Bom, String::from_utf8_lossy(body)),
            })
        }
        None => Ok(match std::str::from_utf8(bytes) {
            Ok(text) => (Encoding::Utf8, Cow::Borrowed(text)),
            Err(_) => (Encoding::Windows1252, windows_1252(bytes)),
        }),
    }
}

fn utf8(body: &[u8]) -> Result<Cow<'_, str>, NotUtf8> {
    std::str::from_utf8(body).map(Cow::Borrowed).map_err(|e| {
        let before = &body[..e.valid_up_to()];
        NotUtf8 {
            line: 1 + before.iter().filter(|b| **b == b'\n').count() as u64,
        }
    })
}

fn windows_1252(body: &[u8]) -> Cow<'_, str> {
    let (text, _had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_plain_utf8_and_windows_1252_are_told_apart() {
        let (enc, text) = decode(b"\xEF\xBB\xBFNom;Pr\xC3\xA9nom", None).expect("decodes");
        assert_eq!(
            (enc, text.as_ref()),
            (Encoding::Utf8Bom, "Nom;Prénom"),
            "a BOM means UTF-8 and must not end up in the first header"
        );
        let (enc, text) = decode("Hélène".as_bytes(), None).expect("decodes");
        assert_eq!(
            (enc, text.as_ref()),
            (Encoding::Utf8, "Hélène"),
            "valid UTF-8 is read as UTF-8"
        );
        let (enc, text) = decode(b"H\xE9l\xE8ne \x80 \x9C", None).expect("decodes");
        assert_eq!(
            (enc, text.as_ref()),
            (Encoding::Windows1252, "Hélène € œ"),
            "French Excel writes Windows-1252, including € and œ in 0x80-0x9F"
        );
    }

    #[test]
    fn forcing_utf8_on_latin_bytes_names_the_line() {
        let err = decode(b"a\nb\nH\xE9l\xE8ne", Some(Encoding::Utf8)).expect_err("not UTF-8");
        assert_eq!(
            err.line, 3,
            "the user must be told where the file stops being UTF-8"
        );
        let (enc, text) = decode("é".as_bytes(), Some(Encoding::Windows1252)).expect("any bytes");
        assert_eq!(
            (enc, text.as_ref()),
            (Encoding::Windows1252, "Ã©"),
            "a forced encoding is obeyed even when detection would differ"
        );
    }

    #[test]
    fn user_spellings_are_understood() {
        for (text, enc) in [
            ("UTF-8", Encoding::Utf8),
            ("cp1252", Encoding::Windows1252),
            ("Windows-1252", Encoding::Windows1252),
            ("latin1", Encoding::Windows1252),
        ] {
            assert_eq!(
                Encoding::parse(text),
                Some(enc),
                "{text} is how people name this encoding"
            );
        }
        assert_eq!(
            Encoding::parse("ebcdic"),
            None,
            "unknown encodings are refused, not guessed"
        );
    }
}
