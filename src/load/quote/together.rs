//! Many needles looked for in one text at once, by the `aho-corasick` crate's automaton walked
//! a byte at a time, to tell which of them occur anywhere.
//!
//! Two things keep it linear on any input. The crate's builder takes time that grows faster
//! than the needles when many differ only at their end (80,000 quotes `z0`, `z1`, … took 10 s
//! to build at once, 35 ms in batches of 2,000), so needles are looked for [`BATCH`] at a time,
//! a pass over the text each. And the crate's own searches report every match, which for many
//! needles that end at the same places (`a`, `aa`, `aaa`, … in a long run of `a`) is their
//! number times the text's length: here a match state's needles are taken the first time the
//! walk enters it, and never again.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// How many needles one automaton is built for.
const BATCH: usize = 4096;

/// Which of `needles` (none empty) occur in `text`, in their order.
pub(super) fn occur(text: &[u8], needles: &[&[u8]]) -> Vec<bool> {
    occur_in_batches(text, needles, BATCH)
}

/// [`occur`], `batch` needles at a time.
fn occur_in_batches(text: &[u8], needles: &[&[u8]], batch: usize) -> Vec<bool> {
    let mut found = vec![false; needles.len()];
    let size = batch.max(1);
    for (b, batch) in needles.chunks(size).enumerate() {
        let found = &mut found[b * size..b * size + batch.len()];
        let nfa = NFA::builder().match_kind(MatchKind::Standard).build(batch);
        let (Ok(nfa), Ok(start)) = (
            nfa.as_ref().map_err(|_| ()),
            nfa.as_ref()
                .map_err(|_| ())
                .and_then(|nfa| nfa.start_state(Anchored::No).map_err(|_| ())),
        ) else {
            // Needles too large for an automaton (its IDs run out): one search each.
            for (found, needle) in found.iter_mut().zip(batch) {
                *found = memchr::memmem::find(text, needle).is_some();
            }
            continue;
        };
        // Needles not found yet: a text that has them all stops early.
        let mut left = batch.len();
        let mut entered = rustc_hash::FxHashSet::default();
        let mut state = start;
        for &byte in text {
            if left == 0 {
                break;
            }
            state = nfa.next_state(Anchored::No, state, byte);
            if nfa.is_special(state) && nfa.is_match(state) && entered.insert(state) {
                for i in 0..nfa.match_len(state) {
                    let needle = &mut found[nfa.match_pattern(state, i).as_usize()];
                    if !*needle {
                        *needle = true;
                        left -= 1;
                    }
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occur_str(text: &str, needles: &[&str]) -> Vec<bool> {
        let needles: Vec<&[u8]> = needles.iter().map(|n| n.as_bytes()).collect();
        occur(text.as_bytes(), &needles)
    }

    #[test]
    fn needles_inside_others_and_on_failure_chains_are_found() {
        assert_eq!(
            occur_str(
                "ushers",
                &["he", "she", "his", "hers", "s", "us", "h", "rs!"]
            ),
            vec![true, true, false, true, true, true, true, false]
        );
        // Alike needles, a needle that is the whole text, and one longer than it.
        assert_eq!(
            occur_str("aaab", &["aab", "aab", "aaab", "aaaab", "b", "ab"]),
            vec![true, true, true, false, true, true]
        );
        assert_eq!(occur_str("", &["a"]), vec![false]);
        assert_eq!(occur_str("abc", &[]), Vec::<bool>::new());
    }

    proptest::proptest! {
        /// The walk agrees with one substring search per needle, over a small alphabet where
        /// needles overlap, nest and share prefixes and suffixes, in one batch or several.
        #[test]
        fn occur_agrees_with_a_search_for_each(
            text in "[abc]{0,60}",
            needles in proptest::collection::vec("[abc]{1,6}", 0..12),
            batch in 1usize..6,
        ) {
            let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
            let expected: Vec<bool> = needles.iter().map(|n| text.contains(n)).collect();
            proptest::prop_assert_eq!(occur_str(&text, &needles), expected.clone());
            let bytes: Vec<&[u8]> = needles.iter().map(|n| n.as_bytes()).collect();
            proptest::prop_assert_eq!(occur_in_batches(text.as_bytes(), &bytes, batch), expected);
        }
    }
}
