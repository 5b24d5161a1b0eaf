//! Fuzzes the .ics importer: any bytes must give a result or a clean `invalid_ics` error, never a panic, and a dry
//! run must leave the database untouched. The importer gets the raw bytes, as the app and the CLI pass them.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use unisson_core::ical;
use unisson_core::ops::invites::{self, IcsImportOptions};
use unisson_core::store::Store;
use unisson_core::ErrorCode;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = ical::decode(data) else {
        return;
    };
    if let Err(e) = ical::parse(text) {
        assert_eq!(
            e.code(),
            ErrorCode::InvalidIcs,
            "a parse failure is an invalid_ics error: {e}"
        );
    }
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    let now = Utc
        .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let options = IcsImportOptions {
        person_email: None,
        dry_run: true,
    };
    if let Err(e) = invites::import_ics(&mut store, data, &options, now, "fuzz") {
        assert!(
            matches!(e.code(), ErrorCode::InvalidIcs | ErrorCode::Validation),
            "the importer fails cleanly: {e}"
        );
    }
});
