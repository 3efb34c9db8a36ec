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

/// Past this many claims, a topic whose claims are all compared with each other (no window)
/// counts origins by sorted tables ([`by_tables`]), not pair by pair: a topic of 40,000 claims
/// from as many origins took 6 s, and grows with the square.
const MANY: usize = 512;

/// [`independence`] for a topic without a window, where every claim is compared with every
/// other.
pub fn independence_all_compared(claims: &[Current<'_>]) -> Vec<Independence> {
    if claims.len() >= MANY
        && let Some(found) = by_tables(claims)
    {
        return found;
    }
    independence(claims, |_, _| true)
}

/// A figure's interval with open ends as infinities.
fn ends(interval: Interval) -> (f64, f64) {
    (
        interval.low.unwrap_or(f64::NEG_INFINITY),
        interval.high.unwrap_or(f64::INFINITY),
    )
}

/// [`independence_all_compared`] by counting origins, not pairs, in `O(n log n)`; `None` for a
/// topic it does not apply to (an interval whose low is above its high, which the loader
/// refuses).
///
/// - Stances: an origin corroborates an `affirms` when it affirms too, contradicts it when it
///   denies; so the counts are how many other origins affirm and deny.
/// - A figure is contradicted by an origin with a figure that does not overlap it: one whose
///   low is above its high, or whose high is below its low — so by the origin's highest low
///   and lowest high. Origins whose highest low is above the figure's high, plus those whose
///   lowest high is below its low, less those that are both (counted in a table of points).
/// - A figure is corroborated by an origin with a figure that overlaps it: every origin with
///   figures but those whose figures all miss it, which are those it fits between two of (a gap
///   of the union of the origin's intervals: each origin's gaps are apart, so the figure fits
///   at most one of each), counted in a table of the gaps.
fn by_tables(claims: &[Current<'_>]) -> Option<Vec<Independence>> {
    let mut origins: Vec<usize> = claims.iter().map(|c| c.origin).collect();
    origins.sort_unstable();
    origins.dedup();
    let place = |c: &Current<'_>| origins.binary_search(&c.origin).unwrap_or(0);
    // Per origin: its stances, and its figures' intervals.
    let (mut affirms, mut denies) = (vec![false; origins.len()], vec![false; origins.len()]);
    let mut figures: Vec<Vec<(f64, f64)>> = vec![Vec::new(); origins.len()];
    for c in claims {
        match c.assertion {
            Assertion::Stance(Stance::Affirms) => affirms[place(c)] = true,
            Assertion::Stance(Stance::Denies) => denies[place(c)] = true,
            Assertion::Stance(Stance::Unconfirmed) => {}
            Assertion::Figure(_) => {
                let (low, high) = ends(c.interval);
                if low > high || low.is_nan() || high.is_nan() {
                    return None;
                }
                figures[place(c)].push((low, high));
            }
        }
    }
    let count = |flags: &[bool]| flags.iter().filter(|&&f| f).count();
    let (affirming, denying) = (count(&affirms), count(&denies));
    // Per origin with figures: its highest low and lowest high, and the gaps of the union of
    // its intervals (open ends marked `None`).
    let mut most_lows = Vec::new();
    let mut least_highs = Vec::new();
    let mut extremes = Vec::new();
    let mut gaps: Vec<(Option<f64>, Option<f64>)> = Vec::new();
    let mut with_figures = 0;
    let mut own_extremes = vec![(f64::NEG_INFINITY, f64::INFINITY); origins.len()];
    for (o, intervals) in figures.iter_mut().enumerate() {
        if intervals.is_empty() {
            continue;
        }
        with_figures += 1;
        let most_low = intervals
            .iter()
            .map(|i| i.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let least_high = intervals.iter().map(|i| i.1).fold(f64::INFINITY, f64::min);
        most_lows.push(most_low);
        least_highs.push(least_high);
        extremes.push((least_high, most_low));
        own_extremes[o] = (most_low, least_high);
        // The union of its intervals, in parts apart from each other, and the gaps around
        // them: before the first, between each two, after the last.
        intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut parts: Vec<(f64, f64)> = Vec::new();
        for &(low, high) in intervals.iter() {
            match parts.last_mut() {
                Some(last) if low <= last.1 => last.1 = last.1.max(high),
                _ => parts.push((low, high)),
            }
        }
        if let Some(&(first, _)) = parts.first()
            && first > f64::NEG_INFINITY
        {
            gaps.push((None, Some(first)));
        }
        gaps.extend(parts.windows(2).map(|w| (Some(w[0].1), Some(w[1].0))));
        if let Some(&(_, last)) = parts.last()
            && last < f64::INFINITY
        {
            gaps.push((Some(last), None));
        }
    }
    most_lows.sort_by(f64::total_cmp);
    least_highs.sort_by(f64::total_cmp);
    // How many points (x, y) have x below `qx` and y above `qy`, for each query, where `None`
    // is below (for x) or above (for y) every number.
    let figure_claims: Vec<usize> = (0..claims.len())
        .filter(|&i| matches!(claims[i].assertion, Assertion::Figure(_)))
        .collect();
    let queries: Vec<(f64, f64)> = figure_claims
        .iter()
        .map(|&i| ends(claims[i].interval))
        .collect();
    let both = dominated(
        &extremes
            .iter()
            .map(|&(x, y)| (Some(x), Some(y)))
            .collect::<Vec<_>>(),
        &queries,
    );
    let fitting = dominated(&gaps, &queries);
    let others = origins.len() > 1;
    let mut out = Vec::with_capacity(claims.len());
    let mut k = 0;
    for c in claims {
        let own = place(c);
        let (corroborated_by, contradicted_by) = match c.assertion {
            Assertion::Stance(Stance::Affirms) => {
                (affirming - 1, denying - usize::from(denies[own]))
            }
            Assertion::Stance(Stance::Denies) => {
                (denying - 1, affirming - usize::from(affirms[own]))
            }
            Assertion::Stance(Stance::Unconfirmed) => (0, 0),
            Assertion::Figure(_) => {
                let (low, high) = queries[k];
                let above = most_lows.len() - most_lows.partition_point(|&l| l <= high);
                let below = least_highs.partition_point(|&h| h < low);
                let (own_low, own_high) = own_extremes[own];
                let own_contradicts = own_low > high || own_high < low;
                let contradicted = above + below - both[k] - usize::from(own_contradicts);
                // Its own origin holds it: never in one of that origin's gaps.
                let corroborated = with_figures - 1 - fitting[k];
                k += 1;
                (corroborated, contradicted)
            }
        };
        out.push(Independence {
            corroborated_by,
            contradicted_by,
            suggested_credibility: suggested_credibility(corroborated_by, contradicted_by, others),
        });
    }
    Some(out)
}

/// For each query `(qx, qy)`, how many `points` `(x, y)` have `x < qx` and `qy < y`, where an
/// `x` of `None` is below every number (infinities too) and a `y` of `None` above every number:
/// the points in ascending `x`, each query answered once those below it are in a Fenwick tree
/// of their `y`s.
fn dominated(points: &[(Option<f64>, Option<f64>)], queries: &[(f64, f64)]) -> Vec<usize> {
    // Ranks of the ys: `None` above all.
    let mut ys: Vec<f64> = points
        .iter()
        .filter_map(|p| p.1)
        .chain(queries.iter().map(|q| q.1))
        .collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup_by(|a, b| a.total_cmp(b).is_eq());
    let rank = |y: Option<f64>| match y {
        Some(y) => ys.partition_point(|&v| v.total_cmp(&y).is_lt()) + 1,
        None => ys.len() + 1,
    };
    let mut tree = vec![0usize; ys.len() + 2];
    let add = |tree: &mut Vec<usize>, mut at: usize| {
        while at < tree.len() {
            tree[at] += 1;
            at += at & at.wrapping_neg();
        }
    };
    // How many added have a rank at most `at`.
    let sum = |tree: &Vec<usize>, mut at: usize| {
        let mut total = 0;
        while at > 0 {
            total += tree[at];
            at -= at & at.wrapping_neg();
        }
        total
    };
    let mut by_x: Vec<&(Option<f64>, Option<f64>)> = points.iter().collect();
    by_x.sort_by(|a, b| match (a.0, b.0) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some(a), Some(b)) => a.total_cmp(&b),
    });
    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by(|&a, &b| queries[a].0.total_cmp(&queries[b].0));
    let mut answers = vec![0; queries.len()];
    let mut next = 0;
    for q in order {
        let (qx, qy) = queries[q];
        while let Some(p) = by_x.get(next)
            && p.0.is_none_or(|x| x < qx)
        {
            add(&mut tree, rank(p.1));
            next += 1;
        }
        answers[q] = next - sum(&tree, rank(Some(qy)));
    }
    answers
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
        /// Counting origins by tables gives what searching them gave, for every form of
        /// figure (open ends, points, ranges), stances, few origins or many.
        #[test]
        fn origins_counted_by_tables_are_those_a_search_finds(
            claims in proptest::collection::vec((0usize..1_000, 0u8..8, 0i32..12, 0i32..5), 0..60),
            spread in 0usize..12,
        ) {
            let assertions: Vec<Assertion> = claims
                .iter()
                .map(|&(_, kind, a, b)| {
                    crate::analysis::any_assertion(kind, f64::from(a) * 10.0, f64::from(b))
                })
                .collect();
            let current: Vec<Current<'_>> = claims
                .iter()
                .zip(&assertions)
                .map(|(&(origin, ..), assertion)| Current {
                    origin: origin % (spread + 1),
                    assertion,
                    interval: match assertion {
                        Assertion::Figure(f) => f.interval(0.1),
                        Assertion::Stance(_) => Interval { low: None, high: None },
                    },
                })
                .collect();
            proptest::prop_assert_eq!(
                by_tables(&current).expect("no low above its high"),
                by_search(&current, |_, _| true)
            );
        }

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
    fn a_large_topic_without_a_window_is_counted_by_tables_as_by_a_search() {
        // 700 claims from 300 origins, figures of every form and stances, spread by a simple
        // generator so that the tables, not the pairs, count them.
        let mut state = 12345u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let assertions: Vec<(usize, Assertion)> = (0..700)
            .map(|_| {
                let (a, b) = (next(40) as f64, next(6) as f64);
                let assertion = crate::analysis::any_assertion(next(8) as u8, a, b);
                (next(300) as usize, assertion)
            })
            .collect();
        let current: Vec<Current<'_>> = assertions
            .iter()
            .map(|(origin, assertion)| Current {
                origin: *origin,
                assertion,
                interval: match assertion {
                    Assertion::Figure(f) => f.interval(0.05),
                    Assertion::Stance(_) => Interval {
                        low: None,
                        high: None,
                    },
                },
            })
            .collect();
        assert!(current.len() >= MANY);
        let counted = independence_all_compared(&current);
        assert_eq!(counted, by_search(&current, |_, _| true));
        assert!(
            counted
                .iter()
                .any(|c| c.corroborated_by > 10 && c.contradicted_by > 10)
        );
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
