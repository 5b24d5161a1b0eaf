//! The demo's staff: sites, departments, teams and reporting lines, in the proportions of the default demo (25
//! marketing, 60 sales in teams of 10, 35 CRC per 120 people).

use super::names::{email_part, FIRST, LAST};
use crate::error::Result;
use crate::model::{Department, Id, PersonInput, SiteInput};
use crate::store::bulk::Bulk;
use chrono::{DateTime, Utc};
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use std::collections::{HashMap, HashSet};

/// A sales team.
pub struct Team {
    /// Name, e.g. "Ventes Sud-Ouest".
    pub name: String,
    /// Its manager (also a member).
    pub manager: Id,
    /// Everyone in it.
    pub members: Vec<Id>,
}

/// The generated organisation.
pub struct Org {
    pub paris: Id,
    pub lyon: Id,
    pub lyon_seats: i32,
    pub all: Vec<Id>,
    pub marketing: Vec<Id>,
    pub sales: Vec<Id>,
    pub crc: Vec<Id>,
    pub sales_teams: Vec<Team>,
    names: HashMap<Id, String>,
    managers: HashMap<Id, Id>,
}

impl Org {
    pub fn name(&self, id: Id) -> &str {
        self.names.get(&id).map(String::as_str).unwrap_or("?")
    }

    pub fn manager_of(&self, id: Id) -> Option<Id> {
        self.managers.get(&id).copied().or(Some(id))
    }
}

const SALES_REGIONS: &[&str] = &[
    "Île-de-France",
    "Nord",
    "Sud-Ouest",
    "Sud-Est",
    "Grand Est",
    "Ouest",
    "Centre",
    "Bretagne",
    "Normandie",
    "Occitanie",
    "Auvergne",
    "Alsace",
    "Provence",
    "Côte d'Azur",
    "Bourgogne",
    "Hauts-de-France",
    "Pays de la Loire",
    "Rhône",
    "Alpes",
    "Aquitaine",
];
const MARKETING_TEAMS: &[&str] = &["Marketing Produit", "Marketing Digital", "Marketing Offres"];
const CRC_TEAMS: &[&str] = &["CRC Particuliers", "CRC Professionnels", "CRC Réclamations"];

fn team_name(base: &[&str], prefix: &str, i: usize) -> String {
    match base.get(i) {
        Some(name) if prefix.is_empty() => (*name).to_owned(),
        Some(name) => format!("{prefix}{name}"),
        None => format!("{prefix}{} {}", base[i % base.len()], i / base.len() + 1),
    }
}

struct Names {
    pairs: Vec<(usize, usize)>,
    next: usize,
    used: HashSet<String>,
}

impl Names {
    fn new(rng: &mut ChaCha8Rng) -> Self {
        let mut pairs: Vec<(usize, usize)> = (0..FIRST.len())
            .flat_map(|f| (0..LAST.len()).map(move |l| (f, l)))
            .collect();
        pairs.shuffle(rng);
        Names {
            pairs,
            next: 0,
            used: HashSet::new(),
        }
    }

    /// A new (full name, email); after every pair is used, names repeat and emails get a number.
    fn take(&mut self) -> (String, String) {
        let (f, l) = self.pairs[self.next % self.pairs.len()];
        self.next += 1;
        let full = format!("{} {}", FIRST[f], LAST[l]);
        let base = format!("{}.{}", email_part(FIRST[f]), email_part(LAST[l]));
        let mut email = format!("{base}@exemple-unisson.fr");
        let mut n = 2;
        while !self.used.insert(email.clone()) {
            email = format!("{base}{n}@exemple-unisson.fr");
            n += 1;
        }
        (full, email)
    }
}

/// Creates the two sites and `total` people.
pub fn create(
    bulk: &mut Bulk<'_>,
    total: usize,
    rng: &mut ChaCha8Rng,
    now: DateTime<Utc>,
) -> Result<Org> {
    let lyon_seats = (total / 15).max(8) as i32;
    let paris = bulk.site(
        &SiteInput {
            name: "Siège Paris".into(),
            timezone: "Europe/Paris".into(),
            seats: 12,
            is_crc: false,
        },
        now,
    )?;
    let lyon = bulk.site(
        &SiteInput {
            name: "CRC Lyon".into(),
            timezone: "Europe/Paris".into(),
            seats: lyon_seats,
            is_crc: true,
        },
        now,
    )?;
    let marketing_n = (total * 25).div_ceil(120);
    let sales_n = total * 60 / 120;
    let crc_n = total - marketing_n - sales_n;
    let mut org = Org {
        paris,
        lyon,
        lyon_seats,
        all: Vec::new(),
        marketing: Vec::new(),
        sales: Vec::new(),
        crc: Vec::new(),
        sales_teams: Vec::new(),
        names: HashMap::new(),
        managers: HashMap::new(),
    };
    let mut names = Names::new(rng);
    let plan = [
        (
            Department::Marketing,
            marketing_n,
            9,
            MARKETING_TEAMS,
            "",
            paris,
        ),
        (
            Department::Sales,
            sales_n,
            10,
            SALES_REGIONS,
            "Ventes ",
            paris,
        ),
        (Department::Crc, crc_n, 12, CRC_TEAMS, "", lyon),
    ];
    for (department, count, team_size, teams, prefix, site) in plan {
        let team_count = count.div_ceil(team_size).max(1);
        let mut head: Option<Id> = None;
        for t in 0..team_count {
            let team = team_name(teams, prefix, t);
            let size = count / team_count + usize::from(t < count % team_count);
            let mut lead: Option<Id> = None;
            let mut members = Vec::new();
            for _ in 0..size {
                let (full_name, email) = names.take();
                let manager_id = lead.or(head);
                let id = bulk.person(
                    &PersonInput {
                        full_name: full_name.clone(),
                        email,
                        department,
                        team: team.clone(),
                        site_id: Some(site),
                        manager_id,
                        active: true,
                    },
                    now,
                )?;
                if let Some(m) = manager_id {
                    org.managers.insert(id, m);
                }
                org.names.insert(id, full_name);
                head = head.or(Some(id));
                lead = lead.or(Some(id));
                members.push(id);
            }
            org.all.extend(&members);
            match department {
                Department::Marketing => org.marketing.extend(&members),
                Department::Sales => {
                    org.sales.extend(&members);
                    if let Some(manager) = lead {
                        org.sales_teams.push(Team {
                            name: team,
                            manager,
                            members,
                        });
                    }
                }
                _ => org.crc.extend(&members),
            }
        }
    }
    Ok(org)
}
