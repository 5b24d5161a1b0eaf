//! A deterministic demo organisation: the same options, seed and `now` always give the same database.
//!
//! The default is the demo a new user sees: about 120 staff (25 marketing, 60 sales in 6 teams, 35 in the CRC) on two
//! sites (Paris head office, Lyon CRC), and a quarter of activities of all four kinds around `now` (past ones done,
//! future ones planned). The scale mode (`people: 5000, years: 5`) keeps the same proportions and rhythms over years,
//! for benchmarks (about a million participation rows).
//!
//! Activities respect what the planner will enforce: working days only, no public holidays, nobody in two places in
//! the same half-day, CRC seats not exceeded. The whole generation is one transaction with one audit entry (plus
//! the settings' own, which names the demo's organizer for invites, and one per example objective: the four of
//! `ops::objectives::examples`, quarterly, in French).

mod calendar;
mod debriefs;
mod names;
mod people;
#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use crate::model::{ActivityKind, ActivityStatus, HalfDay, Id, ParticipationStatus, Role};
use crate::store::activities::NewActivity;
use crate::store::bulk::{Bulk, NewSeries};
use crate::store::{day, people as people_table, settings as settings_table, Store};
use crate::FieldCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rand::seq::IndexedRandom;
use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

pub use calendar::{easter, french_holidays};
use people::Org;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// Number of staff (at least 20).
    pub people: usize,
    /// Years of history; 0 means the default quarter (45 days either side of `now`).
    pub years: u32,
    /// Random seed.
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            people: 120,
            years: 0,
            seed: 1,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    /// Sites created.
    pub sites: usize,
    /// People created.
    pub people: usize,
    /// Activities created, all kinds.
    pub activities: usize,
    /// Participation rows created.
    pub participations: usize,
    /// Absences and company holidays created.
    pub absences: usize,
}

const ZONE: Tz = chrono_tz::Europe::Paris;

/// Fills an empty database with the demo organisation. Refuses a database that already has people, because merging
/// a fictional company into a real one would be data loss of another kind.
pub fn generate(store: &mut Store, opts: &DemoOptions, now: DateTime<Utc>) -> Result<DemoSummary> {
    if opts.people < 20 {
        return Err(Error::field(
            "people",
            FieldCode::TooSmall,
            "the demo needs at least 20 people",
        ));
    }
    if people_table::count(store.conn())? > 0 {
        return Err(Error::field(
            "db",
            FieldCode::NotEmpty,
            "this database already has people; the demo only fills an empty database",
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let today = now.with_timezone(&ZONE).date_naive();
    let (first, last) = if opts.years == 0 {
        (today - Duration::days(45), today + Duration::days(45))
    } else {
        (
            today - Duration::days(365 * i64::from(opts.years)),
            today + Duration::days(90),
        )
    };
    store.write("demo", now, |tx| {
        let mut bulk = Bulk::new(tx)?;
        let org = people::create(&mut bulk, opts.people, &mut rng, now)?;
        // Invites need an organizer (Settings): the demo's is the manager of its marketing team.
        if let Some(manager) = org.marketing.first().and_then(|m| org.manager_of(*m)) {
            let person = people_table::get(tx, manager)?;
            let current = settings_table::get(tx)?;
            settings_table::put(
                tx,
                &crate::model::Settings {
                    organizer_name: person.full_name,
                    organizer_email: person.email,
                    ..current
                },
            )?;
        }
        let mut gen = Gen {
            bulk,
            rng,
            now,
            busy: HashSet::new(),
            seats: HashMap::new(),
            summary: DemoSummary {
                sites: 2,
                people: org.all.len(),
                activities: 0,
                participations: 0,
                absences: 0,
            },
        };
        let holidays = gen.holidays(first, last)?;
        let days: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter(|d| calendar::is_weekday(*d) && !holidays.contains(d))
            .collect();
        gen.absences(&org, &days)?;
        gen.briefs(&org, first, &days, &holidays)?;
        gen.shadowing(&org, &days)?;
        gen.trainings(&org, &days)?;
        gen.colocation(&org, &days)?;
        debriefs::generate(tx, opts.seed, now)?;
        // The four example objectives of the Objectives page, from the start of the quarter of the demo's first day
        // (earlier quarters have no activities to measure).
        let quarter_start =
            NaiveDate::from_ymd_opt(first.year(), first.month0() / 3 * 3 + 1, 1).unwrap_or(first);
        crate::ops::objectives::insert_examples(tx, crate::model::Language::Fr, quarter_start)?;
        // The app labels this file "demo" wherever it shows it, so it is never taken for real data.
        crate::store::overview::mark_demo(tx)?;
        let summary = gen.summary.clone();
        tx.audit("demo", 0, "generate", None::<&()>, Some(&summary))?;
        Ok(summary)
    })
}

struct Gen<'c> {
    bulk: Bulk<'c>,
    rng: ChaCha8Rng,
    now: DateTime<Utc>,
    /// (person, day, half) already taken; half 0 = morning, 1 = afternoon.
    busy: HashSet<(Id, NaiveDate, u8)>,
    /// CRC seats used per day.
    seats: HashMap<NaiveDate, i32>,
    summary: DemoSummary,
}

fn halves(h: HalfDay) -> &'static [u8] {
    match h {
        HalfDay::Am => &[0],
        HalfDay::Pm => &[1],
        HalfDay::Full => &[0, 1],
    }
}

fn at(d: NaiveDate, hh: u32, mm: u32) -> DateTime<Utc> {
    let local = d.and_time(NaiveTime::from_hms_opt(hh, mm, 0).unwrap_or_default());
    ZONE.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| local.and_utc())
}

impl Gen<'_> {
    fn uid(&mut self) -> String {
        format!(
            "{:016x}{:016x}@unisson.app",
            self.rng.next_u64(),
            self.rng.next_u64()
        )
    }

    fn free(&self, people: &[Id], d: NaiveDate, h: HalfDay) -> bool {
        people.iter().all(|p| {
            halves(h)
                .iter()
                .all(|half| !self.busy.contains(&(*p, d, *half)))
        })
    }

    fn book(&mut self, people: &[Id], d: NaiveDate, h: HalfDay) {
        for p in people {
            for half in halves(h) {
                self.busy.insert((*p, d, *half));
            }
        }
    }

    fn status_for(&mut self, end: DateTime<Utc>) -> ActivityStatus {
        let roll: f64 = self.rng.random();
        if roll < 0.05 {
            ActivityStatus::Cancelled
        } else if end <= self.now {
            ActivityStatus::Done
        } else if roll < 0.35 {
            ActivityStatus::Confirmed
        } else if roll < 0.45 {
            ActivityStatus::Proposed
        } else {
            ActivityStatus::Planned
        }
    }

    /// A participant's status consistent with the activity's.
    fn part_status(&mut self, activity: ActivityStatus) -> ParticipationStatus {
        let roll: f64 = self.rng.random();
        match activity {
            ActivityStatus::Cancelled => ParticipationStatus::Cancelled,
            ActivityStatus::Done if roll < 0.05 => ParticipationStatus::NoShow,
            ActivityStatus::Done if roll < 0.09 => ParticipationStatus::Excused,
            ActivityStatus::Done => ParticipationStatus::Attended,
            _ if roll < 0.6 => ParticipationStatus::Accepted,
            _ if roll < 0.7 => ParticipationStatus::Tentative,
            _ => ParticipationStatus::Invited,
        }
    }

    fn insert(&mut self, a: &NewActivity, parts: &[(Id, Role)]) -> Result<Id> {
        let id = self.bulk.activity(a, self.now)?;
        for &(person, role) in parts {
            let status = self.part_status(a.status);
            self.bulk
                .participation(id, person, role, status, self.now)?;
        }
        self.summary.activities += 1;
        self.summary.participations += parts.len();
        Ok(id)
    }

    fn holidays(&mut self, first: NaiveDate, last: NaiveDate) -> Result<HashSet<NaiveDate>> {
        let mut set = HashSet::new();
        for year in first.year()..=last.year() {
            for (d, name) in french_holidays(year) {
                if d >= first && d <= last {
                    self.bulk.absence(None, d, d, name, self.now)?;
                    self.summary.absences += 1;
                    set.insert(d);
                }
            }
        }
        Ok(set)
    }

    /// About one person in eight takes a week off somewhere in the period.
    fn absences(&mut self, org: &Org, days: &[NaiveDate]) -> Result<()> {
        let weeks = (days.len() / 5).max(1);
        for &person in &org.all {
            for _ in 0..weeks.div_ceil(13) {
                if self.rng.random_bool(0.125) {
                    let Some(&start) = days.choose(&mut self.rng) else {
                        continue;
                    };
                    let end = start + Duration::days(4);
                    self.bulk
                        .absence(Some(person), start, end, "Congés", self.now)?;
                    self.summary.absences += 1;
                    for d in start.iter_days().take(5) {
                        self.book(&[person], d, HalfDay::Full);
                    }
                }
            }
        }
        Ok(())
    }

    /// A weekly brief per sales team, early morning, materialised for every working day of its weekday.
    fn briefs(
        &mut self,
        org: &Org,
        first: NaiveDate,
        days: &[NaiveDate],
        holidays: &HashSet<NaiveDate>,
    ) -> Result<()> {
        let weekdays = [
            chrono::Weekday::Mon,
            chrono::Weekday::Tue,
            chrono::Weekday::Thu,
        ];
        for (i, team) in org.sales_teams.iter().enumerate() {
            let weekday = weekdays[i % weekdays.len()];
            let uid = self.uid();
            let exdates: Vec<String> = holidays
                .iter()
                .filter(|d| d.weekday() == weekday)
                .map(|d| day(*d))
                .collect();
            let title = format!("Brief hebdo – {}", team.name);
            let rrule = format!(
                "FREQ=WEEKLY;BYDAY={}",
                &weekday.to_string()[..2].to_uppercase()
            );
            let first_day = first
                .iter_days()
                .find(|d| d.weekday() == weekday)
                .unwrap_or(first);
            let series = self.bulk.series(
                &NewSeries {
                    title: &title,
                    team: &team.name,
                    site_id: Some(org.paris),
                    location: "Paris – Siège, salle Garonne",
                    rrule: &rrule,
                    first_day,
                    local_start: "08:00",
                    duration_minutes: 45,
                    timezone: ZONE.name(),
                    exdates: &exdates,
                    uid: &uid,
                },
                self.now,
            )?;
            for &d in days.iter().filter(|d| d.weekday() == weekday) {
                let (start, end) = (at(d, 8, 0), at(d, 8, 45));
                let status = self.status_for(end);
                let mut parts: Vec<(Id, Role)> =
                    team.members.iter().map(|p| (*p, Role::Attendee)).collect();
                let marketers = self
                    .rng
                    .random_range(0..=2usize)
                    .max(usize::from(self.rng.random_bool(0.85)));
                // Marketers only join on a morning they have free: not on leave, not at another team's brief.
                let available: Vec<Id> = org
                    .marketing
                    .iter()
                    .copied()
                    .filter(|m| self.free(&[*m], d, HalfDay::Am))
                    .collect();
                for m in available.choose_multiple(&mut self.rng, marketers) {
                    parts.push((*m, Role::Attendee));
                }
                // The brief takes its attendees' morning, so nothing later puts them elsewhere (e.g. a co-location
                // day at the CRC) at the same time.
                let attendees: Vec<Id> = parts.iter().map(|(p, _)| *p).collect();
                self.book(&attendees, d, HalfDay::Am);
                let a = NewActivity {
                    kind: ActivityKind::Brief,
                    title: title.clone(),
                    description: "Point hebdomadaire de l'équipe : résultats, offres du moment, retours terrain."
                        .into(),
                    site_id: Some(org.paris),
                    location: "Paris – Siège, salle Garonne".into(),
                    start,
                    end,
                    timezone: ZONE.name().into(),
                    all_day: false,
                    status,
                    organizer_id: Some(team.manager),
                    uid: self.uid(),
                    half_day: None,
                    capacity: None,
                    series_id: Some(series),
                    goals: String::new(),
                    mix_min_marketing: None,
                    mix_min_sales: None,
                };
                self.insert(&a, &parts)?;
            }
        }
        Ok(())
    }

    /// Each marketer visits the field about every six weeks; one day in five goes the other way.
    fn shadowing(&mut self, org: &Org, days: &[NaiveDate]) -> Result<()> {
        let per_person = (days.len() / 30).max(2);
        const GOALS: &[&str] = &[
            "Comprendre les objections clients sur l'offre éco-énergie",
            "Voir comment l'offre Pro est présentée en rendez-vous",
            "Écouter les appels entrants sur la facturation",
            "Identifier les questions récurrentes des clients particuliers",
            "Partager le calendrier des campagnes du trimestre",
        ];
        for _ in 0..per_person {
            for &marketer in &org.marketing {
                let to_crc = self.rng.random_bool(0.3);
                let pool = if to_crc { &org.crc } else { &org.sales };
                let Some(&other) = pool.choose(&mut self.rng) else {
                    continue;
                };
                let reverse = self.rng.random_bool(0.2);
                let (visitor, host) = if reverse {
                    (other, marketer)
                } else {
                    (marketer, other)
                };
                let half = *[HalfDay::Am, HalfDay::Pm, HalfDay::Full]
                    .choose(&mut self.rng)
                    .unwrap_or(&HalfDay::Full);
                let Some(d) = self.pick_day(days, &[visitor, host], half) else {
                    continue;
                };
                let (start, end) = match half {
                    HalfDay::Am => (at(d, 9, 0), at(d, 12, 30)),
                    HalfDay::Pm => (at(d, 13, 30), at(d, 17, 30)),
                    HalfDay::Full => (at(d, 9, 0), at(d, 17, 30)),
                };
                let at_crc = to_crc && !reverse;
                let site = if at_crc { org.lyon } else { org.paris };
                let goals = GOALS.choose(&mut self.rng).copied().unwrap_or_default();
                let a = NewActivity {
                    kind: ActivityKind::Shadowing,
                    title: format!("Vis ma vie : {} chez {}", org.name(visitor), org.name(host)),
                    description: format!(
                        "Accueil par {} à l'accueil principal. Apporter un carnet.",
                        org.name(host)
                    ),
                    site_id: Some(site),
                    location: if at_crc {
                        "Lyon – Plateau CRC".into()
                    } else {
                        "Paris – Siège".into()
                    },
                    start,
                    end,
                    timezone: ZONE.name().into(),
                    all_day: false,
                    status: self.status_for(end),
                    organizer_id: org.manager_of(visitor),
                    uid: self.uid(),
                    half_day: Some(half),
                    capacity: None,
                    series_id: None,
                    goals: goals.into(),
                    mix_min_marketing: None,
                    mix_min_sales: None,
                };
                self.book(&[visitor, host], d, half);
                self.insert(&a, &[(visitor, Role::Visitor), (host, Role::Host)])?;
            }
        }
        Ok(())
    }

    fn pick_day(&mut self, days: &[NaiveDate], people: &[Id], half: HalfDay) -> Option<NaiveDate> {
        for _ in 0..12 {
            let d = *days.choose(&mut self.rng)?;
            if self.free(people, d, half) {
                return Some(d);
            }
        }
        None
    }

    /// Mixed trainings: about one a month per 250 staff, at least six in the demo quarter.
    fn trainings(&mut self, org: &Org, days: &[NaiveDate]) -> Result<()> {
        const TITLES: &[&str] = &[
            "Connaître nos offres éco-énergie",
            "Négocier avec les grands comptes",
            "Parcours client : du lead à la signature",
            "Atelier persona et segmentation",
            "Traiter les objections, ensemble",
            "Lancer une campagne locale avec les ventes",
        ];
        let count = ((org.all.len() / 250).max(1) * days.len() / 21).max(6);
        for i in 0..count {
            let half = if self.rng.random_bool(0.5) {
                HalfDay::Am
            } else {
                HalfDay::Pm
            };
            let mut invitees: Vec<Id> = Vec::new();
            invitees.extend(org.marketing.choose_multiple(&mut self.rng, 6));
            invitees.extend(org.sales.choose_multiple(&mut self.rng, 6));
            invitees.extend(org.crc.choose_multiple(&mut self.rng, 2));
            let Some(d) = self.pick_day(days, &invitees, half) else {
                continue;
            };
            let (start, end) = if half == HalfDay::Am {
                (at(d, 9, 30), at(d, 12, 30))
            } else {
                (at(d, 14, 0), at(d, 17, 0))
            };
            let trainer = invitees[0];
            let title = TITLES[i % TITLES.len()];
            let a = NewActivity {
                kind: ActivityKind::Training,
                title: format!("Formation : {title}"),
                description:
                    "Formation commune marketing et ventes. Ordre du jour envoyé la veille.".into(),
                site_id: Some(org.paris),
                location: "Paris – Siège, salle Loire".into(),
                start,
                end,
                timezone: ZONE.name().into(),
                all_day: false,
                status: self.status_for(end),
                organizer_id: org.manager_of(trainer),
                uid: self.uid(),
                half_day: None,
                capacity: Some(16),
                series_id: None,
                goals: format!("Repartir avec trois actions concrètes sur « {title} »."),
                mix_min_marketing: Some(30),
                mix_min_sales: Some(30),
            };
            self.book(&invitees, d, half);
            let parts: Vec<(Id, Role)> = invitees
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    (
                        *p,
                        if k == 0 {
                            Role::Trainer
                        } else {
                            Role::Attendee
                        },
                    )
                })
                .collect();
            self.insert(&a, &parts)?;
        }
        Ok(())
    }

    /// Marketers working from the CRC floor for a day, within its seats: about one day a month each.
    fn colocation(&mut self, org: &Org, days: &[NaiveDate]) -> Result<()> {
        let rounds = (days.len() / 21).max(1);
        for _ in 0..rounds {
            for &m in &org.marketing {
                if !self.rng.random_bool(0.5) {
                    continue;
                }
                let Some(d) = self.pick_day(days, &[m], HalfDay::Full) else {
                    continue;
                };
                let used = self.seats.entry(d).or_insert(0);
                if *used >= org.lyon_seats {
                    continue;
                }
                *used += 1;
                let start = at(d, 0, 0);
                let end = at(d + Duration::days(1), 0, 0);
                let a = NewActivity {
                    kind: ActivityKind::Colocation,
                    title: format!("Co-location au CRC : {}", org.name(m)),
                    description: "Journée de travail sur le plateau du centre de relation client."
                        .into(),
                    site_id: Some(org.lyon),
                    location: "Lyon – Plateau CRC".into(),
                    start,
                    end,
                    timezone: ZONE.name().into(),
                    all_day: true,
                    status: self.status_for(end),
                    organizer_id: org.manager_of(m),
                    uid: self.uid(),
                    half_day: Some(HalfDay::Full),
                    capacity: None,
                    series_id: None,
                    goals: String::new(),
                    mix_min_marketing: None,
                    mix_min_sales: None,
                };
                self.book(&[m], d, HalfDay::Full);
                self.insert(&a, &[(m, Role::Attendee)])?;
            }
        }
        Ok(())
    }
}
