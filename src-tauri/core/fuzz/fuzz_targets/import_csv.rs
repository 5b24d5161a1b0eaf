//! Feeds arbitrary bytes and options through the CSV people import's reader and mapper (`import::plan`, the same
//! entry point as the preview and the import), against a small stored directory. Property: no panic, and every
//! problem found carries a code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unisson_core::import::{plan, Delimiter, Encoding, ImportField, ImportOptions, Snapshot};
use unisson_core::model::{Department, PersonRow};

fn snapshot() -> Snapshot {
    let person = |id: i64, name: &str, email: &str, manager: Option<i64>| PersonRow {
        id,
        full_name: name.into(),
        email: email.into(),
        department: Department::Sales,
        team: "Ventes".into(),
        site_id: Some(1),
        site_name: Some("Paris".into()),
        manager_id: manager,
        manager_name: None,
        active: true,
        anonymised: false,
    };
    Snapshot {
        people: vec![person(1, "Hélène Dupré", "h@ex.fr", None), person(2, "Jean Martin", "j@ex.fr", Some(1))],
        sites: vec![(1, "Paris".into())],
        ..Snapshot::default()
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, so the fuzzer explores forced encodings, delimiters and mappings too.
    let (flags, bytes) = data.split_first().map_or((0, data), |(f, rest)| (*f, rest));
    let options = ImportOptions {
        encoding: [None, Some(Encoding::Utf8), Some(Encoding::Windows1252)][usize::from(flags & 3) % 3],
        delimiter: [None, Some(Delimiter::Semicolon), Some(Delimiter::Comma), Some(Delimiter::Tab)]
            [usize::from((flags >> 2) & 3)],
        mapping: (flags & 16 != 0).then(|| {
            ImportField::ALL.iter().map(|f| Some(*f)).chain([None]).cycle().take(usize::from(flags >> 5)).collect()
        }),
        strict: flags & 32 != 0,
        create_missing: flags & 64 != 0,
        deactivate_missing: flags & 128 != 0,
    };
    let plan = plan(bytes, &options, &snapshot());
    assert!(plan.report.errors.iter().all(|e| !e.code.is_empty()));
});
