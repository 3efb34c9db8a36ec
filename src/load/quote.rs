//! Quotes are checked against the report text after folding white space runs to one space and
//! typographic quotes and dashes to ASCII, as format 1 specifies; otherwise the match is exact.

/// The folded form of `s` that quotes and report texts are compared in.
pub fn fold(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            // ASCII white space, folded in the same loop: text is mostly words and spaces.
            0x09..=0x0D | b' ' => {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
                i += 1;
            }
            // Lead bytes of the other white space and of typographic quotes and dashes.
            0xC2 | 0xE1..=0xE3 => {
                let c = s[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                if c.is_whitespace() {
                    if !in_space {
                        out.push(' ');
                    }
                    in_space = true;
                } else {
                    in_space = false;
                    out.push(fold_char(c));
                }
            }
            // Everything else folds to itself: copy up to the next byte that may not.
            _ => {
                let run = bytes[i..]
                    .iter()
                    .position(|&b| matches!(b, 0x09..=0x0D | b' ' | 0xC2 | 0xE1..=0xE3))
                    .map_or(bytes.len(), |n| i + n);
                out.push_str(&s[i..run]);
                in_space = false;
                i = run;
            }
        }
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

/// The indices of the `quotes` that do not occur in `text` (both folded). Annotators cite a
/// report in reading order, so each quote is first looked for after the previous one, which
/// makes checking a whole file one pass over its text; anywhere else in the text is still found.
pub fn missing(text: &str, quotes: &[&str]) -> Vec<usize> {
    let mut from = 0;
    // Folded only if some quote needs the slow path.
    let mut folded: Option<String> = None;
    let mut missing = Vec::new();
    for (i, quote) in quotes.iter().enumerate() {
        let quote = fold(quote);
        let quote = quote.trim();
        let found = match find_direct(text, quote, from) {
            Direct::Found(at) => {
                from = at;
                true
            }
            Direct::Absent => false,
            Direct::Undecided => {
                let folded = folded.get_or_insert_with(|| fold(text));
                !quote.is_empty()
                    && memchr::memmem::find(folded.as_bytes(), quote.as_bytes()).is_some()
            }
        };
        if !found {
            missing.push(i);
        }
    }
    missing
}

enum Direct {
    Found(usize),
    Absent,
    /// Too many near misses, or a first character with several spellings: fold and search.
    Undecided,
}

/// The folded `needle` in the raw `text`, comparing with folding as it goes, so that the text
/// itself need not be folded: candidates are the places of the needle's first byte, from `from`
/// on (quotes come in reading order), then before it. After a few dozen near misses it gives up
/// and lets a real substring search decide, so that hostile text cannot make it quadratic.
fn find_direct(text: &str, needle: &str, from: usize) -> Direct {
    const CANDIDATES: usize = 64;
    let Some(first) = needle.bytes().next() else {
        return Direct::Absent;
    };
    // A first character that folding maps several characters to (" ' -) is left to the search.
    if !first.is_ascii() || matches!(first, b'"' | b'\'' | b'-') {
        return Direct::Undecided;
    }
    let bytes = text.as_bytes();
    let from = from.min(bytes.len());
    let after = memchr::memchr_iter(first, &bytes[from..]).map(|at| from + at);
    let before = memchr::memchr_iter(first, &bytes[..from]);
    for (n, at) in after.chain(before).enumerate() {
        if n == CANDIDATES {
            return Direct::Undecided;
        }
        if folded_match_at(&text[at..], needle) {
            return Direct::Found(at);
        }
    }
    Direct::Absent
}

/// Whether `text` begins with `needle` once folded (`needle` is folded and trimmed already).
fn folded_match_at(text: &str, needle: &str) -> bool {
    let mut text = text.chars().peekable();
    for n in needle.chars() {
        let Some(t) = text.next() else { return false };
        if n == ' ' {
            if !t.is_whitespace() {
                return false;
            }
            while text.peek().is_some_and(|c| c.is_whitespace()) {
                text.next();
            }
        } else if t.is_whitespace() || fold_char(t) != n {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contains(text: &str, quote: &str) -> bool {
        missing(text, &[quote]).is_empty()
    }

    #[test]
    fn white_space_runs_fold_to_one_space() {
        let t = "has committed\n  12,000\ttroops";
        assert!(contains(t, "has committed 12,000 troops"));
        assert!(contains(t, "  has committed\n12,000 "));
    }

    #[test]
    fn typographic_quotes_and_dashes_fold_to_ascii() {
        assert!(contains(
            "a \u{201C}serious threat\u{201D} \u{2014} it\u{2019}s",
            "a \"serious threat\" - it's"
        ));
        assert!(contains("a \"b\" - c", "a \u{201C}b\u{201D} \u{2013} c"));
    }

    #[test]
    fn many_quotes_are_checked_at_once_even_when_they_overlap() {
        let text = "North Korea has committed 12,000 troops to Russia.";
        let quotes = [
            "committed 12,000",
            "12,000 troops",
            "North Korea has committed 12,000 troops",
            "13,000",
            "",
            "Russia.",
        ];
        assert_eq!(missing(text, &quotes), vec![3, 4]);
    }

    #[test]
    fn locate_gives_the_range_in_the_original_text() {
        let text = "He said \u{201C}12,000\n   troops\u{201D} today.";
        let r = locate(text, "\"12,000 troops\"").unwrap();
        assert_eq!(&text[r], "\u{201C}12,000\n   troops\u{201D}");
        assert_eq!(locate(text, "absent"), None);
    }

    #[test]
    fn every_kind_of_white_space_folds() {
        let spaces = "a\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2003}\u{2028}\u{202F}\u{205F}\u{3000}b";
        assert_eq!(fold(spaces), "a b");
        assert_eq!(fold("병력 — “12,000”"), "병력 - \"12,000\"");
    }

    #[test]
    fn quotes_out_of_order_and_after_many_near_misses_are_found() {
        let text = format!("{}target here, then the start", "t ".repeat(500));
        assert!(missing(&text, &["the start", "target here", "t t t"]).is_empty());
        assert_eq!(missing(&text, &["the end", "target"]), vec![0]);
    }

    proptest::proptest! {
        /// The direct search agrees with folding both sides and looking for a substring.
        #[test]
        fn direct_search_agrees_with_folding_everything(
            text in "[ab \n\t\u{a0}\u{201c}\u{201d}\"'\u{2014}-]{0,40}",
            start in 0usize..40,
            len in 0usize..12,
            other in "[ab \u{201c}\"-]{0,6}",
        ) {
            let chars: Vec<char> = text.chars().collect();
            let piece: String = chars.iter().skip(start).take(len).collect();
            for quote in [piece.as_str(), other.as_str()] {
                let expected = {
                    let q = fold(quote);
                    let q = q.trim();
                    !q.is_empty() && fold(&text).contains(q)
                };
                proptest::prop_assert_eq!(missing(&text, &[quote]).is_empty(), expected, "{:?} in {:?}", quote, text);
            }
        }
    }

    #[test]
    fn otherwise_the_match_is_exact() {
        let t = "North Korea has committed 12,000 troops";
        assert!(!contains(t, "north korea has committed 12,000 troops"));
        assert!(!contains(t, "12000 troops"));
        assert!(!contains(t, "   "));
    }
}
