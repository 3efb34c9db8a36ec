//! Quotes are checked against the report text after folding white space runs to one space and
//! typographic quotes and dashes to ASCII, as format 1 specifies; otherwise the match is exact.

/// The folded form of `s` that quotes and report texts are compared in.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.push(match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        });
    }
    out
}

/// A report text, folded once, in which many quotes are looked up.
pub struct FoldedText(String);

impl FoldedText {
    pub fn new(text: &str) -> Self {
        Self(fold(text))
    }

    pub fn contains(&self, quote: &str) -> bool {
        let quote = fold(quote);
        let quote = quote.trim();
        !quote.is_empty() && self.0.contains(quote)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_runs_fold_to_one_space() {
        let t = FoldedText::new("has committed\n  12,000\ttroops");
        assert!(t.contains("has committed 12,000 troops"));
        assert!(t.contains("  has committed\n12,000 "));
    }

    #[test]
    fn typographic_quotes_and_dashes_fold_to_ascii() {
        let t = FoldedText::new("a \u{201C}serious threat\u{201D} \u{2014} it\u{2019}s");
        assert!(t.contains("a \"serious threat\" - it's"));
        assert!(FoldedText::new("a \"b\" - c").contains("a \u{201C}b\u{201D} \u{2013} c"));
    }

    #[test]
    fn otherwise_the_match_is_exact() {
        let t = FoldedText::new("North Korea has committed 12,000 troops");
        assert!(!t.contains("north korea has committed 12,000 troops"));
        assert!(!t.contains("12000 troops"));
        assert!(!t.contains("   "));
    }
}
