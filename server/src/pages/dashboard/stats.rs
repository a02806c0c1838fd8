//! The dashboard's arithmetic, without I/O: counts, working days per step against the
//! limits, near and past deadlines, satisfaction, how fast hardship reports were answered and
//! helpers' activity per village. The queries ([`super::query`]) hand it projection rows.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::calendar::{Calendar, NOTIFY_WITHIN, ROUTE_WITHIN};
use uuid::Uuid;

/// The window answers a submitted request within this many working days (受理, 补正告知 or
/// 不予受理). Seed 004 附件2 says the window checks materials on the spot (当场一次性告知); one
/// working day allows for requests sent online after hours. A local default, to be confirmed.
pub const ANSWER_WITHIN: u32 = 1;

/// A deadline is near when at most this many working days remain (the last day included).
pub const NEAR_WITHIN: i64 = 1;

/// One case of the period, as projected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseFacts {
    /// The case.
    pub id: Uuid,
    /// State code.
    pub state: String,
    /// Township code.
    pub township: Option<String>,
    /// Channel code.
    pub channel: String,
    /// Requested item codes.
    pub items: Vec<String>,
    /// First submitted.
    pub submitted_on: Option<NaiveDate>,
    /// The window's first answer.
    pub answered_on: Option<NaiveDate>,
    /// Accepted.
    pub accepted_on: Option<NaiveDate>,
    /// First routed.
    pub routed_on: Option<NaiveDate>,
    /// Every item decided.
    pub decided_on: Option<NaiveDate>,
    /// The applicant told.
    pub told_on: Option<NaiveDate>,
    /// The longest decision limit with extensions.
    pub decision_limit_days: Option<u32>,
    /// Rating code.
    pub rating: Option<String>,
}

/// Counts by a key, largest first, then by key.
pub fn count_by<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut map: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys {
        *map.entry(k).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = map.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The four counts of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    /// By state code.
    pub state: Vec<(String, usize)>,
    /// By township code (`""`: above township).
    pub township: Vec<(String, usize)>,
    /// By item code (a case with two items counts for each).
    pub item: Vec<(String, usize)>,
    /// By channel code.
    pub channel: Vec<(String, usize)>,
}

/// Counts the cases.
pub fn counts(cases: &[CaseFacts]) -> Counts {
    Counts {
        state: count_by(cases.iter().map(|c| c.state.as_str())),
        township: count_by(cases.iter().map(|c| c.township.as_deref().unwrap_or(""))),
        item: count_by(
            cases
                .iter()
                .flat_map(|c| c.items.iter().map(String::as_str)),
        ),
        channel: count_by(cases.iter().map(|c| c.channel.as_str())),
    }
}

/// A step of the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Submitted → the window's first answer (受理).
    Acceptance,
    /// Accepted → first routed (分办).
    Routing,
    /// Routed → every item decided (办理).
    Decision,
    /// Decided → the applicant told (反馈).
    Feedback,
}

impl Step {
    /// Every step, in flow order.
    pub const ALL: [Step; 4] = [
        Step::Acceptance,
        Step::Routing,
        Step::Decision,
        Step::Feedback,
    ];

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Step::Acceptance => "受理",
            Step::Routing => "分办",
            Step::Decision => "部门办理",
            Step::Feedback => "结果反馈",
        }
    }
}

/// Working days one step took, on average, against its limit.
#[derive(Debug, Clone, PartialEq)]
pub struct StepAverage {
    /// Which step.
    pub step: Step,
    /// Cases that finished the step.
    pub cases: usize,
    /// Average working days (`None` without cases).
    pub average: Option<f64>,
    /// The limit in working days (for decisions, the average of the cases' own limits).
    pub limit: Option<f64>,
    /// Cases that took longer than their limit.
    pub late: usize,
}

/// Average working days per step of the cases that finished it.
pub fn step_averages(cases: &[CaseFacts], calendar: &Calendar) -> Vec<StepAverage> {
    Step::ALL
        .iter()
        .map(|&step| {
            let mut days = Vec::new();
            let mut limits = Vec::new();
            let mut late = 0;
            for c in cases {
                let (from, to, limit) = match step {
                    Step::Acceptance => (c.submitted_on, c.answered_on, Some(ANSWER_WITHIN)),
                    Step::Routing => (c.accepted_on, c.routed_on, Some(ROUTE_WITHIN)),
                    Step::Decision => (c.routed_on, c.decided_on, c.decision_limit_days),
                    Step::Feedback => (c.decided_on, c.told_on, Some(NOTIFY_WITHIN)),
                };
                let (Some(from), Some(to)) = (from, to) else {
                    continue;
                };
                let d = calendar.working_days_between(from, to).value.max(0);
                days.push(d as f64);
                if let Some(limit) = limit {
                    limits.push(f64::from(limit));
                    if d > i64::from(limit) {
                        late += 1;
                    }
                }
            }
            StepAverage {
                step,
                cases: days.len(),
                average: mean(&days),
                limit: match step {
                    Step::Decision => mean(&limits),
                    Step::Acceptance => Some(f64::from(ANSWER_WITHIN)),
                    Step::Routing => Some(f64::from(ROUTE_WITHIN)),
                    Step::Feedback => Some(f64::from(NOTIFY_WITHIN)),
                },
                late,
            }
        })
        .collect()
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// How a running deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Its last day has passed, by this many working days (0: only rest days since).
    Past(i64),
    /// At most [`NEAR_WITHIN`] working days left (0: today is the last day).
    Near(i64),
}

/// Near or past, or `None` while more time remains.
pub fn standing(deadline: NaiveDate, today: NaiveDate, calendar: &Calendar) -> Option<Standing> {
    if today > deadline {
        return Some(Standing::Past(
            calendar.working_days_between(deadline, today).value,
        ));
    }
    let left = calendar.working_days_between(today, deadline).value;
    (left <= NEAR_WITHIN).then_some(Standing::Near(left))
}

/// The ratings, best first, with their Chinese names.
pub const RATINGS: [(&str, &str); 5] = [
    ("very_satisfied", "非常满意"),
    ("satisfied", "满意"),
    ("acceptable", "基本满意"),
    ("dissatisfied", "不满意"),
    ("very_dissatisfied", "非常不满意"),
];

/// Ratings given in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Satisfaction {
    /// Per rating of [`RATINGS`], in that order.
    pub counts: Vec<usize>,
    /// Cases rated.
    pub rated: usize,
    /// Cases that could be rated (the applicant was told) but were not.
    pub unrated: usize,
    /// Share of the rated that were at least 基本满意 (`None` without ratings).
    pub satisfied_rate: Option<f64>,
}

/// The satisfaction of the cases.
pub fn satisfaction(cases: &[CaseFacts]) -> Satisfaction {
    let counts: Vec<usize> = RATINGS
        .iter()
        .map(|(code, _)| {
            cases
                .iter()
                .filter(|c| c.rating.as_deref() == Some(*code))
                .count()
        })
        .collect();
    let rated: usize = counts.iter().sum();
    let satisfied: usize = counts[..3].iter().sum();
    Satisfaction {
        unrated: cases
            .iter()
            .filter(|c| c.told_on.is_some() && c.rating.is_none())
            .count(),
        satisfied_rate: (rated > 0).then(|| satisfied as f64 / rated as f64),
        counts,
        rated,
    }
}

/// Working days from a hardship report to the window's answer on the case opened from it
/// (`None`: not answered yet).
pub fn answered_within(
    reported_on: NaiveDate,
    answered_on: Option<NaiveDate>,
    calendar: &Calendar,
) -> Option<i64> {
    answered_on.map(|a| calendar.working_days_between(reported_on, a).value.max(0))
}

/// Helpers' records per village: entrustments, visits, evaluations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// 委托代办.
    pub entrustments: usize,
    /// 走访.
    pub visits: usize,
    /// 评价.
    pub evaluations: usize,
}

/// Folds `(village code, record kind, count)` into one line per village, by code.
pub fn activity(rows: &[(String, String, usize)]) -> Vec<(String, Activity)> {
    let mut map: BTreeMap<String, Activity> = BTreeMap::new();
    for (village, kind, n) in rows {
        let a = map.entry(village.clone()).or_default();
        match kind.as_str() {
            "entrustment" => a.entrustments += n,
            "visit" => a.visits += n,
            "evaluation" => a.evaluations += n,
            _ => {}
        }
    }
    map.into_iter().collect()
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
