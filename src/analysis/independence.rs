//! Independence (format 2, Analysis §6–7): how many distinct other origins corroborate or
//! contradict a current claim, and the Admiralty information grade that evidence suggests.

use crate::analysis::interval::Interval;
use crate::model::{Assertion, Stance};

/// What the evidence loaded says about one current claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Independence {
    /// Distinct other origins with a compared current claim that agrees.
    pub corroborated_by: usize,
    /// Distinct other origins with a compared current claim that disagrees.
    pub contradicted_by: usize,
    /// The information grade (1–6) the evidence suggests; shown beside the annotated one.
    pub suggested_credibility: u8,
}

/// How two claims on one topic stand to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Agree,
    Disagree,
    /// Neither (an `unconfirmed` stance, or a figure against a stance).
    Neither,
}

/// Numeric: intervals overlap or not; yes/no: the same stance (affirms or denies) or affirms
/// against denies.
pub fn relation(a: (&Assertion, Interval), b: (&Assertion, Interval)) -> Relation {
    match (a.0, b.0) {
        (Assertion::Figure(_), Assertion::Figure(_)) => {
            if a.1.overlaps(&b.1) {
                Relation::Agree
            } else {
                Relation::Disagree
            }
        }
        (Assertion::Stance(x), Assertion::Stance(y)) => match (x, y) {
            (Stance::Unconfirmed, _) | (_, Stance::Unconfirmed) => Relation::Neither,
            _ if x == y => Relation::Agree,
            _ => Relation::Disagree,
        },
        _ => Relation::Neither,
    }
}

/// The grade the evidence suggests: `1` corroborated and not contradicted; `5` contradicted by
/// two or more and corroborated by none; `4` contradicted more than corroborated; `6` when no
/// other origin has a compared claim; `3` otherwise.
pub fn suggested_credibility(corroborated_by: usize, contradicted_by: usize, others: bool) -> u8 {
    if corroborated_by >= 1 && contradicted_by == 0 {
        1
    } else if contradicted_by >= 2 && corroborated_by == 0 {
        5
    } else if contradicted_by > corroborated_by {
        4
    } else if !others {
        6
    } else {
        3
    }
}

/// One current claim as the count needs it: its origin, assertion, interval and date.
pub struct Current<'a> {
    pub origin: usize,
    pub assertion: &'a Assertion,
    pub interval: Interval,
}

/// The independence of each current claim of a topic, given which pairs are compared.
pub fn independence(
    claims: &[Current<'_>],
    compared: impl Fn(usize, usize) -> bool,
) -> Vec<Independence> {
    // Each origin's place among the topic's distinct origins, and for each the last claim it
    // was found to agree or disagree with: an origin is counted once per claim without a
    // search of those found (a topic of 10,000 origins was cubic).
    let mut distinct: Vec<usize> = claims.iter().map(|c| c.origin).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let place: Vec<usize> = claims
        .iter()
        .map(|c| distinct.binary_search(&c.origin).unwrap_or(0))
        .collect();
    let (mut agreed, mut disagreed) = (
        vec![usize::MAX; distinct.len()],
        vec![usize::MAX; distinct.len()],
    );
    // The claims by origin, and where each origin's are among them: each claim is compared only
    // with the claims of other origins (a topic of 40,000 claims of one origin went through
    // every pair of them to find none).
    let mut by_origin: Vec<usize> = (0..claims.len()).collect();
    by_origin.sort_by_key(|&i| place[i]);
    let mut starts = vec![0; distinct.len() + 1];
    for &i in &by_origin {
        starts[place[i] + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    (0..claims.len())
        .map(|i| {
            let me = &claims[i];
            let (mut agree, mut disagree) = (0, 0);
            let mut others = false;
            let (from, to) = (starts[place[i]], starts[place[i] + 1]);
            let other_origins = by_origin[..from].iter().chain(&by_origin[to..]);
            for &j in other_origins {
                if !compared(i, j) {
                    continue;
                }
                others = true;
                let other = &claims[j];
                let (last, count) = match relation(
                    (me.assertion, me.interval),
                    (other.assertion, other.interval),
                ) {
                    Relation::Agree => (&mut agreed[place[j]], &mut agree),
                    Relation::Disagree => (&mut disagreed[place[j]], &mut disagree),
                    Relation::Neither => continue,
                };
                if *last != i {
                    *last = i;
                    *count += 1;
                }
            }
            Independence {
                corroborated_by: agree,
                contradicted_by: disagree,
                suggested_credibility: suggested_credibility(agree, disagree, others),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first definition, searching the origins found for each claim: the reference.
    fn by_search(
        claims: &[Current<'_>],
        compared: impl Fn(usize, usize) -> bool,
    ) -> Vec<Independence> {
        (0..claims.len())
            .map(|i| {
                let me = &claims[i];
                let (mut agree, mut disagree) = (Vec::new(), Vec::new());
                let mut others = false;
                for (j, other) in claims.iter().enumerate() {
                    if other.origin == me.origin || !compared(i, j) {
                        continue;
                    }
                    others = true;
                    let origins = match relation(
                        (me.assertion, me.interval),
                        (other.assertion, other.interval),
                    ) {
                        Relation::Agree => &mut agree,
                        Relation::Disagree => &mut disagree,
                        Relation::Neither => continue,
                    };
                    if !origins.contains(&other.origin) {
                        origins.push(other.origin);
                    }
                }
                Independence {
                    corroborated_by: agree.len(),
                    contradicted_by: disagree.len(),
                    suggested_credibility: suggested_credibility(
                        agree.len(),
                        disagree.len(),
                        others,
                    ),
                }
            })
            .collect()
    }

    proptest::proptest! {
        /// Counting origins by their last claim gives what searching them gave, for figures and
        /// stances, origins repeated or not, any pairs compared.
        #[test]
        fn origins_are_counted_as_by_a_search(
            claims in proptest::collection::vec((0usize..1_000, 0u8..6, 0u32..20), 0..40),
            spread in 0usize..8,
            skip in 1usize..5,
        ) {
            use crate::model::Figure;
            let assertions: Vec<Assertion> = claims
                .iter()
                .map(|&(_, kind, value)| match kind {
                    0 => Assertion::Stance(Stance::Affirms),
                    1 => Assertion::Stance(Stance::Denies),
                    2 => Assertion::Stance(Stance::Unconfirmed),
                    _ => Assertion::Figure(Figure::About(f64::from(value) * 100.0)),
                })
                .collect();
            let current: Vec<Current<'_>> = claims
                .iter()
                .zip(&assertions)
                .map(|(&(origin, _, _), assertion)| Current {
                    // Few origins (many claims each) or many.
                    origin: origin % (spread + 1).max(1) * 997 + origin / 500,
                    assertion,
                    interval: match assertion {
                        Assertion::Figure(f) => f.interval(0.05),
                        Assertion::Stance(_) => Interval { low: None, high: None },
                    },
                })
                .collect();
            let compared = |i: usize, j: usize| !(i + j).is_multiple_of(skip + 1) || skip == 1;
            proptest::prop_assert_eq!(independence(&current, compared), by_search(&current, compared));
        }
    }

    #[test]
    fn the_suggested_grade_follows_the_evidence() {
        assert_eq!(suggested_credibility(1, 0, true), 1);
        assert_eq!(suggested_credibility(3, 0, true), 1);
        assert_eq!(suggested_credibility(0, 2, true), 5);
        assert_eq!(suggested_credibility(1, 2, true), 4);
        assert_eq!(suggested_credibility(0, 1, true), 4);
        assert_eq!(suggested_credibility(0, 0, false), 6);
        assert_eq!(
            suggested_credibility(0, 0, true),
            3,
            "others, but only unconfirmed"
        );
        assert_eq!(suggested_credibility(2, 2, true), 3);
    }

    #[test]
    fn relays_of_one_origin_count_once_and_never_corroborate_it() {
        use crate::model::Figure;
        let twelve = Assertion::Figure(Figure::Exact(12_000.0));
        let eleven = Assertion::Figure(Figure::About(11_000.0));
        let iv = |a: &Assertion| match a {
            Assertion::Figure(f) => f.interval(0.05),
            Assertion::Stance(_) => unreachable!(),
        };
        // Origin 0 twice (two outlets relaying one agency), origin 1 once, origin 2 once.
        let claims = [
            Current {
                origin: 0,
                assertion: &twelve,
                interval: iv(&twelve),
            },
            Current {
                origin: 0,
                assertion: &twelve,
                interval: iv(&twelve),
            },
            Current {
                origin: 1,
                assertion: &twelve,
                interval: iv(&twelve),
            },
            Current {
                origin: 2,
                assertion: &eleven,
                interval: iv(&eleven),
            },
        ];
        let got = independence(&claims, |_, _| true);
        assert_eq!(
            got[0].corroborated_by, 1,
            "origin 1 only: origin 0 does not corroborate itself"
        );
        assert_eq!(got[0].contradicted_by, 1);
        assert_eq!(got[3].contradicted_by, 2, "origins 0 and 1, each once");
        assert_eq!(got[3].suggested_credibility, 5);
        // Nothing compared: no other origin has a compared claim.
        let alone = independence(&claims, |_, _| false);
        assert!(alone.iter().all(|i| i.suggested_credibility == 6));
    }
}
