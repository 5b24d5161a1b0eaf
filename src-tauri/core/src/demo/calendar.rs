//! Working days and French public holidays, for placing demo activities where a real planner would.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The eleven French public holidays of `year`, with their names.
pub fn french_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let fixed = [
        (1, 1, "Jour de l'an"),
        (5, 1, "Fête du Travail"),
        (5, 8, "Victoire 1945"),
        (7, 14, "Fête nationale"),
        (8, 15, "Assomption"),
        (11, 1, "Toussaint"),
        (11, 11, "Armistice 1918"),
        (12, 25, "Noël"),
    ];
    let mut days: Vec<(NaiveDate, &'static str)> = fixed
        .iter()
        .filter_map(|&(m, d, name)| NaiveDate::from_ymd_opt(year, m, d).map(|date| (date, name)))
        .collect();
    if let Some(easter) = easter(year) {
        days.push((easter + Duration::days(1), "Lundi de Pâques"));
        days.push((easter + Duration::days(39), "Ascension"));
        days.push((easter + Duration::days(50), "Lundi de Pentecôte"));
    }
    days.sort();
    days
}

/// Whether `d` is Monday to Friday.
pub fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_matches_known_dates() {
        let known = [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28)];
        for (y, m, d) in known {
            assert_eq!(
                easter(y),
                NaiveDate::from_ymd_opt(y, m, d),
                "Easter {y} drives three public holidays"
            );
        }
    }

    #[test]
    fn eleven_holidays_a_year() {
        let days = french_holidays(2027);
        assert_eq!(days.len(), 11, "France has eleven public holidays");
        assert!(
            days.iter()
                .any(|(d, _)| *d == NaiveDate::from_ymd_opt(2027, 5, 17).unwrap_or_default()),
            "Whit Monday 2027 is 17 May"
        );
    }
}
