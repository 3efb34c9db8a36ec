//! Did-you-mean: the closest known name to a mistyped one.

/// The candidate closest to `wanted`, if it is close enough to be a plausible typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_at(wanted, candidates).map(|(_, c)| c)
}

/// Names longer than this (in characters) get no suggestion: comparing two names costs the
/// product of their lengths, and an id of a megabyte is no typo.
pub const LONGEST_SUGGESTED: usize = 128;

/// Whether names of `a` and `b` characters can be close at all. Jaro-Winkler reaches 0.85
/// only when neither is more than four times the other (its Jaro part must reach 0.75, and it
/// is at most (2 + shorter / longer) / 3), and a third of the edits allowed bounds the
/// difference more tightly; the one spare character covers the edit allowed to the shortest.
fn can_be_close(a: usize, b: usize) -> bool {
    a <= 4 * b + 1 && b <= 4 * a + 1
}

/// [`closest`], with the candidate's place among them.
fn closest_at<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<(usize, &'a str)> {
    let chars = wanted.chars().count();
    if chars > LONGEST_SUGGESTED {
        return None;
    }
    let most_edits = (chars / 3).max(1);
    let close: Vec<(f64, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let length = c.chars().count();
            can_be_close(chars, length).then(|| (strsim::jaro_winkler(wanted, c), i, c, length))
        })
        .filter(|&(score, _, c, length)| {
            // Edits are at least the difference in length: most candidates are ruled out
            // without counting them.
            score >= 0.85
                || (length.abs_diff(chars) <= most_edits && edits(wanted, c) <= most_edits)
        })
        .map(|(score, i, c, _)| (score, i, c))
        .collect();
    // Among those Jaro-Winkler scores nearly best, the fewest edits away, then the best score
    // (the later of a tie): among ids that share a long prefix (`c0000005`, `c0009005`),
    // Jaro-Winkler alone can prefer one more edits away. Edits are counted for those only.
    let best = close.iter().map(|c| c.0).fold(f64::NEG_INFINITY, f64::max);
    close
        .into_iter()
        .filter(|&(score, ..)| score >= best - NEARLY_BEST)
        .map(|(score, i, c)| (strsim::osa_distance(wanted, c), score, i, c))
        .max_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, _, i, c)| (i, c))
}

/// How far below the best Jaro-Winkler score a candidate may be and still win by fewer edits.
const NEARLY_BEST: f64 = 0.05;

fn edits(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}

/// `did you mean `x`?` when some candidate is close.
pub fn hint(wanted: &str, candidates: &[&str]) -> Option<String> {
    closest(wanted, candidates.iter().copied()).map(said)
}

fn said(candidate: &str) -> String {
    format!("did you mean `{candidate}`?")
}

/// A [`Suggester`]'s suggestions compare at most this many pairs of a mistake and a candidate
/// (about half a second): twenty distinct mistakes among 100,000 ids, thousands among a few
/// hundred. A pair of long names counts as many ([`cost`]).
pub const MOST_COMPARED: usize = 2_000_000;

/// What comparing names of `a` and `b` characters counts for against [`MOST_COMPARED`]: one
/// for ids of everyday length, more for long ones (the work grows with the product).
fn cost(a: usize, b: usize) -> usize {
    1 + a * b / 1024
}

/// At most this many distinct mistakes are remembered with their suggestion.
const MOST_REMEMBERED: usize = 1 << 16;

/// Did-you-mean for many mistakes among many candidates (ids of a hundred thousand claims or
/// topics): a mistake made again is answered from memory, and once [`MOST_COMPARED`] pairs are
/// compared no more suggestions are made, so that files naming a million unknown ids are
/// checked in seconds, not days.
#[derive(Debug, Default)]
pub struct Suggester {
    candidates: Vec<Box<str>>,
    /// Each candidate's length in characters.
    lengths: Vec<usize>,
    remembered: rustc_hash::FxHashMap<Box<str>, Option<u32>>,
    compared: usize,
}

impl Suggester {
    /// Suggestions among `candidates`; ties go to the later one, as with [`closest`].
    pub fn new(candidates: Vec<Box<str>>) -> Self {
        Suggester {
            lengths: candidates.iter().map(|c| c.chars().count()).collect(),
            candidates,
            ..Suggester::default()
        }
    }

    /// `did you mean `x`?` when some candidate is close to `wanted` and there is budget left.
    pub fn hint(&mut self, wanted: &str) -> Option<String> {
        if let Some(found) = self.remembered.get(wanted) {
            return found.map(|i| said(&self.candidates[i as usize]));
        }
        let chars = wanted.chars().count();
        if chars > LONGEST_SUGGESTED {
            return None;
        }
        let costs: usize = self
            .lengths
            .iter()
            .filter(|&&length| can_be_close(chars, length))
            .map(|&length| cost(chars, length))
            .sum();
        if self.compared + costs > MOST_COMPARED {
            return None;
        }
        self.compared += costs;
        let names = self.candidates.iter().map(|c| &**c);
        let found = closest_at(wanted, names).and_then(|(i, _)| u32::try_from(i).ok());
        if self.remembered.len() < MOST_REMEMBERED {
            self.remembered.insert(wanted.into(), found);
        }
        found.map(|i| said(&self.candidates[i as usize]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn among_ids_alike_one_fewest_edits_away_is_suggested() {
        // Jaro-Winkler alone scored `c0009005`, two edits from `c00000x5`, as high as the ten
        // ids one edit away (`c0000005` to `c0000095`), and the later of a tie won.
        let ids: Vec<String> = (0..10_000).map(|n| format!("c{n:07}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let one_edit = |s: Option<&str>| s.is_some_and(|s| edits("c00000x5", s) == 1);
        assert!(one_edit(closest("c00000x5", ids.iter().copied())));
        assert_eq!(closest("c0009x05", ids.iter().copied()), Some("c0009905"));
        let mut suggester = Suggester::new(ids.iter().map(|&i| i.into()).collect());
        let hint = suggester.hint("c00000x5").unwrap();
        assert!(one_edit(hint.split('`').nth(1)), "{hint}");
    }

    #[test]
    fn a_typo_finds_its_word() {
        assert_eq!(closest("trops", ["troops", "sources"]), Some("troops"));
        assert_eq!(closest("qoute", ["quote", "via", "topic"]), Some("quote"));
    }

    #[test]
    fn a_suggester_says_what_closest_says() {
        let words = [
            "troops",
            "sources",
            "quote",
            "via",
            "topic",
            "troop",
            "nk-troops-total",
        ];
        let mut suggester = Suggester::new(words.iter().map(|&w| w.into()).collect());
        for wanted in [
            "trops",
            "qoute",
            "zzzzzzzz",
            "nk-troops-totl",
            "troops",
            "x",
            "trops",
        ] {
            assert_eq!(suggester.hint(wanted), hint(wanted, &words), "{wanted}");
        }
    }

    #[test]
    fn many_mistakes_among_many_ids_stop_being_compared() {
        let ids: Vec<Box<str>> = (0..100_000)
            .map(|i| format!("topic-{i:06}").into())
            .collect();
        let names: Vec<&str> = ids.iter().map(|id| &**id).collect();
        let expected = hint("topic-00012", &names);
        assert!(expected.is_some());
        let mut suggester = Suggester::new(ids.clone());
        assert_eq!(suggester.hint("topic-00012"), expected);
        // The same mistake again is remembered, not compared again.
        let compared = suggester.compared;
        assert_eq!(suggester.hint("topic-00012"), expected);
        assert_eq!(suggester.compared, compared);
        // Distinct mistakes are compared until the budget is spent, then get no suggestion.
        let mut answered = 1;
        for i in 0..1_000 {
            if suggester.hint(&format!("topic-{i:05}x")).is_some() {
                answered += 1;
            }
        }
        assert_eq!(answered, MOST_COMPARED / 100_000);
        assert!(suggester.compared <= MOST_COMPARED);
        assert!(hint("topic-00099", &names).is_some());
        assert_eq!(suggester.hint("topic-00099"), None, "budget spent");
        // What was remembered is still said.
        assert_eq!(suggester.hint("topic-00012"), expected);
    }

    #[test]
    fn names_of_very_different_lengths_are_never_close() {
        // What the length bound rules out is never suggested when every candidate is scored.
        let words: Vec<String> = (0..60)
            .map(|n| "ab".repeat(n / 2) + &"x".repeat(n % 2))
            .collect();
        for wanted in &words {
            for candidate in &words {
                let (a, b) = (wanted.chars().count(), candidate.chars().count());
                let close = strsim::jaro_winkler(wanted, candidate) >= 0.85
                    || edits(wanted, candidate) <= (a / 3).max(1);
                assert!(!close || can_be_close(a, b), "{wanted:?} {candidate:?}");
            }
        }
    }

    #[test]
    fn very_long_names_get_no_suggestion_and_cost_more() {
        let long = "t".repeat(LONGEST_SUGGESTED + 1);
        let near = long.clone() + "s";
        assert_eq!(closest(&long, [near.as_str()]), None);
        let mut suggester = Suggester::new(vec![near.clone().into()]);
        assert_eq!(suggester.hint(&long), None);
        assert_eq!(suggester.compared, 0, "not compared at all");
        let fits = "t".repeat(LONGEST_SUGGESTED);
        let mut suggester = Suggester::new(vec![(fits.clone() + "s").into()]);
        assert!(suggester.hint(&fits).is_some());
        assert_eq!(
            suggester.compared,
            cost(LONGEST_SUGGESTED, LONGEST_SUGGESTED + 1)
        );
        assert!(suggester.compared > 1);
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(closest("zzzzzzzz", ["troops", "quote"]), None);
        assert_eq!(closest("x", Vec::<&str>::new()), None);
    }
}
