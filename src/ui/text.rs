//! Fitting text into cells: display width (wide Korean, emoji), truncation, wrapping.

use unicode_width::UnicodeWidthStr;

pub fn width(s: &str) -> usize {
    s.width()
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
}
