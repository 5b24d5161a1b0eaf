//! Offer insights, for marketing: the debriefs of a period grouped by offer tag and by month, with their number,
//! average rating and latest quotes, and which offers are talked about more than in the previous period.
//!
//! Definitions:
//! - a debrief belongs to the month (and period) its activity *starts* in, on the local date of the activity's zone,
//!   as every report does;
//! - tags are grouped folded (case and accents ignored, `crate::model::fold`), shown with their most used spelling;
//!   debriefs without a tag form their own bucket, whose `tag` is empty;
//! - the **previous period** is as many whole months before when the period is whole months (a quarter before a
//!   quarter), else as many days before;
//! - an offer is **trending** when it has more debriefs than in the previous period; `trending` lists those tags, the
//!   largest rise first.

use super::debriefs::record_of;
use super::{month_of, Period};
use crate::error::Result;
use crate::model::{fold, ActivityKind, DebriefRecord, Id};
use crate::store::debriefs as sql;
use crate::store::Store;
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// How many quotes each offer carries.
pub const QUOTES_PER_OFFER: usize = 5;

/// One debrief's words, with who said them and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Quote {
    /// The debrief.
    pub debrief_id: Id,
    /// The activity.
    pub activity_id: Id,
    /// Its title.
    pub activity_title: String,
    /// Its kind.
    pub kind: ActivityKind,
    /// The local day it took place.
    pub day: NaiveDate,
    /// Who said it.
    pub person_name: String,
    /// Their team.
    pub team: String,
    /// Their rating.
    pub rating: i32,
    /// Customer needs heard.
    pub customer_needs: String,
    /// Feedback on offers.
    pub offer_feedback: String,
}

/// One offer's figures in one month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MonthFigure {
    /// `YYYY-MM`.
    pub month: String,
    /// Debriefs.
    pub debriefs: i64,
    /// Average rating; `None` without debriefs.
    pub average_rating: Option<f64>,
}

/// The feedback on one offer over the period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OfferInsight {
    /// The offer tag (most used spelling); empty for debriefs without one.
    pub tag: String,
    /// Debriefs in the period.
    pub debriefs: i64,
    /// Their average rating; `None` without debriefs.
    pub average_rating: Option<f64>,
    /// Debriefs in the previous period.
    pub previous_debriefs: i64,
    /// One figure per month of the period, in order (months without debriefs included).
    pub months: Vec<MonthFigure>,
    /// The latest debriefs with customer needs or offer feedback, newest first (at most [`QUOTES_PER_OFFER`]).
    pub quotes: Vec<Quote>,
}

/// Offer insights over a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OfferInsights {
    /// The period.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    /// The previous period compared with.
    pub previous_from: NaiveDate,
    /// Its last day.
    pub previous_to: NaiveDate,
    /// The months of the period, `YYYY-MM`, in order.
    pub months: Vec<String>,
    /// Offers with debriefs in the period or the previous one: most debriefs first, the untagged bucket last.
    pub offers: Vec<OfferInsight>,
    /// Tags with more debriefs than in the previous period, largest rise first.
    pub trending: Vec<String>,
}

/// The period just before `period`: as many whole months when it is whole months, else as many days.
pub fn previous_period(period: &Period) -> Period {
    let whole_months = period.from.day() == 1 && (period.to + Duration::days(1)).day() == 1;
    let to = period.from - Duration::days(1);
    if whole_months {
        let end = period.to + Duration::days(1);
        let months = (end.year() - period.from.year()) * 12 + end.month() as i32
            - period.from.month() as i32;
        if let Some(from) = period
            .from
            .checked_sub_months(Months::new(months.unsigned_abs()))
        {
            return Period { from, to };
        }
    }
    Period {
        from: to - (period.to - period.from),
        to,
    }
}

/// The months (`YYYY-MM`) a period touches, in order.
pub fn months_of(period: &Period) -> Vec<String> {
    let mut out = Vec::new();
    let mut d = period.from.with_day(1).unwrap_or(period.from);
    while d <= period.to {
        out.push(month_of(d));
        match d.checked_add_months(Months::new(1)) {
            Some(next) => d = next,
            None => break,
        }
    }
    out
}

fn average(sum: i64, n: i64) -> Option<f64> {
    (n > 0).then(|| sum as f64 / n as f64)
}

#[derive(Default)]
struct Bucket {
    spellings: HashMap<String, i64>,
    sum: i64,
    count: i64,
    previous: i64,
    months: HashMap<String, (i64, i64)>,
    quotes: Vec<DebriefRecord>,
}

/// Offer insights over `period`, optionally for one kind of activity.
pub fn insights(
    store: &Store,
    period: &Period,
    kind: Option<ActivityKind>,
) -> Result<OfferInsights> {
    let previous = previous_period(period);
    let whole = Period {
        from: previous.from,
        to: period.to,
    };
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    for j in sql::joined(store.conn(), Some(whole.search_bounds()), kind, None)? {
        let r = record_of(j);
        let in_period = period.contains(r.day);
        if !in_period && !previous.contains(r.day) {
            continue;
        }
        let b = buckets.entry(fold(&r.debrief.offer_tag)).or_default();
        *b.spellings.entry(r.debrief.offer_tag.clone()).or_default() += 1;
        if !in_period {
            b.previous += 1;
            continue;
        }
        let rating = i64::from(r.debrief.rating);
        b.sum += rating;
        b.count += 1;
        let m = b.months.entry(month_of(r.day)).or_default();
        m.0 += 1;
        m.1 += rating;
        let said = !r.debrief.customer_needs.is_empty() || !r.debrief.offer_feedback.is_empty();
        if said {
            b.quotes.push(r);
        }
    }
    let months = months_of(period);
    let mut offers: Vec<OfferInsight> = buckets
        .into_values()
        .map(|mut b| {
            b.quotes.sort_by(|x, y| {
                (y.day, y.debrief.updated_at, y.debrief.id).cmp(&(
                    x.day,
                    x.debrief.updated_at,
                    x.debrief.id,
                ))
            });
            let tag = b
                .spellings
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
                .map(|(t, _)| t.clone())
                .unwrap_or_default();
            OfferInsight {
                tag,
                debriefs: b.count,
                average_rating: average(b.sum, b.count),
                previous_debriefs: b.previous,
                months: months
                    .iter()
                    .map(|m| {
                        let (n, sum) = b.months.get(m).copied().unwrap_or_default();
                        MonthFigure {
                            month: m.clone(),
                            debriefs: n,
                            average_rating: average(sum, n),
                        }
                    })
                    .collect(),
                quotes: b
                    .quotes
                    .into_iter()
                    .take(QUOTES_PER_OFFER)
                    .map(|r| Quote {
                        debrief_id: r.debrief.id,
                        activity_id: r.debrief.activity_id,
                        activity_title: r.activity_title,
                        kind: r.kind,
                        day: r.day,
                        person_name: r.person_name,
                        team: r.team,
                        rating: r.debrief.rating,
                        customer_needs: r.debrief.customer_needs,
                        offer_feedback: r.debrief.offer_feedback,
                    })
                    .collect(),
            }
        })
        .collect();
    offers.sort_by(|a, b| {
        a.tag
            .is_empty()
            .cmp(&b.tag.is_empty())
            .then(b.debriefs.cmp(&a.debriefs))
            .then_with(|| fold(&a.tag).cmp(&fold(&b.tag)))
    });
    let mut rising: Vec<&OfferInsight> = offers
        .iter()
        .filter(|o| !o.tag.is_empty() && o.debriefs > o.previous_debriefs)
        .collect();
    rising.sort_by(|a, b| {
        (b.debriefs - b.previous_debriefs)
            .cmp(&(a.debriefs - a.previous_debriefs))
            .then(b.debriefs.cmp(&a.debriefs))
    });
    Ok(OfferInsights {
        from: period.from,
        to: period.to,
        previous_from: previous.from,
        previous_to: previous.to,
        months,
        trending: rising.into_iter().map(|o| o.tag.clone()).collect(),
        offers,
    })
}
