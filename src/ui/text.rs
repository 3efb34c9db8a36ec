//! Fitting text into cells: display width (wide Korean, emoji), truncation, wrapping.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` padded with spaces to `cells` display cells (wide Korean counts two, combining marks
/// none): `format!("{s:<n$}")` pads by characters and misaligns such text.
pub fn pad(s: &str, cells: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(s.width())));
    out
}

/// `s` cut to at most `max` cells, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    // `word…`, not `word …`.
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `s` word-wrapped to `max` cells per line (long words are broken).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    if max == 0 {
        return Vec::new();
    }
    textwrap::wrap(s, textwrap::Options::new(max).break_words(true))
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// At most `lines` lines of wrapped text; the last one ends in `…` when text was left out.
pub fn wrap_lines(s: &str, max: usize, lines: usize) -> Vec<String> {
    let mut wrapped = wrap(s, max);
    if wrapped.len() > lines {
        wrapped.truncate(lines);
        if let Some(last) = wrapped.last_mut() {
            *last = truncate(&format!("{last} …"), max);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    wrapped
}

/// Where `needle` occurs in `s`, ignoring case, as byte ranges of `s`.
pub fn find_ignore_case(s: &str, needle: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (mut matched, mut j) = (0, i);
        while matched < needle.len() && j < chars.len() {
            let lower: Vec<char> = chars[j].1.to_lowercase().collect();
            if !needle[matched..].starts_with(&lower) {
                break;
            }
            matched += lower.len();
            j += 1;
        }
        if matched == needle.len() {
            found.push(chars[i].0..chars.get(j).map_or(s.len(), |c| c.0));
            i = j;
        } else {
            i += 1;
        }
    }
    found
}

/// The leading words `a` and `b` share, as a length in bytes of `a` (through the space after
/// the last shared word).
pub fn shared_words(a: &str, b: &str) -> usize {
    let mut shared = 0;
    for ((i, ca), cb) in a.char_indices().zip(b.chars()) {
        if ca != cb {
            break;
        }
        if ca == ' ' {
            shared = i + 1;
        }
    }
    shared
}

/// `s` in at most `max` cells. When it must be cut and the cut would leave little but its first
/// `shared` bytes (words another line starts with too), the middle of those words gives way to
/// what tells the lines apart: `How many … has Pyongyang committed…`.
pub fn truncate_distinct(s: &str, shared: usize, max: usize) -> String {
    // Enough of what differs shows after the shared words: cut at the end as usual.
    const DISTINCT: usize = 10;
    if width(s) <= max || width(&s[..shared]) + DISTINCT <= max {
        return truncate(s, max);
    }
    let words: Vec<&str> = s[..shared].split_inclusive(' ').collect();
    let keep = if words.len() > 2 { 2 } else { 1 };
    if keep >= words.len() {
        return truncate(s, max);
    }
    truncate(
        &format!("{}… {}", words[..keep].concat(), &s[shared..]),
        max,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_two_cells() {
        assert_eq!(width("병력"), 4);
        assert_eq!(truncate("병력 12,000명", 5), "병력…");
        assert!(width(&truncate("🚀🚀🚀🚀", 5)) <= 5);
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("anything", 0), "");
    }

    #[test]
    fn wrapping_respects_cells_and_line_limits() {
        for line in wrap("북한 병력 12,000명 러시아 파병", 8) {
            assert!(width(&line) <= 8, "{line}");
        }
        let lines = wrap_lines("one two three four five six seven", 9, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| width(l) <= 9));
    }

    #[test]
    fn finding_ignores_case_and_gives_byte_ranges() {
        assert_eq!(find_ignore_case("Kursk and KURSK", "kursk"), [0..5, 10..15]);
        let found = find_ignore_case("병력 Troops", "troops");
        assert_eq!((found.len(), found[0].start, found[0].end), (1, 7, 13));
        assert!(find_ignore_case("abc", "").is_empty());
    }

    #[test]
    fn lines_that_share_their_first_words_are_told_apart() {
        let a = "How many North Korean troops has Pyongyang committed to Russia?";
        let b = "How many North Korean troops are in the first group bound for Kursk?";
        let shared = shared_words(a, b);
        assert_eq!(&a[..shared], "How many North Korean troops ");
        let (ta, tb) = (
            truncate_distinct(a, shared, 26),
            truncate_distinct(b, shared, 26),
        );
        assert_eq!(ta, "How many … has Pyongyang…");
        assert_eq!(tb, "How many … are in the fir…");
        assert_eq!(
            truncate_distinct(a, shared, 80),
            a,
            "what fits is left whole"
        );
        assert_eq!(
            truncate_distinct(a, 0, 20),
            truncate(a, 20),
            "nothing shared: cut as usual"
        );
    }
}
