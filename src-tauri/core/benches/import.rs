//! Benchmark: 5,000 people imported and validated in one transaction (target: under 1 s), on a fixed synthetic file
//! (French headers, Windows-1252-free UTF-8 with BOM, `;`, every person with a site, a team and a manager, 1 in 50
//! a manager), into a file-backed database as the app uses. Also times the preview and a re-import that changes
//! nothing. The import is timed under the shipped `synchronous=FULL` and under `NORMAL`, for the cost of durability.
//! Run: `cargo bench -p unisson-core --bench import`.

use chrono::{DateTime, Utc};
use std::time::{Duration, Instant};
use unisson_core::import::ImportOptions;
use unisson_core::ops::import;
use unisson_core::store::{OpenMode, Store};

const PEOPLE: usize = 5_000;
/// Imports per `synchronous` setting.
const RUNS: usize = 7;

/// The synthetic HR file: deterministic, so every run measures the same work.
fn file() -> Vec<u8> {
    let mut text = String::from(
        "\u{feff}Nom;Prénom;E-mail;Service;Équipe;Établissement;Responsable;Actif\r\n",
    );
    let services = ["Marketing", "Ventes", "Relation client", "Commercial"];
    let sites = ["Siège Paris", "CRC Lyon", "Agence Bordeaux"];
    for i in 0..PEOPLE {
        let manager = if i % 50 == 0 {
            String::new()
        } else {
            format!("p{:05}@exemple.fr", i - i % 50)
        };
        text.push_str(&format!(
            "Lefèvre-{i};Hélène;p{i:05}@exemple.fr;{};Équipe {};{};{manager};oui\r\n",
            services[i % 4],
            i % 40,
            sites[i % 3],
        ));
    }
    text.into_bytes()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
        .map(|d| d.to_utc())
        .expect("fixed instant");
    let bytes = file();
    let options = ImportOptions {
        create_missing: true,
        ..Default::default()
    };
    let (mut preview, mut again) = (Vec::new(), Vec::new());
    let (mut full, mut normal) = (Vec::new(), Vec::new());
    for run in 0..2 * RUNS {
        // The shipped setting and the one it replaced, alternating, so a busy spell of the machine hits both.
        let setting = if run % 2 == 0 { "FULL" } else { "NORMAL" };
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store =
            Store::open_with(&dir.path().join("bench.sqlite"), OpenMode::CreateNew, now)
                .expect("store");
        store
            .conn()
            .pragma_update(None, "synchronous", setting)
            .expect("synchronous");
        let started = Instant::now();
        let report = import::preview(&store, &bytes, &options).expect("preview");
        preview.push(started.elapsed());
        assert_eq!(
            report.created,
            PEOPLE,
            "the bench file is valid: {:?}",
            report.errors.first()
        );
        let started = Instant::now();
        let report = import::people(&mut store, &bytes, &options, now, "bench", &mut |_, _| {})
            .expect("import");
        if run % 2 == 0 {
            full.push(started.elapsed());
        } else {
            normal.push(started.elapsed());
        }
        assert_eq!(
            report.created, PEOPLE,
            "every line is created in the one transaction"
        );
        let started = Instant::now();
        let report = import::people(&mut store, &bytes, &options, now, "bench", &mut |_, _| {})
            .expect("again");
        again.push(started.elapsed());
        assert_eq!(
            report.unchanged, PEOPLE,
            "importing the same file again changes nothing"
        );
    }
    println!("import bench: {PEOPLE} people, medians ({RUNS} imports per synchronous setting)");
    println!(
        "  preview (parse + validate, no write): {:>8.1} ms",
        median(preview).as_secs_f64() * 1e3
    );
    println!(
        "  import  (validate + write + audit), synchronous=FULL (shipped): {:>8.1} ms",
        median(full).as_secs_f64() * 1e3
    );
    println!(
        "  import  (validate + write + audit), synchronous=NORMAL:         {:>8.1} ms",
        median(normal).as_secs_f64() * 1e3
    );
    println!(
        "  re-import of the same file (no-op):   {:>8.1} ms",
        median(again).as_secs_f64() * 1e3
    );
}
