//! The committee's dashboard figures (PRODUCT.md §C "Dashboards"), as pure functions over
//! the rollup counts (`stat` records: one metric for one day or month, kept by the
//! database in the same transaction as each change; migration 0009). Requests are counted
//! by the day they were made: a range's figures are about the requests made in it.
//!
//! Also here: the same counts recomputed from raw rows ([`recount`]), which a test compares
//! with the stored rollups.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::request::RequestStatus;

/// Time to a first match is counted in whole days up to this; later ones count here.
pub const TTM_CAP_DAYS: usize = 30;
/// The longest range a dashboard covers, in days (about ten years).
pub const MAX_RANGE_DAYS: i64 = 3660;

/// The period key of a day: `d2026-12-02`.
pub fn day_key(d: NaiveDate) -> String {
    format!("d{}", d.format("%Y-%m-%d"))
}

/// The period key of a month: `m2026-12`.
pub fn month_key(d: NaiveDate) -> String {
    format!("m{}", d.format("%Y-%m"))
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn next_month(d: NaiveDate) -> NaiveDate {
    first_of_month(d)
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(d)
}

/// The periods whose counts add up to the range `from..=to`: each whole month in it as a
/// month, the days of the months it covers only in part as days. At most 62 days plus
/// one month per month of the range.
pub fn periods(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let mut month = first_of_month(from);
    while month <= to {
        let end = next_month(month).pred_opt().unwrap_or(month);
        if from <= month && end <= to {
            out.push(month_key(month));
        } else {
            let mut d = month.max(from);
            while d <= end.min(to) {
                out.push(day_key(d));
                d = d.succ_opt().unwrap_or(d);
                if d == NaiveDate::MAX {
                    break;
                }
            }
        }
        month = next_month(month);
    }
    out
}

/// The dashboard's range as typed (`YYYY-MM-DD`; empty for the default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RangeForm {
    pub from: String,
    pub to: String,
}

/// The dashboard's page: the range as typed, and its figures or why the range is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardPage {
    pub form: RangeForm,
    pub error: Option<String>,
    pub dashboard: Option<Dashboard>,
}

impl RangeForm {
    /// The range: as given, or by default the twelve months up to `today` (from the first
    /// of the month eleven months back). Refused with a message: a date that is not one,
    /// a start after the end, or more than ten years.
    pub fn range(&self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), String> {
        let parse = |raw: &str, what: &str| -> Result<Option<NaiveDate>, String> {
            match raw.trim() {
                "" => Ok(None),
                t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| format!("{what}: give a date, like 2026-01-31.")),
            }
        };
        let to = parse(&self.to, "To")?.unwrap_or(today);
        let from = parse(&self.from, "From")?.unwrap_or_else(|| {
            first_of_month(to)
                .checked_sub_months(chrono::Months::new(11))
                .unwrap_or(to)
        });
        if from > to {
            return Err("From must be on or before To.".into());
        }
        if (to - from).num_days() > MAX_RANGE_DAYS {
            return Err("The range can be ten years at most.".into());
        }
        Ok((from, to))
    }
}

/// One rollup count as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub period: String,
    pub metric: String,
    pub n: i64,
}

/// The month (`YYYY-MM`) a period key falls in.
fn month_of(period: &str) -> Option<&str> {
    period.get(1..8)
}

/// The counts of a range, per metric, and the requests made per month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub by_metric: BTreeMap<String, i64>,
    /// `YYYY-MM` → requests made that month (within the range).
    pub created_by_month: BTreeMap<String, i64>,
}

impl Totals {
    /// Adds up `cells` (those of the range's [`periods`]).
    pub fn of(cells: &[Cell]) -> Self {
        let mut t = Self::default();
        for c in cells {
            *t.by_metric.entry(c.metric.clone()).or_default() += c.n;
            if c.metric == "created" {
                if let Some(m) = month_of(&c.period) {
                    *t.created_by_month.entry(m.to_owned()).or_default() += c.n;
                }
            }
        }
        t
    }

    /// A count, never negative (0 when absent).
    pub fn get(&self, metric: &str) -> u64 {
        self.by_metric
            .get(metric)
            .map(|n| u64::try_from(*n).unwrap_or(0))
            .unwrap_or(0)
    }

    /// The counts of metrics named `prefix:<name>`, by name, largest first (ties by name).
    pub fn named(&self, prefix: &str) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self
            .by_metric
            .iter()
            .filter_map(|(k, n)| {
                let name = k.strip_prefix(prefix)?.strip_prefix(':')?;
                Some((name.to_owned(), u64::try_from(*n).unwrap_or(0)))
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// How many days requests waited for their first match: index `d` counts those matched
    /// after `d` whole days (the last, [`TTM_CAP_DAYS`] or more).
    pub fn ttm_histogram(&self) -> Vec<u64> {
        (0..=TTM_CAP_DAYS)
            .map(|d| self.get(&format!("ttm:{d}")))
            .collect()
    }
}

/// The `p`-th percentile (0–100, nearest rank) of a histogram whose index is the value:
/// the smallest value at or below which at least `p` % of the counts lie. None when empty.
pub fn percentile(histogram: &[u64], p: u32) -> Option<u32> {
    let total: u64 = histogram.iter().sum();
    if total == 0 {
        return None;
    }
    // Nearest rank: ceil(p / 100 × total), at least 1.
    let rank = (u64::from(p) * total).div_ceil(100).max(1);
    let mut seen = 0;
    for (value, count) in histogram.iter().enumerate() {
        seen += count;
        if seen >= rank {
            return u32::try_from(value).ok();
        }
    }
    None
}

/// `part` of `whole` in whole percent, rounded half up; None when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> Option<u32> {
    (whole > 0).then(|| u32::try_from((part * 200 + whole) / (whole * 2)).unwrap_or(u32::MAX))
}

/// Requests wanting something against volunteers offering it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemandSupply {
    pub label: String,
    /// Requests made in the range asking for it.
    pub demand: u64,
    /// Listed volunteers offering it with contacts left, today.
    pub supply: u64,
}

/// A requester's comment, shown without who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub on: NaiveDate,
    pub rating: Option<u8>,
    pub text: String,
}

/// What the dashboard needs besides the range's counts: the queue and the pool today.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Today {
    pub backlog: u64,
    pub overdue: u64,
    /// (label, demand slug) → listed volunteers with contacts left offering it.
    pub supply_roles: Vec<(String, String, u64)>,
    pub supply_settings: Vec<(String, String, u64)>,
    /// Contacts used and offered, over the listed volunteers.
    pub contacts_used: u64,
    pub contacts_offered: u64,
    pub comments: Vec<Comment>,
}

/// The committee's dashboard for one range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub requests: u64,
    /// Requests made per month of the range (`YYYY-MM`, every month of it, 0 included).
    pub per_month: Vec<(String, u64)>,
    /// Of those, matched at least once.
    pub matched: u64,
    pub match_rate: Option<u32>,
    pub matched_within_14: u64,
    pub within_14_rate: Option<u32>,
    /// Days to a first match: median and 90th percentile, and the histogram.
    pub ttm_median: Option<u32>,
    pub ttm_p90: Option<u32>,
    pub ttm_histogram: Vec<u64>,
    /// Where the range's requests stand now.
    pub statuses: Vec<(RequestStatus, u64)>,
    /// Waiting for a match today, and of them past their deadline.
    pub backlog: u64,
    pub overdue: u64,
    pub roles: Vec<DemandSupply>,
    pub settings: Vec<DemandSupply>,
    pub contacts_used: u64,
    pub contacts_offered: u64,
    pub utilization: Option<u32>,
    /// Feedback answers on the range's requests; how many said it took place.
    pub feedback: u64,
    pub feedback_held: u64,
    /// Answers per matched request.
    pub response_rate: Option<u32>,
    /// Requests whose conversation took place (status "Conversation done").
    pub interviews: u64,
    /// Ratings 1 to 5 and their average in tenths.
    pub ratings: [u64; 5],
    pub average_tenths: Option<u32>,
    pub comments: Vec<Comment>,
}

fn demand_supply(demand: &[(String, u64)], supply: &[(String, String, u64)]) -> Vec<DemandSupply> {
    let mut rows: Vec<DemandSupply> = supply
        .iter()
        .map(|(label, slug, n)| DemandSupply {
            label: label.clone(),
            demand: demand
                .iter()
                .find(|(s, _)| s == slug)
                .map(|(_, d)| *d)
                .unwrap_or(0),
            supply: *n,
        })
        .collect();
    // Asked for, but no longer on the lists (a retired choice): shown by its name.
    for (slug, d) in demand {
        if !supply.iter().any(|(_, s, _)| s == slug) {
            rows.push(DemandSupply {
                label: slug.clone(),
                demand: *d,
                supply: 0,
            });
        }
    }
    rows.sort_by(|a, b| b.demand.cmp(&a.demand).then_with(|| a.label.cmp(&b.label)));
    rows
}

impl Dashboard {
    /// The dashboard of `from..=to` from the range's counts and today's figures.
    pub fn compute(from: NaiveDate, to: NaiveDate, totals: &Totals, today: Today) -> Self {
        let requests = totals.get("created");
        let matched = totals.get("matched");
        let within = totals.get("matched-14");
        let histogram = totals.ttm_histogram();
        let mut per_month = Vec::new();
        let mut month = first_of_month(from);
        while month <= to {
            let key = month.format("%Y-%m").to_string();
            let n = totals
                .created_by_month
                .get(&key)
                .map(|n| u64::try_from(*n).unwrap_or(0))
                .unwrap_or(0);
            per_month.push((key, n));
            month = next_month(month);
        }
        let statuses = RequestStatus::ALL
            .iter()
            .map(|s| (*s, totals.get(&format!("status:{}", s.slug()))))
            .collect();
        let ratings: [u64; 5] = std::array::from_fn(|i| totals.get(&format!("rating:{}", i + 1)));
        let rated: u64 = ratings.iter().sum();
        let points: u64 = ratings.iter().zip(1u64..).map(|(n, v)| n * v).sum();
        let feedback = totals.get("fb");
        Self {
            from,
            to,
            requests,
            per_month,
            matched,
            match_rate: percent(matched, requests),
            matched_within_14: within,
            within_14_rate: percent(within, requests),
            ttm_median: percentile(&histogram, 50),
            ttm_p90: percentile(&histogram, 90),
            ttm_histogram: histogram,
            statuses,
            backlog: today.backlog,
            overdue: today.overdue,
            roles: demand_supply(&totals.named("role"), &today.supply_roles),
            settings: demand_supply(&totals.named("setting"), &today.supply_settings),
            contacts_used: today.contacts_used,
            contacts_offered: today.contacts_offered,
            utilization: percent(today.contacts_used, today.contacts_offered),
            feedback,
            feedback_held: totals.get("fb-held"),
            response_rate: percent(feedback, matched),
            interviews: totals.get("status:completed"),
            ratings,
            average_tenths: (rated > 0)
                .then(|| u32::try_from((points * 20 + rated) / (rated * 2)).unwrap_or(0)),
            comments: today.comments,
        }
    }

    /// The average rating as people read it: "4.2".
    pub fn average_text(&self) -> Option<String> {
        self.average_tenths
            .map(|t| format!("{}.{}", t / 10, t % 10))
    }
}

/// A request as the recount reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRequest {
    pub created_on: NaiveDate,
    pub status: String,
    pub roles: Vec<String>,
    pub settings: Vec<String>,
    /// Whole days from the request to its first match (its first referral), if any.
    pub first_match_days: Option<i64>,
}

/// A feedback answer as the recount reads it, with the day its request was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFeedback {
    pub request_created_on: NaiveDate,
    pub happened: bool,
    pub rating: Option<u8>,
    pub useful: Option<String>,
}

/// Every count the rollups should hold, recomputed from raw rows: (period, metric) → n,
/// zero counts left out.
pub fn recount(
    requests: &[RawRequest],
    feedback: &[RawFeedback],
) -> BTreeMap<(String, String), i64> {
    let mut out: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut bump = |d: NaiveDate, metric: String| {
        *out.entry((day_key(d), metric.clone())).or_default() += 1;
        *out.entry((month_key(d), metric)).or_default() += 1;
    };
    for r in requests {
        let d = r.created_on;
        bump(d, "created".into());
        bump(d, format!("status:{}", r.status));
        for x in &r.roles {
            bump(d, format!("role:{x}"));
        }
        for x in &r.settings {
            bump(d, format!("setting:{x}"));
        }
        if let Some(days) = r.first_match_days {
            bump(d, "matched".into());
            if days <= 14 {
                bump(d, "matched-14".into());
            }
            let capped = days.clamp(0, TTM_CAP_DAYS as i64);
            bump(d, format!("ttm:{capped}"));
        }
    }
    for f in feedback {
        let d = f.request_created_on;
        bump(d, "fb".into());
        if f.happened {
            bump(d, "fb-held".into());
        }
        if let Some(r) = f.rating {
            bump(d, format!("rating:{r}"));
        }
        if let Some(u) = &f.useful {
            bump(d, format!("useful:{u}"));
        }
    }
    out.retain(|_, n| *n != 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn cells(list: &[(&str, &str, i64)]) -> Vec<Cell> {
        list.iter()
            .map(|(p, m, n)| Cell {
                period: (*p).into(),
                metric: (*m).into(),
                n: *n,
            })
            .collect()
    }

    #[test]
    fn the_range_defaults_to_twelve_months_and_refuses_nonsense() {
        let today = day(2026, 12, 2);
        let form = |f: &str, t: &str| RangeForm {
            from: f.into(),
            to: t.into(),
        };
        assert_eq!(form("", "").range(today), Ok((day(2026, 1, 1), today)));
        assert_eq!(
            form("2026-03-01", "2026-03-31").range(today),
            Ok((day(2026, 3, 1), day(2026, 3, 31)))
        );
        assert!(form("2026-13-01", "").range(today).is_err());
        assert!(form("2026-04-01", "2026-03-01").range(today).is_err());
        assert!(form("1990-01-01", "2026-01-01").range(today).is_err());
    }

    #[test]
    fn a_range_is_whole_months_and_the_days_of_its_partial_ones() {
        let p = periods(day(2026, 1, 30), day(2026, 4, 2));
        assert_eq!(
            p,
            [
                "d2026-01-30",
                "d2026-01-31",
                "m2026-02",
                "m2026-03",
                "d2026-04-01",
                "d2026-04-02"
            ]
        );
        assert_eq!(periods(day(2026, 2, 1), day(2026, 2, 28)), ["m2026-02"]);
        assert_eq!(periods(day(2026, 3, 5), day(2026, 3, 5)), ["d2026-03-05"]);
        assert!(periods(day(2026, 3, 6), day(2026, 3, 5)).is_empty());
        // Four years: 48 months, no days.
        assert_eq!(periods(day(2022, 1, 1), day(2025, 12, 31)).len(), 48);
    }

    #[test]
    fn percentiles_use_the_nearest_rank_and_ties_share_a_value() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[0, 0, 0], 90), None);
        // One request matched after 3 days: every percentile is 3.
        assert_eq!(percentile(&[0, 0, 0, 1], 50), Some(3));
        assert_eq!(percentile(&[0, 0, 0, 1], 90), Some(3));
        // Ties: four at day 2, one at day 9; the median and even the 80th are 2.
        let h = [0, 0, 4, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(percentile(&h, 50), Some(2));
        assert_eq!(percentile(&h, 80), Some(2));
        assert_eq!(percentile(&h, 90), Some(9));
        // Two values, evenly: the median is the lower (nearest rank), p90 the upper.
        assert_eq!(percentile(&[1, 1], 50), Some(0));
        assert_eq!(percentile(&[1, 1], 90), Some(1));
    }

    #[test]
    fn percents_round_half_up_and_need_a_whole() {
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(5, 5), Some(100));
    }

    #[test]
    fn an_empty_range_has_counts_of_zero_and_no_rates() {
        let d = Dashboard::compute(
            day(2026, 11, 1),
            day(2026, 12, 31),
            &Totals::of(&[]),
            Today::default(),
        );
        assert_eq!(d.requests, 0);
        assert_eq!(
            d.per_month,
            [("2026-11".to_owned(), 0), ("2026-12".to_owned(), 0)]
        );
        assert_eq!(
            (d.match_rate, d.within_14_rate, d.response_rate),
            (None, None, None)
        );
        assert_eq!(
            (d.ttm_median, d.ttm_p90, d.average_tenths),
            (None, None, None)
        );
        assert!(d.roles.is_empty() && d.comments.is_empty());
        assert_eq!(d.utilization, None);
    }

    #[test]
    fn a_single_request_matched_and_rated() {
        let c = cells(&[
            ("d2026-12-02", "created", 1),
            ("d2026-12-02", "status:completed", 1),
            ("d2026-12-02", "role:records-manager", 1),
            ("d2026-12-02", "matched", 1),
            ("d2026-12-02", "matched-14", 1),
            ("d2026-12-02", "ttm:4", 1),
            ("d2026-12-02", "fb", 1),
            ("d2026-12-02", "fb-held", 1),
            ("d2026-12-02", "rating:5", 1),
        ]);
        let today = Today {
            supply_roles: vec![
                ("Records Manager".into(), "records-manager".into(), 3),
                ("Media Librarian".into(), "media-librarian".into(), 2),
            ],
            contacts_used: 3,
            contacts_offered: 12,
            ..Today::default()
        };
        let d = Dashboard::compute(day(2026, 12, 2), day(2026, 12, 2), &Totals::of(&c), today);
        assert_eq!((d.requests, d.matched, d.match_rate), (1, 1, Some(100)));
        assert_eq!((d.ttm_median, d.ttm_p90), (Some(4), Some(4)));
        assert_eq!(d.within_14_rate, Some(100));
        assert_eq!(
            (d.interviews, d.feedback, d.response_rate),
            (1, 1, Some(100))
        );
        assert_eq!(d.ratings, [0, 0, 0, 0, 1]);
        assert_eq!(d.average_text().as_deref(), Some("5.0"));
        assert_eq!(d.utilization, Some(25));
        assert_eq!(
            d.roles,
            [
                DemandSupply {
                    label: "Records Manager".into(),
                    demand: 1,
                    supply: 3
                },
                DemandSupply {
                    label: "Media Librarian".into(),
                    demand: 0,
                    supply: 2
                },
            ]
        );
        assert_eq!(d.per_month, [("2026-12".to_owned(), 1)]);
    }

    #[test]
    fn months_and_days_add_up_and_negative_moves_cancel() {
        // A request made in March moved from waiting to matched: -1 and +1 cancel out.
        let c = cells(&[
            ("m2026-02", "created", 4),
            ("d2026-03-01", "created", 2),
            ("d2026-03-01", "status:open", 2),
            ("d2026-03-01", "status:open", -1),
            ("d2026-03-01", "status:matched", 1),
            ("m2026-02", "role:media-librarian", 1),
        ]);
        let t = Totals::of(&c);
        assert_eq!(t.get("created"), 6);
        assert_eq!(t.get("status:open"), 1);
        assert_eq!(
            t.created_by_month.get("2026-03").copied(),
            Some(2),
            "a day counts in its month"
        );
        let d = Dashboard::compute(day(2026, 2, 1), day(2026, 3, 1), &t, Today::default());
        assert_eq!(
            d.per_month,
            [("2026-02".to_owned(), 4), ("2026-03".to_owned(), 2)]
        );
        // Asked for but no longer offered by anyone: still shown, with no supply.
        assert_eq!(d.roles[0].label, "media-librarian");
        assert_eq!(d.roles[0].supply, 0);
    }

    #[test]
    fn the_recount_counts_like_the_events() {
        let raw = [
            RawRequest {
                created_on: day(2026, 12, 1),
                status: "matched".into(),
                roles: vec!["records-manager".into()],
                settings: vec![],
                first_match_days: Some(20),
            },
            RawRequest {
                created_on: day(2026, 12, 1),
                status: "open".into(),
                roles: vec![],
                settings: vec!["public-library".into()],
                first_match_days: None,
            },
        ];
        let fb = [RawFeedback {
            request_created_on: day(2026, 12, 1),
            happened: true,
            rating: Some(4),
            useful: Some("skills".into()),
        }];
        let counts = recount(&raw, &fb);
        let get = |p: &str, m: &str| counts.get(&(p.to_owned(), m.to_owned())).copied();
        assert_eq!(get("d2026-12-01", "created"), Some(2));
        assert_eq!(get("m2026-12", "created"), Some(2));
        assert_eq!(get("d2026-12-01", "matched"), Some(1));
        assert_eq!(
            get("d2026-12-01", "matched-14"),
            None,
            "20 days is not within 14"
        );
        assert_eq!(get("d2026-12-01", "ttm:20"), Some(1));
        assert_eq!(get("m2026-12", "rating:4"), Some(1));
        assert_eq!(get("d2026-12-01", "useful:skills"), Some(1));
    }
}
