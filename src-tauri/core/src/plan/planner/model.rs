//! The planner's in-memory instance: people as indices, working days as indices, and what is already booked, as flat
//! arrays. Built once from the store (see `load`) or directly (tests, benchmarks); the search never touches SQL.
//!
//! Invariants: slot `2 * day + h` is the morning (`h = 0`) or afternoon (`h = 1`) of working day `day`; `blocked` marks
//! a person away or booked on anything but hosting a shadowing; `hosting` counts the visitors a host already receives
//! in a slot; `host_days` holds, per host and calendar month, the days already spent hosting (inside or outside the
//! period), so the monthly limit counts existing hosting; `fixed` holds the exchanges already in the store by
//! (visitor, day index, host) so that the repeat penalty sees them.
//!
//! The brief rota builds its own instance over the same type (see `plan::rota`): one visitor per brief series, one
//! day index per occurrence, marketers as hosts.

use crate::model::{Department, HalfDay, Id, PlanningRules};
use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};

/// "No team" / "no site".
pub const NONE: usize = usize::MAX;

/// One person the planner may place.
#[derive(Debug, Clone)]
pub struct Member {
    /// Database id.
    pub id: Id,
    /// Email (the key in plan files).
    pub email: String,
    /// Display name.
    pub name: String,
    /// Department.
    pub dept: Department,
    /// Team index into [`Instance::teams`], or [`NONE`].
    pub team: usize,
    /// Site index into [`Instance::sites`], or [`NONE`].
    pub site: usize,
    /// Joined recently: hosts them sparingly.
    pub newcomer: bool,
}

/// A site as the planner needs it.
#[derive(Debug, Clone)]
pub struct SiteInfo {
    /// Database id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// IANA zone.
    pub timezone: String,
    /// Desks.
    pub seats: u32,
    /// A visit here takes a desk.
    pub is_crc: bool,
}

/// Where and when one exchange happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    /// Host (member index).
    pub host: usize,
    /// Working day index.
    pub day: usize,
    /// Morning, afternoon or full day.
    pub part: HalfDay,
}

impl Place {
    /// The slots this place covers.
    pub fn slots(&self) -> std::ops::Range<usize> {
        let s = 2 * self.day;
        match self.part {
            HalfDay::Am => s..s + 1,
            HalfDay::Pm => s + 1..s + 2,
            HalfDay::Full => s..s + 2,
        }
    }
}

/// Everything the search needs, loaded once.
#[derive(Debug, Clone, Default)]
pub struct Instance {
    /// Working days of the period (weekdays that are not company holidays), in order.
    pub days: Vec<NaiveDate>,
    /// Half-day exchanges (morning or afternoon) instead of full days.
    pub half_days: bool,
    /// Hosts must work at the visitor's site.
    pub same_site: bool,
    /// Everyone involved.
    pub members: Vec<Member>,
    /// Team names.
    pub teams: Vec<String>,
    /// Sites.
    pub sites: Vec<SiteInfo>,
    /// Who visits (member indices), most constrained first is decided by the search.
    pub visitors: Vec<usize>,
    /// How many more exchanges each visitor should get in the period (parallel to `visitors`).
    pub targets: Vec<u32>,
    /// Who may host.
    pub hosts: Vec<usize>,
    /// `members.len() × 2·days.len()`: away or booked.
    pub blocked: Vec<bool>,
    /// `members.len() × 2·days.len()`: visitors already received.
    pub hosting: Vec<u8>,
    /// Per (member, month key), the days already spent hosting.
    pub host_days: HashMap<(usize, i32), HashSet<NaiveDate>>,
    /// `sites.len() × days.len()`: desks already taken.
    pub seats_used: Vec<u32>,
    /// (visitor, host) pairs that already happened or are planned.
    pub seen_pairs: HashSet<(usize, usize)>,
    /// (visitor, host team) pairs that already happened or are planned.
    pub seen_teams: HashSet<(usize, usize)>,
    /// Exchanges already in the store inside the period: (visitor, day index, host), all member indices.
    pub fixed: HashSet<(usize, usize, usize)>,
    /// Teams a marketer already visited (reciprocity).
    pub marketing_visited: HashSet<usize>,
    /// Hosting days of each member over the last quarter and already planned (fairness).
    pub host_base: Vec<u32>,
    /// The limits.
    pub rules: PlanningRules,
}

/// Month key of a day (year × 12 + month).
pub fn month_key(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

impl Instance {
    /// Number of half-day slots.
    pub fn slots(&self) -> usize {
        2 * self.days.len()
    }

    /// Index of a member's slot in the flat arrays.
    pub fn at(&self, member: usize, slot: usize) -> usize {
        member * self.slots() + slot
    }

    /// The ISO week index of a working day, counted from the first week of the period.
    pub fn week(&self, day: usize) -> usize {
        let first = self.days.first().map_or(0, |d| {
            d.num_days_from_ce() - d.weekday().num_days_from_monday() as i32
        });
        let d = self.days[day];
        ((d.num_days_from_ce() - first) / 7) as usize
    }

    /// Number of weeks the period touches.
    pub fn weeks(&self) -> usize {
        self.days
            .len()
            .checked_sub(1)
            .map_or(0, |l| self.week(l) + 1)
    }

    /// Parts of a day an exchange may take.
    pub fn parts(&self) -> &'static [HalfDay] {
        if self.half_days {
            &[HalfDay::Am, HalfDay::Pm]
        } else {
            &[HalfDay::Full]
        }
    }

    /// Whether `visitor` may be received by `host` at all (direction, site, not themself).
    pub fn compatible(&self, visitor: usize, host: usize) -> bool {
        let (v, h) = (&self.members[visitor], &self.members[host]);
        let field = |d: Department| matches!(d, Department::Sales | Department::Crc);
        let direction = (v.dept == Department::Marketing && field(h.dept))
            || (field(v.dept) && h.dept == Department::Marketing);
        visitor != host && direction && (!self.same_site || (v.site != NONE && v.site == h.site))
    }

    /// Empty arrays sized for the members, days and sites already set.
    pub fn allocate(&mut self) {
        let n = self.members.len() * self.slots();
        self.blocked = vec![false; n];
        self.hosting = vec![0; n];
        self.seats_used = vec![0; self.sites.len() * self.days.len()];
        self.host_base = vec![0; self.members.len()];
    }
}
