//! What the claims of each topic amount to: figures as intervals, the spread of their points,
//! and a verdict (none, single, consistent, conflict, unsettled), exactly as format 1 defines.

use strum::{IntoStaticStr, VariantArray};

use crate::model::{Assertion, Figure, Model, Stance};

/// A closed interval whose ends may be open (`None`: unbounded on that side).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Interval {
    pub fn overlaps(&self, other: &Interval) -> bool {
        let below = |low: Option<f64>, high: Option<f64>| match (low, high) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        };
        below(self.low, other.high) && below(other.low, self.high)
    }
}

/// `x` rounded to 12 significant digits: the decimal a person computes, not the binary float's
/// neighbour (`100 × 1.15` is 115, not 114.99999999999999, so an exact 115 lies inside).
fn decimal(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits);
    let rounded = (x * scale).round() / scale;
    if rounded.is_finite() { rounded } else { x }
}

impl Figure {
    /// The interval compared, with `tolerance` applied to `about`.
    pub fn interval(&self, tolerance: f64) -> Interval {
        match *self {
            Figure::Exact(v) => Interval {
                low: Some(v),
                high: Some(v),
            },
            Figure::About(v) => {
                let (a, b) = (
                    decimal(v * (1.0 - tolerance)),
                    decimal(v * (1.0 + tolerance)),
                );
                // A negative value flips the ends.
                Interval {
                    low: Some(a.min(b)),
                    high: Some(a.max(b)),
                }
            }
            Figure::AtLeast(v) => Interval {
                low: Some(v),
                high: None,
            },
            Figure::AtMost(v) => Interval {
                low: None,
                high: Some(v),
            },
            Figure::Range { low, high } => Interval {
                low: Some(low),
                high: Some(high),
            },
        }
    }

    /// The representative point: the value, or a range's midpoint.
    pub fn point(&self) -> f64 {
        match *self {
            Figure::Range { low, high } => low + (high - low) / 2.0,
            Figure::Exact(v) | Figure::About(v) | Figure::AtLeast(v) | Figure::AtMost(v) => v,
        }
    }
}

/// What the claims of a topic amount to, written `none`, `single`, `consistent`, `conflict`,
/// `unsettled` (derived). How a verdict is shown to a reader is in [`crate::format`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum Verdict {
    None,
    Single,
    Consistent,
    Conflict,
    Unsettled,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The analysis of one topic.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicAnalysis {
    /// Indices into [`Model::claims`], in load order.
    pub claims: Vec<usize>,
    pub verdict: Verdict,
    /// `None` for yes/no topics and topics with fewer than two figures.
    pub spread: Option<f64>,
}

/// The analysis of every topic, indexed like [`Model::topics`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub topics: Vec<TopicAnalysis>,
}

impl Analysis {
    pub fn conflicts(&self) -> usize {
        self.topics
            .iter()
            .filter(|t| t.verdict == Verdict::Conflict)
            .count()
    }
}

pub fn analyse(model: &Model) -> Analysis {
    let mut claims_of: Vec<Vec<usize>> = vec![Vec::new(); model.topics.len()];
    for (i, c) in model.claims.iter().enumerate() {
        claims_of[c.topic].push(i);
    }
    let topics = claims_of
        .into_iter()
        .enumerate()
        .map(|(t, claims)| {
            let tolerance = model.topics[t].tolerance;
            let assertions: Vec<Assertion> =
                claims.iter().map(|&c| model.claims[c].assertion).collect();
            TopicAnalysis {
                verdict: verdict(&assertions, tolerance),
                spread: spread(&assertions),
                claims,
            }
        })
        .collect();
    Analysis { topics }
}

/// The verdict over the assertions of one topic.
pub fn verdict(assertions: &[Assertion], tolerance: f64) -> Verdict {
    match assertions.len() {
        0 => return Verdict::None,
        1 => return Verdict::Single,
        _ => {}
    }
    let figures: Vec<Figure> = assertions
        .iter()
        .filter_map(|a| match a {
            Assertion::Figure(f) => Some(*f),
            Assertion::Stance(_) => None,
        })
        .collect();
    if !figures.is_empty() {
        return figure_verdict(&figures, tolerance);
    }
    let stances: Vec<Stance> = assertions
        .iter()
        .filter_map(|a| match a {
            Assertion::Stance(s) => Some(*s),
            Assertion::Figure(_) => None,
        })
        .collect();
    stance_verdict(&stances)
}

/// `conflict` when some two intervals do not overlap, else `consistent`. Intervals overlap
/// pairwise exactly when the largest low is at most the smallest high.
fn figure_verdict(figures: &[Figure], tolerance: f64) -> Verdict {
    let intervals = figures.iter().map(|f| f.interval(tolerance));
    let max_low = intervals.clone().filter_map(|i| i.low).reduce(f64::max);
    let min_high = intervals.filter_map(|i| i.high).reduce(f64::min);
    match (max_low, min_high) {
        (Some(low), Some(high)) if low > high => Verdict::Conflict,
        _ => Verdict::Consistent,
    }
}

fn stance_verdict(stances: &[Stance]) -> Verdict {
    let has = |s: Stance| stances.contains(&s);
    if has(Stance::Affirms) && has(Stance::Denies) {
        Verdict::Conflict
    } else if stances.windows(2).all(|w| w[0] == w[1]) {
        Verdict::Consistent
    } else {
        Verdict::Unsettled
    }
}

/// (largest point − smallest point) / largest absolute point; 0 when that is 0.
pub fn spread(assertions: &[Assertion]) -> Option<f64> {
    let points: Vec<f64> = assertions
        .iter()
        .filter_map(|a| match a {
            Assertion::Figure(f) => Some(f.point()),
            Assertion::Stance(_) => None,
        })
        .collect();
    if points.len() < 2 {
        return None;
    }
    let max = points.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = points.iter().copied().fold(f64::INFINITY, f64::min);
    let max_abs = points.iter().map(|p| p.abs()).fold(0.0, f64::max);
    if max_abs == 0.0 {
        return Some(0.0);
    }
    Some((max - min) / max_abs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Figure::*;

    fn fig(f: Figure) -> Assertion {
        Assertion::Figure(f)
    }
    fn st(s: Stance) -> Assertion {
        Assertion::Stance(s)
    }

    #[test]
    fn about_intervals_end_where_a_person_computes_them() {
        for v in [100.0, 115.0, 1_000.0, 11_000.0, 123_456.0, 199_999.0] {
            for t in [0.05, 0.1, 0.15, 0.2, 0.3] {
                let i = About(v).interval(t);
                let (low, high) = (i.low.unwrap(), i.high.unwrap());
                let expected_high = format!("{:.6}", v * (1.0 + t));
                assert_eq!(format!("{high:.6}"), expected_high);
                assert!(low <= v && v <= high);
            }
        }
        // An exact 115 overlaps about 100 at 15%: the binary float of 100 × 1.15 fell short.
        let about = About(100.0).interval(0.15);
        assert_eq!(about.high, Some(115.0));
        assert!(about.overlaps(&Exact(115.0).interval(0.15)));
        assert_eq!(About(0.0).interval(0.1).high, Some(0.0));
    }

    #[test]
    fn intervals_of_every_form() {
        assert_eq!(
            Exact(12000.0).interval(0.05),
            Interval {
                low: Some(12000.0),
                high: Some(12000.0)
            }
        );
        let about = About(11000.0).interval(0.05);
        assert!(
            (about.low.unwrap() - 10450.0).abs() < 1e-9
                && (about.high.unwrap() - 11550.0).abs() < 1e-9
        );
        assert_eq!(
            AtLeast(3000.0).interval(0.05),
            Interval {
                low: Some(3000.0),
                high: None
            }
        );
        assert_eq!(
            AtMost(500.0).interval(0.05),
            Interval {
                low: None,
                high: Some(500.0)
            }
        );
        assert_eq!(
            Range {
                low: 1100.0,
                high: 1200.0
            }
            .interval(0.05),
            Interval {
                low: Some(1100.0),
                high: Some(1200.0)
            }
        );
    }

    #[test]
    fn tolerance_widens_about_and_nothing_else() {
        assert_eq!(
            About(100.0).interval(0.0),
            Interval {
                low: Some(100.0),
                high: Some(100.0)
            }
        );
        let wide = About(100.0).interval(0.2);
        assert!(
            (wide.low.unwrap() - 80.0).abs() < 1e-9 && (wide.high.unwrap() - 120.0).abs() < 1e-9
        );
        assert_eq!(Exact(100.0).interval(0.2), Exact(100.0).interval(0.0));
        let neg = About(-100.0).interval(0.1);
        assert!(neg.low.unwrap() < neg.high.unwrap());
    }

    #[test]
    fn points_are_values_or_midpoints() {
        assert_eq!(
            Range {
                low: 1100.0,
                high: 1200.0
            }
            .point(),
            1150.0
        );
        assert_eq!(AtLeast(3000.0).point(), 3000.0);
        assert_eq!(About(11000.0).point(), 11000.0);
    }

    #[test]
    fn the_seed_conflict_twelve_against_about_eleven_thousand() {
        let a = [fig(Exact(12000.0)), fig(About(11000.0))];
        assert_eq!(verdict(&a, 0.05), Verdict::Conflict);
        assert!((spread(&a).unwrap() - 1000.0 / 12000.0).abs() < 1e-12);
        // With a 10% tolerance ≈11,000 reaches 12,100 and the claims agree.
        assert_eq!(verdict(&a, 0.10), Verdict::Consistent);
    }

    #[test]
    fn touching_intervals_overlap() {
        let a = [
            fig(Range {
                low: 10.0,
                high: 20.0,
            }),
            fig(Exact(20.0)),
        ];
        assert_eq!(verdict(&a, 0.05), Verdict::Consistent);
    }

    #[test]
    fn open_intervals() {
        assert_eq!(
            verdict(&[fig(AtLeast(3000.0)), fig(Exact(5000.0))], 0.05),
            Verdict::Consistent
        );
        assert_eq!(
            verdict(&[fig(AtLeast(3000.0)), fig(Exact(2000.0))], 0.05),
            Verdict::Conflict
        );
        assert_eq!(
            verdict(&[fig(AtLeast(3000.0)), fig(AtMost(2000.0))], 0.05),
            Verdict::Conflict
        );
        assert_eq!(
            verdict(&[fig(AtLeast(3000.0)), fig(AtLeast(9000.0))], 0.05),
            Verdict::Consistent
        );
        assert_eq!(
            verdict(&[fig(AtMost(1.0)), fig(AtMost(9.0))], 0.05),
            Verdict::Consistent
        );
    }

    #[test]
    fn any_pair_apart_is_a_conflict() {
        let a = [
            fig(Range {
                low: 0.0,
                high: 100.0,
            }),
            fig(Exact(10.0)),
            fig(Exact(90.0)),
        ];
        assert_eq!(verdict(&a, 0.05), Verdict::Conflict);
    }

    #[test]
    fn none_and_single() {
        assert_eq!(verdict(&[], 0.05), Verdict::None);
        assert_eq!(verdict(&[fig(Exact(1.0))], 0.05), Verdict::Single);
        assert_eq!(verdict(&[st(Stance::Denies)], 0.05), Verdict::Single);
        assert_eq!(spread(&[fig(Exact(1.0))]), None);
        assert_eq!(spread(&[]), None);
    }

    #[test]
    fn yes_no_verdicts() {
        use Stance::*;
        assert_eq!(verdict(&[st(Affirms), st(Denies)], 0.05), Verdict::Conflict);
        assert_eq!(
            verdict(&[st(Affirms), st(Unconfirmed), st(Denies)], 0.05),
            Verdict::Conflict
        );
        assert_eq!(
            verdict(&[st(Affirms), st(Affirms)], 0.05),
            Verdict::Consistent
        );
        assert_eq!(
            verdict(&[st(Unconfirmed), st(Unconfirmed)], 0.05),
            Verdict::Consistent
        );
        assert_eq!(
            verdict(&[st(Affirms), st(Unconfirmed)], 0.05),
            Verdict::Unsettled
        );
        assert_eq!(
            verdict(&[st(Denies), st(Unconfirmed)], 0.05),
            Verdict::Unsettled
        );
        assert_eq!(spread(&[st(Affirms), st(Denies)]), None);
    }

    #[test]
    fn spread_divides_by_the_largest_absolute_point() {
        assert_eq!(spread(&[fig(Exact(0.0)), fig(Exact(0.0))]), Some(0.0));
        assert_eq!(spread(&[fig(Exact(-10.0)), fig(Exact(5.0))]), Some(1.5));
        assert_eq!(
            spread(&[
                fig(Range {
                    low: 0.0,
                    high: 200.0
                }),
                fig(Exact(50.0))
            ]),
            Some(0.5)
        );
    }
}
