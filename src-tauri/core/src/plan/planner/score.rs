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
//! - **newcomers** (penalty): exchanges hosted by people who joined less than 90 days ago.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The weight of each part of the objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
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
        }
    }
}

/// The parts of the objective (raw counts) and the weighted total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
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
