//! Report benchmark on the scale data set (5,000 people, 5 years, ~900k participations, seed 42):
//! - the participation summary by team over one year (target < 100 ms);
//! - a bare `SELECT count(*) FROM participations` scan, the floor any report over the table sits on;
//!
//! and the ratio of the two.
//!
//! Run: `cargo bench -p unisson-core --bench report` (release). Prints the median and p95 of each, in thread CPU time
//! (stable when the machine is busy) and in wall time. The data set is cached in the temp directory; an older
//! cached copy (e.g. the scheduling benchmark's) is copied and migrated rather than generated again.

use chrono::{TimeZone, Utc};
use cpu_time::ThreadTime;
use std::path::{Path, PathBuf};
use std::time::Instant;
use unisson_core::demo::{generate, DemoOptions};
use unisson_core::report::participation::summary;
use unisson_core::report::{GroupBy, Period};
use unisson_core::store::report::participation_count;
use unisson_core::store::{people, OpenMode, Store, SCHEMA_VERSION};

fn stats(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    (
        samples[samples.len() / 2],
        samples[samples.len() * 95 / 100],
    )
}

/// Runs `f` `n` times; returns the CPU and wall medians and p95s in milliseconds.
fn measure<T>(n: usize, mut f: impl FnMut() -> T) -> ((f64, f64), (f64, f64)) {
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let (c, w) = (ThreadTime::now(), Instant::now());
        std::hint::black_box(f());
        cpu.push(c.elapsed().as_secs_f64() * 1e3);
        wall.push(w.elapsed().as_secs_f64() * 1e3);
    }
    (stats(cpu), stats(wall))
}

/// The newest cached scale file of an older schema, in this benchmark's or the scheduling benchmark's folder.
fn older_copy(dirs: &[PathBuf]) -> Option<PathBuf> {
    (1..SCHEMA_VERSION).rev().find_map(|v| {
        dirs.iter()
            .map(|d| d.join(format!("scale-v{v}.sqlite")))
            .find(|p| p.exists())
    })
}

fn open(path: &Path, now: chrono::DateTime<Utc>) -> Store {
    let store = Store::open_with(path, OpenMode::CreateIfMissing, now).expect("store");
    if let Some(backup) = store.backup_path() {
        // The cache is rebuilt from a seed; the migration backup of a copy is only disk space.
        let _ = std::fs::remove_file(backup);
    }
    store
}

fn main() {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
        .single()
        .expect("fixed now");
    let tmp = std::env::temp_dir();
    let dir = tmp.join("unisson-bench-report");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("scale-v{SCHEMA_VERSION}.sqlite"));
    if !path.exists() {
        let same = tmp
            .join("unisson-bench-schedule")
            .join(format!("scale-v{SCHEMA_VERSION}.sqlite"));
        let source = if same.exists() {
            Some(same)
        } else {
            older_copy(&[dir.clone(), tmp.join("unisson-bench-schedule")])
        };
        if let Some(source) = source {
            std::fs::copy(&source, &path).expect("copy the cached scale data");
            println!("scale data copied from {}", source.display());
        }
    }
    let mut store = open(&path, now);
    if people::count(store.conn()).expect("count") == 0 {
        let t = Instant::now();
        let s = generate(
            &mut store,
            &DemoOptions {
                people: 5000,
                years: 5,
                seed: 42,
            },
            now,
        )
        .expect("scale data");
        println!(
            "scale data: {} people, {} activities, {} participations, generated in {:.1} s",
            s.people,
            s.activities,
            s.participations,
            t.elapsed().as_secs_f64()
        );
    }
    let total = participation_count(store.conn()).expect("count");
    let year = Period::year(2025).expect("2025");
    let rows = summary(&store, &year, GroupBy::Team).expect("summary");
    let exchanges: i64 = rows.iter().map(|r| r.exchanges).sum();
    println!(
        "{total} participations; 2025 by team: {} teams, {exchanges} exchanges",
        rows.len()
    );

    // Warm the page cache as an app that has just shown a report has.
    summary(&store, &year, GroupBy::Team).expect("warm");
    let ((cm, cp), (wm, wp)) = measure(20, || {
        summary(&store, &year, GroupBy::Team).expect("summary")
    });
    println!(
        "participation summary by team, one year: CPU median {cm:.1} ms, p95 {cp:.1} ms; wall median {wm:.1} ms, p95 {wp:.1} ms (target < 100 ms)"
    );
    let ((qm, _), _) = measure(20, || {
        let mut n = 0_i64;
        unisson_core::store::report::scan(
            store.conn(),
            "2025-01-02T00:00:00Z",
            "2025-12-31T00:00:00Z",
            |_| n += 1,
        )
        .expect("scan");
        n
    });
    let ((lm, _), _) = measure(20, || {
        unisson_core::store::report::people(store.conn()).expect("people")
    });
    println!(
        "  of which: reading the year's participations {qm:.1} ms, people {lm:.1} ms (CPU medians)"
    );
    let ((sm, sp), (swm, swp)) = measure(20, || participation_count(store.conn()).expect("count"));
    println!(
        "SELECT count(*) FROM participations: CPU median {sm:.1} ms, p95 {sp:.1} ms; wall median {swm:.1} ms, p95 {swp:.1} ms"
    );
    // count(*) only walks b-tree pages (SQLite counts cells without decoding rows); this touches every row.
    let ((dm, _), _) = measure(10, || {
        store
            .conn()
            .query_row("SELECT sum(length(status)) FROM participations", [], |r| {
                r.get::<_, i64>(0)
            })
            .expect("scan")
    });
    println!(
        "a scan decoding every participation row (sum(length(status))): CPU median {dm:.1} ms"
    );
    println!(
        "ratio summary / bare scan (CPU medians): {:.2}",
        cm / sm.max(1e-9)
    );
    others(&mut store, &year, now);
}

/// The other HR pages' reports on the same data: what a click on Reports, Objectives or Debriefs costs.
fn others(store: &mut Store, year: &Period, now: chrono::DateTime<Utc>) {
    use unisson_core::model::Language;
    use unisson_core::report::{debriefs, insights, objectives, trends};
    if unisson_core::ops::objectives::list(store)
        .expect("objectives")
        .is_empty()
    {
        unisson_core::ops::objectives::add_examples(store, Language::Fr, year.from, now, "bench")
            .expect("the four example objectives");
    }
    let quarter = Period::quarter(2025, 1).expect("2025-Q1");
    let debriefs: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM debriefs", [], |r| r.get(0))
        .expect("count");
    // A scale file cached before the demo wrote debriefs has none: the insights figure is then only the floor.
    println!("{debriefs} debriefs in the data set");
    let line = |name: &str, ((m, p), _): ((f64, f64), (f64, f64))| {
        println!("{name}: CPU median {m:.1} ms, p95 {p:.1} ms");
    };
    line(
        "objectives (4 examples), one quarter",
        measure(5, || {
            objectives::evaluate(store, &quarter, now).expect("objectives")
        }),
    );
    line(
        "trends by month, one year",
        measure(5, || {
            trends::trends(store, year, trends::TrendStep::Month).expect("trends")
        }),
    );
    line(
        "debrief completion by team, one year",
        measure(5, || {
            debriefs::completion(store, year, GroupBy::Team).expect("completion")
        }),
    );
    line(
        "offer insights, one quarter",
        measure(5, || {
            insights::insights(store, &quarter, None).expect("insights")
        }),
    );
}
