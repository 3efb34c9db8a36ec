//! The article as sentences and words: the byte ranges that attribution and quotes work in.
//! Sentences end at `.`, `!` or `?` before a capital (not after an abbreviation such as "U.N."
//! or "Gen."), and at line breaks that end a paragraph or a headline; a line break inside a
//! hard-wrapped paragraph is a space.

use std::ops::Range;

/// One sentence: its bytes in the article (trimmed of white space) and its paragraph's number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner marks: "U.N", "Ukraine's", "Al-Husain".
    Word,
    /// Starts with a digit: "12,000", "7.9-magnitude", "500k".
    Number,
    Punct(char),
}

/// A word, number or mark of a sentence, by its bytes in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A sentence longer than this is cut at a space: hostile text (a megabyte with no full stop)
/// must not make one sentence that every figure in it searches.
pub const MAX_SENTENCE: usize = 1500;

/// Abbreviations after which a full stop does not end a sentence (besides single letters).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "col", "lt", "brig", "sgt", "capt", "adm",
    "cmdr", "gov", "sen", "rep", "st", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "wis", "calif", "fla", "mass", "ariz", "inc",
    "ltd", "co", "corp", "vs", "approx", "est", "jr", "sr", "mt", "ft", "vol", "fig", "pres",
];

/// A line shorter than this that ends without a full stop is a headline or a dateline: the
/// line break after it ends the sentence.
const SHORT_LINE: usize = 80;

/// A text with a line longer than this is not hard-wrapped.
const LONG_LINE: usize = 160;

pub fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\''
    )
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | ']')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// The sentences of `text`, in order.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut start: Option<usize> = None;
    let mut line_start = 0;
    let push = |out: &mut Vec<Sentence>, from: usize, to: usize, paragraph: usize| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if lead + trail < piece.len() {
            out.push(Sentence {
                range: from + lead..to - trail,
                paragraph,
            });
        }
    };
    let bytes = text.as_bytes();
    // Paragraphs on one line each (a line longer than any hard wrap): every line break ends a
    // sentence.
    let unwrapped = text.lines().any(|l| l.chars().count() > LONG_LINE);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            let line = text[line_start..i].trim_end_matches('\r');
            line_start = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let blank_follows = text[i + 1..]
                .chars()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\n');
            let ends = line.trim_end().chars().last();
            let boundary = unwrapped
                || blank_follows
                || ends.is_none_or(|e| is_terminal(e) || is_closing(e) || e == ':')
                || line.trim().chars().count() < SHORT_LINE;
            if boundary {
                if let Some(s) = start.take() {
                    push(&mut out, s, i, paragraph);
                }
                paragraph += 1;
            }
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let s = *start.get_or_insert(i);
        if is_terminal(c) && ends_sentence(text, i) {
            // Take closing quotes and brackets with the sentence.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_closing(d) || is_terminal(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push(&mut out, s, end, paragraph);
            start = None;
        } else if i - s > MAX_SENTENCE && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace) {
            push(&mut out, s, i + c.len_utf8(), paragraph);
            start = None;
        }
    }
    if let Some(s) = start {
        push(&mut out, s, text.len(), paragraph);
    }
    out
}

/// Whether the mark at `i` (`.`, `!`, `?`) ends a sentence: white space follows (after closing
/// quotes), then something a sentence starts with, and a full stop is not an abbreviation's.
fn ends_sentence(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let after_closing = rest.trim_start_matches(|c: char| is_closing(c) || is_terminal(c));
    let Some(first_space) = after_closing.chars().next() else {
        return true;
    };
    if !first_space.is_whitespace() {
        return false;
    }
    let next = after_closing.trim_start();
    let Some(n) = next.chars().next() else {
        return true;
    };
    if !(n.is_uppercase()
        || n.is_ascii_digit()
        || is_quote_mark(n)
        || matches!(n, '(' | '[' | '-' | '\u{2014}'))
    {
        return false;
    }
    if text.as_bytes().get(i) != Some(&b'.') {
        return true;
    }
    let word: &str = text[..i]
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '.'))
        .next()
        .unwrap_or("");
    let last = word.rsplit('.').next().unwrap_or("");
    // "U.N.", "p.m.", "Maj.": a single letter or a known abbreviation.
    let single = last.chars().count() == 1 && last.chars().all(char::is_alphabetic);
    !(single || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(last)))
}

/// The tokens of `text[range]`.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    let Some(piece) = text.get(range.clone()) else {
        return out;
    };
    let mut chars = piece.char_indices().peekable();
    let inner = |c: char| {
        matches!(
            c,
            '.' | '\'' | '\u{2019}' | '-' | '\u{2010}' | '&' | ',' | '/'
        )
    };
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = range.start + i;
        if !c.is_alphanumeric() {
            out.push(Token {
                start,
                end: start + c.len_utf8(),
                kind: Kind::Punct(c),
            });
            continue;
        }
        let number = c.is_numeric();
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            // An inner mark joins when a letter or digit follows it: "U.N", "12,000", "it's".
            // In words a comma or slash never joins.
            let joins = inner(d)
                && (number || !matches!(d, ',' | '/'))
                && piece[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if joins {
                chars.next();
                continue;
            }
            break;
        }
        out.push(Token {
            start,
            end: range.start + end,
            kind: if number { Kind::Number } else { Kind::Word },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.range.clone()])
            .collect()
    }

    #[test]
    fn sentences_end_at_full_stops_but_not_after_abbreviations() {
        let t = "The U.N. said 12 died. Maj. Gen. Pat Ryder said so at 3 p.m. Friday. \u{201C}Yes.\u{201D} He left.";
        assert_eq!(
            split(t),
            vec![
                "The U.N. said 12 died.",
                "Maj. Gen. Pat Ryder said so at 3 p.m. Friday.",
                "\u{201C}Yes.\u{201D}",
                "He left."
            ]
        );
    }

    #[test]
    fn headlines_and_paragraphs_end_at_line_breaks_wrapped_lines_do_not() {
        let wrapped = format!(
            "Headline with 12,000 troops\n{} ongoing\nwar against Ukraine.\n\nNext paragraph.",
            "x".repeat(90)
        );
        let s = sentences(&wrapped);
        assert_eq!(&wrapped[s[0].range.clone()], "Headline with 12,000 troops");
        assert!(wrapped[s[1].range.clone()].ends_with("ongoing\nwar against Ukraine."));
        assert_eq!(
            s.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
    }

    #[test]
    fn tokens_keep_inner_marks() {
        let t = "U.N. spokesperson Farhan Haq said 24,686 Ukraine\u{2019}s, 7.9-magnitude.";
        let words: Vec<&str> = tokens(t, 0..t.len()).iter().map(|k| k.text(t)).collect();
        assert_eq!(
            words,
            vec![
                "U.N",
                ".",
                "spokesperson",
                "Farhan",
                "Haq",
                "said",
                "24,686",
                "Ukraine\u{2019}s",
                ",",
                "7.9-magnitude",
                "."
            ]
        );
    }

    #[test]
    fn a_long_run_without_stops_is_cut() {
        let t = "word ".repeat(2000);
        assert!(
            sentences(&t)
                .iter()
                .all(|s| s.range.len() <= MAX_SENTENCE + 10)
        );
    }
}
