//! The directory's in-memory read model: every listed volunteer's public profile, with a
//! word index for full-text search and pre-resolved vocabulary positions for filtering.
//! The server keeps one behind a lock, loads it at start and updates it on every write, so
//! the directory never waits on the database.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;

use super::text::{excerpt, tokens};
use super::{
    pool_status, DirectoryFilter, DirectoryPage, MeetingMode, PoolFacts, PoolStatus, PublicProfile,
    TermKind, Vocabularies, VolunteerCard, VolunteerProfileView, PAGE_SIZE,
};

const BIO_EXCERPT_CHARS: usize = 220;
const CARD_SPECIALTIES: usize = 4;

struct Entry {
    profile: Arc<PublicProfile>,
    /// A copy of the profile's pool facts, so the hot loop never follows the pointer.
    pool: PoolFacts,
    /// Bit i set when the volunteer has role i (for the first 128 roles; see `roles`).
    role_mask: u128,
    /// Folded display name, then id: the directory's order.
    sort_key: (String, String),
    /// Distinct words of name, title, bio and specialties.
    words: Vec<String>,
    /// Positions in the vocabularies (unknown slugs are left out).
    roles: Vec<u16>,
    setting: Option<u16>,
    region: Option<u16>,
    modes: u8,
}

/// See the module documentation.
#[derive(Default)]
pub struct DirectoryIndex {
    vocab: Vocabularies,
    slots: Vec<Option<Entry>>,
    free: Vec<u32>,
    by_id: HashMap<String, u32>,
    /// Occupied slots in directory order.
    order: Vec<u32>,
    /// Word → slots holding it, ascending.
    postings: BTreeMap<String, Vec<u32>>,
}

fn position(vocab: &Vocabularies, kind: TermKind, slug: &super::Slug) -> Option<u16> {
    vocab
        .list(kind)
        .iter()
        .position(|t| &t.slug == slug)
        .and_then(|p| u16::try_from(p).ok())
}

fn entry_for(vocab: &Vocabularies, profile: Arc<PublicProfile>) -> Entry {
    let mut words: Vec<String> = tokens(&profile.display_name);
    words.extend(tokens(&profile.job_title));
    words.extend(tokens(&profile.bio));
    for s in &profile.specialties {
        words.extend(tokens(s));
    }
    words.sort_unstable();
    words.dedup();
    let mut roles: Vec<u16> = profile
        .roles
        .iter()
        .filter_map(|r| position(vocab, TermKind::Role, r))
        .collect();
    roles.sort_unstable();
    roles.dedup();
    let role_mask = roles
        .iter()
        .filter(|r| **r < 128)
        .fold(0u128, |m, r| m | (1u128 << r));
    Entry {
        pool: profile.pool,
        role_mask,
        sort_key: (
            deunicode::deunicode(&profile.display_name).to_lowercase(),
            profile.id.clone(),
        ),
        words,
        roles,
        setting: position(vocab, TermKind::Setting, &profile.setting),
        region: position(vocab, TermKind::Region, &profile.region),
        modes: profile.modes.iter().fold(0, |acc, m| acc | m.bit()),
        profile,
    }
}

impl DirectoryIndex {
    /// Builds the index over `profiles` in one pass (used at start).
    pub fn build(vocab: Vocabularies, profiles: impl IntoIterator<Item = PublicProfile>) -> Self {
        let mut index = Self {
            vocab,
            ..Self::default()
        };
        // Slots in directory order, so the search loop reads memory front to back.
        let mut entries: Vec<Entry> = profiles
            .into_iter()
            .map(|p| entry_for(&index.vocab, Arc::new(p)))
            .collect();
        entries.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
        for entry in entries {
            if index.by_id.contains_key(&entry.profile.id) {
                continue;
            }
            let slot = index.slots.len() as u32;
            for w in &entry.words {
                index.postings.entry(w.clone()).or_default().push(slot);
            }
            index.by_id.insert(entry.profile.id.clone(), slot);
            index.slots.push(Some(entry));
            index.order.push(slot);
        }
        index
    }

    pub fn vocabularies(&self) -> &Vocabularies {
        &self.vocab
    }

    /// Replaces the vocabularies (a term added, renamed or removed) and re-resolves entries.
    pub fn set_vocabularies(&mut self, vocab: Vocabularies) {
        for entry in self.slots.iter_mut().flatten() {
            *entry = entry_for(&vocab, entry.profile.clone());
        }
        self.vocab = vocab;
    }

    /// Listed volunteers held (in the pool or not).
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<Arc<PublicProfile>> {
        let slot = *self.by_id.get(id)?;
        self.slots[slot as usize]
            .as_ref()
            .map(|e| e.profile.clone())
    }

    /// Every profile held, in directory order.
    pub fn profiles(&self) -> impl Iterator<Item = &Arc<PublicProfile>> {
        self.order
            .iter()
            .filter_map(|s| self.slots[*s as usize].as_ref().map(|e| &e.profile))
    }

    /// How many volunteers are in the pool on `today`.
    pub fn pool_size(&self, today: NaiveDate) -> usize {
        self.profiles()
            .filter(|p| p.status(today).is_available())
            .count()
    }

    /// Adds or replaces a profile.
    pub fn upsert(&mut self, profile: PublicProfile) {
        self.remove(&profile.id);
        let entry = entry_for(&self.vocab, Arc::new(profile));
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        for w in &entry.words {
            let list = self.postings.entry(w.clone()).or_default();
            if let Err(at) = list.binary_search(&slot) {
                list.insert(at, slot);
            }
        }
        self.by_id.insert(entry.profile.id.clone(), slot);
        let at = {
            let slots = &self.slots;
            self.order
                .partition_point(|s| sort_key(slots, *s) < &entry.sort_key)
        };
        self.slots[slot as usize] = Some(entry);
        self.order.insert(at, slot);
    }

    /// Removes a profile; returns whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(slot) = self.by_id.remove(id) else {
            return false;
        };
        let Some(entry) = self.slots[slot as usize].take() else {
            return false;
        };
        for w in &entry.words {
            if let Some(list) = self.postings.get_mut(w) {
                if let Ok(at) = list.binary_search(&slot) {
                    list.remove(at);
                }
                if list.is_empty() {
                    self.postings.remove(w);
                }
            }
        }
        self.order.retain(|s| *s != slot);
        self.free.push(slot);
        true
    }

    /// Slots whose words start with every query token, as a bitset; None when no text.
    fn text_matches(&self, query_tokens: &[String]) -> Option<Vec<u64>> {
        if query_tokens.is_empty() {
            return None;
        }
        let words = self.slots.len().div_ceil(64);
        let mut all: Option<Vec<u64>> = None;
        for t in query_tokens {
            let mut bits = vec![0u64; words];
            for (_, list) in self
                .postings
                .range::<str, _>((
                    std::ops::Bound::Included(t.as_str()),
                    std::ops::Bound::Unbounded,
                ))
                .take_while(|(w, _)| w.starts_with(t.as_str()))
            {
                for s in list {
                    bits[*s as usize / 64] |= 1 << (s % 64);
                }
            }
            all = Some(match all {
                None => bits,
                Some(mut acc) => {
                    acc.iter_mut().zip(&bits).for_each(|(a, b)| *a &= b);
                    acc
                }
            });
        }
        all
    }

    /// One page of the volunteers in the pool on `today` matching `filter`, and any
    /// `notices` to show.
    pub fn search(
        &self,
        filter: &DirectoryFilter,
        today: NaiveDate,
        mut notices: Vec<String>,
    ) -> DirectoryPage {
        let text = self.text_matches(&filter.tokens);
        let want_role = filter
            .role
            .as_ref()
            .and_then(|r| position(&self.vocab, TermKind::Role, r));
        let want_setting = filter
            .setting
            .as_ref()
            .and_then(|r| position(&self.vocab, TermKind::Setting, r));
        let want_region = filter
            .region
            .as_ref()
            .and_then(|r| position(&self.vocab, TermKind::Region, r));
        let want_mode = filter.mode.map(MeetingMode::bit);

        let mut hits: Vec<u32> = Vec::new();

        for &slot in &self.order {
            if let Some(bits) = &text {
                if bits[slot as usize / 64] & (1 << (slot % 64)) == 0 {
                    continue;
                }
            }
            let Some(e) = &self.slots[slot as usize] else {
                continue;
            };
            if !pool_status(&e.pool, today).is_available() {
                continue;
            }
            let matches = want_role.is_none_or(|r| {
                if r < 128 {
                    e.role_mask & (1u128 << r) != 0
                } else {
                    e.roles.contains(&r)
                }
            }) && want_setting.is_none_or(|s| e.setting == Some(s))
                && want_region.is_none_or(|r| e.region == Some(r))
                && want_mode.is_none_or(|m| e.modes & m != 0);
            if matches {
                hits.push(slot);
            }
        }

        let total = hits.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = if filter.page > pages {
            notices.push(format!(
                "There {} only {pages} page{} of results; showing the last one.",
                if pages == 1 { "is" } else { "are" },
                if pages == 1 { "" } else { "s" }
            ));
            pages
        } else {
            filter.page
        };
        let cards = hits
            .iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .filter_map(|s| self.slots[*s as usize].as_ref())
            .map(|e| self.card(&e.profile, today))
            .collect();

        DirectoryPage {
            cards,
            total,
            page,
            pages,
            query: filter.to_query(),
            notices,
        }
    }

    fn role_labels(&self, p: &PublicProfile) -> Vec<String> {
        p.roles
            .iter()
            .map(|r| self.vocab.label(TermKind::Role, r).to_owned())
            .collect()
    }

    fn card(&self, p: &PublicProfile, today: NaiveDate) -> VolunteerCard {
        VolunteerCard {
            id: p.id.clone(),
            display_name: p.display_name.clone(),
            job_title: p.job_title.clone(),
            roles: self.role_labels(p),
            setting: self.vocab.label(TermKind::Setting, &p.setting).to_owned(),
            region: self.vocab.label(TermKind::Region, &p.region).to_owned(),
            modes: p.modes.clone(),
            minutes_per_interview: p.minutes_per_interview,
            bio_excerpt: excerpt(&p.bio, BIO_EXCERPT_CHARS),
            specialties: p
                .specialties
                .iter()
                .take(CARD_SPECIALTIES)
                .cloned()
                .collect(),
            contacts_left: match p.status(today) {
                PoolStatus::Available { contacts_left } => contacts_left,
                _ => 0,
            },
        }
    }

    /// The public profile page of `id`, or None when there is no such listed volunteer
    /// (left the program, hidden, or under the experience threshold).
    pub fn profile_view(&self, id: &str, today: NaiveDate) -> Option<VolunteerProfileView> {
        let p = self.get(id)?;
        let status = p.status(today);
        if !status.has_public_profile() {
            return None;
        }
        Some(VolunteerProfileView {
            id: p.id.clone(),
            display_name: p.display_name.clone(),
            job_title: p.job_title.clone(),
            roles: self.role_labels(&p),
            setting: self.vocab.label(TermKind::Setting, &p.setting).to_owned(),
            employer: p.employer.clone(),
            region: self.vocab.label(TermKind::Region, &p.region).to_owned(),
            years_experience: p.pool.years_experience,
            bio: p.bio.clone(),
            specialties: p.specialties.clone(),
            modes: p.modes.clone(),
            minutes_per_interview: p.minutes_per_interview,
            availability: p.availability.clone(),
            availability_note: p.availability_note.clone(),
            welcome_further_contact: p.welcome_further_contact,
            status,
        })
    }
}

fn sort_key(slots: &[Option<Entry>], slot: u32) -> &(String, String) {
    // Every slot in `order` is occupied; an empty one sorts first and is skipped on read.
    static EMPTY: (String, String) = (String::new(), String::new());
    slots[slot as usize]
        .as_ref()
        .map_or(&EMPTY, |e| &e.sort_key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DirectoryQuery, PoolFacts, Slug, Term};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn term(s: &str) -> Term {
        Term {
            slug: Slug::parse(s).unwrap(),
            label: s.to_uppercase(),
        }
    }

    fn vocab() -> Vocabularies {
        Vocabularies {
            roles: vec![term("academic"), term("public"), term("records")],
            settings: vec![term("university"), term("city")],
            regions: vec![term("north"), term("south")],
        }
    }

    fn profile(id: &str, name: &str, role: &str, setting: &str, region: &str) -> PublicProfile {
        PublicProfile {
            id: id.into(),
            display_name: name.into(),
            job_title: "Librarian".into(),
            roles: vec![Slug::parse(role).unwrap()],
            setting: Slug::parse(setting).unwrap(),
            employer: None,
            region: Slug::parse(region).unwrap(),
            bio: format!("{name} works with students on research."),
            specialties: vec!["Information literacy".into()],
            modes: vec![MeetingMode::Video],
            minutes_per_interview: 30,
            availability: vec![],
            availability_note: String::new(),
            welcome_further_contact: true,
            pool: PoolFacts {
                listed: true,
                years_experience: 10,
                paused_until: None,
                max_contacts: 2,
                contacts_used: 0,
                last_matched: None,
            },
        }
    }

    fn sample() -> DirectoryIndex {
        let mut paused = profile("p", "Paula Paused", "public", "city", "north");
        paused.pool.paused_until = NaiveDate::from_ymd_opt(2027, 1, 1);
        let mut full = profile("f", "Fiona Full", "public", "city", "north");
        full.pool.contacts_used = 2;
        let mut junior = profile("j", "Jay Junior", "public", "city", "north");
        junior.pool.years_experience = 2;
        let mut phone = profile("r", "Rita Records", "records", "city", "south");
        phone.modes = vec![MeetingMode::Phone];
        phone.specialties = vec!["Retention schedules".into()];
        DirectoryIndex::build(
            vocab(),
            vec![
                profile("b", "Bea Academic", "academic", "university", "north"),
                profile("a", "Ángel Public", "public", "city", "south"),
                paused,
                full,
                junior,
                phone,
            ],
        )
    }

    fn run(index: &DirectoryIndex, pairs: &[(&str, &str)]) -> DirectoryPage {
        let (filter, notices) =
            DirectoryQuery::from_pairs(pairs.iter().copied()).resolve(index.vocabularies());
        index.search(&filter, today(), notices)
    }

    fn names(page: &DirectoryPage) -> Vec<&str> {
        page.cards.iter().map(|c| c.display_name.as_str()).collect()
    }

    #[test]
    fn only_the_pool_is_listed_in_name_order() {
        let page = run(&sample(), &[]);
        assert_eq!(
            names(&page),
            vec!["Ángel Public", "Bea Academic", "Rita Records"]
        );
        assert_eq!(page.total, 3);
        assert_eq!(page.pages, 1);
    }

    #[test]
    fn filters_combine() {
        let index = sample();
        assert_eq!(
            names(&run(&index, &[("role", "public")])),
            vec!["Ángel Public"]
        );
        assert_eq!(
            names(&run(&index, &[("region", "south"), ("mode", "phone")])),
            vec!["Rita Records"]
        );
        assert!(
            run(&index, &[("setting", "university"), ("region", "south")])
                .cards
                .is_empty()
        );
    }

    #[test]
    fn text_search_matches_word_prefixes_across_fields_and_accents() {
        let index = sample();
        assert_eq!(names(&run(&index, &[("q", "angel")])), vec!["Ángel Public"]);
        assert_eq!(
            names(&run(&index, &[("q", "retent")])),
            vec!["Rita Records"]
        );
        assert_eq!(
            names(&run(&index, &[("q", "RITA retention")])),
            vec!["Rita Records"]
        );
        assert!(run(&index, &[("q", "rita academic")]).cards.is_empty());
        // The paused volunteer's name matches, but they are not in the pool.
        assert!(run(&index, &[("q", "paula")]).cards.is_empty());
    }

    #[test]
    fn pages_are_clamped_and_sliced() {
        let profiles = (0..30).map(|i| {
            profile(
                &format!("v{i:02}"),
                &format!("Person {i:02}"),
                "public",
                "city",
                "north",
            )
        });
        let index = DirectoryIndex::build(vocab(), profiles);
        let p2 = run(&index, &[("page", "2")]);
        assert_eq!(p2.total, 30);
        assert_eq!(p2.pages, 3);
        assert_eq!(p2.cards.len(), PAGE_SIZE);
        assert_eq!(p2.cards[0].display_name, "Person 12");
        let p9 = run(&index, &[("page", "9")]);
        assert_eq!(p9.page, 3);
        assert_eq!(p9.cards.len(), 6);
        assert_eq!(p9.notices.len(), 1);
    }

    #[test]
    fn upsert_and_remove_keep_order_and_words() {
        let mut index = sample();
        let mut changed = profile("a", "Zed Public", "public", "city", "south");
        changed.bio = "Now into maps".into();
        index.upsert(changed);
        assert_eq!(
            names(&run(&index, &[])),
            vec!["Bea Academic", "Rita Records", "Zed Public"]
        );
        assert!(run(&index, &[("q", "angel")]).cards.is_empty());
        assert_eq!(names(&run(&index, &[("q", "maps")])), vec!["Zed Public"]);
        index.upsert(profile("n", "Nora New", "records", "city", "north"));
        assert_eq!(
            names(&run(&index, &[])),
            vec!["Bea Academic", "Nora New", "Rita Records", "Zed Public"]
        );
        assert!(index.remove("n"));
        assert!(!index.remove("n"));
        assert_eq!(names(&run(&index, &[("q", "nora")])), Vec::<&str>::new());
        assert_eq!(index.len(), 6);
    }

    #[test]
    fn profile_view_hides_the_unlisted_and_shows_why_others_are_unavailable() {
        let index = sample();
        assert!(index.profile_view("j", today()).is_none());
        assert!(index.profile_view("missing", today()).is_none());
        assert_eq!(
            index.profile_view("f", today()).unwrap().status,
            PoolStatus::AtCapacity
        );
        assert!(matches!(
            index.profile_view("p", today()).unwrap().status,
            PoolStatus::Paused { .. }
        ));
        assert_eq!(index.pool_size(today()), 3);
    }

    #[test]
    fn renamed_vocabulary_shows_new_labels() {
        let mut index = sample();
        let mut v = vocab();
        v.roles[1].label = "Public Services Librarian".into();
        index.set_vocabularies(v);
        let page = run(&index, &[("role", "public")]);
        assert_eq!(page.cards[0].roles, vec!["Public Services Librarian"]);
    }
}
