//! `unisson brief …`: the sales-brief rota headless.

use super::print_json;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use unisson_core::model::Id;
use unisson_core::ops::series;
use unisson_core::store::Store;

/// `unisson brief …`
#[derive(Debug, Subcommand)]
pub enum BriefCommand {
    /// Suggest marketers for the next occurrences of a brief series (JSON: assignments, gaps, kept).
    Rota {
        /// The series id.
        #[arg(long)]
        series: Id,
        /// How many upcoming occurrences to fill.
        #[arg(long, default_value_t = 4)]
        next: usize,
        /// Write the suggestion (invite the marketers) instead of only printing it.
        #[arg(long)]
        apply: bool,
    },
}

/// Runs a brief subcommand.
pub fn run(store: &mut Store, command: BriefCommand, now: DateTime<Utc>) -> Result<(), String> {
    match command {
        BriefCommand::Rota {
            series: id,
            next,
            apply,
        } => {
            let rota = if apply {
                series::apply_rota(store, id, next, now, "cli")
            } else {
                series::rota(store, id, next, now)
            };
            print_json(&rota.map_err(|e| e.to_string())?)
        }
    }
}
