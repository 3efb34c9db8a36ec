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
        out.push(fold_char(c));
    }
    out
}

/// Where `quote` occurs in `text`, as a byte range of the original `text` (for showing the
/// quote in its context), using the same folding as the check.
pub fn locate(text: &str, quote: &str) -> Option<std::ops::Range<usize>> {
    // Fold the text, remembering where each folded byte came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let f = if c.is_whitespace() {
            if in_space {
                continue;
            }
            in_space = true;
            ' '
        } else {
            in_space = false;
            fold_char(c)
        };
        for _ in 0..f.len_utf8() {
            origin.push(i);
        }
        folded.push(f);
    }
    origin.push(text.len());
    let needle = fold(quote);
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let start = folded.find(needle)?;
    let end = start + needle.len();
    // The end maps to the start of the folded character after the quote.
    let last = origin[end - 1];
    let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
    Some(origin[start]..last + last_len)
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c,
    }
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
    fn locate_gives_the_range_in_the_original_text() {
        let text = "He said \u{201C}12,000\n   troops\u{201D} today.";
        let r = locate(text, "\"12,000 troops\"").unwrap();
        assert_eq!(&text[r], "\u{201C}12,000\n   troops\u{201D}");
        assert_eq!(locate(text, "absent"), None);
    }

    #[test]
    fn otherwise_the_match_is_exact() {
        let t = FoldedText::new("North Korea has committed 12,000 troops");
        assert!(!t.contains("north korea has committed 12,000 troops"));
        assert!(!t.contains("12000 troops"));
        assert!(!t.contains("   "));
    }
}
