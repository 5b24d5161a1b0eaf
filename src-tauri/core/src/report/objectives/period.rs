//! Named periods (`2027-Q1`, `2027-03`, `2027`) and the periods of a cadence that overlap a range.

use super::Period;
use crate::error::{Error, Result};
use crate::model::Cadence;
use crate::FieldCode;
use chrono::{Datelike, Duration};

fn bad(text: &str) -> Error {
    Error::field(
        "period",
        FieldCode::InvalidPeriod,
        format!(
            "{text:?} is not a period: write 2027-Q1 (quarter), 2027-03 (month) or 2027 (year)"
        ),
    )
}

/// Parses `YYYY-Qn`, `YYYY-MM` or `YYYY` (surrounding spaces ignored; `q` in either case).
pub fn parse_period(text: &str) -> Result<Period> {
    let t = text.trim();
    let year = |y: &str| -> Result<i32> {
        if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
            y.parse().map_err(|_| bad(text))
        } else {
            Err(bad(text))
        }
    };
    let number = |n: &str| -> Result<u32> {
        if (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) {
            n.parse().map_err(|_| bad(text))
        } else {
            Err(bad(text))
        }
    };
    match t.split_once('-') {
        None => Period::year(year(t)?),
        Some((y, rest)) => match rest.strip_prefix(['Q', 'q']) {
            Some(q) => Period::quarter(year(y)?, number(q)?).map_err(|_| bad(text)),
            None => Period::month(year(y)?, number(rest)?).map_err(|_| bad(text)),
        },
    }
}

/// The cadence period containing the day `period.from`, and every following one that starts by `period.to`.
pub fn cadence_periods(period: &Period, cadence: Cadence) -> Result<Vec<Period>> {
    let mut out = Vec::new();
    let mut day = period.from;
    while day <= period.to {
        let p = match cadence {
            Cadence::Month => Period::month(day.year(), day.month())?,
            Cadence::Quarter => Period::quarter(day.year(), day.month0() / 3 + 1)?,
            Cadence::Year => Period::year(day.year())?,
        };
        day = p.to + Duration::days(1);
        out.push(p);
    }
    Ok(out)
}

/// The label of a cadence period: `2027-03`, `2027-Q1` or `2027`.
pub fn period_label(p: &Period, cadence: Cadence) -> String {
    match cadence {
        Cadence::Month => format!("{:04}-{:02}", p.from.year(), p.from.month()),
        Cadence::Quarter => format!("{:04}-Q{}", p.from.year(), p.from.month0() / 3 + 1),
        Cadence::Year => format!("{:04}", p.from.year()),
    }
}
