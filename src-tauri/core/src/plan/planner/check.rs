//! The safety net after the search: each proposal, as the activity it would become, goes through
//! [`crate::schedule::check`] against the store as it is now. The store may have changed since the instance was loaded
//! (the app does not hold its lock during the search), so this is where such a change is caught.

use super::model::Instance;
use super::{unplaced, Phase, Plan, Progress, Proposal, Reason};
use crate::error::Result;
use crate::model::{
    ActivityInput, ActivityKind, ActivityStatus, Id, ParticipantInput, ParticipationStatus, Role,
};
use crate::schedule::{self, ClashRule};
use crate::store::settings;
use rusqlite::Connection;

/// The safety net: runs every proposal through the clash check against the store as it is now (it may have changed
/// since `inst` was loaded); one that gets an error, or a holiday, weekend or host-capacity warning, is dropped and
/// reported in `unplaced`.
pub fn recheck(
    conn: &Connection,
    inst: &Instance,
    mut plan: Plan,
    progress: &mut dyn FnMut(Progress),
) -> Result<Plan> {
    let rules = settings::rules(conn)?;
    let total = plan.proposals.len();
    let mut kept = Vec::with_capacity(total);
    for (i, p) in plan.proposals.drain(..).enumerate() {
        if i % 64 == 0 {
            progress(Progress {
                phase: Phase::Validate,
                done: i,
                total,
            });
        }
        let input = input_for(inst, &p)?;
        let a = schedule::normalize(conn, &input)?;
        let blocking: Vec<_> = schedule::check(conn, &a, None, &rules)?
            .into_iter()
            .filter(|f| {
                f.is_error()
                    || matches!(
                        f.rule,
                        ClashRule::Holiday | ClashRule::Weekend | ClashRule::HostCapacity
                    )
            })
            .collect();
        match blocking.into_iter().next() {
            None => kept.push(p),
            Some(finding) => plan.unplaced.push(unplaced(
                &p.visitor,
                vec![Reason::Dropped {
                    host: p.host.clone(),
                    finding,
                }],
            )),
        }
    }
    plan.proposals = kept;
    Ok(plan)
}

fn input_for(inst: &Instance, p: &Proposal) -> Result<ActivityInput> {
    let find = |email: &str| inst.members.iter().find(|m| m.email == email).map(|m| m.id);
    let site = inst.sites.iter().find(|s| s.name == p.site);
    proposal_input(
        find(&p.visitor).unwrap_or(0),
        find(&p.host).unwrap_or(0),
        p,
        site.map(|s| (s.id, s.timezone.as_str())),
    )
}

/// The planned shadowing activity a proposal becomes (`site`: its id and zone).
pub fn proposal_input(
    visitor: Id,
    host: Id,
    p: &Proposal,
    site: Option<(Id, &str)>,
) -> Result<ActivityInput> {
    let participant = |person_id, role| ParticipantInput {
        person_id,
        role,
        status: ParticipationStatus::Invited,
    };
    Ok(ActivityInput {
        kind: ActivityKind::Shadowing,
        title: String::new(),
        description: p.reason.clone(),
        site_id: site.map(|s| s.0),
        location: String::new(),
        start: p.start,
        end: p.end,
        timezone: site.map_or("Europe/Paris", |s| s.1).to_owned(),
        all_day: false,
        status: ActivityStatus::Planned,
        organizer_id: None,
        half_day: Some(p.half_day),
        capacity: None,
        mix_min_marketing: None,
        mix_min_sales: None,
        series_id: None,
        goals: String::new(),
        participants: vec![
            participant(visitor, Role::Visitor),
            participant(host, Role::Host),
        ],
    })
}
