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
    // The origins found for one claim, in lists kept from one claim to the next.
    let (mut agree, mut disagree) = (Vec::new(), Vec::new());
    (0..claims.len())
        .map(|i| {
            let me = &claims[i];
            agree.clear();
            disagree.clear();
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
                suggested_credibility: suggested_credibility(agree.len(), disagree.len(), others),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
