//! The question bank for the conversation itself, grouped as the preparation sheet shows
//! it, with suggestions tailored to the volunteer's roles and setting.
//!
//! Ids are stable (they are stored in drafts); texts may be reworded freely. A few
//! questions name the volunteer's role or setting and are written out for each volunteer.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::super::choice::choice;
use super::super::taxonomy::{Term, TermKind, Vocabularies};
use super::super::text;
use super::super::validation::ValidationError;
use super::super::volunteer::PublicProfile;

/// The most questions one preparation sheet holds: more would not fit the conversation.
pub const MAX_CHOSEN: usize = 15;

choice! {
    /// The bank's groups, in the order the sheet lists them.
    pub enum QuestionGroup in "kebab-case" {
        CareerPath,
        TypicalDay,
        ChallengesAndProjects,
        SkillsAndTraining,
        Culture,
        Advice,
        WhoElse,
    }
}

impl QuestionGroup {
    pub fn label(self) -> &'static str {
        match self {
            Self::CareerPath => "Career path",
            Self::TypicalDay => "A typical day",
            Self::ChallengesAndProjects => "Challenges and current projects",
            Self::SkillsAndTraining => "Skills and training",
            Self::Culture => "The workplace and its culture",
            Self::Advice => "Advice",
            Self::WhoElse => "Who else should I talk to?",
        }
    }
}

/// A question as shown and printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: Cow<'static, str>,
    pub group: QuestionGroup,
    pub text: Cow<'static, str>,
}

/// What a question is written from, or when it applies.
#[derive(Debug, Clone, Copy)]
enum Fit {
    /// For everyone, as written.
    Always,
    /// For everyone with a role: `{}` becomes the role's label.
    RoleLabel,
    /// For everyone with a setting: `{}` becomes the setting's label.
    SettingLabel,
    /// Suggested when one of these words is in a role's slug or label.
    RoleWords(&'static [&'static str]),
    /// Suggested when one of these words is in the setting's slug or label.
    SettingWords(&'static [&'static str]),
}

struct Entry {
    id: &'static str,
    group: QuestionGroup,
    fit: Fit,
    text: &'static str,
}

const fn q(id: &'static str, group: QuestionGroup, fit: Fit, text: &'static str) -> Entry {
    Entry {
        id,
        group,
        fit,
        text,
    }
}

use Fit::*;
use QuestionGroup::*;

/// The bank. Within a group, the first `Always` question is the one suggested to everyone.
#[rustfmt::skip]
const BANK: &[Entry] = &[
    // Career path
    q("path-first-role", CareerPath, Always, "How did you come to this field, and what was your first role in it?"),
    q("path-role", CareerPath, RoleLabel, "How do people usually become a {}, and was your own route a typical one?"),
    q("path-turning-point", CareerPath, Always, "Was there one decision or moment that shaped your path more than the others?"),
    q("path-again", CareerPath, Always, "If you were starting out today, what would you do the same way and what would you change?"),
    q("path-management", CareerPath, RoleWords(&["manager", "director", "head"]), "How did you move into managing people, and what surprised you about it?"),
    // A typical day
    q("day-typical", TypicalDay, Always, "What does an ordinary week look like for you?"),
    q("day-role", TypicalDay, RoleLabel, "Where you work, what does a {} spend most of the day on?"),
    q("day-time", TypicalDay, Always, "Which tasks take most of your time, and which do you enjoy most?"),
    q("day-people", TypicalDay, Always, "Who do you work with most closely, inside and outside your organization?"),
    q("day-systems", TypicalDay, RoleWords(&["technician", "assistant", "technical"]), "Which systems and tools do you use every day?"),
    q("day-youth", TypicalDay, RoleWords(&["youth", "children", "teen", "school"]), "How do you plan activities for different age groups?"),
    // Challenges and current projects
    q("challenge-projects", ChallengesAndProjects, Always, "Which projects have your attention right now?"),
    q("challenge-org", ChallengesAndProjects, Always, "What challenges is your organization facing, and how is it responding?"),
    q("challenge-setting", ChallengesAndProjects, SettingLabel, "Which challenges are particular to your kind of workplace ({}) at the moment?"),
    q("challenge-change", ChallengesAndProjects, Always, "How has your work changed over the last few years, and what change do you expect next?"),
    q("challenge-academic", ChallengesAndProjects, SettingWords(&["academic", "university", "college"]), "How does the library work with faculty and students on research and teaching?"),
    q("challenge-public", ChallengesAndProjects, SettingWords(&["public"]), "How does the library decide which community programs and services to offer?"),
    q("challenge-school", ChallengesAndProjects, SettingWords(&["school"]), "How do you work with teachers on what students are learning in class?"),
    q("challenge-law", ChallengesAndProjects, SettingWords(&["law", "legal"]), "Which kinds of legal research questions come to you most often?"),
    q("challenge-health", ChallengesAndProjects, SettingWords(&["health", "medical", "hospital"]), "How do you help clinicians or researchers who need evidence quickly?"),
    q("challenge-records", ChallengesAndProjects, SettingWords(&["archives", "archive", "records"]), "How do you decide what is kept, and for how long?"),
    q("challenge-museum", ChallengesAndProjects, SettingWords(&["museum"]), "How does the library support the museum's exhibitions and curators?"),
    q("challenge-corporate", ChallengesAndProjects, SettingWords(&["corporate", "private", "special"]), "How do you show the rest of the organization what information services are worth?"),
    q("challenge-government", ChallengesAndProjects, SettingWords(&["government"]), "How do budgets and public policy shape what your library can do?"),
    q("challenge-media", ChallengesAndProjects, RoleWords(&["media"]), "How do you keep up as media formats and platforms change?"),
    // Skills and training
    q("skills-most", SkillsAndTraining, Always, "Which skills matter most in your work, and how did you build them?"),
    q("skills-experience", SkillsAndTraining, Always, "How did you gain experience before your first job in the field?"),
    q("skills-role", SkillsAndTraining, RoleLabel, "What would you expect a new {} to know or be able to do?"),
    q("skills-training", SkillsAndTraining, Always, "Which courses, certificates or other training were worth the effort for you?"),
    q("skills-current", SkillsAndTraining, Always, "How do you keep your knowledge up to date?"),
    q("skills-records", SkillsAndTraining, RoleWords(&["records"]), "Which standards or laws on keeping records do you rely on most?"),
    q("skills-explain", SkillsAndTraining, RoleWords(&["specialist", "special", "corporate"]), "How do you explain what you do to people outside the field?"),
    // The workplace and its culture
    q("culture-describe", Culture, Always, "How would you describe the culture where you work?"),
    q("culture-setting", Culture, SettingLabel, "How does working in your kind of workplace ({}) differ from other places you know?"),
    q("culture-decisions", Culture, Always, "How are decisions made, and how much say do people in your position have?"),
    q("culture-balance", Culture, Always, "How does the work fit with the rest of your life?"),
    // Advice
    q("advice-wish", Advice, Always, "What do you wish you had known when you were starting out?"),
    q("advice-next-year", Advice, Always, "What would you suggest someone in my position focus on over the next year?"),
    q("advice-mistakes", Advice, Always, "Are there mistakes you often see newcomers make?"),
    // Who else should I talk to?
    q("who-else", WhoElse, Always, "Is there someone else you think I should talk to?"),
    q("who-else-follow", WhoElse, Always, "Which groups, events or publications would you recommend I follow?"),
    q("who-else-mention", WhoElse, Always, "If I contact them, may I say that you suggested it?"),
];

/// The volunteer's roles and setting as labels and folded words, to write and pick the
/// tailored questions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tailoring {
    pub roles: Vec<Term>,
    pub setting: Option<Term>,
}

impl Tailoring {
    /// From a public profile, with the labels of today's vocabularies (a removed term
    /// shows as its slug, as everywhere else).
    pub fn for_profile(profile: &PublicProfile, vocab: &Vocabularies) -> Self {
        let term = |kind, slug: &super::super::taxonomy::Slug| Term {
            slug: slug.clone(),
            label: vocab.label(kind, slug).to_owned(),
        };
        Self {
            roles: profile
                .roles
                .iter()
                .map(|r| term(TermKind::Role, r))
                .collect(),
            setting: Some(term(TermKind::Setting, &profile.setting)),
        }
    }

    fn role_label(&self) -> Option<&str> {
        self.roles
            .first()
            .map(|t| t.label.trim())
            .filter(|l| !l.is_empty())
    }

    fn setting_label(&self) -> Option<&str> {
        self.setting
            .as_ref()
            .map(|t| t.label.trim())
            .filter(|l| !l.is_empty())
    }

    fn words(terms: &[&Term]) -> Vec<String> {
        terms
            .iter()
            .flat_map(|t| {
                let mut w = text::tokens(t.slug.as_str());
                w.extend(text::tokens(&t.label));
                w
            })
            .collect()
    }

    fn role_words(&self) -> Vec<String> {
        Self::words(&self.roles.iter().collect::<Vec<_>>())
    }

    fn setting_words(&self) -> Vec<String> {
        Self::words(&self.setting.iter().collect::<Vec<_>>())
    }
}

/// Writes out `entry` for this volunteer; `None` when it needs a label they do not have.
fn render(entry: &Entry, t: &Tailoring) -> Option<Question> {
    let text = match entry.fit {
        Always | RoleWords(_) | SettingWords(_) => Cow::Borrowed(entry.text),
        RoleLabel => Cow::Owned(with_label(entry.text, t.role_label()?)),
        SettingLabel => Cow::Owned(with_label(entry.text, t.setting_label()?)),
    };
    Some(Question {
        id: Cow::Borrowed(entry.id),
        group: entry.group,
        text,
    })
}

/// `text` with `{}` replaced by `label`, and "a {}" made "an …" before a vowel ("an
/// Academic Librarian", "an Information Specialist").
fn with_label(text: &str, label: &str) -> String {
    let vowel = text::tokens(label)
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(|c| "aeiou".contains(c));
    if vowel && text.contains("a {}") {
        text.replacen("a {}", &format!("an {label}"), 1)
    } else {
        text.replacen("{}", label, 1)
    }
}

/// Whether `entry` is suggested for this volunteer in particular (beyond the general core).
fn tailored_to(entry: &Entry, role_words: &[String], setting_words: &[String]) -> bool {
    let any =
        |words: &[String], wanted: &[&str]| wanted.iter().any(|w| words.iter().any(|x| x == w));
    match entry.fit {
        Always => false,
        RoleLabel | SettingLabel => true,
        RoleWords(w) => any(role_words, w),
        SettingWords(w) => any(setting_words, w),
    }
}

/// The whole bank for this volunteer, grouped, in the sheet's order. Questions that name a
/// role or setting are left out when the volunteer has none.
pub fn bank(t: &Tailoring) -> Vec<(QuestionGroup, Vec<Question>)> {
    QuestionGroup::ALL
        .iter()
        .map(|g| {
            let qs = BANK
                .iter()
                .filter(|e| e.group == *g)
                .filter_map(|e| render(e, t))
                .collect();
            (*g, qs)
        })
        .collect()
}

/// One question by id, written out for this volunteer.
pub fn question(id: &str, t: &Tailoring) -> Option<Question> {
    BANK.iter().find(|e| e.id == id).and_then(|e| render(e, t))
}

/// Whether `id` is in the bank.
pub fn is_known(id: &str) -> bool {
    BANK.iter().any(|e| e.id == id)
}

/// A starting selection for this volunteer, at most `max` long, in the sheet's order:
/// in each group the questions written for their roles and setting, then the group's
/// general opening question. When `max` cuts, every group keeps its first pick before any
/// group gets a second.
pub fn suggest(t: &Tailoring, max: usize) -> Vec<Question> {
    let role_words = t.role_words();
    let setting_words = t.setting_words();
    let per_group: Vec<Vec<Question>> = QuestionGroup::ALL
        .iter()
        .map(|g| {
            let in_group = || BANK.iter().filter(move |e| e.group == *g);
            let tailored = in_group().filter(|e| tailored_to(e, &role_words, &setting_words));
            let core = in_group().find(|e| matches!(e.fit, Always));
            tailored.chain(core).filter_map(|e| render(e, t)).collect()
        })
        .collect();
    // Round-robin over the groups, then back into the sheet's order.
    let mut picked: Vec<(usize, usize)> = Vec::new();
    let deepest = per_group.iter().map(Vec::len).max().unwrap_or(0);
    'rounds: for depth in 0..deepest {
        for (g, qs) in per_group.iter().enumerate() {
            if picked.len() >= max {
                break 'rounds;
            }
            if depth < qs.len() {
                picked.push((g, depth));
            }
        }
    }
    picked.sort_unstable();
    picked
        .into_iter()
        .filter_map(|(g, i)| per_group.get(g).and_then(|qs| qs.get(i)).cloned())
        .collect()
}

/// A chosen list as the person sends it, made clean: trimmed, blanks and repeats dropped
/// (the first place kept). Refused when an id is not in the bank or more than
/// [`MAX_CHOSEN`] remain.
pub fn normalize_choice(field: &str, ids: &[String]) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !is_known(id) {
            return Err(ValidationError::Invalid {
                field: field.to_owned(),
                reason: "one of the questions is not in the question bank; choose it again from the list".into(),
            });
        }
        if !out.iter().any(|x| x == id) {
            out.push(id.to_owned());
        }
    }
    if out.len() > MAX_CHOSEN {
        return Err(ValidationError::Invalid {
            field: field.to_owned(),
            reason: format!(
                "choose at most {MAX_CHOSEN} questions ({} are chosen); a conversation has time for fewer",
                out.len()
            ),
        });
    }
    Ok(out)
}

/// A stored list must already be clean: known ids, no repeats, at most [`MAX_CHOSEN`].
pub fn validate_choice(field: &str, ids: &[String]) -> Result<(), ValidationError> {
    let clean = normalize_choice(field, ids)?;
    if clean.as_slice() != ids {
        return Err(ValidationError::Invalid {
            field: field.to_owned(),
            reason: "a question is listed twice or blank".into(),
        });
    }
    Ok(())
}

/// Adds `id` at the end when it is not chosen, removes it when it is.
pub fn toggle(field: &str, ids: &[String], id: &str) -> Result<Vec<String>, ValidationError> {
    if ids.iter().any(|x| x == id) {
        return Ok(ids.iter().filter(|x| *x != id).cloned().collect());
    }
    let mut next = ids.to_vec();
    next.push(id.to_owned());
    normalize_choice(field, &next)
}

/// Moves the question at `from` to `to` (both clamped to the list), keeping the others'
/// order: "move up" is `(i, i - 1)`, "move down" `(i, i + 1)`.
pub fn reorder(ids: &[String], from: usize, to: usize) -> Vec<String> {
    let mut out = ids.to_vec();
    if from < out.len() {
        let item = out.remove(from);
        let to = to.min(out.len());
        out.insert(to, item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::taxonomy::Slug;

    fn term(slug: &str, label: &str) -> Term {
        Term {
            slug: Slug::parse(slug).unwrap(),
            label: label.into(),
        }
    }

    fn youth_in_public() -> Tailoring {
        Tailoring {
            roles: vec![term("youth-services-librarian", "Youth Services Librarian")],
            setting: Some(term("public-library", "Public library")),
        }
    }

    fn ids(qs: &[Question]) -> Vec<&str> {
        qs.iter().map(|q| q.id.as_ref()).collect()
    }

    #[test]
    fn ids_are_unique_and_every_group_has_a_general_question() {
        for (i, e) in BANK.iter().enumerate() {
            assert!(BANK[..i].iter().all(|o| o.id != e.id), "{} twice", e.id);
            assert_eq!(
                e.text.matches("{}").count(),
                usize::from(matches!(e.fit, RoleLabel | SettingLabel)),
                "{}",
                e.id
            );
        }
        for g in QuestionGroup::ALL {
            assert!(
                BANK.iter()
                    .any(|e| e.group == *g && matches!(e.fit, Always)),
                "{g:?}"
            );
        }
    }

    #[test]
    fn suggestions_are_tailored_to_role_and_setting() {
        let s = suggest(&youth_in_public(), MAX_CHOSEN);
        let got = ids(&s);
        for wanted in [
            "path-role",
            "day-role",
            "day-youth",
            "challenge-public",
            "challenge-setting",
            "skills-role",
            "who-else",
        ] {
            assert!(got.contains(&wanted), "{wanted} missing from {got:?}");
        }
        assert!(!got.contains(&"challenge-law"));
        assert!(!got.contains(&"path-management"));
        let day = s.iter().find(|q| q.id == "day-role").unwrap();
        assert_eq!(
            day.text,
            "Where you work, what does a Youth Services Librarian spend most of the day on?"
        );
        // In the sheet's order.
        let groups: Vec<QuestionGroup> = s.iter().map(|q| q.group).collect();
        let mut sorted = groups.clone();
        sorted.sort_by_key(|g| QuestionGroup::ALL.iter().position(|x| x == g));
        assert_eq!(groups, sorted);

        let law = Tailoring {
            roles: vec![term("library-manager", "Library Manager")],
            setting: Some(term("law-library", "Law library")),
        };
        let got_law = suggest(&law, MAX_CHOSEN);
        assert!(ids(&got_law).contains(&"challenge-law"));
        assert!(ids(&got_law).contains(&"path-management"));
        assert!(!ids(&got_law).contains(&"challenge-public"));
    }

    #[test]
    fn labels_take_the_right_article() {
        let t = Tailoring {
            roles: vec![term("academic-librarian", "Academic Librarian")],
            setting: None,
        };
        assert_eq!(
            question("path-role", &t).map(|q| q.text.into_owned()),
            Some("How do people usually become an Academic Librarian, and was your own route a typical one?".to_owned())
        );
        assert_eq!(with_label("a new {}", "Archivist"), "a new Archivist");
        assert_eq!(
            with_label("be a {} now", "Records Manager"),
            "be a Records Manager now"
        );
        assert!(
            question("challenge-setting", &t).is_none(),
            "no setting, no question"
        );
    }

    #[test]
    fn a_short_list_keeps_one_question_per_group() {
        let s = suggest(&youth_in_public(), QuestionGroup::ALL.len());
        let groups: Vec<QuestionGroup> = s.iter().map(|q| q.group).collect();
        assert_eq!(groups, QuestionGroup::ALL);
        assert!(suggest(&youth_in_public(), 0).is_empty());
    }

    #[test]
    fn without_roles_or_setting_only_general_questions_are_offered() {
        let t = Tailoring::default();
        let all: Vec<Question> = bank(&t).into_iter().flat_map(|(_, qs)| qs).collect();
        assert!(all.iter().all(|q| !q.text.contains("{}")));
        assert!(question("path-role", &t).is_none());
        assert!(question("path-first-role", &t).is_some());
        assert_eq!(suggest(&t, 20).len(), QuestionGroup::ALL.len());
    }

    #[test]
    fn choices_are_cleaned_checked_and_capped() {
        let raw: Vec<String> = [" day-typical ", "", "who-else", "day-typical"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            normalize_choice("Questions", &raw),
            Ok(vec!["day-typical".to_owned(), "who-else".to_owned()])
        );
        assert!(
            validate_choice("Questions", &raw).is_err(),
            "a stored list is already clean"
        );
        assert!(normalize_choice("Questions", &["nope".to_owned()]).is_err());
        let many: Vec<String> = BANK
            .iter()
            .take(MAX_CHOSEN + 1)
            .map(|e| e.id.to_owned())
            .collect();
        assert!(normalize_choice("Questions", &many).is_err());
        assert!(normalize_choice("Questions", &many[..MAX_CHOSEN]).is_ok());
    }

    #[test]
    fn toggle_and_reorder() {
        let a: Vec<String> = vec![
            "day-typical".into(),
            "who-else".into(),
            "advice-wish".into(),
        ];
        let added = toggle("Q", &a, "skills-most").unwrap();
        assert_eq!(added.last().map(String::as_str), Some("skills-most"));
        let removed = toggle("Q", &added, "who-else").unwrap();
        assert_eq!(removed, ["day-typical", "advice-wish", "skills-most"]);
        assert!(toggle("Q", &a, "unknown").is_err());
        assert_eq!(
            reorder(&a, 2, 0),
            ["advice-wish", "day-typical", "who-else"]
        );
        assert_eq!(
            reorder(&a, 0, 99),
            ["who-else", "advice-wish", "day-typical"]
        );
        assert_eq!(reorder(&a, 9, 0), a);
    }
}
