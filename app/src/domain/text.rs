//! Text helpers for search: folding to plain lowercase ASCII words, and excerpts.

/// Splits `text` into search tokens: lowercase, accents folded ("José" → "jose"),
/// split on anything that is not a letter or a digit.
pub fn tokens(text: &str) -> Vec<String> {
    let folded = deunicode::deunicode(text).to_lowercase();
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Collapses runs of white space and trims; keeps at most `max` characters.
/// Returns the cleaned text and whether it had to be shortened.
pub fn clean_query(raw: &str, max: usize) -> (String, bool) {
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = collapsed.chars().count();
    if count > max {
        (collapsed.chars().take(max).collect(), true)
    } else {
        (collapsed, false)
    }
}

/// The start of `text`, cut at a word boundary near `max` characters, with "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '.')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_case_accents_and_punctuation() {
        assert_eq!(
            tokens("José's Records-Management, 2nd ed."),
            vec!["jose", "s", "records", "management", "2nd", "ed"]
        );
        assert!(tokens("  ,, ").is_empty());
    }

    #[test]
    fn clean_query_collapses_and_bounds() {
        assert_eq!(
            clean_query("  youth   services ", 50),
            ("youth services".into(), false)
        );
        assert_eq!(clean_query("abcdef", 3), ("abc".into(), true));
    }

    #[test]
    fn excerpt_cuts_at_a_word() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(
            excerpt("I love helping students find their way.", 20),
            "I love helping…"
        );
    }
}
