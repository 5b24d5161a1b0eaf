//! Trends: points that tile the period (months, ISO weeks across a year end), figures equal to the participation
//! summary of each point's days (itself checked against an independent count in `tests`), the month/week boundary
//! in local time on hand-built edge cases, drill-down of a point, and the CSV.

use super::csv::{
    participation_csv, participation_csv_labelled, trends_csv, PARTICIPATION_HEADER, TRENDS_HEADER,
};
use super::edge_tests::world;
use super::participation::{evidence_everyone, summary, ParticipationRow};
use super::trends::{points, trends, TrendPoint, TrendStep, MAX_POINTS};
use super::{GroupBy, Metric, Period};
use crate::demo::{generate, DemoOptions};
use crate::store::Store;
use crate::testkit::{at, day};
use chrono::{Datelike, Duration, Weekday};
use std::collections::BTreeMap;

fn demo() -> Store {
    let now = at("2026-11-27T10:00:00Z");
    let mut store = Store::open_in_memory().expect("store");
    generate(&mut store, &DemoOptions::default(), now).expect("demo");
    store
}

#[test]
fn points_tile_the_period_by_month_and_by_iso_week() {
    let period = Period::new(day("2026-01-15"), day("2026-04-10")).expect("period");
    let months = points(&period, TrendStep::Month).expect("months");
    let labels: Vec<&str> = months.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        ["2026-01", "2026-02", "2026-03", "2026-04"],
        "one point per calendar month touched by the period"
    );
    for step in [TrendStep::Month, TrendStep::Week] {
        let list = points(&period, step).expect("points");
        assert_eq!(
            list.first().map(|(_, p)| p.from),
            Some(period.from),
            "the first point starts on the period's first day ({step:?})"
        );
        assert_eq!(
            list.last().map(|(_, p)| p.to),
            Some(period.to),
            "the last point ends on the period's last day ({step:?})"
        );
        for pair in list.windows(2) {
            assert_eq!(
                pair[0].1.to + Duration::days(1),
                pair[1].1.from,
                "points follow each other with no gap and no overlap ({step:?})"
            );
        }
    }
    for (_, week) in points(&period, TrendStep::Week)
        .expect("weeks")
        .iter()
        .skip(1)
    {
        assert_eq!(
            week.from.weekday(),
            Weekday::Mon,
            "every week but a cut first one starts on a Monday"
        );
    }

    let new_year = Period::new(day("2026-12-28"), day("2027-01-10")).expect("period");
    let weeks = points(&new_year, TrendStep::Week).expect("weeks");
    let labels: Vec<&str> = weeks.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        ["2026-W53", "2027-W01"],
        "1–3 January 2027 are in ISO week 53 of 2026, labelled with the ISO year, not the calendar year"
    );
    assert_eq!(
        weeks[0].1.to,
        day("2027-01-03"),
        "an ISO week ends on a Sunday, across the year end"
    );

    let decade = Period::new(day("2020-01-01"), day("2029-12-31")).expect("decade");
    assert!(
        points(&decade, TrendStep::Week).is_err(),
        "over {MAX_POINTS} points is refused, not scanned"
    );
    assert_eq!(
        points(&decade, TrendStep::Month).expect("months").len(),
        120,
        "a decade by month is 120 points"
    );
}

/// The sum of a summary's rows, as one row for everyone.
fn total(rows: &[ParticipationRow]) -> [i64; 9] {
    rows.iter().fold([0; 9], |mut t, r| {
        let figures = [
            r.active_people,
            r.participants,
            r.exchanges,
            r.shadowing_visitor,
            r.shadowing_host,
            r.trainings_attended,
            r.training_no_shows,
            r.briefs_attended,
            r.colocation_days,
        ];
        for (a, b) in t.iter_mut().zip(figures) {
            *a += b;
        }
        t
    })
}

fn figures(p: &TrendPoint) -> [i64; 9] {
    [
        p.active_people,
        p.participants,
        p.exchanges,
        p.shadowing_visitor,
        p.shadowing_host,
        p.trainings_attended,
        p.training_no_shows,
        p.briefs_attended,
        p.colocation_days,
    ]
}

#[test]
fn each_point_is_the_summary_of_its_days_and_points_add_up_on_the_demo() {
    let store = demo();
    let period = Period::new(day("2026-09-01"), day("2027-02-28")).expect("the demo's span");
    let whole = total(&summary(&store, &period, GroupBy::Team).expect("summary"));
    assert!(
        whole[2] > 0,
        "the demo has exchanges in the period, or this test proves nothing"
    );
    for step in [TrendStep::Month, TrendStep::Week] {
        let trend = trends(&store, &period, step).expect("trend");
        for point in &trend {
            let days = Period::new(point.from, point.to).expect("days");
            let by_department = summary(&store, &days, GroupBy::Department).expect("summary");
            assert_eq!(
                figures(point),
                total(&by_department),
                "{} must hold the summary's figures over its own days, everyone together",
                point.label
            );
            let rate = point
                .participation_rate
                .expect("the demo has active people");
            assert!(
                (rate - point.participants as f64 / point.active_people as f64).abs() < 1e-12,
                "{}'s rate is its participants over the people active today",
                point.label
            );
            assert_eq!(
                evidence_everyone(&store, Metric::Exchanges, &days)
                    .expect("evidence")
                    .len() as i64,
                point.exchanges,
                "the drill-down of {} lists as many exchanges as the point counts",
                point.label
            );
        }
        for (i, name) in [
            "exchanges",
            "shadowing visits",
            "hostings",
            "trainings",
            "no-shows",
            "briefs",
            "co-location days",
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(
                trend.iter().map(|p| figures(p)[i + 2]).sum::<i64>(),
                whole[i + 2],
                "the {name} of the points ({step:?}) add up to the whole period's: each activity is in exactly one point"
            );
        }
    }
}

#[test]
fn the_month_and_week_of_an_activity_are_those_of_its_local_start() {
    let (w, _) = world();
    let spring = Period::new(day("2026-03-01"), day("2026-04-30")).expect("spring");
    let months = trends(&w.store, &spring, TrendStep::Month).expect("months");
    let march = &months[0];
    let april = &months[1];
    assert_eq!(
        (march.exchanges, march.participants, march.active_people),
        (6, 2, 3),
        "March: the marketer's two visits and brief, the seller's hosting and two trainings (the 23:00 one of 31 March \
         included); not the cancelled day, the no-show or the excused absence; the CRC agent took no part"
    );
    assert_eq!(
        (april.exchanges, april.participants, april.shadowing_visitor),
        (1, 1, 0),
        "April: only the co-location of 00:30 on 1 April (Paris), although it is 31 March in UTC; the planned day has \
         not taken place"
    );
    let weeks = trends(&w.store, &spring, TrendStep::Week).expect("weeks");
    let w14 = weeks
        .iter()
        .find(|p| p.label == "2026-W14")
        .expect("the week of 30 March");
    assert_eq!(
        (
            w14.trainings_attended,
            w14.colocation_days,
            w14.participants
        ),
        (1, 1, 2),
        "the week of 30 March holds both the training of 31 March and the co-location of 1 April"
    );
}

#[test]
fn csv_headers_are_english_fields_for_the_cli_and_the_callers_labels_for_the_app() {
    let store = demo();
    let period = Period::month(2026, 11).expect("November");
    let rows = summary(&store, &period, GroupBy::Department).expect("summary");
    let english = participation_csv(&rows).expect("csv");
    assert!(
        english.starts_with("\u{feff}group;activePeople;participants;participationRate;"),
        "the CLI's CSV keeps the JSON field names: {english:.80}"
    );
    let labels = [
        "Groupe",
        "Personnes actives",
        "Participants",
        "Taux de participation",
        "Vis ma vie (visiteur)",
        "Vis ma vie (hôte)",
        "Formations suivies",
        "Absences non excusées",
        "Briefs suivis",
        "=Jours de co-location",
    ];
    // Given in reverse order: the labels go by field name, not by position.
    let french: BTreeMap<String, String> = PARTICIPATION_HEADER
        .iter()
        .zip(labels)
        .rev()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let labelled = participation_csv_labelled(&rows, &french).expect("csv");
    let mut lines = labelled.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}Groupe;Personnes actives;Participants;Taux de participation;Vis ma vie (visiteur);Vis ma vie (hôte);Formations suivies;Absences non excusées;Briefs suivis;'=Jours de co-location"),
        "the app's CSV has the labels it passed, in order, neutralised like every cell"
    );
    assert_eq!(
        lines.collect::<Vec<_>>(),
        english.lines().skip(1).collect::<Vec<_>>(),
        "only the header changes with the language, never the figures"
    );
    let mut short = french.clone();
    short.remove("briefsAttended");
    assert!(
        participation_csv_labelled(&rows, &short).is_err(),
        "a header missing a label is refused rather than leaving a column unnamed"
    );
    let mut typo = french.clone();
    typo.insert("briefAttended".into(), "Briefs".into());
    assert!(
        participation_csv_labelled(&rows, &typo).is_err(),
        "a label for a column the CSV does not have is refused (a typo would otherwise go unnoticed)"
    );

    let trend = trends(&store, &period, TrendStep::Week).expect("trend");
    let csv = trends_csv(&trend).expect("csv");
    assert_eq!(
        csv.lines().next(),
        Some(format!("\u{feff}{}", TRENDS_HEADER.join(";")).as_str()),
        "the trend CSV's header is its JSON field names"
    );
    assert_eq!(csv.lines().count(), trend.len() + 1, "one line per point");
}
