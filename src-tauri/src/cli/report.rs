//! `unisson report …`: HR reports headless (participation by group, its trend, coverage matrix, host load, inactive
//! people, passport, and the activity ids behind a figure). JSON on stdout, or CSV for Excel (UTF-8 BOM, `;`,
//! neutralised cells). Periods are local days, inclusive; an activity counts on the day it starts in its own zone.

use super::{print_json, write_stdout, Format};
use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;
use serde::Serialize;
use unisson_core::report::coverage::{host_load, matrix, CoverageRows};
use unisson_core::report::csv::{coverage_csv, participation_csv, trends_csv};
use unisson_core::report::debriefs;
use unisson_core::report::objectives::{evaluate, parse_period};
use unisson_core::report::participation::{evidence, summary, ParticipationRow};
use unisson_core::report::people::{never_participated, not_in_last_months, passport};
use unisson_core::report::trends::{default_step, trends};
use unisson_core::report::{GroupBy, Metric, Period};
use unisson_core::store::{people, Store};

/// `unisson report …`
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Participation by group (JSON: group, activePeople, participants, participationRate, shadowingVisitor,
    /// shadowingHost, trainingsAttended, trainingNoShows, briefsAttended, colocationDays).
    Participation {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day, inclusive.
        #[arg(long)]
        to: NaiveDate,
        /// person, team, department or site.
        #[arg(long, default_value = "team")]
        by: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Participation over time, one record per month or ISO week (label, from, to, activePeople, participants,
    /// participationRate, exchanges, and the figures of `report participation`, for everyone together).
    Trends {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day, inclusive.
        #[arg(long)]
        to: NaiveDate,
        /// `month` or `week` (default: by week up to about a quarter, by month beyond).
        #[arg(long)]
        by: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Who in marketing spent shadowing days with which sales and CRC teams: how many, and when last.
    Coverage {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day, inclusive.
        #[arg(long)]
        to: NaiveDate,
        /// Rows: `person` (each marketer) or `team` (marketing teams).
        #[arg(long, default_value = "person")]
        rows: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Shadowing days hosted per salesperson per month.
    HostLoad {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day, inclusive.
        #[arg(long)]
        to: NaiveDate,
    },
    /// Active people who never took part, or (with --months) not in the last N months.
    Inactive {
        /// Not in the last N months (default: never).
        #[arg(long)]
        months: Option<u32>,
    },
    /// Everything one person took part in.
    Passport {
        /// The person's email.
        #[arg(long, value_name = "EMAIL")]
        person: String,
    },
    /// Progress toward each shared objective active in a period: value, target, status (on_track, at_risk,
    /// behind), who holds it back and the activity ids behind the figure. One record per objective and period of
    /// its cadence.
    Objectives {
        /// `2027-Q1` (quarter), `2027-03` (month) or `2027` (year).
        #[arg(long)]
        period: String,
        /// Output format (JSON only).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// The activity ids behind one figure of `report participation`.
    Evidence {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day, inclusive.
        #[arg(long)]
        to: NaiveDate,
        /// person, team, department or site.
        #[arg(long, default_value = "team")]
        by: String,
        /// The group, as in the report's `group` field.
        #[arg(long)]
        group: String,
        /// The figure: shadowingVisitor, shadowingHost, trainingsAttended, trainingNoShows, trainingExcused,
        /// briefsAttended, colocationDays or exchanges.
        #[arg(long)]
        metric: String,
    },
    /// Debrief completion: debriefs expected (participants of shadowing days and trainings that took place) and
    /// filled, for everyone (`group` empty) then by group (JSON: from, to, total, groups of group, expected, filled,
    /// rate; CSV: group;expected;filled;rate).
    Debriefs {
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day, inclusive.
        #[arg(long)]
        to: NaiveDate,
        /// person, team, department or site.
        #[arg(long, default_value = "team")]
        by: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

/// The stable JSON record of `report participation`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParticipationRecord<'a> {
    group: &'a str,
    active_people: i64,
    participants: i64,
    participation_rate: Option<f64>,
    shadowing_visitor: i64,
    shadowing_host: i64,
    trainings_attended: i64,
    training_no_shows: i64,
    briefs_attended: i64,
    colocation_days: i64,
}

impl<'a> From<&'a ParticipationRow> for ParticipationRecord<'a> {
    fn from(r: &'a ParticipationRow) -> Self {
        ParticipationRecord {
            group: &r.group,
            active_people: r.active_people,
            participants: r.participants,
            participation_rate: r.participation_rate,
            shadowing_visitor: r.shadowing_visitor,
            shadowing_host: r.shadowing_host,
            trainings_attended: r.trainings_attended,
            training_no_shows: r.training_no_shows,
            briefs_attended: r.briefs_attended,
            colocation_days: r.colocation_days,
        }
    }
}

fn period(from: NaiveDate, to: NaiveDate) -> Result<Period, String> {
    Period::new(from, to).map_err(|e| e.to_string())
}

fn group_by(by: &str) -> Result<GroupBy, String> {
    by.parse()
        .map_err(|_| "--by is one of person, team, department, site".to_owned())
}

/// Runs a report subcommand.
pub fn run(store: &Store, command: ReportCommand, now: DateTime<Utc>) -> Result<(), String> {
    let err = |e: unisson_core::Error| e.to_string();
    match command {
        ReportCommand::Participation {
            from,
            to,
            by,
            format,
        } => {
            let rows = summary(store, &period(from, to)?, group_by(&by)?).map_err(err)?;
            match format {
                Format::Json => print_json(
                    &rows
                        .iter()
                        .map(ParticipationRecord::from)
                        .collect::<Vec<_>>(),
                ),
                Format::Csv => write_stdout(
                    participation_csv(&rows)
                        .map_err(|e| e.to_string())?
                        .as_bytes(),
                ),
            }
        }
        ReportCommand::Coverage {
            from,
            to,
            rows,
            format,
        } => {
            let rows = match rows.as_str() {
                "person" => CoverageRows::Person,
                "team" => CoverageRows::Team,
                _ => return Err("--rows is person or team".into()),
            };
            let coverage = matrix(store, &period(from, to)?, rows).map_err(err)?;
            match format {
                Format::Json => print_json(&coverage),
                Format::Csv => write_stdout(
                    coverage_csv(&coverage)
                        .map_err(|e| e.to_string())?
                        .as_bytes(),
                ),
            }
        }
        ReportCommand::Trends {
            from,
            to,
            by,
            format,
        } => {
            let period = period(from, to)?;
            let step = match by {
                Some(by) => by.parse().map_err(|_| "--by is month or week".to_owned())?,
                None => default_step(&period),
            };
            let points = trends(store, &period, step).map_err(err)?;
            match format {
                Format::Json => print_json(&points),
                Format::Csv => {
                    write_stdout(trends_csv(&points).map_err(|e| e.to_string())?.as_bytes())
                }
            }
        }
        ReportCommand::Objectives { period, format } => {
            if !matches!(format, Format::Json) {
                return Err("report objectives is written as JSON only (--format json)".into());
            }
            let period = parse_period(&period).map_err(err)?;
            print_json(&evaluate(store, &period, now).map_err(err)?)
        }
        ReportCommand::HostLoad { from, to } => {
            print_json(&host_load(store, &period(from, to)?).map_err(err)?)
        }
        ReportCommand::Inactive { months } => {
            let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
            let list = match months {
                Some(n) => not_in_last_months(store, today, n),
                None => never_participated(store),
            };
            print_json(&list.map_err(err)?)
        }
        ReportCommand::Passport { person } => {
            let found = people::find_by_email(store.conn(), &person)
                .map_err(err)?
                .ok_or(format!("nobody has the email {person}"))?;
            print_json(&passport(store, found.id).map_err(err)?)
        }
        ReportCommand::Evidence {
            from,
            to,
            by,
            group,
            metric,
        } => {
            let metric: Metric = serde_json::from_value(serde_json::Value::String(metric.clone()))
                .map_err(|_| format!("unknown metric {metric:?}"))?;
            print_json(
                &evidence(store, group_by(&by)?, &group, metric, &period(from, to)?)
                    .map_err(err)?,
            )
        }
        ReportCommand::Debriefs {
            from,
            to,
            by,
            format,
        } => {
            let c = debriefs::completion(store, &period(from, to)?, group_by(&by)?).map_err(err)?;
            match format {
                Format::Json => print_json(&c),
                Format::Csv => write_stdout(
                    debriefs::completion_csv(&c)
                        .map_err(|e| e.to_string())?
                        .as_bytes(),
                ),
            }
        }
    }
}
