//! Phrase matching for the checker: case- and accent-insensitive, over words.
//!
//! Text and phrases are both folded by [`text::tokens`] (lowercase ASCII words, so "Résumé"
//! is `resume` and "I’m" is `i m`), and a phrase matches a run of whole words: "cv" does
//! not match inside "cvs", "job" not inside "jobless".

use super::super::text;

/// The words of `text`, folded.
pub(super) fn fold(text: &str) -> Vec<String> {
    text::tokens(text)
}

/// Whether the folded words `words` hold `phrase` as consecutive whole words.
pub(super) fn has_phrase(words: &[String], phrase: &str) -> bool {
    let wanted = text::tokens(phrase);
    !wanted.is_empty()
        && words
            .windows(wanted.len())
            .any(|w| w.iter().zip(&wanted).all(|(a, b)| a == b))
}

/// Whether any of `phrases` occurs in `words`.
pub(super) fn has_any(words: &[String], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has_phrase(words, p))
}

/// Whether `phrase` occurs in `words` without a negation just before it ("I will not
/// write again", "I won't follow up again" do not plan anything).
pub(super) fn has_affirmed(words: &[String], phrase: &str) -> bool {
    let wanted = text::tokens(phrase);
    if wanted.is_empty() || words.len() < wanted.len() {
        return false;
    }
    (0..=words.len() - wanted.len()).any(|i| {
        let here = words[i..i + wanted.len()]
            .iter()
            .zip(&wanted)
            .all(|(a, b)| a == b);
        let before = &words[i.saturating_sub(3)..i];
        here && !before
            .iter()
            .any(|w| matches!(w.as_str(), "not" | "never" | "no" | "t" | "won" | "nor"))
    })
}

/// Whether `words` starts with `phrase`.
pub(super) fn starts_with(words: &[String], phrase: &str) -> bool {
    let wanted = text::tokens(phrase);
    !wanted.is_empty()
        && words.len() >= wanted.len()
        && words.iter().zip(&wanted).all(|(a, b)| a == b)
}

/// The sentences of `text`, roughly: split after `.`, `?`, `!`, `;` and at line breaks.
/// Good enough to keep "how did you…" in one question from excusing a request in another.
pub(super) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '?', '!', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_whatever_the_case_and_accents() {
        let w = fold("Could you REVIEW my Résumé?");
        assert!(has_phrase(&w, "review my resume"));
        assert!(has_phrase(&w, "résumé"));
        assert!(!has_phrase(&w, "sum"));
        assert!(!has_phrase(&fold("I use CVS daily"), "cv"));
        assert!(has_phrase(&fold("I’m looking"), "i'm looking"));
        assert!(starts_with(&fold("Hey there,"), "hey"));
        assert!(!starts_with(&fold("Heyward,"), "hey"));
        assert!(!has_phrase(&w, ""));
        assert!(has_affirmed(
            &fold("I will write again soon"),
            "write again"
        ));
        assert!(!has_affirmed(&fold("I won’t write again"), "write again"));
        assert!(!has_affirmed(
            &fold("I will not write again"),
            "write again"
        ));
    }

    #[test]
    fn sentences_split_on_ends_and_lines() {
        let s: Vec<&str> = sentences("One. Two? Three!\nFour; five").collect();
        assert_eq!(s, ["One", "Two", "Three", "Four", "five"]);
    }
}
