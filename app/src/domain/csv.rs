//! CSV for spreadsheets (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet
//! programs read the accents right), safe to open: a cell that a spreadsheet would run as
//! a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is neutralised
//! with a leading apostrophe, as OWASP advises.

/// Written first, so that spreadsheet programs read the file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// One cell: neutralised when it would run as a formula, quoted when it holds a comma, a
/// quote or a line break (quotes doubled).
pub fn cell(raw: &str) -> String {
    let neutral = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// One line: the cells, comma-separated, ended by CRLF.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_specials_quoted() {
        assert_eq!(cell("plain text"), "plain text");
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("+1 555"), "'+1 555");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("Zoë “quoted”"), "Zoë “quoted”");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn lines_end_with_crlf() {
        assert_eq!(line(&["a", "b,c", "=1"]), "a,\"b,c\",'=1\r\n");
    }
}
