//! Scenario tests of invites through the ops the UI and the CLI call: export, "changed only", updates, cancellations,
//! removed attendees, preview, and .ics imports (absences, replies, malformed files).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use unisson_core::model::{
    ActivityKind, ActivityStatus, Department, Id, ParticipationStatus, PersonInput, Role, Settings,
    SiteInput,
};
use unisson_core::ops::invites::{
    self, IcsImportKind, IcsImportOptions, InviteExportOptions, ReplyOutcome,
};
use unisson_core::ops::{people, settings, sites};
use unisson_core::store::activities::{self, NewActivity};
use unisson_core::store::{absences, audit, invite_log, participations, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 8, 0, 0)
        .single()
        .expect("instant")
}

struct World {
    store: Store,
    people: Vec<Id>,
    shadowing: Id,
    training: Id,
}

fn person(store: &mut Store, name: &str, email: &str, site: Id) -> Id {
    let input = PersonInput {
        full_name: name.into(),
        email: email.into(),
        department: Department::Marketing,
        team: String::new(),
        site_id: Some(site),
        manager_id: None,
        active: true,
    };
    people::add(store, &input, now(), "t").expect("person").id
}

fn activity(
    store: &mut Store,
    kind: ActivityKind,
    title: &str,
    days: i64,
    parts: &[(Id, Role)],
) -> Id {
    let start = now() + Duration::days(days) + Duration::hours(1);
    let new = NewActivity {
        kind,
        title: title.into(),
        description: "Accueil à l'entrée principale.".into(),
        site_id: None,
        location: "Paris – Siège".into(),
        start,
        end: start + Duration::hours(3),
        timezone: "Europe/Paris".into(),
        all_day: false,
        status: ActivityStatus::Planned,
        organizer_id: None,
        uid: format!("{title}@test"),
        half_day: None,
        capacity: None,
        series_id: None,
        goals: "Comprendre les objections".into(),
        mix_min_marketing: None,
        mix_min_sales: None,
    };
    let parts: Vec<_> = parts
        .iter()
        .map(|(p, r)| (*p, *r, ParticipationStatus::Invited))
        .collect();
    store
        .write("t", now(), |tx| activities::insert(tx, &new, &parts))
        .expect("activity")
        .id
}

fn world() -> World {
    let mut store = Store::open_in_memory().expect("store");
    let site = SiteInput {
        name: "Paris".into(),
        timezone: "Europe/Paris".into(),
        seats: 4,
        is_crc: false,
    };
    let site = sites::add(&mut store, &site, now(), "t").expect("site").id;
    let settings_input = Settings {
        organizer_name: "Claire Martin".into(),
        organizer_email: "claire@exemple.fr".into(),
        ..Settings::default()
    };
    settings::update(&mut store, &settings_input, now(), "t").expect("settings");
    let people = vec![
        person(&mut store, "Hélène Dupré", "helene@exemple.fr", site),
        person(&mut store, "Marc, \"le boss\"", "marc@exemple.fr", site),
        person(&mut store, "Léa Roux", "lea@exemple.fr", site),
    ];
    let shadowing = activity(
        &mut store,
        ActivityKind::Shadowing,
        "vis-ma-vie",
        2,
        &[(people[0], Role::Visitor), (people[1], Role::Host)],
    );
    let training = activity(
        &mut store,
        ActivityKind::Training,
        "formation",
        5,
        &[
            (people[0], Role::Trainer),
            (people[1], Role::Attendee),
            (people[2], Role::Attendee),
        ],
    );
    World {
        store,
        people,
        shadowing,
        training,
    }
}

fn export(
    w: &mut World,
    options: &InviteExportOptions,
    at: DateTime<Utc>,
) -> (tempfile::TempDir, invites::InviteExportSummary) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let summary = invites::export(&mut w.store, &out, options, at, "t").expect("export");
    (dir, summary)
}

fn read(dir: &tempfile::TempDir, rel: &str) -> String {
    std::fs::read_to_string(dir.path().join("out").join(rel))
        .unwrap_or_else(|e| panic!("{rel} must exist: {e}"))
}

fn files(dir: &tempfile::TempDir, sub: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out").join(sub))
        .map(|it| {
            it.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_full_export_writes_requests_calendars_and_the_index() {
    let mut w = world();
    let (dir, summary) = export(
        &mut w,
        &InviteExportOptions {
            eml: true,
            ..Default::default()
        },
        now(),
    );
    assert_eq!(summary.requests, 2, "one REQUEST per activity");
    assert_eq!(summary.cancels, 0, "nothing was cancelled");
    assert_eq!(
        summary.calendars, 3,
        "each of the three people gets their calendar"
    );
    assert_eq!(summary.emails, 2, "one .eml per REQUEST with --eml");
    let index = read(&dir, "index.csv");
    assert!(index.starts_with('\u{feff}'), "French Excel needs the BOM");
    assert_eq!(
        index.lines().count(),
        1 + 2 + 3 + 3,
        "header + 2 + 3 invite deliveries + 3 calendars"
    );
    assert!(
        index.contains("\"Marc, \"\"le boss\"\"\""),
        "a name with a comma and quotes is quoted in the CSV:\n{index}"
    );
    let request = read(
        &dir,
        &format!("invites/2025-03-05-shadowing-{}.ics", w.shadowing),
    );
    for needle in [
        "METHOD:REQUEST",
        "ORGANIZER;CN=\"Claire Martin\":mailto:claire@exemple.fr",
        "TZID:Europe/Paris",
        "BEGIN:VALARM",
        "CATEGORIES:Vis ma vie,Unisson",
    ] {
        assert!(
            request.contains(needle),
            "the REQUEST must have {needle}:\n{request}"
        );
    }
    assert!(
        request.contains("CN=\"Marc, ^'le boss^'\""),
        "the CN is quoted with RFC 6868:\n{request}"
    );
    assert_eq!(
        invite_log::all(w.store.conn()).expect("log").len(),
        5,
        "the log records each person's REQUEST"
    );
    let audits: Vec<_> = audit::for_entity(w.store.conn(), "invites", 0).expect("audit");
    assert_eq!(
        audits.len(),
        1,
        "an export is audited once per run, not per file"
    );
    let eml = files(&dir, "eml");
    assert_eq!(eml.len(), 2, "one message per REQUEST: {eml:?}");
    let calendars = files(&dir, "people");
    assert_eq!(calendars.len(), 3, "one calendar per person: {calendars:?}");
    for name in calendars {
        let text = read(&dir, &format!("people/{name}"));
        let events = text.matches("BEGIN:VEVENT").count();
        assert!(events > 0, "{name}: a calendar is written only with events");
        // The activities have no organizer of their own: the export's (Settings') organizer is the ORGANIZER, as
        // in their REQUESTs.
        assert_eq!(
            text.matches("\r\nORGANIZER;CN=\"Claire Martin\":mailto:claire@exemple.fr\r\n")
                .count(),
            events,
            "{name}: RFC 5546 §3.2.1 wants one ORGANIZER in every VEVENT of a PUBLISH, the REQUESTs' one:\n{text}"
        );
        assert!(
            !text.contains("\r\nATTENDEE"),
            "{name}: a PUBLISH schedules nobody, so it has no ATTENDEE:\n{text}"
        );
    }
}

#[test]
fn changed_only_sends_updates_with_a_higher_sequence_and_cancels() {
    let mut w = world();
    export(&mut w, &InviteExportOptions::default(), now());
    let later = now() + Duration::hours(1);
    let options = InviteExportOptions {
        changed_only: true,
        ..Default::default()
    };
    let (_d, quiet) = export(&mut w, &options, later);
    assert_eq!(
        quiet.requests + quiet.cancels + quiet.calendars,
        0,
        "nothing changed, nothing is sent: {quiet:?}"
    );
    assert_eq!(
        quiet.unchanged, 5,
        "five (activity, person) pairs already have this version"
    );

    // Move the shadowing day (SEQUENCE 1), remove Léa from the training, cancel nothing yet.
    w.store
        .write("t", later, |tx| {
            let a = activities::get(tx, w.shadowing)?;
            let mut new = new_of(&a);
            new.start += Duration::hours(1);
            new.end += Duration::hours(1);
            activities::update(tx, w.shadowing, &new, true)?;
            participations::upsert(
                tx,
                w.training,
                w.people[2],
                Role::Attendee,
                ParticipationStatus::Cancelled,
            )
        })
        .expect("changes");
    let (dir, changed) = export(&mut w, &options, later + Duration::hours(1));
    assert_eq!(
        changed.requests, 1,
        "only the moved activity is re-sent: {changed:?}"
    );
    assert_eq!(changed.cancels, 1, "Léa gets her own CANCEL: {changed:?}");
    let update = read(
        &dir,
        &format!("invites/2025-03-05-shadowing-{}.ics", w.shadowing),
    );
    assert!(
        update.contains("SEQUENCE:1"),
        "an update carries a higher SEQUENCE:\n{update}"
    );
    let cancel = read(
        &dir,
        &format!(
            "invites/2025-03-08-training-{}-cancel-{}.ics",
            w.training, w.people[2]
        ),
    );
    assert!(
        cancel.contains("METHOD:CANCEL") && cancel.contains("STATUS:CANCELLED"),
        "a removal is a CANCEL:\n{cancel}"
    );
    assert!(
        cancel.contains("SEQUENCE:1"),
        "above the REQUEST she had (0), so her client applies it:\n{cancel}"
    );
    assert_eq!(
        cancel.matches("ATTENDEE").count(),
        1,
        "the CANCEL names only her:\n{cancel}"
    );
    assert!(
        cancel.contains("UID:formation@test"),
        "same UID as the invite"
    );

    // Cancel the whole training: everyone who had it gets one CANCEL above their last REQUEST.
    w.store
        .write("t", later, |tx| {
            let a = activities::get(tx, w.training)?;
            let mut new = new_of(&a);
            new.status = ActivityStatus::Cancelled;
            activities::update(tx, w.training, &new, false)
        })
        .expect("cancel");
    let (dir, gone) = export(&mut w, &options, later + Duration::hours(2));
    assert_eq!(
        (gone.requests, gone.cancels),
        (0, 1),
        "one CANCEL for the cancelled training: {gone:?}"
    );
    let cancel = read(
        &dir,
        &format!("invites/2025-03-08-training-{}-cancel.ics", w.training),
    );
    assert!(
        cancel.contains("SEQUENCE:1") && !cancel.contains("lea@exemple.fr"),
        "Léa already has her CANCEL:\n{cancel}"
    );
    let (_d, after) = export(&mut w, &options, later + Duration::hours(3));
    assert_eq!(after.cancels, 0, "a CANCEL is sent once");
}

fn new_of(a: &unisson_core::model::Activity) -> NewActivity {
    NewActivity {
        kind: a.kind,
        title: a.title.clone(),
        description: a.description.clone(),
        site_id: a.site_id,
        location: a.location.clone(),
        start: a.start,
        end: a.end,
        timezone: a.timezone.clone(),
        all_day: a.all_day,
        status: a.status,
        organizer_id: a.organizer_id,
        uid: a.uid.clone(),
        half_day: a.half_day,
        capacity: a.capacity,
        series_id: a.series_id,
        goals: a.goals.clone(),
        mix_min_marketing: a.mix_min_marketing,
        mix_min_sales: a.mix_min_sales,
    }
}

#[test]
fn preview_person_filter_and_refusals() {
    let mut w = world();
    let text = invites::preview(&w.store, w.training, now()).expect("preview");
    assert_eq!(
        text.matches("ATTENDEE;").count(),
        3,
        "the preview lists every attendee:\n{text}"
    );
    assert!(
        text.contains("ROLE=CHAIR"),
        "the trainer chairs the training"
    );
    let options = InviteExportOptions {
        person_email: Some("LEA@exemple.fr".into()),
        ..Default::default()
    };
    let (_d, mine) = export(&mut w, &options, now());
    assert_eq!(
        (mine.requests, mine.calendars, mine.deliveries),
        (1, 1, 2),
        "Léa only has the training: {mine:?}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("old.txt"), "x").expect("write");
    let err = invites::export(
        &mut w.store,
        dir.path(),
        &InviteExportOptions::default(),
        now(),
        "t",
    )
    .expect_err("not empty");
    assert_eq!(
        err.fields()[0].code,
        "not_empty",
        "an export never mixes with another folder's files"
    );
    let blank = Settings {
        organizer_name: String::new(),
        organizer_email: String::new(),
        ..Settings::default()
    };
    settings::update(&mut w.store, &blank, now(), "t").expect("settings");
    let err = invites::preview(&w.store, w.training, now()).expect_err("no organizer");
    assert_eq!(
        err.fields()[0].code,
        "organizer_missing",
        "the UI sends the user to Settings on this code"
    );
}

const HOLIDAYS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;VALUE=DATE:20250714\r\nDTEND;VALUE=DATE:20250715\r\nSUMMARY:Fête nationale\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@x\r\nDTSTART;TZID=Europe/Paris:20250804T000000\r\nDTEND;TZID=Europe/Paris:20250816T000000\r\nSUMMARY:Congés d'été\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:c@x\r\nDTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Jour de l'an\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn absences_are_previewed_then_imported_once() {
    let mut w = world();
    let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).expect("day");
    let dry = IcsImportOptions {
        person_email: Some("helene@exemple.fr".into()),
        dry_run: true,
    };
    let preview =
        invites::import_ics(&mut w.store, HOLIDAYS.as_bytes(), &dry, now(), "t").expect("preview");
    assert_eq!(
        preview.kind,
        IcsImportKind::Absences,
        "a calendar without METHOD:REPLY holds absences"
    );
    let years: Vec<NaiveDate> = preview
        .absences
        .iter()
        .filter(|a| a.reason == "Jour de l'an")
        .map(|a| a.first_day)
        .collect();
    assert_eq!(
        years,
        (2025..=2027)
            .map(|y| NaiveDate::from_ymd_opt(y, 1, 1).expect("day"))
            .collect::<Vec<_>>(),
        "the yearly holiday with no end is expanded over two years from its first day: {preview:?}"
    );
    assert_eq!(
        preview.absences.len(),
        2 + years.len(),
        "two single absences plus the yearly one's days: {preview:?}"
    );
    assert_eq!(
        (preview.absences[1].first_day, preview.absences[1].last_day),
        (day(8, 4), day(8, 15)),
        "a timed event covers its days, end exclusive"
    );
    assert!(
        preview.skipped.is_empty() && preview.capped.len() == 1,
        "nothing is skipped; the endless rule is reported as cut: {preview:?}"
    );
    assert!(
        absences::between(w.store.conn(), day(1, 1), day(12, 31))
            .expect("list")
            .is_empty(),
        "a dry run writes nothing"
    );
    let real = IcsImportOptions {
        dry_run: false,
        ..dry
    };
    assert_eq!(
        invites::import_ics(&mut w.store, HOLIDAYS.as_bytes(), &real, now(), "t")
            .expect("import")
            .added,
        5,
        "every day is added"
    );
    let again =
        invites::import_ics(&mut w.store, HOLIDAYS.as_bytes(), &real, now(), "t").expect("again");
    assert_eq!(again.added, 0, "importing the same file twice adds nothing");
    let stored = absences::between(w.store.conn(), day(1, 1), day(12, 31)).expect("list");
    assert!(
        stored
            .iter()
            .all(|a| a.person_id == Some(w.people[0]) && a.source.as_str() == "ics"),
        "Hélène's, from ics"
    );
}

fn reply(uid: &str, email: &str, partstat: &str, sequence: i32) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250303T120000Z\r\nSEQUENCE:{sequence}\r\nDTSTART:20250305T090000Z\r\nATTENDEE;PARTSTAT={partstat};CN=X:mailto:{email}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

#[test]
fn replies_update_participants_and_report_the_rest() {
    let mut w = world();
    let go = IcsImportOptions {
        person_email: None,
        dry_run: false,
    };
    let r = invites::import_ics(
        &mut w.store,
        reply("formation@test", "MARC@exemple.fr", "ACCEPTED", 0).as_bytes(),
        &go,
        now() + Duration::hours(5),
        "t",
    )
    .expect("reply");
    assert_eq!(
        r.replies[0].outcome,
        ReplyOutcome::Applied,
        "Marc's yes is recorded: {r:?}"
    );
    let part = participations::find(w.store.conn(), w.training, w.people[1])
        .expect("find")
        .expect("exists");
    assert_eq!(
        part.status,
        ParticipationStatus::Accepted,
        "matched by UID and email, case-insensitively"
    );
    for (text, outcome) in [
        (
            reply("nope@test", "marc@exemple.fr", "DECLINED", 0),
            ReplyOutcome::UnknownUid,
        ),
        (
            reply("formation@test", "stranger@exemple.fr", "DECLINED", 0),
            ReplyOutcome::UnknownAttendee,
        ),
        (
            reply("formation@test", "lea@exemple.fr", "DELEGATED", 0),
            ReplyOutcome::Unsupported,
        ),
    ] {
        let r = invites::import_ics(&mut w.store, text.as_bytes(), &go, now(), "t")
            .expect("reported, not an error");
        assert_eq!(
            r.replies[0].outcome, outcome,
            "reported, not applied: {r:?}"
        );
        assert_eq!(r.updated, 0, "nothing changes");
    }
}

#[test]
fn a_malformed_file_names_its_line_and_changes_nothing() {
    let mut w = world();
    let broken = HOLIDAYS.replace(
        "DTSTART;TZID=Europe/Paris:20250804T000000",
        "DTSTART;TZID=Europe/Paris:2025-08-04",
    );
    let go = IcsImportOptions {
        person_email: None,
        dry_run: false,
    };
    let err = invites::import_ics(&mut w.store, broken.as_bytes(), &go, now(), "t")
        .expect_err("malformed");
    assert_eq!(
        err.code(),
        "invalid_ics",
        "the UI shows the message on this code"
    );
    assert!(
        err.to_string().contains("line 12"),
        "the error names the bad line: {err}"
    );
    let unclosed = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\nEND:VCALENDAR\r\n";
    let err = invites::import_ics(&mut w.store, unclosed.as_bytes(), &go, now(), "t")
        .expect_err("unclosed");
    assert!(
        err.to_string().contains("line 4") && err.to_string().contains("VEVENT"),
        "says what is open: {err}"
    );
    let day = NaiveDate::from_ymd_opt(2025, 7, 14).expect("day");
    assert!(
        absences::between(w.store.conn(), day, day)
            .expect("list")
            .is_empty(),
        "nothing was imported"
    );
}
