//! The CSV people import against a corpus of realistic HR files (tests/fixtures/csv/): French Excel in
//! Windows-1252, UTF-8 with BOM, quoted cells holding delimiters and newlines, CRLF and LF, trailing empty lines,
//! columns in another order and extra columns, and every kind of bad line; plus the export round trip, undo, and a
//! 5,000-person file in one transaction.

use chrono::{DateTime, Utc};
use unisson_core::demo::{self, DemoOptions};
use unisson_core::import::{
    Delimiter, Encoding, ImportField, ImportOptions, ImportReport, RowAction,
};
use unisson_core::model::{Department, PersonRow, SiteInput};
use unisson_core::ops::{import, people, sites};
use unisson_core::store::Store;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
        .map(|d| d.to_utc())
        .expect("fixed instant")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A database with the two sites the corpus names.
fn store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    for (name, crc) in [("Siège Paris", false), ("CRC Lyon", true)] {
        let site = SiteInput {
            name: name.into(),
            timezone: "Europe/Paris".into(),
            seats: 10,
            is_crc: crc,
        };
        sites::add(&mut store, &site, now(), "t").expect("site");
    }
    store
}

fn create_missing() -> ImportOptions {
    ImportOptions {
        create_missing: true,
        ..Default::default()
    }
}

fn run(store: &mut Store, file: &[u8], options: &ImportOptions) -> ImportReport {
    import::people(store, file, options, now(), "t", &mut |_, _| {}).expect("import runs")
}

fn errors(report: &ImportReport) -> Vec<(u64, Option<ImportField>, String)> {
    report
        .errors
        .iter()
        .map(|e| (e.line, e.field, e.code.clone()))
        .collect()
}

fn by_email<'a>(rows: &'a [PersonRow], email: &str) -> &'a PersonRow {
    rows.iter()
        .find(|r| r.email == email)
        .unwrap_or_else(|| panic!("{email} was imported"))
}

#[test]
fn french_excel_in_windows_1252_imports_with_accents_intact() {
    let mut store = store();
    let file = fixture("excel_fr_cp1252.csv");
    let preview = import::preview(&store, &file, &create_missing()).expect("preview");
    assert_eq!(
        preview.encoding,
        Encoding::Windows1252,
        "French Excel's plain CSV is Windows-1252"
    );
    assert_eq!(preview.delimiter, Delimiter::Semicolon, "and uses ;");
    assert!(
        preview.mapping.iter().all(|m| m.field.is_some()),
        "every French header is recognised: {:?}",
        preview.mapping
    );
    assert_eq!(errors(&preview), vec![], "the file is clean");
    assert_eq!(
        preview.total_rows, 5,
        "the trailing ';;;;' lines are not people"
    );
    assert_eq!(
        people::list(&store).expect("list").len(),
        0,
        "a preview writes nothing"
    );

    let report = run(&mut store, &file, &create_missing());
    assert_eq!(
        (report.created, report.applied),
        (5, true),
        "all five are created"
    );
    let rows = people::list(&store).expect("list");
    let zoe = by_email(&rows, "zoe.coeur@exemple.fr");
    assert_eq!(
        zoe.full_name, "Zoé Cœur",
        "Windows-1252 accents and œ must survive"
    );
    assert_eq!(zoe.department, Department::Marketing, "Mktg is marketing");
    assert_eq!(
        zoe.manager_name.as_deref(),
        Some("Hélène Dupré"),
        "a manager given by name is found"
    );
    let anais = by_email(&rows, "anais.nguyen@exemple.fr");
    assert_eq!(
        anais.department,
        Department::Crc,
        "Relation client is the CRC"
    );
    assert_eq!(
        anais.manager_name.as_deref(),
        Some("Jérôme Lefèvre"),
        "a manager given by email is found"
    );
    let francois = by_email(&rows, "francois.berard@exemple.fr");
    assert!(!francois.active, "Actif = Non imports an inactive person");
    assert_eq!(
        by_email(&rows, "helene.dupre@exemple.fr").department,
        Department::Sales,
        "Direction commerciale is sales"
    );
}

#[test]
fn a_second_file_updates_by_email_and_can_deactivate_the_missing() {
    let mut store = store();
    run(
        &mut store,
        &fixture("excel_fr_cp1252.csv"),
        &create_missing(),
    );
    let file = fixture("utf8_bom_comma.csv");
    let preview = import::preview(&store, &file, &create_missing()).expect("preview");
    assert_eq!(
        (preview.encoding, preview.delimiter),
        (Encoding::Utf8Bom, Delimiter::Comma),
        "BOM and , detected"
    );
    let actions: Vec<(String, RowAction)> = preview
        .rows
        .iter()
        .map(|r| (r.email.clone(), r.action))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("helene.dupre@exemple.fr".to_owned(), RowAction::Unchanged),
            ("jerome.lefevre@exemple.fr".to_owned(), RowAction::Update),
            ("chloe.garnier@exemple.fr".to_owned(), RowAction::Create),
        ],
        "columns in another order and extra columns still match people by email"
    );
    assert_eq!(
        preview.missing_active, 2,
        "Zoé and Anaïs are active and not in the file (François is inactive)"
    );
    let options = ImportOptions {
        deactivate_missing: true,
        ..create_missing()
    };
    let report = run(&mut store, &file, &options);
    assert_eq!(
        (report.created, report.updated, report.deactivated),
        (1, 1, 2),
        "the summary matches the preview"
    );
    let rows = people::list(&store).expect("list");
    assert_eq!(
        by_email(&rows, "jerome.lefevre@exemple.fr").team,
        "Ventes, Île-de-France",
        "a quoted comma is data"
    );
    assert!(
        !by_email(&rows, "zoe.coeur@exemple.fr").active,
        "missing people are deactivated, not deleted"
    );
}

#[test]
fn quoted_newlines_keep_line_numbers_physical() {
    let mut store = store();
    let report = run(
        &mut store,
        &fixture("quoted_multiline.csv"),
        &create_missing(),
    );
    assert_eq!(
        errors(&report),
        vec![(7, Some(ImportField::Email), "invalid_email".to_owned())],
        "the bad email is on physical line 7, after two records spanning five lines"
    );
    let rows = people::list(&store).expect("list");
    assert_eq!(rows.len(), 2, "the valid lines go in despite the bad one");
    assert_eq!(
        by_email(&rows, "helene.dupre@exemple.fr").team,
        "Ventes; Grands comptes",
        "a quoted ; is data"
    );
}

#[test]
fn every_problem_is_reported_with_line_field_and_reason() {
    let mut store = store();
    let report = run(
        &mut store,
        &fixture("problems_tab.csv"),
        &ImportOptions::default(),
    );
    assert_eq!(
        report.delimiter,
        Delimiter::Tab,
        "tab-separated files are detected"
    );
    use ImportField::*;
    let expected: Vec<(u64, Option<ImportField>, String)> = [
        (2, Team, "unknown_team"),
        (3, Email, "invalid_email"),
        (3, Team, "unknown_team"),
        (4, Department, "unknown_department"),
        (4, Team, "unknown_team"),
        (5, Email, "duplicate_email"),
        (5, Team, "unknown_team"),
        (6, Email, "duplicate_email"),
        (6, Team, "unknown_team"),
        (7, Team, "unknown_team"),
        (8, Site, "unknown_site"),
        (8, Team, "unknown_team"),
        (9, LastName, "required"),
        (9, Team, "unknown_team"),
        (10, Department, "required"),
        (10, Team, "unknown_team"),
    ]
    .into_iter()
    .map(|(l, f, c)| (l, Some(f), c.to_owned()))
    .collect();
    assert_eq!(
        errors(&report),
        expected,
        "without create_missing a new team is an error too, on every line"
    );
    assert!(!report.applied, "no line was valid, so nothing was written");

    let report = run(&mut store, &fixture("problems_tab.csv"), &create_missing());
    let codes: Vec<(u64, String)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.code.clone()))
        .collect();
    assert_eq!(
        codes,
        [
            (3, "invalid_email"),
            (4, "unknown_department"),
            (5, "duplicate_email"),
            (6, "duplicate_email"),
            (7, "manager_not_found"),
            (9, "required"),
            (10, "required")
        ]
        .map(|(l, c)| (l, c.to_owned()))
        .to_vec(),
        "with create_missing, the unknown site is created and the other problems remain"
    );
    assert_eq!(
        report.unknown_sites,
        vec!["Agence Nantes"],
        "the new site is named in the report"
    );
    assert_eq!(
        (report.created, report.sites_created),
        (2, 1),
        "Hélène and Tom go in, with Tom's new site"
    );
}

#[test]
fn a_manager_loop_is_refused_and_strict_mode_writes_nothing() {
    let mut store = store();
    let strict = ImportOptions {
        strict: true,
        ..Default::default()
    };
    let report = run(&mut store, &fixture("manager_cycle.csv"), &strict);
    assert_eq!(
        errors(&report),
        vec![
            (2, Some(ImportField::Manager), "manager_cycle".to_owned()),
            (3, Some(ImportField::Manager), "manager_cycle".to_owned())
        ],
        "A manages B and B manages A: both lines are refused"
    );
    assert_eq!(
        (report.applied, report.created),
        (false, 0),
        "strict mode: one bad line and nothing goes in"
    );
    assert_eq!(
        people::list(&store).expect("list").len(),
        0,
        "not even the valid line"
    );
    let report = run(
        &mut store,
        &fixture("manager_cycle.csv"),
        &ImportOptions::default(),
    );
    assert_eq!(
        report.created, 1,
        "without strict mode the valid line goes in"
    );
}

#[test]
fn an_unclosed_quote_stops_the_file_where_it_opens() {
    let mut store = store();
    let options = ImportOptions {
        deactivate_missing: true,
        ..Default::default()
    };
    let report = run(&mut store, &fixture("unclosed_quote.csv"), &options);
    assert_eq!(
        errors(&report),
        vec![(3, None, "unclosed_quote".to_owned())],
        "the user is sent to line 3"
    );
    assert_eq!(report.created, 1, "the line before the quote is imported");
}

#[test]
fn exporting_then_importing_the_export_changes_nothing() {
    let mut store = Store::open_in_memory().expect("store");
    demo::generate(&mut store, &DemoOptions::default(), now()).expect("demo");
    let before = people::list(&store).expect("list");
    for (delimiter, bom) in [(Delimiter::Semicolon, true), (Delimiter::Comma, false)] {
        let csv = import::export(&store, delimiter, bom).expect("export");
        assert_eq!(
            csv.starts_with(b"\xEF\xBB\xBF"),
            bom,
            "French Excel needs the BOM to show accents"
        );
        let report = run(
            &mut store,
            &csv,
            &ImportOptions {
                deactivate_missing: true,
                ..Default::default()
            },
        );
        assert_eq!(
            errors(&report),
            vec![],
            "our own export must import cleanly"
        );
        assert_eq!(
            (
                report.created,
                report.updated,
                report.deactivated,
                report.unchanged
            ),
            (0, 0, 0, before.len()),
            "a round trip changes nobody"
        );
        assert!(
            !report.applied,
            "and writes nothing, not even an audit entry"
        );
        assert_eq!(
            import::export(&store, delimiter, bom).expect("again"),
            csv,
            "the export is stable"
        );
    }
    assert_eq!(
        people::list(&store).expect("list"),
        before,
        "the directory is exactly as it was"
    );
}

#[test]
fn undo_restores_the_state_before_each_import() {
    let mut store = store();
    let first = run(
        &mut store,
        &fixture("excel_fr_cp1252.csv"),
        &create_missing(),
    );
    let after_first = people::list(&store).expect("list");
    let options = ImportOptions {
        deactivate_missing: true,
        ..create_missing()
    };
    let second = run(&mut store, &fixture("utf8_bom_comma.csv"), &options);
    let undone = import::undo(&mut store, second.import_id.expect("id"), now(), "t").expect("undo");
    assert_eq!(
        (undone.deleted, undone.restored, undone.reactivated),
        (1, 1, 2),
        "Chloé removed, Jérôme restored, Zoé and Anaïs active again"
    );
    assert_eq!(
        people::list(&store).expect("list"),
        after_first,
        "undo gives back the directory as it was"
    );
    let err =
        import::undo(&mut store, second.import_id.expect("id"), now(), "t").expect_err("twice");
    assert_eq!(
        err.fields()[0].code,
        "already_undone",
        "an import is undone once"
    );

    let first_id = first.import_id.expect("id");
    let jerome = by_email(&after_first, "jerome.lefevre@exemple.fr").id;
    people::set_active(&mut store, jerome, false, now(), "t").expect("later edit");
    let err = import::undo(&mut store, first_id, now(), "t").expect_err("changed since");
    assert_eq!(
        err.fields()[0].code,
        "changed_since",
        "undo must not silently lose a later edit"
    );
    people::set_active(&mut store, jerome, true, now(), "t").expect("edit back");
    assert!(
        import::undo(&mut store, first_id, now(), "t").is_err(),
        "the later edits still count"
    );
}

#[test]
fn five_thousand_people_go_in_one_transaction() {
    let mut text = String::from("Nom complet;Email;Service;Équipe;Site;Responsable\n");
    for i in 0..5_000 {
        let manager = if i % 50 == 0 {
            String::new()
        } else {
            format!("p{:04}@exemple.fr", i - i % 50)
        };
        text.push_str(&format!(
            "Personne {i};p{i:04}@exemple.fr;Ventes;Équipe {};Siège Paris;{manager}\n",
            i % 40
        ));
    }
    let mut store = store();
    let strict = ImportOptions {
        strict: true,
        ..create_missing()
    };
    let bad = format!("{text}Dernière;pas-un-email;Ventes;;;\n");
    let report = run(&mut store, bad.as_bytes(), &strict);
    assert_eq!(
        (report.applied, report.invalid_rows),
        (false, 1),
        "one bad line of 5,001 in strict mode"
    );
    assert_eq!(
        people::list(&store).expect("list").len(),
        0,
        "strict mode: nothing at all was written"
    );

    let mut calls = Vec::new();
    let report = import::people(
        &mut store,
        text.as_bytes(),
        &create_missing(),
        now(),
        "t",
        &mut |d, t| calls.push((d, t)),
    )
    .expect("import");
    assert_eq!(report.created, 5_000, "every line goes in");
    assert_eq!(
        calls.last(),
        Some(&(5_000, 5_000)),
        "progress ends at the total"
    );
    assert!(
        calls.len() > 10,
        "a large file reports progress along the way, not just at the end"
    );
    let rows = people::list(&store).expect("list");
    assert_eq!(
        rows.iter().filter(|r| r.manager_id.is_some()).count(),
        4_900,
        "managers resolved inside the file"
    );
    let undone = import::undo(&mut store, report.import_id.expect("id"), now(), "t").expect("undo");
    assert_eq!(
        undone.deleted, 5_000,
        "undo removes what it created when nothing refers to it yet"
    );
    assert_eq!(
        people::list(&store).expect("list").len(),
        0,
        "and leaves the directory as it was"
    );
}

#[test]
fn a_site_named_only_on_refused_lines_is_not_created() {
    let mut store = store();
    let file = "Nom complet;Email;Service;Site\nAnne A;anne@exemple;Ventes;Agence Lille\nBruno B;bruno@exemple.fr;Ventes;Siège Paris\n";
    let report = run(&mut store, file.as_bytes(), &create_missing());
    assert_eq!(
        (report.created, report.sites_created),
        (1, 0),
        "Anne's line is refused, so her site is not needed"
    );
    assert_eq!(
        sites::list(&store).expect("sites").len(),
        2,
        "no orphan site is left behind"
    );
}
