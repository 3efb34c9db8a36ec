//! Did-you-mean: the closest known name to a mistyped one.

/// The candidate closest to `wanted`, if it is close enough to be a plausible typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wanted, c), c))
        .filter(|&(score, c)| {
            score >= 0.85 || edits(wanted, c) <= (wanted.chars().count() / 3).max(1)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn edits(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}

/// `did you mean `x`?` when some candidate is close.
pub fn hint(wanted: &str, candidates: &[&str]) -> Option<String> {
    closest(wanted, candidates.iter().copied()).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_word() {
        assert_eq!(closest("trops", ["troops", "sources"]), Some("troops"));
        assert_eq!(closest("qoute", ["quote", "via", "topic"]), Some("quote"));
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(closest("zzzzzzzz", ["troops", "quote"]), None);
        assert_eq!(closest("x", Vec::<&str>::new()), None);
    }
}
