//! Intervals: each figure as the interval it is compared as, with the topic's tolerance applied
//! to `about`, and its representative point.

use crate::model::Figure;

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

#[cfg(test)]
mod tests {
    use super::*;
    use Figure::*;

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
}
