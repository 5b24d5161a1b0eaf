//! Planning tests across the whole pipeline (bytes in, plan out), and a property test that no input panics.

use super::plan::{ManagerRef, SiteRef};
use super::*;
use crate::model::{Department, PersonRow};
use proptest::prelude::*;

fn person(id: i64, name: &str, email: &str, manager: Option<i64>, active: bool) -> PersonRow {
    PersonRow {
        id,
        full_name: name.into(),
        email: email.into(),
        department: Department::Sales,
        team: "Ventes Sud-Ouest".into(),
        site_id: Some(1),
        site_name: Some("Paris".into()),
        manager_id: manager,
        manager_name: None,
        active,
        anonymised: false,
    }
}

fn snapshot() -> Snapshot {
    Snapshot {
        people: vec![
            person(1, "Hélène Dupré", "helene@ex.fr", None, true),
            person(2, "Jean Martin", "jean@ex.fr", Some(1), true),
            person(3, "Jean Martin", "jean.martin@ex.fr", Some(1), false),
            person(4, "Paul Roux", "paul@ex.fr", Some(1), true),
        ],
        sites: vec![(1, "Paris".into())],
        aliases: default_aliases(),
    }
}

fn codes(plan: &Plan) -> Vec<(u64, Option<ImportField>, &str)> {
    plan.report
        .errors
        .iter()
        .map(|i| (i.line, i.field, i.code.as_str()))
        .collect()
}

const HEADER: &str = "Nom complet;Email;Service;Équipe;Site;Responsable;Actif\n";

#[test]
fn creates_updates_and_unchanged_are_told_apart() {
    let file = format!(
        "{HEADER}Hélène Dupré;HELENE@ex.fr;Ventes;Ventes Sud-Ouest;Paris;;oui\n\
         Jean Martin;jean@ex.fr;Marketing;Ventes Sud-Ouest;Paris;helene@ex.fr;oui\n\
         Zoé Petit;zoe@ex.fr;CRC;Ventes Sud-Ouest;Paris;Jean Martin;oui\n\
         Paul Roux;paul@ex.fr;Commercial;Ventes Sud-Ouest;paris;Hélène Dupré;1\n"
    );
    let plan = plan(file.as_bytes(), &ImportOptions::default(), &snapshot());
    assert_eq!(codes(&plan), vec![], "every line is valid");
    let actions: Vec<(u64, RowAction, Vec<ImportField>)> = plan
        .report
        .rows
        .iter()
        .map(|r| (r.line, r.action, r.changed.clone()))
        .collect();
    assert_eq!(
        actions,
        vec![
            (2, RowAction::Update, vec![ImportField::Email]),
            (3, RowAction::Update, vec![ImportField::Department]),
            (4, RowAction::Create, vec![]),
            (5, RowAction::Unchanged, vec![]),
        ],
        "emails match case-insensitively, and the preview says which fields change"
    );
    assert_eq!(
        plan.creates[0].manager,
        Some(ManagerRef::Existing(2)),
        "a name shared with an inactive person resolves to the active one"
    );
    assert_eq!(
        plan.creates[0].site,
        Some(SiteRef::Existing(1)),
        "site names match case-insensitively"
    );
    assert_eq!(
        plan.report.missing_active, 0,
        "everyone active is in the file"
    );
}

#[test]
fn a_manager_loop_across_the_file_is_refused_on_both_lines() {
    let file = format!(
        "{HEADER}Anne A;a@ex.fr;Ventes;;;b@ex.fr;\n\
         Bruno B;b@ex.fr;Ventes;;;a@ex.fr;\n\
         Chloé C;c@ex.fr;Ventes;;;b@ex.fr;\n"
    );
    let plan = plan(
        file.as_bytes(),
        &ImportOptions::default(),
        &Snapshot::default(),
    );
    assert_eq!(
        codes(&plan),
        vec![
            (2, Some(ImportField::Manager), "manager_cycle"),
            (3, Some(ImportField::Manager), "manager_cycle"),
            (4, Some(ImportField::Manager), "manager_invalid"),
        ],
        "A manages B and B manages A has no top; C reports to a refused line, so C cannot go in either"
    );
    assert!(plan.creates.is_empty(), "nothing of the loop is created");
}

#[test]
fn a_loop_through_the_database_is_refused() {
    // Stored: Jean (2) is managed by Hélène (1). The file makes Hélène report to Jean.
    let file =
        format!("{HEADER}Hélène Dupré;helene@ex.fr;Ventes;Ventes Sud-Ouest;Paris;jean@ex.fr;\n");
    let plan = plan(file.as_bytes(), &ImportOptions::default(), &snapshot());
    assert_eq!(
        codes(&plan),
        vec![(2, Some(ImportField::Manager), "manager_cycle")],
        "the cycle check must see the stored hierarchy, not just the file"
    );
}

#[test]
fn new_managers_are_created_before_their_reports() {
    let file = format!("{HEADER}Bob B;b@ex.fr;Ventes;;;a@ex.fr;\nAnne A;a@ex.fr;Ventes;;;;\n");
    let plan = plan(
        file.as_bytes(),
        &ImportOptions::default(),
        &Snapshot::default(),
    );
    let emails: Vec<&str> = plan.creates.iter().map(|d| d.email.as_str()).collect();
    assert_eq!(
        emails,
        vec!["a@ex.fr", "b@ex.fr"],
        "a manager must exist before someone can report to them"
    );
    assert_eq!(
        plan.creates[1].manager,
        Some(ManagerRef::New(0)),
        "Bob reports to the first create, Anne"
    );
}

#[test]
fn unknown_sites_and_teams_need_create_missing() {
    let file = format!("{HEADER}Anne A;a@ex.fr;Ventes;Grands comptes;Bordeaux;;\n");
    let refused = plan(file.as_bytes(), &ImportOptions::default(), &snapshot());
    assert_eq!(
        codes(&refused),
        vec![
            (2, Some(ImportField::Site), "unknown_site"),
            (2, Some(ImportField::Team), "unknown_team")
        ],
        "a typo in a site name must not silently create a site"
    );
    assert_eq!(
        refused.report.unknown_sites,
        vec!["Bordeaux"],
        "the preview offers to create it"
    );
    let options = ImportOptions {
        create_missing: true,
        ..Default::default()
    };
    let accepted = plan(file.as_bytes(), &options, &snapshot());
    assert_eq!(
        codes(&accepted),
        vec![],
        "with create_missing the line is valid"
    );
    assert_eq!(
        accepted.new_sites,
        vec!["Bordeaux"],
        "the site is created by the import"
    );
    assert_eq!(
        accepted.creates[0].site,
        Some(SiteRef::New(0)),
        "and the person attached to it"
    );
}

#[test]
fn duplicates_ambiguity_and_missing_people() {
    let file = format!(
        "{HEADER}X;x@ex.fr;Ventes;;;;\nY;X@EX.FR;Ventes;;;;\nZ;z@ex.fr;Ventes;;;Jean Martin;non\n\
         W;w@ex.fr;Logistique;;;Personne;\n"
    );
    let mut snap = snapshot();
    snap.people[2].active = true; // two active Jean Martin
    let options = ImportOptions {
        deactivate_missing: true,
        ..Default::default()
    };
    let plan = plan(file.as_bytes(), &options, &snap);
    assert_eq!(
        codes(&plan),
        vec![
            (2, Some(ImportField::Email), "duplicate_email"),
            (3, Some(ImportField::Email), "duplicate_email"),
            (4, Some(ImportField::Manager), "ambiguous_manager"),
            (5, Some(ImportField::Department), "unknown_department"),
        ],
        "duplicates refuse every copy; a name two active people share is ambiguous"
    );
    assert_eq!(
        plan.report.missing_active, 4,
        "nobody stored is in the file"
    );
    assert_eq!(
        plan.deactivate.len(),
        4,
        "deactivate_missing deactivates exactly the missing active people"
    );
    assert_eq!(
        plan.report.invalid_rows, 4,
        "each refused line is counted once"
    );
}

#[test]
fn strict_mode_blocks_on_any_problem() {
    let file = format!("{HEADER}A;a@ex.fr;Ventes;;;;\nB;not-an-email;Ventes;;;;\n");
    let options = ImportOptions {
        strict: true,
        ..Default::default()
    };
    let plan = plan(file.as_bytes(), &options, &Snapshot::default());
    assert!(
        plan.blocked,
        "strict mode writes nothing when any line is bad"
    );
    assert_eq!(
        plan.report.created, 1,
        "the preview still says what the valid lines would do"
    );
}

#[test]
fn a_user_mapping_replaces_the_guess() {
    let file = "Col1;Col2\nAnne A;a@ex.fr\n";
    let guessed = plan(
        file.as_bytes(),
        &ImportOptions::default(),
        &Snapshot::default(),
    );
    assert_eq!(
        guessed.report.errors.len(),
        2,
        "unknown headers map to nothing: no email, no name"
    );
    let options = ImportOptions {
        mapping: Some(vec![Some(ImportField::FullName), Some(ImportField::Email)]),
        ..Default::default()
    };
    let mapped = plan(file.as_bytes(), &options, &Snapshot::default());
    assert_eq!(
        codes(&mapped),
        vec![],
        "the corrected mapping reads the file"
    );
    assert_eq!(
        mapped.creates[0].full_name, "Anne A",
        "the columns feed the chosen fields"
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let plan = plan(&bytes, &ImportOptions::default(), &snapshot());
        prop_assert!(
            plan.report.errors.iter().all(|i| !i.code.is_empty()),
            "every problem carries a code the UI can translate"
        );
    }

    #[test]
    fn csv_shaped_text_never_panics(
        cells in proptest::collection::vec("[a-zA-Zé@.;,\"\t\r\n' =-]{0,12}", 0..60),
        strict in any::<bool>(),
        create in any::<bool>(),
    ) {
        let text = format!("{HEADER}{}", cells.join(";"));
        let options = ImportOptions { strict, create_missing: create, deactivate_missing: true, ..Default::default() };
        let plan = plan(text.as_bytes(), &options, &snapshot());
        let refused_or_planned = plan.report.rows.len() + plan.report.invalid_rows;
        prop_assert_eq!(
            refused_or_planned,
            plan.report.total_rows,
            "every record is either planned or refused, never lost"
        );
    }
}
