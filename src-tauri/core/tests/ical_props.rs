//! Property tests of the .ics writer and reader.
//!
//! - Any text in a name, a title, a place or a description, once written, parses back with the `ical` crate (read
//!   raw, as a naive client would) to its `clean_text` form, in lines of at most 75 octets, and never adds a property.
//! - Any text fed to the importer gives a clean `invalid_ics` error or a result, never a panic (the same input space
//!   as the cargo-fuzz target in `fuzz/`, which needs a nightly toolchain).

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use unisson_core::ical::{
    self, Address, Attendee, AttendeeRole, Calendar, Event, EventStatus, Method, PartStat, When,
    ZoneCache,
};
use unisson_core::ops::invites::{self, IcsImportOptions};
use unisson_core::store::Store;

fn write(title: &str, name: &str, place: &str, description: &str) -> String {
    let start = Utc
        .with_ymd_and_hms(2025, 3, 30, 7, 0, 0)
        .single()
        .expect("instant");
    let event = Event {
        uid: "prop@test",
        sequence: 0,
        stamp: start,
        created: None,
        last_modified: None,
        zone: chrono_tz::Europe::Paris,
        start: When::At(start),
        end: When::At(start + chrono::Duration::hours(1)),
        summary: title,
        location: place,
        description,
        status: EventStatus::Confirmed,
        categories: vec!["Brief"],
        organizer: Some(Address {
            name,
            email: "org@exemple.fr",
        }),
        attendees: vec![Attendee {
            address: Address {
                name,
                email: "a@exemple.fr",
            },
            role: AttendeeRole::Required,
            partstat: Some(PartStat::NeedsAction),
            rsvp: true,
        }],
        alarm: None,
        rrule: None,
        exdates: Vec::new(),
        recurrence_id: None,
    };
    ical::write_calendar(
        &Calendar {
            method: Method::Request,
            name: None,
            events: vec![event],
        },
        &mut ZoneCache::new(),
    )
    .expect("any text can be written")
}

/// Text with the characters that break calendars: specials, quotes, carets, line breaks, controls, emoji, accents.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("\\".to_owned()),
                Just(";".to_owned()),
                Just(",".to_owned()),
                Just(":".to_owned()),
                Just("\"".to_owned()),
                Just("^".to_owned()),
                Just("\n".to_owned()),
                Just("\r\n".to_owned()),
                Just("\r".to_owned()),
                Just(" ".to_owned()),
                Just("\t".to_owned()),
                Just("é".to_owned()),
                Just("🚀".to_owned()),
                Just("\u{0}".to_owned()),
                Just("\u{2028}".to_owned()),
                Just("ATTENDEE:mailto:x@y.z".to_owned()),
                "[a-zA-Z0-9 ]{0,12}",
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn lines_ok(text: &str) -> Result<(), TestCaseError> {
    for line in text.split_inclusive('\n') {
        prop_assert!(
            line.ends_with("\r\n"),
            "every line must end in CRLF: {:?}",
            line
        );
        prop_assert!(
            line.len() - 2 <= 75,
            "a line of {} octets breaks strict clients: {:?}",
            line.len() - 2,
            line
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_round_trips_through_the_ical_crate(title in nasty(), name in nasty(), place in nasty(), description in nasty()) {
        let text = write(&title, &name, &place, &description);
        lines_ok(&text)?;
        let calendars = ::ical::IcalParser::new(text.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| TestCaseError::fail(format!("the ical crate must read our file: {e}\n{text}")))?;
        prop_assert_eq!(calendars.len(), 1, "one calendar in, one out");
        let event = &calendars[0].events[0];
        let get = |n: &str| event.properties.iter().find(|p| p.name == n).and_then(|p| p.value.clone()).unwrap_or_default();
        prop_assert_eq!(ical::unescape_text(&get("SUMMARY")), ical::clean_text(&title), "the title must survive");
        if !ical::clean_text(&place).is_empty() {
            prop_assert_eq!(ical::unescape_text(&get("LOCATION")), ical::clean_text(&place), "the place must survive");
        }
        if !ical::clean_text(&description).is_empty() {
            prop_assert_eq!(ical::unescape_text(&get("DESCRIPTION")), ical::clean_text(&description), "the description must survive");
        }
        let attendees: Vec<_> = event.properties.iter().filter(|p| p.name == "ATTENDEE").collect();
        prop_assert_eq!(attendees.len(), 1, "no name or title may add an attendee");
        let cn = attendees[0].params.as_ref().and_then(|ps| ps.iter().find(|(k, _)| k == "CN")).and_then(|(_, v)| v.first()).cloned().unwrap_or_default();
        prop_assert_eq!(ical::decode_param(&cn), ical::clean_text(&name), "the name must survive RFC 6868 quoting");
        prop_assert_eq!(attendees[0].value.as_deref(), Some("mailto:a@exemple.fr"), "the address is untouched");
    }

    #[test]
    fn the_reader_never_panics(text in any::<String>()) {
        match ical::parse(&text) {
            Ok(_) => {}
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_ics", "malformed text is an invalid_ics error: {}", e);
                prop_assert!(e.to_string().contains("line "), "the error names a line: {}", e);
            }
        }
    }

    #[test]
    fn the_importer_never_panics_on_mangled_files(cut in 0usize..2000, junk in nasty(), dup in 0usize..40) {
        // Start from a real file and break it: truncate, insert junk, duplicate a line.
        let good = write("Congés", "Léa", "", "");
        let mut lines: Vec<String> = good.split("\r\n").map(str::to_owned).collect();
        let at = dup % lines.len();
        lines.insert(at, lines[at].clone());
        lines.insert(at, junk);
        let mut text = lines.join("\r\n");
        text.truncate(text.char_indices().map(|(i, _)| i).find(|i| *i >= cut).unwrap_or(text.len()));
        let mut store = Store::open_in_memory().expect("store");
        let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().expect("now");
        let options = IcsImportOptions { person_email: None, dry_run: true };
        if let Err(e) = invites::import_ics(&mut store, text.as_bytes(), &options, now, "prop") {
            prop_assert_eq!(e.code(), "invalid_ics", "a broken file is reported as such: {}", e);
        }
    }
}
