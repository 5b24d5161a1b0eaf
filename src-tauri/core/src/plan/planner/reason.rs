//! Why the planner proposed an exchange, or could not place someone, as structured parts: a stable `code` and its
//! parameters, which the UI renders in French or English. [`english`] renders the same parts as the readable English
//! `reason` string the plan file keeps (the CLI's documented shape).
//!
//! The sales-brief rota ([`crate::plan::rota`]) runs on the same engine and explains itself with the same type: the
//! `*_brief*`, `fewer_elsewhere`, `not_previous`, `holiday`, `no_marketer*` and `marketers_taken` codes are its own.
//!
//! Invariant: a proposal's, an unplaced visitor's, a rota assignment's or a rota gap's `reason` is exactly
//! `english(&reasons)`.

use crate::schedule::Finding;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One part of a reason. Names are display names, as the planner knew them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export, rename = "PlanReason")]
pub enum Reason {
    /// The visitor has not yet visited the host's team.
    NovelTeam {
        /// Visitor's name.
        visitor: String,
        /// Host's team.
        team: String,
    },
    /// The visitor has not yet shadowed this host (but knows the team).
    NovelHost {
        /// Visitor's name.
        visitor: String,
        /// Host's name.
        host: String,
    },
    /// The visitor already knows this host: no newer host was free.
    KnownHost {
        /// Visitor's name.
        visitor: String,
        /// Host's name.
        host: String,
    },
    /// A sales or CRC person returns marketing's visit.
    ReturnVisit {
        /// Visitor's name.
        visitor: String,
    },
    /// How much the host hosted before (last quarter and already planned) and in this plan.
    HostLoad {
        /// Host's name.
        host: String,
        /// Hosting before this plan.
        before: u32,
        /// Exchanges this plan gives them.
        planned: u32,
    },
    /// The host joined recently.
    Newcomer {
        /// Host's name.
        host: String,
    },
    /// The visitor got fewer exchanges than wanted (followed by the cause).
    Short {
        /// Exchanges placed.
        got: u32,
        /// Exchanges wanted.
        target: u32,
    },
    /// Cause: away or busy on every working day of the period.
    AwayAllPeriod {
        /// Visitor's name.
        visitor: String,
    },
    /// Cause: no host in the chosen pools can receive them (site or department).
    NoHost {
        /// Visitor's name.
        visitor: String,
    },
    /// Cause: every possible host is busy, at capacity or at the monthly limit when they are free.
    HostsFull {
        /// Visitor's name.
        visitor: String,
    },
    /// A proposal was dropped by the final clash check against the database.
    Dropped {
        /// Host's email.
        host: String,
        /// The blocking finding.
        finding: Finding,
    },
    /// Rota: the marketer's brief count (last 90 days and planned), the fewest among the free marketers.
    FewestBriefs {
        /// Marketer's name.
        marketer: String,
        /// Briefs before this one.
        briefs: u32,
    },
    /// Rota: the marketer's brief count (someone free had fewer, but a rule or another goal chose this marketer).
    BriefLoad {
        /// Marketer's name.
        marketer: String,
        /// Briefs before this one.
        briefs: u32,
    },
    /// Rota: a free marketer with fewer briefs goes to another occurrence of this rota instead.
    FewerElsewhere {
        /// That marketer's name.
        marketer: String,
        /// Their briefs before this rota's.
        briefs: u32,
        /// The local day of the occurrence they go to.
        #[ts(type = "string")]
        day: NaiveDate,
    },
    /// Rota: the marketer has not attended this team's brief in the last year.
    NovelBrief {
        /// Marketer's name.
        marketer: String,
        /// The sales team.
        team: String,
    },
    /// Rota: a marketer of the previous occurrence was free and had no more briefs, but does not go twice in a row.
    NotPrevious {
        /// That marketer's name.
        marketer: String,
    },
    /// Rota: the marketer also attended the previous occurrence, as nobody else fitted.
    RepeatBrief {
        /// Marketer's name.
        marketer: String,
    },
    /// Rota gap: the occurrence falls on a company holiday.
    Holiday {
        /// The holiday's label ("Toussaint"); may be empty.
        name: String,
    },
    /// Rota gap: there is no active marketer at all.
    NoMarketers,
    /// Rota gap: every marketer is away or busy at that time.
    NoMarketerFree {
        /// Marketers away that day.
        away: u32,
        /// Marketers booked on something else at that time.
        busy: u32,
    },
    /// Rota gap: every free marketer is already at another occurrence of the rota at that time.
    MarketersTaken,
}

impl Reason {
    /// This part in English.
    pub fn english(&self) -> String {
        match self {
            Reason::NovelTeam { visitor, team } => format!("{visitor} has not yet visited {team}"),
            Reason::NovelHost { visitor, host } => format!("{visitor} has not yet shadowed {host}"),
            Reason::KnownHost { visitor, host } => {
                format!("{visitor} already knows {host}: no newer host was free")
            }
            Reason::ReturnVisit { visitor } => format!("{visitor} returns the visit of marketing"),
            Reason::HostLoad {
                host,
                before,
                planned,
            } => format!("{host} has hosted {before} time(s) this quarter, {planned} in this plan"),
            Reason::Newcomer { host } => format!("{host} joined recently"),
            Reason::Short { got, target } => format!("{got} of {target} exchange(s) placed"),
            Reason::AwayAllPeriod { visitor } => {
                format!("{visitor} is away or busy on every working day of the period")
            }
            Reason::NoHost { visitor } => format!(
                "no host in the chosen pools can receive {visitor} (same site only, or no matching department)"
            ),
            Reason::HostsFull { visitor } => format!(
                "every possible host is busy, at capacity or at the monthly limit when {visitor} is free"
            ),
            Reason::Dropped { host, finding } => format!(
                "a proposal with {host} was dropped by the clash check: {}",
                finding.message
            ),
            Reason::FewestBriefs { marketer, briefs } => format!(
                "{marketer} has {briefs} brief(s) in the last 90 days (planned included), the fewest of the free marketers"
            ),
            Reason::BriefLoad { marketer, briefs } => {
                format!("{marketer} has {briefs} brief(s) in the last 90 days (planned included)")
            }
            Reason::FewerElsewhere {
                marketer,
                briefs,
                day,
            } => format!("{marketer}, with fewer briefs ({briefs}), goes to the brief of {day}"),
            Reason::NovelBrief { marketer, team } => {
                format!("{marketer} has not attended a {team} brief in the past year")
            }
            Reason::NotPrevious { marketer } => {
                format!("{marketer} attended the previous brief and does not go twice in a row")
            }
            Reason::RepeatBrief { marketer } => {
                format!("{marketer} also attended the previous brief: nobody else was free")
            }
            Reason::Holiday { name } if name.is_empty() => "company holiday".into(),
            Reason::Holiday { name } => format!("company holiday ({name})"),
            Reason::NoMarketers => "there is no active marketer".into(),
            Reason::NoMarketerFree { away, busy } => {
                format!("no marketer is free at that time (away: {away}, busy: {busy})")
            }
            Reason::MarketersTaken => {
                "the free marketers are already at another occurrence at that time".into()
            }
        }
    }
}

/// The parts in English, joined as the plan file's `reason` ("2 of 3 exchange(s) placed: cause"; else "; ").
pub fn english(reasons: &[Reason]) -> String {
    let mut out = String::new();
    for (i, r) in reasons.iter().enumerate() {
        if i > 0 {
            let after_short = matches!(reasons[i - 1], Reason::Short { .. });
            out.push_str(if after_short { ": " } else { "; " });
        }
        out.push_str(&r.english());
    }
    out
}
