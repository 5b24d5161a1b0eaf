//! The objective: soft goals with visible weights. Every part is a count the manager can read, and the total is
//! `Σ weight × part` (penalties count negatively). Parts are defined so that adding one exchange changes them by an
//! exactly computable amount (see `solve::State::gain`): the total of a plan is the sum of the gains of its exchanges
//! added one by one, in any order. That is what lets the local search compare moves exactly and the benchmark prove
//! optimality by exhaustive search.
//!
//! - **coverage**: exchanges placed (never beyond a visitor's target);
//! - **new pairs**: distinct (visitor, host) pairs that never met before (history and the plan);
//! - **new teams**: distinct (visitor, host team) pairs that never met before;
//! - **reciprocity**: field teams visited by marketing (history or plan) from which someone visits marketing in the
//!   plan (the order in time within the period is not required);
//! - **same week** (penalty): pairs of one visitor's exchanges falling in the same week;
//! - **week overload** (penalty): exchanges above an even share per week of the period;
//! - **host load** (penalty): `Σ (before + planned)² − before²` over hosts, with `before` their hosting over the last
//!   quarter and already planned: squares make an even load cheapest;
//! - **newcomers** (penalty): exchanges hosted by people who joined less than 90 days ago;
//! - **repeats** (penalty): pairs of one visitor's exchanges with the same host on consecutive day indices (an
//!   exchange already in the store counts as one end of a pair): for shadowing, the same host two working days running;
//!   for the brief rota, where each day index is one occurrence, the same marketer at two occurrences in a row.
//!
//! Weights are the manager's to choose (persisted in settings, see [`Weights::validated`]); a weight file or plan
//! written before a weight existed reads that weight as its default.

use crate::error::{Error, FieldError, Result};
use crate::FieldCode;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The highest weight a manager may set (the default coverage weight is 1,000).
pub const MAX_WEIGHT: i64 = 10_000;

/// The weight of each part of the objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export, rename = "PlanWeights")]
pub struct Weights {
    /// Per exchange placed.
    pub coverage: i64,
    /// Per new (visitor, host) pair.
    pub new_pair: i64,
    /// Per new (visitor, team) pair.
    pub new_team: i64,
    /// Per reciprocated team.
    pub reciprocity: i64,
    /// Per pair of one visitor's exchanges in the same week.
    pub same_week: i64,
    /// Per exchange above the even weekly share.
    pub week_overload: i64,
    /// Per unit of host load (sum of squares).
    pub host_load: i64,
    /// Per exchange hosted by a newcomer.
    pub newcomer: i64,
    /// Per pair of one visitor's exchanges with the same host on consecutive day indices.
    pub repeat: i64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            coverage: 1000,
            new_pair: 30,
            new_team: 60,
            reciprocity: 40,
            same_week: 25,
            week_overload: 15,
            host_load: 4,
            newcomer: 25,
            repeat: 50,
        }
    }
}

impl Weights {
    /// The weights by their camelCase names, in display order.
    pub fn named(&self) -> [(&'static str, i64); 9] {
        [
            ("coverage", self.coverage),
            ("newPair", self.new_pair),
            ("newTeam", self.new_team),
            ("repeat", self.repeat),
            ("reciprocity", self.reciprocity),
            ("sameWeek", self.same_week),
            ("weekOverload", self.week_overload),
            ("hostLoad", self.host_load),
            ("newcomer", self.newcomer),
        ]
    }

    /// Every weight between 0 and [`MAX_WEIGHT`] (field errors name the weight); coverage must be positive, or the
    /// planner would have no reason to place anyone.
    pub fn validated(&self) -> Result<Weights> {
        let mut errors = Vec::new();
        for (name, w) in self.named() {
            if !(0..=MAX_WEIGHT).contains(&w) {
                errors.push(FieldError::new(
                    name,
                    FieldCode::OutOfRange,
                    format!("between 0 and {MAX_WEIGHT}"),
                ));
            } else if name == "coverage" && w == 0 {
                errors.push(FieldError::new(name, FieldCode::TooSmall, "at least 1"));
            }
        }
        if errors.is_empty() {
            Ok(*self)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// The parts of the objective (raw counts) and the weighted total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export, rename = "PlanParts")]
pub struct Parts {
    /// Exchanges placed.
    pub coverage: i64,
    /// New (visitor, host) pairs.
    pub new_pairs: i64,
    /// New (visitor, team) pairs.
    pub new_teams: i64,
    /// Reciprocated teams.
    pub reciprocity: i64,
    /// Same-week pairs (penalty).
    pub same_week: i64,
    /// Exchanges above the weekly share (penalty).
    pub week_overload: i64,
    /// Host load, sum of squares (penalty).
    pub host_load: i64,
    /// Exchanges hosted by newcomers (penalty).
    pub newcomer: i64,
    /// Same host on consecutive day indices for one visitor (penalty).
    pub repeat: i64,
}

impl Parts {
    /// `Σ weight × part`, penalties negative.
    pub fn total(&self, w: &Weights) -> i64 {
        w.coverage * self.coverage
            + w.new_pair * self.new_pairs
            + w.new_team * self.new_teams
            + w.reciprocity * self.reciprocity
            - w.same_week * self.same_week
            - w.week_overload * self.week_overload
            - w.host_load * self.host_load
            - w.newcomer * self.newcomer
            - w.repeat * self.repeat
    }

    /// Adds (`sign = 1`) or subtracts (`-1`) another set of parts.
    pub fn add(&mut self, o: &Parts, sign: i64) {
        self.coverage += sign * o.coverage;
        self.new_pairs += sign * o.new_pairs;
        self.new_teams += sign * o.new_teams;
        self.reciprocity += sign * o.reciprocity;
        self.same_week += sign * o.same_week;
        self.week_overload += sign * o.week_overload;
        self.host_load += sign * o.host_load;
        self.newcomer += sign * o.newcomer;
        self.repeat += sign * o.repeat;
    }
}

/// The score of a plan: its total, its parts and the weights used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanObjective")]
pub struct Objective {
    /// `Σ weight × part`.
    pub total: i64,
    /// The parts.
    pub parts: Parts,
    /// The weights.
    pub weights: Weights,
    /// Exchanges wanted in all (the most `coverage` can reach).
    pub wanted: i64,
}
