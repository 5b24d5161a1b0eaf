//! Building the [`Instance`] from the store: a handful of reads (people, sites, rules, absences, and one board query
//! over the history window and the period), then everything is indexed in memory.
//!
//! The history window reaches one year before the period (novelty, reciprocity) and back to the first day of the
//! period's first month (the monthly hosting limit counts hosting already done that month). Slots are mapped in each
//! person's site zone (Paris when they have no site).

use super::model::{month_key, Instance, Member, SiteInfo, NONE};
use super::PlanRequest;
use crate::error::Result;
use crate::model::{ActivityKind, ActivityStatus, Department, HalfDay, Role};
use crate::schedule::coming;
use crate::schedule::halfday::{bounds, local_days, local_instant};
use crate::store::{absences, board, people, settings, sites};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// Morning and afternoon of one day, as instants.
type HalfDayBounds = [(DateTime<Utc>, DateTime<Utc>); 2];

/// Reads the store once and builds the instance for `req`.
pub fn load(conn: &Connection, req: &PlanRequest, now: DateTime<Utc>) -> Result<Instance> {
    let mut inst = Instance {
        half_days: req.half_days,
        same_site: !req.cross_site,
        rules: settings::rules(conn)?,
        ..Instance::default()
    };
    let all_absences = absences::between(conn, req.from, req.to)?;
    let holidays: HashSet<NaiveDate> = all_absences
        .iter()
        .filter(|a| a.person_id.is_none())
        .flat_map(|a| {
            a.first_day
                .iter_days()
                .take_while(move |d| *d <= a.last_day)
        })
        .collect();
    inst.days = req
        .from
        .iter_days()
        .take_while(|d| *d <= req.to)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(d))
        .collect();
    let day_index: HashMap<NaiveDate, usize> =
        inst.days.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let site_rows = sites::list(conn)?;
    let site_index: HashMap<i64, usize> = site_rows
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    inst.sites = site_rows
        .iter()
        .map(|s| SiteInfo {
            id: s.id,
            name: s.name.clone(),
            timezone: s.timezone.clone(),
            seats: s.seats.max(0) as u32,
            is_crc: s.is_crc,
        })
        .collect();
    let zones: Vec<Tz> = inst
        .sites
        .iter()
        .map(|s| s.timezone.parse().unwrap_or(chrono_tz::Europe::Paris))
        .collect();
    let newcomers: HashSet<i64> = people::created_since(conn, now - Duration::days(90))?
        .into_iter()
        .collect();
    let rows = people::list_rows(conn)?;
    let mut team_index: HashMap<String, usize> = HashMap::new();
    let mut person_team: HashMap<i64, (Department, usize)> = HashMap::new();
    for p in &rows {
        let team = if p.team.is_empty() {
            NONE
        } else {
            let next = team_index.len();
            *team_index.entry(p.team.clone()).or_insert(next)
        };
        person_team.insert(p.id, (p.department, team));
    }
    inst.teams = vec![String::new(); team_index.len()];
    for (name, i) in team_index {
        inst.teams[i] = name;
    }
    let mut member_of: HashMap<i64, usize> = HashMap::new();
    for p in rows.iter().filter(|p| p.active) {
        let visits = req.visitors.contains(&p.department);
        let hosts = req.hosts.contains(&p.department);
        if !visits && !hosts {
            continue;
        }
        let i = inst.members.len();
        member_of.insert(p.id, i);
        inst.members.push(Member {
            id: p.id,
            email: p.email.clone(),
            name: p.full_name.clone(),
            dept: p.department,
            team: person_team[&p.id].1,
            site: p
                .site_id
                .and_then(|s| site_index.get(&s).copied())
                .unwrap_or(NONE),
            newcomer: newcomers.contains(&p.id),
        });
        if visits {
            inst.visitors.push(i);
        }
        if hosts {
            inst.hosts.push(i);
        }
    }
    inst.allocate();
    let zone_of = |m: usize| -> Tz {
        let s = inst.members[m].site;
        if s == NONE {
            chrono_tz::Europe::Paris
        } else {
            zones[s]
        }
    };
    // Half-day bounds per zone and day, computed once.
    let mut zone_bounds: HashMap<Tz, Vec<HalfDayBounds>> = HashMap::new();
    for m in 0..inst.members.len() {
        zone_bounds.entry(zone_of(m)).or_insert_with_key(|tz| {
            inst.days
                .iter()
                .map(|d| [bounds(*tz, *d, HalfDay::Am), bounds(*tz, *d, HalfDay::Pm)])
                .collect()
        });
    }
    for a in all_absences.iter().filter(|a| a.person_id.is_some()) {
        let Some(&m) = a.person_id.and_then(|p| member_of.get(&p)) else {
            continue;
        };
        for d in a.first_day.iter_days().take_while(|d| *d <= a.last_day) {
            if let Some(&di) = day_index.get(&d) {
                for s in [2 * di, 2 * di + 1] {
                    let i = inst.at(m, s);
                    inst.blocked[i] = true;
                }
            }
        }
    }
    let paris = chrono_tz::Europe::Paris;
    let month_start =
        NaiveDate::from_ymd_opt(req.from.year(), req.from.month(), 1).unwrap_or(req.from);
    let history_from = (req.from - Duration::days(365)).min(month_start);
    let period_start = local_instant(paris, req.from, 0, 0);
    let period_end = local_instant(paris, req.to + Duration::days(1), 0, 0);
    let quarter_start = period_start - Duration::days(90);
    let window_end = local_instant(paris, req.to + Duration::days(32), 0, 0);
    let items = board::items(conn, local_instant(paris, history_from, 0, 0), window_end)?;
    let mut already: HashMap<usize, u32> = HashMap::new();
    for item in items
        .iter()
        .filter(|i| i.status != ActivityStatus::Cancelled)
    {
        let seats: Vec<_> = item.seats.iter().filter(|s| coming(s.status)).collect();
        let shadowing = item.kind == ActivityKind::Shadowing;
        if shadowing {
            let visitor = seats
                .iter()
                .find(|s| s.role == Role::Visitor)
                .map(|s| s.person_id);
            let host = seats
                .iter()
                .find(|s| s.role == Role::Host)
                .map(|s| s.person_id);
            if let (Some(v), Some(h)) = (visitor, host) {
                let (vm, hm) = (member_of.get(&v).copied(), member_of.get(&h).copied());
                let (vd, _) = person_team
                    .get(&v)
                    .copied()
                    .unwrap_or((Department::Other, NONE));
                let (hd, ht) = person_team
                    .get(&h)
                    .copied()
                    .unwrap_or((Department::Other, NONE));
                if item.start < period_end {
                    if let Some(vm) = vm {
                        if let Some(hm) = hm {
                            inst.seen_pairs.insert((vm, hm));
                        }
                        if ht != NONE {
                            inst.seen_teams.insert((vm, ht));
                        }
                    }
                    if vd == Department::Marketing
                        && matches!(hd, Department::Sales | Department::Crc)
                        && ht != NONE
                    {
                        inst.marketing_visited.insert(ht);
                    }
                }
                if let Some(hm) = hm {
                    let day = item.start.with_timezone(&zone_of(hm)).date_naive();
                    if let (Some(vm), Some(&di)) = (vm, day_index.get(&day)) {
                        inst.fixed.insert((vm, di, hm));
                    }
                    if day >= month_start {
                        inst.host_days
                            .entry((hm, month_key(day)))
                            .or_default()
                            .insert(day);
                    }
                    if item.start >= quarter_start && item.start < period_end {
                        inst.host_base[hm] += 1;
                    }
                }
                if let Some(vm) = vm {
                    if item.start >= period_start && item.start < period_end {
                        *already.entry(vm).or_insert(0) += 1;
                    }
                }
            }
        }
        if item.end <= period_start || item.start >= period_end {
            continue;
        }
        for s in &seats {
            let Some(&m) = member_of.get(&s.person_id) else {
                continue;
            };
            let tz = zone_of(m);
            let hosting = shadowing && s.role == Role::Host;
            for d in local_days(tz, item.start, item.end) {
                let Some(&di) = day_index.get(&d) else {
                    continue;
                };
                for (h, (bs, be)) in zone_bounds[&tz][di].iter().enumerate() {
                    if item.start < *be && item.end > *bs {
                        let i = inst.at(m, 2 * di + h);
                        if hosting {
                            inst.hosting[i] = inst.hosting[i].saturating_add(1);
                        } else {
                            inst.blocked[i] = true;
                        }
                    }
                }
            }
        }
        if let Some(&si) = item.site_id.and_then(|s| site_index.get(&s)) {
            if inst.sites[si].is_crc {
                let used = match item.kind {
                    ActivityKind::Colocation => seats.len(),
                    ActivityKind::Shadowing => {
                        seats.iter().filter(|s| s.role == Role::Visitor).count()
                    }
                    _ => 0,
                } as u32;
                for d in local_days(zones[si], item.start, item.end) {
                    if let Some(&di) = day_index.get(&d) {
                        inst.seats_used[si * inst.days.len() + di] += used;
                    }
                }
            }
        }
    }
    inst.targets = inst
        .visitors
        .iter()
        .map(|v| {
            req.per_visitor
                .saturating_sub(already.get(v).copied().unwrap_or(0))
        })
        .collect();
    Ok(inst)
}
