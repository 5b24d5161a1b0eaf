//! The lifecycle of an activity: proposed → planned → confirmed → done, or cancelled from any state but done.
//! `done` and `cancelled` are final, because they are history that HR reports on.

use crate::error::{Error, Result};
use crate::model::ActivityStatus;
use crate::FieldCode;
use ActivityStatus::{Cancelled, Confirmed, Done, Planned, Proposed};

/// Whether an activity may go from `from` to `to`.
pub fn allowed(from: ActivityStatus, to: ActivityStatus) -> bool {
    from == to
        || matches!(
            (from, to),
            (Proposed, Planned | Confirmed | Cancelled)
                | (Planned, Proposed | Confirmed | Done | Cancelled)
                | (Confirmed, Planned | Done | Cancelled)
        )
}

/// Checks a transition; the error names both states.
pub fn check(from: ActivityStatus, to: ActivityStatus) -> Result<()> {
    if allowed(from, to) {
        Ok(())
    } else {
        Err(Error::field(
            "status",
            FieldCode::InvalidTransition,
            format!("an activity that is {from} cannot become {to}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_is_final() {
        for to in ActivityStatus::ALL {
            if *to != Done {
                assert!(
                    !allowed(Done, *to),
                    "a done activity is history: it cannot become {to}"
                );
            }
            if *to != Cancelled {
                assert!(
                    !allowed(Cancelled, *to),
                    "a cancelled activity stays cancelled, not {to}"
                );
            }
        }
    }

    #[test]
    fn the_usual_path_is_allowed() {
        for (from, to) in [
            (Proposed, Planned),
            (Planned, Confirmed),
            (Confirmed, Done),
            (Planned, Cancelled),
        ] {
            assert!(allowed(from, to), "{from} → {to} is the normal lifecycle");
        }
        assert!(
            !allowed(Proposed, Done),
            "nothing is done without having been planned"
        );
    }
}
