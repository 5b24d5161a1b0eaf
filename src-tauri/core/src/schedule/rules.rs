//! The rules themselves. One function per rule keeps each one testable and its message specific.

use super::halfday::{local_days, whole_days};
use super::{ClashRule, Finding, Severity};
use crate::error::{Error, Result};
use crate::model::{
    ActivityInput, ActivityKind, Department, Id, ParticipantInput, ParticipationStatus, Person,
    PlanningRules, Role,
};
use crate::store::{absences, participations, people, sites};
use crate::FieldCode;
use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use rusqlite::Connection;

/// Whether a participant with this status is expected to be there.
pub fn coming(status: ParticipationStatus) -> bool {
    !matches!(
        status,
        ParticipationStatus::Declined
            | ParticipationStatus::Cancelled
            | ParticipationStatus::Waitlisted
            | ParticipationStatus::NoShow
            | ParticipationStatus::Excused
    )
}

struct Ctx<'a> {
    conn: &'a Connection,
    tz: Tz,
    a: &'a ActivityInput,
    exclude: Option<Id>,
    days: Vec<NaiveDate>,
    people: Vec<(&'a ParticipantInput, Person)>,
    out: Vec<Finding>,
}

/// All findings for `a` (an activity being created, or activity `exclude` being changed into `a`), errors first.
pub fn check(
    conn: &Connection,
    a: &ActivityInput,
    exclude: Option<Id>,
    rules: &PlanningRules,
) -> Result<Vec<Finding>> {
    let tz: Tz = a.timezone.parse().map_err(|_| {
        Error::field(
            "timezone",
            FieldCode::UnknownTimezone,
            format!("{:?} is not an IANA zone", a.timezone),
        )
    })?;
    let mut people_found = Vec::new();
    for p in a.participants.iter().filter(|p| coming(p.status)) {
        people_found.push((p, people::get(conn, p.person_id)?));
    }
    let mut ctx = Ctx {
        conn,
        tz,
        a,
        exclude,
        days: local_days(tz, a.start, a.end),
        people: people_found,
        out: Vec::new(),
    };
    ctx.inactive();
    ctx.double_booking()?;
    ctx.absences()?;
    ctx.host_capacity(rules)?;
    ctx.training_capacity();
    ctx.seats(tz)?;
    ctx.weekend();
    ctx.brief_without_marketer();
    ctx.mix_rule();
    ctx.out.sort_by_key(|f| (f.severity, f.rule));
    Ok(ctx.out)
}

fn fmt_days(days: &[NaiveDate]) -> String {
    days.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Ctx<'_> {
    fn push(&mut self, f: Finding) {
        self.out.push(f);
    }

    fn inactive(&mut self) {
        for (p, person) in &self.people {
            if !person.active {
                let mut f = Finding::new(
                    ClashRule::InactivePerson,
                    Severity::Error,
                    format!("{} is no longer active", person.full_name),
                );
                f.people.push(p.person_id);
                f.person_names.push(person.full_name.clone());
                self.out.push(f);
            }
        }
    }

    fn double_booking(&mut self) -> Result<()> {
        let mut found = Vec::new();
        for (p, person) in &self.people {
            for b in participations::bookings(
                self.conn,
                p.person_id,
                self.a.start,
                self.a.end,
                self.exclude,
            )? {
                // A host receiving several visitors at once is the host-capacity rule's business.
                let hosting_twice = self.a.kind == ActivityKind::Shadowing
                    && p.role == Role::Host
                    && b.kind == ActivityKind::Shadowing
                    && b.role == Role::Host;
                if hosting_twice {
                    continue;
                }
                let mut f = Finding::new(
                    ClashRule::DoubleBooking,
                    Severity::Error,
                    format!(
                        "{} is already booked on “{}” ({})",
                        person.full_name,
                        b.title,
                        super::when::local_span(b.start, b.end, &b.zone, b.all_day)
                    ),
                );
                f.people.push(p.person_id);
                f.person_names.push(person.full_name.clone());
                // The local day, not the UTC one: an all-day item starts at local midnight, the day before in UTC.
                f.dates.push(b.start.with_timezone(&self.tz).date_naive());
                f.activities.push(b.activity_id);
                f.activity_titles.push(b.title);
                found.push(f);
            }
        }
        self.out.extend(found);
        Ok(())
    }

    fn absences(&mut self) -> Result<()> {
        let (Some(&first), Some(&last)) = (self.days.first(), self.days.last()) else {
            return Ok(());
        };
        let mut holiday_days: Vec<NaiveDate> = Vec::new();
        let mut holiday_names: Vec<String> = Vec::new();
        for h in absences::holidays(self.conn, first, last)? {
            holiday_days.extend(
                self.days
                    .iter()
                    .filter(|d| **d >= h.first_day && **d <= h.last_day),
            );
            holiday_names.push(h.reason);
        }
        if !holiday_days.is_empty() {
            let mut f = Finding::new(
                ClashRule::Holiday,
                Severity::Warning,
                format!(
                    "{} is a company holiday ({})",
                    fmt_days(&holiday_days),
                    holiday_names.join(", ")
                ),
            );
            f.reason = Some(holiday_names.join(", "));
            f.dates = holiday_days;
            self.push(f);
        }
        let mut found = Vec::new();
        for (p, person) in &self.people {
            for abs in absences::overlapping(self.conn, p.person_id, first, last)? {
                if abs.person_id.is_none() {
                    continue;
                }
                let days: Vec<NaiveDate> = self
                    .days
                    .iter()
                    .copied()
                    .filter(|d| *d >= abs.first_day && *d <= abs.last_day)
                    .collect();
                let mut f = Finding::new(
                    ClashRule::Absence,
                    Severity::Error,
                    format!(
                        "{} is away on {} ({})",
                        person.full_name,
                        fmt_days(&days),
                        abs.reason
                    ),
                );
                f.people.push(p.person_id);
                f.person_names.push(person.full_name.clone());
                f.reason = Some(abs.reason.clone());
                f.dates = days;
                found.push(f);
            }
        }
        self.out.extend(found);
        Ok(())
    }

    fn host_capacity(&mut self, rules: &PlanningRules) -> Result<()> {
        if self.a.kind != ActivityKind::Shadowing {
            return Ok(());
        }
        let mut found = Vec::new();
        for (p, person) in self.people.iter().filter(|(p, _)| p.role == Role::Host) {
            let hosting: Vec<_> = participations::bookings(
                self.conn,
                p.person_id,
                self.a.start,
                self.a.end,
                self.exclude,
            )?
            .into_iter()
            .filter(|b| b.kind == ActivityKind::Shadowing && b.role == Role::Host)
            .collect();
            let limit = i64::from(rules.host_capacity_per_half_day);
            if hosting.len() as i64 + 1 > limit {
                let mut f = Finding::new(
                    ClashRule::HostCapacity,
                    // The limit protects selling time; a manager may knowingly send a second visitor.
                    Severity::Warning,
                    format!(
                        "{} would receive more than {limit} visitor(s) in the same half-day",
                        person.full_name
                    ),
                );
                f.people.push(p.person_id);
                f.person_names.push(person.full_name.clone());
                f.dates = self.days.clone();
                f.limit = Some(limit);
                for b in hosting {
                    f.activities.push(b.activity_id);
                    f.activity_titles.push(b.title);
                }
                found.push(f);
            }
        }
        self.out.extend(found);
        Ok(())
    }

    fn attendees(&self) -> impl Iterator<Item = &(&ParticipantInput, Person)> {
        self.people
            .iter()
            .filter(|(p, _)| p.role != Role::Trainer && p.role != Role::Organizer)
    }

    fn training_capacity(&mut self) {
        let (ActivityKind::Training, Some(capacity)) = (self.a.kind, self.a.capacity) else {
            return;
        };
        let count = self.attendees().count() as i64;
        if count > i64::from(capacity) {
            let mut f = Finding::new(
                ClashRule::TrainingCapacity,
                Severity::Error,
                format!(
                    "{count} participants for {capacity} seats: put the others on the waitlist"
                ),
            );
            f.limit = Some(i64::from(capacity));
            f.dates = self.days.clone();
            self.push(f);
        }
    }

    fn seats(&mut self, tz: Tz) -> Result<()> {
        let Some(site_id) = self.a.site_id else {
            return Ok(());
        };
        let site = sites::get(self.conn, site_id)?;
        let needed = match self.a.kind {
            ActivityKind::Colocation => self.people.len() as i64,
            ActivityKind::Shadowing if site.is_crc => self
                .people
                .iter()
                .filter(|(p, _)| p.role == Role::Visitor)
                .count() as i64,
            _ => 0,
        };
        if needed == 0 {
            return Ok(());
        }
        for d in self.days.clone() {
            let (from, to) = whole_days(tz, d, d);
            let used = participations::seats_used(self.conn, site_id, from, to, self.exclude)?;
            if used + needed > i64::from(site.seats) {
                let mut f = Finding::new(
                    ClashRule::Seats,
                    Severity::Error,
                    format!(
                        "{} has {} seats and {} are already taken on {d}",
                        site.name, site.seats, used
                    ),
                );
                f.dates.push(d);
                f.limit = Some(i64::from(site.seats));
                self.push(f);
            }
        }
        Ok(())
    }

    fn weekend(&mut self) {
        let weekend: Vec<NaiveDate> = self
            .days
            .iter()
            .copied()
            .filter(|d| matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .collect();
        if !weekend.is_empty() {
            let mut f = Finding::new(
                ClashRule::Weekend,
                Severity::Warning,
                format!("{} is a weekend", fmt_days(&weekend)),
            );
            f.dates = weekend;
            self.push(f);
        }
    }

    fn brief_without_marketer(&mut self) {
        if self.a.kind == ActivityKind::Brief
            && !self
                .people
                .iter()
                .any(|(_, person)| person.department == Department::Marketing)
        {
            let mut f = Finding::new(
                ClashRule::BriefWithoutMarketer,
                Severity::Warning,
                "no marketer attends this brief".into(),
            );
            f.dates = self.days.clone();
            self.push(f);
        }
    }

    fn mix_rule(&mut self) {
        if self.a.kind != ActivityKind::Training {
            return;
        }
        let total = self.attendees().count() as i64;
        let count = |dept: Department| {
            self.attendees()
                .filter(|(_, person)| person.department == dept)
                .count() as i64
        };
        let shares = [
            (
                Department::Marketing,
                self.a.mix_min_marketing,
                count(Department::Marketing),
            ),
            (
                Department::Sales,
                self.a.mix_min_sales,
                count(Department::Sales),
            ),
        ];
        for (dept, min, n) in shares {
            let Some(min) = min else { continue };
            let got = if total == 0 { 0 } else { n * 100 / total };
            if got < i64::from(min) {
                let mut f = Finding::new(
                    ClashRule::MixRule,
                    Severity::Warning,
                    format!("{got}% {dept} participants, below the {min}% this training asks for"),
                );
                f.department = Some(dept);
                f.limit = Some(i64::from(min));
                f.dates = self.days.clone();
                self.push(f);
            }
        }
    }
}
