//! What `synchronous=FULL` (shipped: every commit syncs the WAL) costs against `NORMAL` (a power cut may lose the last
//! commits), in wall time since the difference is waiting for the disk:
//! - applying a plan (one transaction of shadowing days) on the scale data (5,000 people, 5 years, seed 42; cached in
//!   the temp directory, shared with the report benchmark), a month per apply, the two settings alternating;
//! - 200 people added one transaction each, the worst case (one sync per small commit).
//!
//! The 5,000-person CSV import is measured under both settings by the import benchmark. Run:
//! `cargo bench -p unisson-core --bench durability` (release). Prints medians.

use chrono::{DateTime, Months, NaiveDate, TimeZone, Utc};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use unisson_core::demo::{generate, DemoOptions};
use unisson_core::model::{Department, PersonInput};
use unisson_core::ops::{people, plan};
use unisson_core::plan::planner::{PlanRequest, Weights};
use unisson_core::store::{self, OpenMode, Store, SCHEMA_VERSION};

/// Applies per setting (months of plans: 2 × this many are suggested up front).
const APPLIES: usize = 6;
/// Single-person commits per setting.
const COMMITS: usize = 200;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

/// Opens `path` with the given `synchronous` setting in place of the shipped one.
fn open(path: &Path, synchronous: &str, now: DateTime<Utc>) -> Store {
    let store = Store::open_with(path, OpenMode::CreateIfMissing, now).expect("store");
    store
        .conn()
        .pragma_update(None, "synchronous", synchronous)
        .expect("set synchronous");
    store
}

/// The scale data, generated on first use.
fn scale_data(now: DateTime<Utc>) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("unisson-bench-report");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("scale-v{SCHEMA_VERSION}.sqlite"));
    let mut store = Store::open_with(&path, OpenMode::CreateIfMissing, now).expect("scale store");
    if store::people::count(store.conn()).expect("count") == 0 {
        let t = Instant::now();
        let options = DemoOptions {
            people: 5000,
            years: 5,
            seed: 42,
        };
        let s = generate(&mut store, &options, now).expect("scale data");
        println!(
            "scale data: {} people, {} activities, generated in {:.1} s",
            s.people,
            s.activities,
            t.elapsed().as_secs_f64()
        );
    }
    path
}

fn plan_applies(path: &Path, now: DateTime<Utc>) {
    // A working copy: the cached scale data stays as generated for the other benchmarks.
    let copy = path.with_file_name("durability-plan.sqlite");
    // (The store closed after generating checkpointed its WAL into the file, so the file alone is the whole copy.)
    std::fs::copy(path, &copy).expect("copy the scale data");
    let first = NaiveDate::from_ymd_opt(2027, 1, 1).expect("first month");
    let mut plans = Vec::new();
    let reader = Store::open(&copy, now).expect("copy");
    for i in 0..2 * APPLIES {
        let from = first + Months::new(i as u32);
        let req = PlanRequest {
            from,
            to: from + Months::new(1) - chrono::Days::new(1),
            visitors: vec![Department::Marketing],
            hosts: vec![Department::Sales, Department::Crc],
            per_visitor: 1,
            half_days: false,
            cross_site: false,
            seed: 1,
            weights: Weights::default(),
        };
        let p = plan::suggest(&reader, &req, now, &AtomicBool::new(false), &mut |_| {})
            .expect("suggest");
        plans.push(p);
    }
    drop(reader);
    let (mut full, mut normal) = (Vec::new(), Vec::new());
    let mut created = 0;
    for (i, p) in plans.iter().enumerate() {
        let setting = if i % 2 == 0 { "FULL" } else { "NORMAL" };
        let mut store = open(&copy, setting, now);
        let t = Instant::now();
        let applied = plan::apply(&mut store, p, now, "bench").expect("apply");
        let took = t.elapsed();
        created += applied.created.len();
        if i % 2 == 0 {
            full.push(took);
        } else {
            normal.push(took);
        }
    }
    let _ = std::fs::remove_file(&copy);
    println!(
        "plan apply on the scale data, {} shadowing days per apply on average, median of {APPLIES}:",
        created / (2 * APPLIES)
    );
    println!("  synchronous=FULL   {:>8.1} ms", median(full));
    println!("  synchronous=NORMAL {:>8.1} ms", median(normal));
}

fn single_commits(now: DateTime<Utc>) {
    let mut medians = Vec::new();
    for setting in ["FULL", "NORMAL"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = open(&dir.path().join("commits.sqlite"), setting, now);
        let mut times = Vec::new();
        for i in 0..COMMITS {
            let input = PersonInput {
                full_name: format!("Hélène Dupré {i}"),
                email: format!("p{i}@exemple.fr"),
                department: Department::Sales,
                team: "Ventes".into(),
                site_id: None,
                manager_id: None,
                active: true,
            };
            let t = Instant::now();
            people::add(&mut store, &input, now, "bench").expect("add");
            times.push(t.elapsed());
        }
        medians.push((setting, median(times)));
    }
    println!("one person added per transaction, median of {COMMITS}:");
    for (setting, ms) in medians {
        println!("  synchronous={setting:<6} {ms:>8.2} ms");
    }
}

fn main() {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
        .single()
        .expect("fixed now");
    single_commits(now);
    plan_applies(&scale_data(now), now);
}
