//! The demo's debriefs: most participants of past shadowing days and trainings filled theirs (the older the
//! activity, the likelier), the last fortnight's are often still pending, so the Debriefs page has both. Texts are
//! realistic French, about a handful of offers; "Offre Jeunes" is talked about more and more, so Offer insights has a
//! trend to show.
//!
//! Deterministic: its own random stream (from the demo's seed), rows read in a fixed order. Not audited row by row:
//! the demo's single audit entry covers them.

use crate::error::Result;
use crate::model::{ActivityKind, DebriefInput, Role};
use crate::report::debriefs::is_expected;
use crate::store::{debriefs, Tx};
use chrono::{DateTime, Duration, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The offers the demo talks about, with what the field says of each: (tag, customer needs, offer feedback).
const OFFERS: &[(&str, &[&str], &[&str])] = &[
    (
        "éco-énergie",
        &[
            "Les clients veulent savoir combien ils économiseront dès la première année.",
            "Beaucoup demandent si les aides de l'État sont déduites directement du devis.",
            "Les propriétaires de maisons anciennes s'inquiètent des travaux d'isolation nécessaires.",
            "On nous demande souvent un bilan énergétique gratuit avant de s'engager.",
        ],
        &[
            "La brochure éco-énergie est trop technique : les vendeurs la résument à l'oral.",
            "Le simulateur d'économies rassure, il faudrait l'avoir sur tablette en rendez-vous.",
            "Le délai d'installation annoncé (6 semaines) fait hésiter les clients pressés.",
            "L'argument écologique porte moins que l'argument prix chez les particuliers.",
        ],
    ),
    (
        "Box Fibre Pro",
        &[
            "Les artisans veulent une ligne de secours en cas de coupure.",
            "Les TPE demandent un débit montant garanti pour la visioconférence.",
            "Les clients pros veulent un seul interlocuteur pour la fibre et le mobile.",
        ],
        &[
            "Le prix de la Box Fibre Pro est bien perçu, mais l'engagement de 24 mois bloque.",
            "L'installation en 48 h est un vrai argument : à mettre en avant dans les campagnes.",
            "Le nom « Pro » laisse croire que l'offre est réservée aux grandes entreprises.",
        ],
    ),
    (
        "Assurance habitation",
        &[
            "Les jeunes locataires cherchent une assurance résiliable à tout moment.",
            "Les clients veulent déclarer un sinistre depuis leur téléphone, photos à l'appui.",
            "Plusieurs appels portent sur la couverture des objets de valeur.",
        ],
        &[
            "Les garanties sont difficiles à comparer : un tableau simple aiderait.",
            "La franchise n'apparaît pas clairement dans le devis en ligne.",
            "Le pack avec l'offre énergie intéresse, mais personne ne sait comment le vendre.",
        ],
    ),
    (
        "Offre Jeunes",
        &[
            "Les 18-25 ans comparent tout en ligne avant d'appeler.",
            "Les étudiants veulent payer au mois, sans frais de dossier.",
            "Les parents appellent souvent à la place de leurs enfants.",
        ],
        &[
            "L'Offre Jeunes plaît, mais la preuve de statut étudiant décourage en agence.",
            "Les réseaux sociaux font venir des jeunes qui ne trouvent pas l'offre sur le site.",
            "Le parrainage est très demandé : il faudrait le rendre plus visible.",
        ],
    ),
];

const LEARNED_VISIT: &[&str] = &[
    "J'ai compris pourquoi les rendez-vous s'enchaînent si vite : chaque minute compte.",
    "Les objections sur le prix arrivent toujours en fin d'entretien, jamais au début.",
    "Le discours commercial s'appuie très peu sur nos supports : il faut les simplifier.",
    "Écouter les appels m'a montré à quel point la facture est la première source d'irritation.",
    "Les clients citent nos campagnes, mais les confondent avec celles des concurrents.",
];

const LEARNED_HOST: &[&str] = &[
    "Le marketing prépare une campagne qui répond à ce que j'entends tous les jours.",
    "J'ai découvert comment sont construits les ciblages : je comprends mieux les leads reçus.",
    "Expliquer mon métier m'a fait prendre du recul sur mes propres arguments.",
    "Bon échange, mais une demi-journée c'est court pour voir un vrai rendez-vous.",
];

const LEARNED_TRAINING: &[&str] = &[
    "Les cas pratiques mélangeant vendeurs et marketeurs étaient les plus utiles.",
    "Je repars avec trois arguments concrets pour mes prochains rendez-vous.",
    "La partie sur les personas m'a aidé à mieux qualifier mes appels.",
    "Un peu trop théorique au début, très concret ensuite.",
];

/// Weights of each offer (in [`OFFERS`] order) plus "no tag" last, for an activity `age_days` old in a history of
/// `span_days`: "Offre Jeunes" grows towards today.
fn weights(age_days: i64, span_days: i64) -> [f64; 5] {
    let recent = 1.0 - (age_days as f64 / span_days.max(1) as f64).clamp(0.0, 1.0);
    [4.0, 3.0, 2.0, 0.5 + 4.0 * recent * recent, 2.0]
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

/// Writes debriefs for past shadowing days and trainings that took place; returns how many.
pub(super) fn generate(tx: &Tx<'_>, seed: u64, now: DateTime<Utc>) -> Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xDEB1_EF5A);
    let expected: Vec<_> = debriefs::expected(tx, DateTime::UNIX_EPOCH, now)?
        .into_iter()
        .filter(is_expected)
        .collect();
    let span = expected
        .last()
        .map_or(1, |e| (now - e.fact.start).num_days().max(1));
    let mut written = 0;
    for e in expected.iter().rev() {
        let age = (now - e.fact.start).num_days();
        let chance = if age < 14 { 0.35 } else { 0.85 };
        if !rng.random_bool(chance) {
            continue;
        }
        let w = weights(age, span);
        let total: f64 = w.iter().sum();
        let mut roll = rng.random::<f64>() * total;
        let offer = w.iter().position(|x| {
            roll -= x;
            roll < 0.0
        });
        let offer = offer.and_then(|i| OFFERS.get(i));
        let rating = *[2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 1]
            .choose(&mut rng)
            .unwrap_or(&4);
        let learned = match (e.fact.kind, e.fact.role) {
            (ActivityKind::Training, _) => pick(&mut rng, LEARNED_TRAINING),
            (_, Role::Host) => pick(&mut rng, LEARNED_HOST),
            _ => pick(&mut rng, LEARNED_VISIT),
        };
        let (tag, needs, feedback) = match offer {
            Some((tag, needs, feedback)) => (
                *tag,
                if rng.random_bool(0.85) {
                    pick(&mut rng, needs)
                } else {
                    ""
                },
                if rng.random_bool(0.8) {
                    pick(&mut rng, feedback)
                } else {
                    ""
                },
            ),
            None => ("", "", ""),
        };
        let written_at = (e.fact.start + Duration::hours(rng.random_range(8..96))).min(now);
        let debrief = DebriefInput {
            activity_id: e.fact.activity_id,
            person_id: e.fact.person_id,
            rating,
            learned: learned.to_owned(),
            customer_needs: needs.to_owned(),
            offer_feedback: feedback.to_owned(),
            offer_tag: tag.to_owned(),
        };
        debriefs::write(tx, &debrief, written_at)?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::OFFERS;
    use crate::demo::{generate, DemoOptions};
    use crate::ops::debriefs::{list, pending, DebriefQuery};
    use crate::report::debriefs::completion;
    use crate::report::{GroupBy, Period};
    use crate::store::Store;
    use chrono::{DateTime, NaiveDate, Utc};
    use std::collections::BTreeSet;

    fn demo(seed: u64, now: DateTime<Utc>) -> Store {
        let mut store = Store::open_in_memory().expect("store");
        generate(
            &mut store,
            &DemoOptions {
                seed,
                ..DemoOptions::default()
            },
            now,
        )
        .expect("demo");
        store
    }

    fn dump(store: &Store) -> Vec<(i64, i64, i64, String, String)> {
        list(store, &DebriefQuery::default())
            .expect("list")
            .into_iter()
            .map(|r| {
                let d = r.debrief;
                (
                    d.activity_id,
                    d.person_id,
                    i64::from(d.rating),
                    d.offer_tag,
                    d.customer_needs,
                )
            })
            .collect()
    }

    #[test]
    fn the_demo_fills_most_debriefs_leaves_some_pending_and_is_deterministic() {
        let now = DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .map(|d| d.to_utc())
            .expect("now");
        let store = demo(1, now);
        let all = Period::new(
            NaiveDate::from_ymd_opt(2026, 1, 1).expect("day"),
            NaiveDate::from_ymd_opt(2026, 12, 31).expect("day"),
        )
        .expect("year");
        let c = completion(&store, &all, GroupBy::Department).expect("completion");
        let rate = c
            .total
            .rate
            .expect("the demo has past shadowing days and trainings");
        assert!(
            (0.55..0.95).contains(&rate),
            "a good share of debriefs is filled, not all: {rate}"
        );
        let waiting = pending(&store, now, None).expect("pending");
        assert_eq!(
            waiting.len() as i64,
            c.total.expected - c.total.filled,
            "every expected debrief not filled is pending (the demo's history is within the year)"
        );
        let tags: BTreeSet<String> = dump(&store).into_iter().map(|d| d.3).collect();
        let offered: BTreeSet<String> = OFFERS
            .iter()
            .map(|o| o.0.to_owned())
            .chain([String::new()])
            .collect();
        assert_eq!(
            tags, offered,
            "every demo offer is talked about, and some debriefs have no offer"
        );
        assert_eq!(
            dump(&store),
            dump(&demo(1, now)),
            "the same seed and day give the same debriefs"
        );
    }
}
