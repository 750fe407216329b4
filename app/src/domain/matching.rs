//! Match suggestions: which volunteers may take a request (hard constraints), how well each
//! fits (a weighted score, with the reasons shown to the committee), the ranked list, and the
//! batch proposal for a whole queue. Pure functions over the directory's profiles.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::assign::{self, Edge};
use super::request::{RequestNeeds, TimeSlot};
use super::{
    pool_status, MeetingMode, PoolStatus, PublicProfile, TermKind, Vocabularies, MIN_YEARS_TO_LIST,
};

/// How much each factor weighs, in points (configuration: `[program.weights]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchWeights {
    /// Does one of the volunteer's roles match one the requester asked about?
    pub role: u32,
    /// Does the volunteer's setting match one the requester asked about?
    pub setting: u32,
    /// Same region as the requester.
    pub region: u32,
    /// Offers a way of meeting the requester picked (half when only a remote one they accept).
    pub mode: u32,
    /// Contacts left (full at three or more).
    pub capacity: u32,
    /// Time since their latest match (full at 60 days, or never matched).
    pub recency: u32,
    /// How few times they have been contacted in all (full at none, nothing at five).
    pub usage: u32,
    /// The volunteer the requester asked for.
    pub preferred: u32,
    /// The volunteer's weekly times meet the times the requester ticked (full when the
    /// requester is flexible, half when the volunteer gave no weekly times).
    pub availability: u32,
}

impl Default for MatchWeights {
    fn default() -> Self {
        Self {
            role: 30,
            setting: 15,
            region: 10,
            mode: 10,
            capacity: 10,
            recency: 10,
            usage: 5,
            preferred: 40,
            availability: 10,
        }
    }
}

impl MatchWeights {
    /// The most points a volunteer can get for a request (the preferred volunteer's points
    /// count only when the requester named one).
    pub fn max_for(&self, needs: &RequestNeeds) -> u32 {
        let preferred = if needs.preferred.is_some() {
            self.preferred
        } else {
            0
        };
        self.role
            + self.setting
            + self.region
            + self.mode
            + self.capacity
            + self.recency
            + self.usage
            + self.availability
            + preferred
    }
}

/// Days after which a volunteer counts as fully rested.
pub const RECENCY_FULL_DAYS: i64 = 60;
/// Contacts left at which the capacity factor is full.
pub const CAPACITY_FULL: u32 = 3;
/// Contacts used at which the usage factor is empty.
pub const USAGE_EMPTY: u32 = 5;

/// One factor of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Factor {
    Role,
    Setting,
    Region,
    Mode,
    Capacity,
    Recency,
    Usage,
    Preferred,
    Availability,
}

impl Factor {
    /// Every factor, in the order a score's reasons are listed.
    pub const ALL: [Self; 9] = [
        Self::Role,
        Self::Setting,
        Self::Region,
        Self::Mode,
        Self::Capacity,
        Self::Recency,
        Self::Usage,
        Self::Preferred,
        Self::Availability,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Role => "Role",
            Self::Setting => "Setting",
            Self::Region => "Region",
            Self::Mode => "Meeting mode",
            Self::Capacity => "Contacts left",
            Self::Recency => "Rested",
            Self::Usage => "Contacted so far",
            Self::Preferred => "Asked for by name",
            Self::Availability => "Times",
        }
    }
}

/// The points a volunteer gets for each factor of one request, read by [`Factor`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct FactorPoints([u32; Factor::ALL.len()]);

impl FactorPoints {
    fn total(&self) -> u32 {
        self.0.iter().sum()
    }
}

impl std::ops::Index<Factor> for FactorPoints {
    type Output = u32;
    fn index(&self, factor: Factor) -> &u32 {
        &self.0[factor as usize]
    }
}

impl std::ops::IndexMut<Factor> for FactorPoints {
    fn index_mut(&mut self, factor: Factor) -> &mut u32 {
        &mut self.0[factor as usize]
    }
}

/// Why a score has the points it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub factor: Factor,
    pub points: u32,
    pub max: u32,
    /// In the committee's words: "Records Manager, as asked".
    pub detail: String,
}

/// Why a volunteer cannot take a request at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Exclusion {
    Paused {
        until: NaiveDate,
    },
    AtCapacity,
    ModeImpossible,
    TooLittleExperience,
    NotListed,
    /// They were matched with this request before and declined.
    Declined,
}

impl Exclusion {
    /// In the committee's words, with the date when they are away.
    pub fn label(self) -> String {
        match self {
            Self::Paused { until } => format!("Away until {}", super::long_date(until)),
            other => other.kind(),
        }
    }
    /// The kind, without its date: for counting.
    pub fn kind(self) -> String {
        match self {
            Self::Paused { .. } => "Away".into(),
            Self::AtCapacity => "No contacts left".into(),
            Self::ModeImpossible => "No way of meeting that suits both".into(),
            Self::TooLittleExperience => format!("Under {MIN_YEARS_TO_LIST} years of experience"),
            Self::NotListed => "Not listed".into(),
            Self::Declined => "Declined this request before".into(),
        }
    }
    /// Whether two exclusions are of the same kind (away on any date counts as one).
    fn same_kind(self, other: Self) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }
}

/// The ways the two can meet: the requester's acceptable modes the volunteer offers; in
/// person only when they are in the same region (or the requester gave none).
pub fn possible_modes(needs: &RequestNeeds, profile: &PublicProfile) -> Vec<MeetingMode> {
    let same_region = needs.region.as_ref().is_none_or(|r| r == &profile.region);
    needs
        .acceptable_modes()
        .into_iter()
        .filter(|m| profile.modes.contains(m))
        .filter(|m| *m != MeetingMode::InPerson || same_region)
        .collect()
}

/// The hard constraints: `Some(why)` when the volunteer cannot take the request.
pub fn exclusion(
    needs: &RequestNeeds,
    profile: &PublicProfile,
    today: NaiveDate,
    declined: &[String],
) -> Option<Exclusion> {
    match pool_status(&profile.pool, today) {
        PoolStatus::NotListed => return Some(Exclusion::NotListed),
        PoolStatus::TooLittleExperience => return Some(Exclusion::TooLittleExperience),
        PoolStatus::AtCapacity => return Some(Exclusion::AtCapacity),
        PoolStatus::Paused { until } => return Some(Exclusion::Paused { until }),
        PoolStatus::Available { .. } => {}
    }
    if declined.iter().any(|d| d == &profile.id) {
        return Some(Exclusion::Declined);
    }
    if possible_modes(needs, profile).is_empty() {
        return Some(Exclusion::ModeImpossible);
    }
    None
}

fn share(weight: u32, num: u64, den: u64) -> u32 {
    if den == 0 {
        return 0;
    }
    let num = num.min(den);
    u32::try_from(u64::from(weight) * num / den).unwrap_or(weight)
}

/// The points of each factor; the fast path used for ranking.
fn factor_points(
    needs: &RequestNeeds,
    p: &PublicProfile,
    today: NaiveDate,
    w: &MatchWeights,
) -> FactorPoints {
    let mut pts = FactorPoints::default();
    pts[Factor::Role] = if needs.roles.iter().any(|r| p.roles.contains(r)) {
        w.role
    } else {
        0
    };
    pts[Factor::Setting] = if needs.settings.contains(&p.setting) {
        w.setting
    } else {
        0
    };
    pts[Factor::Region] = if needs.region.as_ref() == Some(&p.region) {
        w.region
    } else {
        0
    };
    let possible = possible_modes(needs, p);
    let picked = |m: &MeetingMode| needs.modes.is_empty() || needs.modes.contains(m);
    pts[Factor::Mode] = if possible.iter().any(picked) {
        w.mode
    } else if possible.is_empty() {
        0
    } else {
        w.mode / 2
    };
    let left = p.pool.max_contacts.saturating_sub(p.pool.contacts_used);
    pts[Factor::Capacity] = share(w.capacity, left.into(), CAPACITY_FULL.into());
    pts[Factor::Recency] = match p.pool.last_matched {
        None => w.recency,
        Some(d) => {
            let days = (today - d).num_days().clamp(0, RECENCY_FULL_DAYS);
            share(w.recency, days as u64, RECENCY_FULL_DAYS as u64)
        }
    };
    pts[Factor::Usage] = share(
        w.usage,
        USAGE_EMPTY.saturating_sub(p.pool.contacts_used).into(),
        USAGE_EMPTY.into(),
    );
    pts[Factor::Preferred] = if needs.preferred.as_deref() == Some(p.id.as_str()) {
        w.preferred
    } else {
        0
    };
    pts[Factor::Availability] = if needs.times.is_empty() {
        w.availability
    } else {
        match TimeSlot::mask_of_windows(&p.availability) {
            0 => w.availability / 2,
            theirs if theirs & TimeSlot::mask(&needs.times) != 0 => w.availability,
            _ => 0,
        }
    };
    pts
}

/// The availability reason in words.
fn times_detail(needs: &RequestNeeds, p: &PublicProfile) -> String {
    let list = |slots: &[TimeSlot]| {
        slots
            .iter()
            .map(|s| s.short())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if needs.times.is_empty() {
        return "The requester named no times".into();
    }
    let theirs = TimeSlot::mask_of_windows(&p.availability);
    if theirs == 0 {
        return if p.availability_note.trim().is_empty() {
            "The volunteer gave no weekly times".into()
        } else {
            "The volunteer gave no weekly times, only a note".into()
        };
    }
    let common = TimeSlot::of_mask(theirs & TimeSlot::mask(&needs.times));
    if common.is_empty() {
        format!(
            "Free on {}; the requester asked for {}",
            list(&TimeSlot::of_mask(theirs)),
            list(&needs.times)
        )
    } else {
        format!("Both free on {}", list(&common))
    }
}

/// The total score of a volunteer for a request.
pub fn score(needs: &RequestNeeds, p: &PublicProfile, today: NaiveDate, w: &MatchWeights) -> u32 {
    factor_points(needs, p, today, w).total()
}

/// The score of a volunteer for a request, factor by factor, in words.
pub fn reasons(
    needs: &RequestNeeds,
    p: &PublicProfile,
    today: NaiveDate,
    w: &MatchWeights,
    vocab: &Vocabularies,
) -> Vec<Reason> {
    let pts = factor_points(needs, p, today, w);
    let matching_role = needs.roles.iter().find(|r| p.roles.contains(r));
    let role = match (matching_role, needs.roles.is_empty()) {
        (Some(r), _) => format!("{}, as asked", vocab.label(TermKind::Role, r)),
        (None, true) => "The requester named no role".into(),
        (None, false) => "None of the roles asked about".into(),
    };
    let setting_label = vocab.label(TermKind::Setting, &p.setting);
    let setting = if pts[Factor::Setting] > 0 {
        format!("{setting_label}, as asked")
    } else if needs.settings.is_empty() {
        "The requester named no setting".into()
    } else {
        format!("{setting_label}, not one asked about")
    };
    let region_label = vocab.label(TermKind::Region, &p.region);
    let region = match &needs.region {
        Some(r) if r == &p.region => format!("Both in {region_label}"),
        Some(r) => format!(
            "{region_label}; the requester is in {}",
            vocab.label(TermKind::Region, r)
        ),
        None => "The requester gave no region".into(),
    };
    let possible = possible_modes(needs, p);
    let mode = if possible.is_empty() {
        "No way of meeting suits both".into()
    } else {
        let names: Vec<&str> = possible.iter().map(|m| m.label()).collect();
        if pts[Factor::Mode] == w.mode {
            format!("Can meet by {}", names.join(", ").to_lowercase())
        } else {
            format!(
                "Only remotely ({}), which the requester accepts",
                names.join(", ").to_lowercase()
            )
        }
    };
    let left = p.pool.max_contacts.saturating_sub(p.pool.contacts_used);
    let capacity = format!("{left} of {} left", p.pool.max_contacts);
    let recency = match p.pool.last_matched {
        None => "Never matched yet".into(),
        Some(d) => match (today - d).num_days() {
            0 => "Matched today".into(),
            1 => "Matched yesterday".into(),
            n => format!("Last matched {n} days ago"),
        },
    };
    let usage = match p.pool.contacts_used {
        0 => "Not contacted yet".into(),
        1 => "Contacted once".into(),
        n => format!("Contacted {n} times"),
    };
    let preferred = if pts[Factor::Preferred] > 0 {
        "The requester asked for this volunteer".into()
    } else {
        "Not the volunteer asked for".into()
    };
    let factors = [
        (Factor::Role, w.role, role),
        (Factor::Setting, w.setting, setting),
        (Factor::Region, w.region, region),
        (Factor::Mode, w.mode, mode),
        (Factor::Capacity, w.capacity, capacity),
        (Factor::Recency, w.recency, recency),
        (Factor::Usage, w.usage, usage),
        (Factor::Preferred, w.preferred, preferred),
        (Factor::Availability, w.availability, times_detail(needs, p)),
    ];
    factors
        .into_iter()
        .filter(|(f, max, _)| *max > 0 && (*f != Factor::Preferred || needs.preferred.is_some()))
        .map(|(factor, max, detail)| Reason {
            factor,
            points: pts[factor],
            max,
            detail,
        })
        .collect()
}

/// A volunteer suggested for a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: String,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// A volunteer who cannot take the request, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excluded {
    pub id: String,
    pub why: Exclusion,
}

/// The ranked suggestions for one request.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ranking {
    /// Best first (ties: fewer contacts used, then id).
    pub suggested: Vec<Suggestion>,
    /// How many volunteers could take the request in all.
    pub eligible: usize,
    /// The excluded volunteers who would have fit best, with why (at most the limit).
    pub excluded: Vec<Excluded>,
    /// How many were excluded for each kind of reason.
    pub excluded_counts: Vec<(String, usize)>,
}

/// Ranks `profiles` for a request: the `limit` best eligible volunteers with their reasons,
/// and the best-fitting excluded ones with why.
pub fn rank<'a>(
    needs: &RequestNeeds,
    profiles: impl IntoIterator<Item = &'a PublicProfile>,
    today: NaiveDate,
    weights: &MatchWeights,
    declined: &[String],
    vocab: &Vocabularies,
    limit: usize,
) -> Ranking {
    let mut eligible: Vec<(u32, u32, &PublicProfile)> = Vec::new();
    let mut excluded: Vec<(u32, &PublicProfile, Exclusion)> = Vec::new();
    // One entry per kind of exclusion, named only at the end.
    let mut counts: Vec<(Exclusion, usize)> = Vec::new();
    for p in profiles {
        match exclusion(needs, p, today, declined) {
            None => eligible.push((score(needs, p, today, weights), p.pool.contacts_used, p)),
            Some(why) => {
                match counts.iter_mut().find(|(k, _)| k.same_kind(why)) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((why, 1)),
                }
                if matches!(why, Exclusion::NotListed | Exclusion::TooLittleExperience) {
                    continue;
                }
                excluded.push((score(needs, p, today, weights), p, why));
            }
        }
    }
    let total = eligible.len();
    let order = |a: &(u32, u32, &PublicProfile), b: &(u32, u32, &PublicProfile)| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.id.cmp(&b.2.id))
    };
    if eligible.len() > limit && limit > 0 {
        eligible.select_nth_unstable_by(limit - 1, order);
        eligible.truncate(limit);
    } else if limit == 0 {
        eligible.clear();
    }
    eligible.sort_unstable_by(order);
    let ex_order = |a: &(u32, &PublicProfile, Exclusion), b: &(u32, &PublicProfile, Exclusion)| {
        b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id))
    };
    if excluded.len() > limit && limit > 0 {
        excluded.select_nth_unstable_by(limit - 1, ex_order);
        excluded.truncate(limit);
    } else if limit == 0 {
        excluded.clear();
    }
    excluded.sort_unstable_by(ex_order);
    let mut counts: Vec<(String, usize)> = counts.into_iter().map(|(k, n)| (k.kind(), n)).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ranking {
        suggested: eligible
            .into_iter()
            .map(|(s, _, p)| Suggestion {
                id: p.id.clone(),
                score: s,
                reasons: reasons(needs, p, today, weights, vocab),
            })
            .collect(),
        eligible: total,
        excluded: excluded
            .into_iter()
            .map(|(_, p, why)| Excluded {
                id: p.id.clone(),
                why,
            })
            .collect(),
        excluded_counts: counts,
    }
}

/// One open request, as the batch proposal sees it.
#[derive(Debug, Clone)]
pub struct BatchRequest<'a> {
    pub needs: &'a RequestNeeds,
    pub declined: &'a [String],
}

/// A proposed pair: request index (in the input order) and volunteer id, with its score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposed {
    pub request: usize,
    pub volunteer: String,
    pub score: u32,
}

/// Proposes matches for many requests at once: maximizes the total score while giving no
/// volunteer more requests than their contacts left. Each request considers its
/// `per_request` best eligible volunteers (the solver is exact over those candidates).
pub fn propose(
    requests: &[BatchRequest<'_>],
    profiles: &[&PublicProfile],
    today: NaiveDate,
    weights: &MatchWeights,
    per_request: usize,
) -> Vec<Proposed> {
    let capacity: Vec<u32> = profiles
        .iter()
        .map(|p| match pool_status(&p.pool, today) {
            PoolStatus::Available { contacts_left } => contacts_left,
            _ => 0,
        })
        .collect();
    let mut edges = Vec::new();
    let mut best: Vec<(u32, usize)> = Vec::new();
    for (ri, r) in requests.iter().enumerate() {
        best.clear();
        for (vi, p) in profiles.iter().enumerate() {
            if capacity[vi] == 0 || exclusion(r.needs, p, today, r.declined).is_some() {
                continue;
            }
            best.push((score(r.needs, p, today, weights), vi));
        }
        let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if best.len() > per_request && per_request > 0 {
            best.select_nth_unstable_by(per_request - 1, order);
            best.truncate(per_request);
        }
        edges.extend(best.iter().map(|&(s, vi)| Edge {
            request: ri,
            volunteer: vi,
            // Every edge is worth at least one point, so a match always beats none.
            weight: i64::from(s) + 1,
        }));
    }
    let chosen = assign::solve(requests.len(), &capacity, &edges);
    chosen
        .into_iter()
        .enumerate()
        .filter_map(|(ri, v)| {
            let vi = v?;
            Some(Proposed {
                request: ri,
                volunteer: profiles[vi].id.clone(),
                score: score(requests[ri].needs, profiles[vi], today, weights),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PoolFacts, Slug, Term};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    const TODAY: &str = "2026-11-24";

    fn slug(s: &str) -> Slug {
        Slug::parse(s).unwrap()
    }

    fn vocab() -> Vocabularies {
        let t = |s: &str, l: &str| Term {
            slug: slug(s),
            label: l.into(),
        };
        Vocabularies {
            roles: vec![
                t("records-manager", "Records Manager"),
                t("public-librarian", "Public Librarian"),
            ],
            settings: vec![
                t("public-library", "Public library"),
                t("archives", "Archives"),
            ],
            regions: vec![t("central", "Central"), t("south", "South")],
        }
    }

    fn vol(
        id: &str,
        role: &str,
        setting: &str,
        region: &str,
        modes: &[MeetingMode],
    ) -> PublicProfile {
        PublicProfile {
            id: id.into(),
            display_name: id.to_uppercase(),
            job_title: "Librarian".into(),
            roles: vec![slug(role)],
            setting: slug(setting),
            employer: None,
            region: slug(region),
            bio: String::new(),
            specialties: vec![],
            modes: modes.to_vec(),
            minutes_per_interview: 30,
            availability: vec![],
            availability_note: String::new(),
            welcome_further_contact: false,
            pool: PoolFacts {
                listed: true,
                years_experience: 8,
                paused_until: None,
                max_contacts: 3,
                contacts_used: 0,
                last_matched: None,
            },
        }
    }

    fn needs() -> RequestNeeds {
        RequestNeeds {
            roles: vec![slug("records-manager")],
            settings: vec![slug("archives")],
            modes: vec![MeetingMode::InPerson],
            times: vec![],
            region: Some(slug("central")),
            remote_ok: true,
            preferred: None,
        }
    }

    use MeetingMode::*;

    #[test]
    fn a_perfect_fit_scores_every_factor() {
        let w = MatchWeights::default();
        let v = vol("a", "records-manager", "archives", "central", &[InPerson]);
        assert_eq!(
            score(&needs(), &v, day(TODAY), &w),
            w.role
                + w.setting
                + w.region
                + w.mode
                + w.capacity
                + w.recency
                + w.usage
                + w.availability
        );
        let asked = RequestNeeds {
            preferred: Some("a".into()),
            ..needs()
        };
        assert_eq!(
            score(&asked, &v, day(TODAY), &w),
            score(&needs(), &v, day(TODAY), &w) + w.preferred
        );
    }

    #[test]
    fn common_times_count_but_never_exclude() {
        use crate::domain::{Weekday, WeeklyWindow};
        let w = MatchWeights::default();
        let today = day(TODAY);
        let evenings = RequestNeeds {
            times: vec![TimeSlot::WeekdayEvening],
            ..needs()
        };
        let mut v = vol("a", "records-manager", "archives", "central", &[InPerson]);
        let flexible = score(&needs(), &v, today, &w);
        let why = |n: &RequestNeeds, v: &PublicProfile| {
            let r = reasons(n, v, today, &w, &vocab());
            let t = r
                .into_iter()
                .find(|r| r.factor == Factor::Availability)
                .unwrap();
            (t.points, t.detail)
        };
        assert_eq!(
            why(&needs(), &v),
            (w.availability, "The requester named no times".into())
        );
        // No weekly times: half.
        assert_eq!(
            score(&evenings, &v, today, &w),
            flexible - w.availability / 2
        );
        assert_eq!(why(&evenings, &v).1, "The volunteer gave no weekly times");
        // Tuesday 18:00-20:00 meets weekday evenings.
        v.availability = vec![WeeklyWindow::new(Weekday::Tue, 18 * 60, 20 * 60).unwrap()];
        assert_eq!(score(&evenings, &v, today, &w), flexible);
        assert_eq!(why(&evenings, &v).1, "Both free on weekday evenings");
        // Saturday mornings only: no points, but still eligible.
        v.availability = vec![WeeklyWindow::new(Weekday::Sat, 9 * 60, 12 * 60).unwrap()];
        assert_eq!(score(&evenings, &v, today, &w), flexible - w.availability);
        assert_eq!(
            why(&evenings, &v),
            (
                0,
                "Free on weekends; the requester asked for weekday evenings".into()
            )
        );
        assert_eq!(exclusion(&evenings, &v, today, &[]), None);
    }

    #[test]
    fn each_factor_moves_the_score_and_says_why() {
        let w = MatchWeights::default();
        let today = day(TODAY);
        let base = vol(
            "a",
            "records-manager",
            "archives",
            "central",
            &[InPerson, Video],
        );
        let s0 = score(&needs(), &base, today, &w);
        let other_role = vol("b", "public-librarian", "archives", "central", &[InPerson]);
        assert_eq!(score(&needs(), &other_role, today, &w), s0 - w.role);
        // Elsewhere: no region points, and in person is impossible, so only video (half).
        let far = vol(
            "c",
            "records-manager",
            "archives",
            "south",
            &[InPerson, Video],
        );
        assert_eq!(score(&needs(), &far, today, &w), s0 - w.region - w.mode / 2);
        let r = reasons(&needs(), &far, today, &w, &vocab());
        let mode = r.iter().find(|r| r.factor == Factor::Mode).unwrap();
        assert_eq!(mode.points, w.mode / 2);
        assert!(mode.detail.contains("Only remotely"), "{}", mode.detail);
        let region = r.iter().find(|r| r.factor == Factor::Region).unwrap();
        assert_eq!(region.detail, "South; the requester is in Central");
        // Used twice, matched 30 days ago: less capacity, less rested, more used.
        let mut busy = base.clone();
        busy.pool.contacts_used = 2;
        busy.pool.last_matched = Some(day("2026-10-25"));
        let s = score(&needs(), &busy, today, &w);
        assert_eq!(
            s,
            s0 - (w.capacity - w.capacity / 3)
                - (w.recency - w.recency / 2)
                - (w.usage - w.usage * 3 / 5)
        );
        let r = reasons(&needs(), &busy, today, &w, &vocab());
        assert_eq!(
            r.iter().map(|r| r.points).sum::<u32>(),
            s,
            "reasons add up to the score"
        );
        assert!(r.iter().any(|r| r.detail == "1 of 3 left"));
        assert!(r.iter().any(|r| r.detail == "Last matched 30 days ago"));
        assert!(
            r.iter().all(|r| r.factor != Factor::Preferred),
            "no preferred line when none was asked for"
        );
    }

    #[test]
    fn weights_come_from_configuration() {
        let w = MatchWeights {
            role: 0,
            setting: 0,
            region: 100,
            mode: 0,
            capacity: 0,
            recency: 0,
            usage: 0,
            preferred: 0,
            availability: 0,
        };
        let here = vol(
            "a",
            "public-librarian",
            "public-library",
            "central",
            &[Video],
        );
        let there = vol("b", "records-manager", "archives", "south", &[Video]);
        assert_eq!(score(&needs(), &here, day(TODAY), &w), 100);
        assert_eq!(score(&needs(), &there, day(TODAY), &w), 0);
        assert_eq!(reasons(&needs(), &here, day(TODAY), &w, &vocab()).len(), 1);
    }

    #[test]
    fn hard_constraints_exclude_with_their_reason() {
        let today = day(TODAY);
        let n = needs();
        let mut paused = vol("p", "records-manager", "archives", "central", &[Video]);
        paused.pool.paused_until = Some(day("2026-12-01"));
        assert_eq!(
            exclusion(&n, &paused, today, &[]),
            Some(Exclusion::Paused {
                until: day("2026-12-01")
            })
        );
        let mut full = vol("f", "records-manager", "archives", "central", &[Video]);
        full.pool.contacts_used = 3;
        assert_eq!(
            exclusion(&n, &full, today, &[]),
            Some(Exclusion::AtCapacity)
        );
        let mut junior = vol("j", "records-manager", "archives", "central", &[Video]);
        junior.pool.years_experience = 2;
        assert_eq!(
            exclusion(&n, &junior, today, &[]),
            Some(Exclusion::TooLittleExperience)
        );
        // In person only, elsewhere, for a requester who will not meet remotely.
        let local_only = RequestNeeds {
            remote_ok: false,
            ..needs()
        };
        let far = vol("x", "records-manager", "archives", "south", &[InPerson]);
        assert_eq!(
            exclusion(&local_only, &far, today, &[]),
            Some(Exclusion::ModeImpossible)
        );
        let phone = vol("y", "records-manager", "archives", "central", &[Phone]);
        assert_eq!(
            exclusion(&local_only, &phone, today, &[]),
            Some(Exclusion::ModeImpossible)
        );
        // Willing to meet remotely: the phone works.
        assert_eq!(exclusion(&n, &phone, today, &[]), None);
        assert_eq!(
            exclusion(&n, &phone, today, &["y".to_owned()]),
            Some(Exclusion::Declined)
        );
    }

    #[test]
    fn exclusions_are_named_and_counted_by_kind() {
        let away = |d| Exclusion::Paused { until: day(d) };
        assert_eq!(away("2026-12-01").label(), "Away until 1 December 2026");
        assert_eq!(away("2026-12-01").kind(), "Away");
        assert_eq!(
            Exclusion::TooLittleExperience.label(),
            "Under 3 years of experience"
        );
        assert_eq!(Exclusion::AtCapacity.label(), Exclusion::AtCapacity.kind());
        let today = day(TODAY);
        let mut first = vol("a", "records-manager", "archives", "central", &[Video]);
        first.pool.paused_until = Some(day("2026-12-01"));
        let mut second = first.clone();
        second.id = "b".into();
        second.pool.paused_until = Some(day("2027-01-15"));
        let r = rank(
            &needs(),
            [&first, &second],
            today,
            &MatchWeights::default(),
            &[],
            &vocab(),
            10,
        );
        assert_eq!(r.excluded_counts, vec![("Away".to_owned(), 2)]);
    }

    #[test]
    fn factor_points_are_read_by_factor() {
        for (i, f) in Factor::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?}");
        }
        let mut pts = FactorPoints::default();
        pts[Factor::Mode] = 5;
        pts[Factor::Availability] = 2;
        assert_eq!((pts[Factor::Mode], pts[Factor::Role]), (5, 0));
        assert_eq!(pts.total(), 7);
    }

    #[test]
    fn ranking_orders_by_score_and_lists_the_excluded() {
        let today = day(TODAY);
        let w = MatchWeights::default();
        let best = vol(
            "best",
            "records-manager",
            "archives",
            "central",
            &[InPerson],
        );
        let good = vol(
            "good",
            "records-manager",
            "public-library",
            "central",
            &[InPerson],
        );
        let fair = vol(
            "fair",
            "public-librarian",
            "public-library",
            "south",
            &[Video],
        );
        let mut full = vol(
            "full",
            "records-manager",
            "archives",
            "central",
            &[InPerson],
        );
        full.pool.contacts_used = 3;
        let mut junior = vol(
            "junior",
            "records-manager",
            "archives",
            "central",
            &[InPerson],
        );
        junior.pool.years_experience = 1;
        let all = [fair.clone(), full, good, junior, best];
        let r = rank(&needs(), all.iter(), today, &w, &[], &vocab(), 2);
        let ids: Vec<&str> = r.suggested.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["best", "good"]);
        assert_eq!(r.eligible, 3);
        assert!(r.suggested[0].score > r.suggested[1].score);
        assert_eq!(
            r.excluded,
            vec![Excluded {
                id: "full".into(),
                why: Exclusion::AtCapacity
            }],
            "the junior is counted but not named"
        );
        assert_eq!(r.excluded_counts.len(), 2);
        assert_eq!(
            r.excluded_counts,
            vec![
                ("No contacts left".to_owned(), 1),
                ("Under 3 years of experience".to_owned(), 1)
            ]
        );
        // Ties: fewer contacts used first, then id.
        let mut twin = fair.clone();
        twin.id = "twin".into();
        let mut used = fair.clone();
        used.id = "aaa".into();
        used.pool.contacts_used = 1;
        used.pool.max_contacts = 9;
        let r = rank(
            &needs(),
            [&used, &twin, &fair],
            today,
            &w,
            &[],
            &vocab(),
            10,
        );
        let ids: Vec<&str> = r.suggested.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids[..2], ["fair", "twin"]);
    }

    #[test]
    fn the_batch_spreads_requests_within_capacity() {
        let today = day(TODAY);
        let w = MatchWeights::default();
        // One star volunteer with one contact left; two requests both prefer them.
        let mut star = vol(
            "star",
            "records-manager",
            "archives",
            "central",
            &[InPerson],
        );
        star.pool.max_contacts = 1;
        let other = vol(
            "other",
            "records-manager",
            "public-library",
            "south",
            &[Video],
        );
        let n1 = needs();
        let n2 = RequestNeeds {
            region: Some(slug("south")),
            ..needs()
        };
        let reqs = [
            BatchRequest {
                needs: &n1,
                declined: &[],
            },
            BatchRequest {
                needs: &n2,
                declined: &[],
            },
        ];
        let pool = [&star, &other];
        let proposal = propose(&reqs, &pool, today, &w, 10);
        assert_eq!(proposal.len(), 2);
        let star_count = proposal.iter().filter(|p| p.volunteer == "star").count();
        assert_eq!(star_count, 1, "never past the contacts left");
        // The total is the best possible: star to whoever gains most from them.
        let total: u32 = proposal.iter().map(|p| p.score).sum();
        let alt1 = score(&n1, &star, today, &w) + score(&n2, &other, today, &w);
        let alt2 = score(&n2, &star, today, &w) + score(&n1, &other, today, &w);
        assert_eq!(total, alt1.max(alt2));
    }
}
