//! The requester's feedback after the conversation (PRODUCT.md rule 6 and §A "Feedback
//! form"): the form exactly as typed and its validation (the same code in the browser and
//! on the server), and what a volunteer may see of the answers about them: only a summary,
//! and only once enough people answered that no single one can be picked out.

use serde::{Deserialize, Serialize};

use crate::domain::choice::choice;
use crate::domain::validation::{optional_text, ValidationError};
use crate::domain::MeetingMode;

/// Field labels, shown on the form and used as the `field` of validation errors.
pub mod label {
    pub const HAPPENED: &str = "Did the conversation take place?";
    pub const MODE: &str = "How you met";
    pub const RATING: &str = "How useful was it?";
    pub const USEFUL: &str = "What was most useful";
    pub const COMMENT: &str = "Anything else you would like to tell us";
    pub const ANOTHER: &str = "I would like another conversation, with someone else";
}

/// The free comment's limit, in characters.
pub const COMMENT_MAX: usize = 1000;
/// A volunteer sees a summary of the feedback about them only from this many answers on.
pub const MIN_ANSWERS_SHOWN: usize = 3;

choice! {
    /// What the requester found most useful in the conversation.
    pub enum Useful in "kebab-case" {
        CareerPath,
        DailyWork,
        Skills,
        NextSteps,
        People,
        Other,
    }
}

impl Useful {
    pub fn label(self) -> &'static str {
        match self {
            Self::CareerPath => "How they got where they are",
            Self::DailyWork => "What the work is like day to day",
            Self::Skills => "Which skills and experience matter",
            Self::NextSteps => "Advice on my next steps",
            Self::People => "Names of other people to talk to",
            Self::Other => "Something else",
        }
    }
}

/// A rating from 1 (not useful) to 5 (extremely useful).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rating(u8);

impl Rating {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Option<Self> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Self(value))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// Every rating, lowest first.
    pub fn all() -> impl DoubleEndedIterator<Item = Self> {
        (Self::MIN..=Self::MAX).map(Self)
    }

    /// What the rating means, as the form says it.
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Not useful",
            2 => "A little useful",
            3 => "Useful",
            4 => "Very useful",
            _ => "Extremely useful",
        }
    }
}

/// The feedback form exactly as typed: kept whole when refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackForm {
    /// `yes` or `no`.
    pub happened: String,
    /// A meeting mode's slug.
    pub mode: String,
    /// `1` to `5`.
    pub rating: String,
    /// A [`Useful`] slug, or empty.
    pub useful: String,
    pub comment: String,
    /// A checkbox: any value means ticked.
    pub another: String,
}

/// A valid answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub happened: bool,
    /// How they met; only when it took place.
    pub mode: Option<MeetingMode>,
    /// Only when it took place.
    pub rating: Option<Rating>,
    pub useful: Option<Useful>,
    pub comment: String,
    /// The requester would like another conversation (a new request, prefilled from this one).
    pub another: bool,
}

impl FeedbackForm {
    /// The answer, or every reason it is refused. When the conversation did not take
    /// place, how it went is not asked: what was chosen for it is dropped.
    pub fn validate(&self) -> Result<Feedback, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let happened = match self.happened.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            "" => {
                errors.push(ValidationError::Required {
                    field: label::HAPPENED.into(),
                });
                None
            }
            _ => {
                errors.push(ValidationError::Invalid {
                    field: label::HAPPENED.into(),
                    reason: "choose yes or no".into(),
                });
                None
            }
        };
        let took_place = happened.unwrap_or(false);
        let mode = if took_place {
            match self.mode.trim() {
                "" => {
                    errors.push(ValidationError::Required {
                        field: label::MODE.into(),
                    });
                    None
                }
                m => MeetingMode::from_slug(m).or_else(|| {
                    errors.push(ValidationError::Invalid {
                        field: label::MODE.into(),
                        reason: "choose one of the options".into(),
                    });
                    None
                }),
            }
        } else {
            None
        };
        let rating = if took_place {
            match self.rating.trim() {
                "" => {
                    errors.push(ValidationError::Required {
                        field: label::RATING.into(),
                    });
                    None
                }
                r => r.parse().ok().and_then(Rating::new).or_else(|| {
                    errors.push(ValidationError::OutOfRange {
                        field: label::RATING.into(),
                        min: Rating::MIN.into(),
                        max: Rating::MAX.into(),
                    });
                    None
                }),
            }
        } else {
            None
        };
        let useful = match (took_place, self.useful.trim()) {
            (false, _) | (_, "") => None,
            (true, u) => Useful::from_slug(u).or_else(|| {
                errors.push(ValidationError::Invalid {
                    field: label::USEFUL.into(),
                    reason: "choose one of the options".into(),
                });
                None
            }),
        };
        let comment = optional_text(label::COMMENT, &self.comment, COMMENT_MAX)
            .map_err(|e| errors.push(e))
            .unwrap_or_default();
        match happened {
            Some(happened) if errors.is_empty() => Ok(Feedback {
                happened,
                mode,
                rating,
                useful,
                comment,
                another: !self.another.trim().is_empty(),
            }),
            _ => Err(errors),
        }
    }

    /// The form showing a stored answer (to change it).
    pub fn of(f: &Feedback) -> Self {
        Self {
            happened: if f.happened { "yes" } else { "no" }.into(),
            mode: f.mode.map(|m| m.slug().to_owned()).unwrap_or_default(),
            rating: f.rating.map(|r| r.value().to_string()).unwrap_or_default(),
            useful: f.useful.map(|u| u.slug().to_owned()).unwrap_or_default(),
            comment: f.comment.clone(),
            another: if f.another {
                "on".into()
            } else {
                String::new()
            },
        }
    }

    /// The form cut to a size worth keeping in a draft (what was typed, a little past its
    /// limit, so the person sees how much to cut).
    pub fn clipped(self) -> Self {
        let cut = |s: String, max: usize| s.chars().take(max).collect::<String>();
        Self {
            happened: cut(self.happened, 8),
            mode: cut(self.mode, 32),
            rating: cut(self.rating, 8),
            useful: cut(self.useful, 32),
            comment: cut(self.comment, COMMENT_MAX + 200),
            another: cut(self.another, 8),
        }
    }
}

/// What the summary of one answer looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedbackFacts {
    pub happened: bool,
    pub rating: Option<Rating>,
    pub useful: Option<Useful>,
}

/// The feedback about one volunteer, in aggregate: what they may see of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackSummary {
    pub answers: u32,
    /// Answers saying the conversation took place.
    pub happened: u32,
    /// The average rating in tenths (42 is 4.2), over the answers with a rating.
    pub average_tenths: Option<u32>,
    /// How many gave each rating, 1 to 5.
    pub ratings: [u32; 5],
    /// What people found most useful, most often named first (ties in the form's order).
    pub useful: Vec<(Useful, u32)>,
}

impl FeedbackSummary {
    /// The summary of `answers`, or None below [`MIN_ANSWERS_SHOWN`] (too few to hide who
    /// said what).
    pub fn of(answers: &[FeedbackFacts]) -> Option<Self> {
        if answers.len() < MIN_ANSWERS_SHOWN {
            return None;
        }
        let mut ratings = [0u32; 5];
        let mut useful = [0u32; 6];
        for a in answers {
            if let Some(r) = a.rating {
                ratings[usize::from(r.value() - Rating::MIN)] += 1;
            }
            if let Some(u) = a.useful {
                if let Some(i) = Useful::ALL.iter().position(|x| *x == u) {
                    useful[i] += 1;
                }
            }
        }
        let rated: u32 = ratings.iter().sum();
        let total: u32 = ratings
            .iter()
            .zip(1u32..)
            .map(|(count, value)| count * value)
            .sum();
        // Rounded half up, in tenths.
        let average_tenths = (rated > 0).then(|| (total * 20 + rated) / (rated * 2));
        let mut useful: Vec<(Useful, u32)> = Useful::ALL
            .iter()
            .copied()
            .zip(useful)
            .filter(|(_, n)| *n > 0)
            .collect();
        useful.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        Some(Self {
            answers: u32::try_from(answers.len()).unwrap_or(u32::MAX),
            happened: u32::try_from(answers.iter().filter(|a| a.happened).count())
                .unwrap_or(u32::MAX),
            average_tenths,
            ratings,
            useful,
        })
    }

    /// The average as people read it: "4.2".
    pub fn average_text(&self) -> Option<String> {
        self.average_tenths
            .map(|t| format!("{}.{}", t / 10, t % 10))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(happened: &str, mode: &str, rating: &str) -> FeedbackForm {
        FeedbackForm {
            happened: happened.into(),
            mode: mode.into(),
            rating: rating.into(),
            ..FeedbackForm::default()
        }
    }

    #[test]
    fn a_conversation_that_took_place_needs_how_and_a_rating() {
        let ok = FeedbackForm {
            useful: "next-steps".into(),
            comment: "  Thank you!  ".into(),
            another: "on".into(),
            ..form("yes", "video", "4")
        }
        .validate()
        .expect("valid");
        assert_eq!(
            ok,
            Feedback {
                happened: true,
                mode: Some(MeetingMode::Video),
                rating: Rating::new(4),
                useful: Some(Useful::NextSteps),
                comment: "Thank you!".into(),
                another: true,
            }
        );
        let errors = form("yes", "", "").validate().expect_err("incomplete");
        let fields: Vec<&str> = errors.iter().map(ValidationError::field).collect();
        assert_eq!(fields, [label::MODE, label::RATING]);
        for bad in ["0", "6", "four", "4.5"] {
            let errors = form("yes", "phone", bad).validate().expect_err(bad);
            assert_eq!(errors[0].field(), label::RATING, "{bad}");
        }
        let errors = form("yes", "carrier-pigeon", "3")
            .validate()
            .expect_err("mode");
        assert_eq!(errors[0].field(), label::MODE);
    }

    #[test]
    fn a_conversation_that_did_not_happen_drops_how_it_went() {
        let f = FeedbackForm {
            useful: "skills".into(),
            ..form("no", "video", "9")
        }
        .validate()
        .expect("valid");
        assert!(!f.happened);
        assert_eq!((f.mode, f.rating, f.useful), (None, None, None));
        assert_eq!(
            form("", "", "").validate().expect_err("unanswered")[0].field(),
            label::HAPPENED
        );
        assert_eq!(
            form("maybe", "", "").validate().expect_err("bad")[0].field(),
            label::HAPPENED
        );
    }

    #[test]
    fn comments_are_limited_and_forms_round_trip() {
        let long = FeedbackForm {
            comment: "é".repeat(COMMENT_MAX + 1),
            ..form("no", "", "")
        };
        assert!(matches!(
            long.validate().expect_err("too long")[0],
            ValidationError::TooLong { actual, .. } if actual == COMMENT_MAX + 1
        ));
        let f = FeedbackForm {
            useful: "people".into(),
            comment: "Kind and clear.".into(),
            ..form("yes", "in-person", "5")
        }
        .validate()
        .expect("valid");
        assert_eq!(FeedbackForm::of(&f).validate(), Ok(f));
    }

    fn facts(happened: bool, rating: u8, useful: Option<Useful>) -> FeedbackFacts {
        FeedbackFacts {
            happened,
            rating: Rating::new(rating),
            useful,
        }
    }

    #[test]
    fn a_summary_needs_three_answers() {
        assert_eq!(FeedbackSummary::of(&[]), None);
        let two = [facts(true, 5, None), facts(true, 4, None)];
        assert_eq!(FeedbackSummary::of(&two), None);
    }

    #[test]
    fn the_summary_counts_averages_and_ranks() {
        use Useful::*;
        let answers = [
            facts(true, 5, Some(Skills)),
            facts(true, 4, Some(NextSteps)),
            facts(true, 4, Some(Skills)),
            // Did not take place: no rating, not in the average.
            facts(false, 0, None),
        ];
        let s = FeedbackSummary::of(&answers).expect("enough answers");
        assert_eq!(s.answers, 4);
        assert_eq!(s.happened, 3);
        assert_eq!(s.ratings, [0, 0, 0, 2, 1]);
        // 13 / 3 = 4.33…
        assert_eq!(s.average_text().as_deref(), Some("4.3"));
        assert_eq!(s.useful, vec![(Skills, 2), (NextSteps, 1)]);
    }

    #[test]
    fn averages_round_half_up_and_ties_keep_the_forms_order() {
        use Useful::*;
        let answers = [
            facts(true, 4, Some(People)),
            facts(true, 5, Some(CareerPath)),
            facts(false, 0, None),
            facts(false, 0, None),
        ];
        let s = FeedbackSummary::of(&answers).expect("enough answers");
        // 9 / 2 = 4.5 exactly.
        assert_eq!(s.average_tenths, Some(45));
        assert_eq!(s.useful, vec![(CareerPath, 1), (People, 1)]);
        let none_rated = [facts(false, 0, None); 3];
        let s = FeedbackSummary::of(&none_rated).expect("enough answers");
        assert_eq!((s.average_tenths, s.happened), (None, 0));
    }
}
