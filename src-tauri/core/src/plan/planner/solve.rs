//! The plan under construction: [`State`] and its counters (the driver, [`solve`], lives in `search`).
//!
//! [`State`] holds the plan being built over an [`Instance`] and the counters the objective needs, so that adding or
//! removing an exchange, testing feasibility and computing a gain are O(1) (plus a hash lookup, and the repeat part a
//! scan of the visitor's own few exchanges). Hard rules live only
//! in [`State::feasible`]; every move goes through it, so no state the search reaches breaks one.

use super::model::{month_key, Instance, Place, NONE};
use super::score::{Parts, Weights};
use crate::model::Department;
use std::collections::HashMap;

pub use super::search::solve;

fn is_field(d: Department) -> bool {
    matches!(d, Department::Sales | Department::Crc)
}

/// A plan under construction and its counters.
pub struct State<'a> {
    /// The instance.
    pub inst: &'a Instance,
    /// The weights.
    pub w: Weights,
    /// Placed exchanges: (visitor position in `inst.visitors`, place).
    pub items: Vec<(usize, Place)>,
    /// The objective's parts for `items`.
    pub parts: Parts,
    busy: Vec<bool>,
    hosting: Vec<u8>,
    host_day: HashMap<(usize, usize), u32>,
    month_days: HashMap<(usize, i32), u32>,
    seats: Vec<u32>,
    /// Per (visitor position, member): 1 if they met before, plus exchanges in the plan.
    pairs: Vec<u16>,
    /// Per (visitor position, team): likewise.
    teams: Vec<u16>,
    mk: Vec<u32>,
    back: Vec<u32>,
    hosted: Vec<u32>,
    visitor_week: Vec<u32>,
    week: Vec<u32>,
    quota: u32,
    /// Exchanges placed per visitor position.
    pub count: Vec<u32>,
    week_of: Vec<usize>,
    /// Per visitor position, the (day, host) of their exchanges in the plan (for the repeat penalty; a visitor has
    /// few, so a scan beats a hash).
    placed_by: Vec<Vec<(usize, usize)>>,
}

impl<'a> State<'a> {
    /// An empty plan.
    pub fn new(inst: &'a Instance, w: Weights) -> Self {
        let weeks = inst.weeks().max(1);
        let wanted: u32 = inst.targets.iter().sum();
        State {
            inst,
            w,
            items: Vec::new(),
            parts: Parts::default(),
            busy: vec![false; inst.blocked.len()],
            hosting: vec![0; inst.blocked.len()],
            host_day: HashMap::new(),
            month_days: HashMap::new(),
            seats: vec![0; inst.seats_used.len()],
            pairs: dense(inst, inst.members.len(), inst.seen_pairs.iter()),
            teams: dense(inst, inst.teams.len(), inst.seen_teams.iter()),
            mk: vec![0; inst.teams.len()],
            back: vec![0; inst.teams.len()],
            hosted: vec![0; inst.members.len()],
            visitor_week: vec![0; inst.visitors.len() * weeks],
            week: vec![0; weeks],
            quota: wanted.div_ceil(weeks as u32).max(1),
            count: vec![0; inst.visitors.len()],
            week_of: (0..inst.days.len()).map(|d| inst.week(d)).collect(),
            placed_by: vec![Vec::new(); inst.visitors.len()],
        }
    }

    /// The part of the gain that depends on both the host and the day: exchanges of the same visitor with the same
    /// host on the day index before or after (in the plan or already in the store).
    pub fn repeat_gain(&self, v: usize, host: usize, day: usize) -> i64 {
        let inst = self.inst;
        if self.count[v] == 0 && inst.fixed.is_empty() {
            return 0;
        }
        let adjacent = |d: usize| d + 1 == day || day + 1 == d;
        let mut n = self.placed_by[v]
            .iter()
            .filter(|&&(d, h)| h == host && adjacent(d))
            .count() as i64;
        if !inst.fixed.is_empty() {
            let visitor = inst.visitors[v];
            for d in [day.wrapping_sub(1), day + 1] {
                n += i64::from(d < inst.days.len() && inst.fixed.contains(&(visitor, d, host)));
            }
        }
        n
    }

    /// Whether visitor position `v` may take `p` now: every hard rule.
    pub fn feasible(&self, v: usize, p: Place) -> bool {
        let inst = self.inst;
        let visitor = inst.visitors[v];
        let cap = inst.rules.host_capacity_per_half_day.max(0) as u32;
        for s in p.slots() {
            let (iv, ih) = (inst.at(visitor, s), inst.at(p.host, s));
            if inst.blocked[iv] || self.busy[iv] || inst.hosting[iv] > 0 || self.hosting[iv] > 0 {
                return false;
            }
            if inst.blocked[ih]
                || self.busy[ih]
                || u32::from(inst.hosting[ih]) + u32::from(self.hosting[ih]) >= cap
            {
                return false;
            }
        }
        let day = inst.days[p.day];
        let month = month_key(day);
        let known = inst.host_days.get(&(p.host, month));
        let hosts_that_day = known.is_some_and(|d| d.contains(&day))
            || self.host_day.get(&(p.host, p.day)).is_some_and(|n| *n > 0);
        if !hosts_that_day {
            let days = known.map_or(0, |d| d.len() as u32)
                + self.month_days.get(&(p.host, month)).copied().unwrap_or(0);
            if days >= inst.rules.max_host_days_per_month.max(0) as u32 {
                return false;
            }
        }
        let site = inst.members[p.host].site;
        if site != NONE && inst.sites[site].is_crc {
            let i = site * inst.days.len() + p.day;
            if inst.seats_used[i] + self.seats[i] >= inst.sites[site].seats {
                return false;
            }
        }
        true
    }

    /// The part of the gain that depends on the host only (not the day).
    pub fn host_gain(&self, v: usize, host: usize) -> Parts {
        let inst = self.inst;
        let visitor = inst.visitors[v];
        let (vm, hm) = (&inst.members[visitor], &inst.members[host]);
        let mut g = Parts {
            coverage: 1,
            ..Parts::default()
        };
        if self.pairs[v * inst.members.len() + host] == 0 {
            g.new_pairs = 1;
        }
        if hm.team != NONE {
            if self.teams[v * inst.teams.len() + hm.team] == 0 {
                g.new_teams = 1;
            }
            // A marketer visiting a field team: reciprocated if that team already visits marketing in the plan.
            if vm.dept == Department::Marketing
                && is_field(hm.dept)
                && !inst.marketing_visited.contains(&hm.team)
                && self.mk[hm.team] == 0
                && self.back[hm.team] > 0
            {
                g.reciprocity = 1;
            }
        }
        if vm.team != NONE
            && is_field(vm.dept)
            && hm.dept == Department::Marketing
            && self.back[vm.team] == 0
            && (inst.marketing_visited.contains(&vm.team) || self.mk[vm.team] > 0)
        {
            g.reciprocity = 1;
        }
        let load = i64::from(inst.host_base[host] + self.hosted[host]);
        g.host_load = 2 * load + 1;
        g.newcomer = i64::from(hm.newcomer);
        g
    }

    /// The part of the gain that depends on the day only.
    pub fn day_gain(&self, v: usize, day: usize) -> Parts {
        let wk = self.week_of[day];
        Parts {
            same_week: i64::from(self.visitor_week[v * self.week.len() + wk]),
            week_overload: i64::from(self.week[wk] >= self.quota),
            ..Parts::default()
        }
    }

    /// The exact change of the objective's parts if `p` were added for `v`.
    pub fn gain(&self, v: usize, p: Place) -> Parts {
        let mut g = self.host_gain(v, p.host);
        g.add(&self.day_gain(v, p.day), 1);
        g.repeat = self.repeat_gain(v, p.host, p.day);
        g
    }

    fn update(&mut self, v: usize, p: Place, up: bool) {
        let inst = self.inst;
        let visitor = inst.visitors[v];
        let bump = |x: &mut u32| {
            if up {
                *x += 1
            } else {
                *x -= 1
            }
        };
        for s in p.slots() {
            self.busy[inst.at(visitor, s)] = up;
            let ih = inst.at(p.host, s);
            self.hosting[ih] = if up {
                self.hosting[ih] + 1
            } else {
                self.hosting[ih] - 1
            };
        }
        let day = inst.days[p.day];
        let month = month_key(day);
        let known = inst
            .host_days
            .get(&(p.host, month))
            .is_some_and(|d| d.contains(&day));
        let n = self.host_day.entry((p.host, p.day)).or_insert(0);
        let before = *n;
        bump(n);
        let after = *n;
        if !known && (before == 0) != (after == 0) {
            bump(self.month_days.entry((p.host, month)).or_insert(0));
        }
        let site = inst.members[p.host].site;
        if site != NONE && inst.sites[site].is_crc {
            bump(&mut self.seats[site * inst.days.len() + p.day]);
        }
        let i = v * inst.members.len() + p.host;
        self.pairs[i] = if up {
            self.pairs[i] + 1
        } else {
            self.pairs[i] - 1
        };
        let (vm, hm) = (&inst.members[visitor], &inst.members[p.host]);
        if hm.team != NONE {
            let i = v * inst.teams.len() + hm.team;
            self.teams[i] = if up {
                self.teams[i] + 1
            } else {
                self.teams[i] - 1
            };
            if vm.dept == Department::Marketing && is_field(hm.dept) {
                bump(&mut self.mk[hm.team]);
            }
        }
        if vm.team != NONE && is_field(vm.dept) && hm.dept == Department::Marketing {
            bump(&mut self.back[vm.team]);
        }
        bump(&mut self.hosted[p.host]);
        let mine = &mut self.placed_by[v];
        if up {
            mine.push((p.day, p.host));
        } else if let Some(i) = mine.iter().position(|&x| x == (p.day, p.host)) {
            mine.swap_remove(i);
        }
        let wk = self.week_of[p.day];
        let weeks = self.week.len();
        bump(&mut self.visitor_week[v * weeks + wk]);
        bump(&mut self.week[wk]);
        bump(&mut self.count[v]);
    }

    /// Adds an exchange (the caller checked feasibility); returns its gain.
    pub fn add(&mut self, v: usize, p: Place) -> Parts {
        let g = self.gain(v, p);
        self.update(v, p, true);
        self.parts.add(&g, 1);
        self.items.push((v, p));
        g
    }

    /// Removes item `i`; returns what it had contributed.
    pub fn remove(&mut self, i: usize) -> (usize, Place, Parts) {
        let (v, p) = self.items.swap_remove(i);
        self.update(v, p, false);
        let g = self.gain(v, p);
        self.parts.add(&g, -1);
        (v, p, g)
    }

    /// The best feasible place for visitor `v` now and its weighted gain; `order` breaks ties between hosts.
    pub fn best(&self, v: usize, hosts: &[usize], order: &[u32]) -> Option<(Place, i64)> {
        let inst = self.inst;
        let w = &self.w;
        let ndays = inst.days.len();
        if ndays == 0 {
            return None;
        }
        let day_score: Vec<i64> = (0..ndays).map(|d| self.day_gain(v, d).total(w)).collect();
        let max_day = day_score.iter().copied().max().unwrap_or(0);
        let mut ranked: Vec<(i64, u32, usize)> = hosts
            .iter()
            .map(|&h| (self.host_gain(v, h).total(w), order[h], h))
            .collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let offset = (order[inst.visitors[v]] as usize + self.count[v] as usize * 7) % ndays;
        let mut best: Option<(Place, i64)> = None;
        for (hs, _, host) in ranked {
            if best.is_some_and(|(_, b)| hs + max_day <= b) {
                break;
            }
            for k in 0..ndays {
                let day = (offset + k) % ndays;
                let mut total = hs + day_score[day];
                if best.is_some_and(|(_, b)| total <= b) {
                    continue;
                }
                // A penalty: the bounds above stay upper bounds.
                total -= w.repeat * self.repeat_gain(v, host, day);
                if best.is_some_and(|(_, b)| total <= b) {
                    continue;
                }
                for &part in inst.parts() {
                    let p = Place { host, day, part };
                    if self.feasible(v, p) {
                        best = Some((p, total));
                        break;
                    }
                }
            }
        }
        best
    }
}

/// A dense (visitor position × `width`) table holding 1 for each (visitor member, column) in `seen`.
fn dense<'s>(
    inst: &Instance,
    width: usize,
    seen: impl Iterator<Item = &'s (usize, usize)>,
) -> Vec<u16> {
    let mut out = vec![0; inst.visitors.len() * width];
    let pos: HashMap<usize, usize> = inst
        .visitors
        .iter()
        .enumerate()
        .map(|(i, &m)| (m, i))
        .collect();
    for &(m, c) in seen {
        if let (Some(i), true) = (pos.get(&m), c < width) {
            out[i * width + c] = 1;
        }
    }
    out
}
