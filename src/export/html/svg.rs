//! What both drawings share: axes (values and dates to positions, round ticks), the day
//! arithmetic of a date axis, and the markers and patterns defined once per page.

use crate::analysis::Interval;
use crate::export::html::writer::{Html, put};
use crate::model::Date;

/// The width every drawing is laid out in (its `viewBox`); the page scales it down.
pub const WIDTH: f64 = 900.0;

/// Values to positions along one axis: `lo..hi` onto `from..to` (`to < from` turns it over).
#[derive(Clone, Copy, Debug)]
pub struct Linear {
    lo: f64,
    hi: f64,
    from: f64,
    to: f64,
}

impl Linear {
    pub fn new(lo: f64, hi: f64, from: f64, to: f64) -> Self {
        Self { lo, hi, from, to }
    }

    pub fn at(&self, v: f64) -> f64 {
        if self.hi == self.lo {
            return (self.from + self.to) / 2.0;
        }
        self.from + (v - self.lo) / (self.hi - self.lo) * (self.to - self.from)
    }
}

/// Round ticks covering `min..=max`, about `n` of them: `(lo, hi, step)` with `lo <= min`,
/// `hi >= max` multiples of a step of 1, 2, 2.5 or 5 times a power of ten.
pub fn nice(min: f64, max: f64, n: usize) -> (f64, f64, f64) {
    let (min, max) = if max > min {
        (min, max)
    } else {
        // One value: a band around it.
        let pad = if min == 0.0 { 1.0 } else { min.abs() * 0.1 };
        (min - pad, max + pad)
    };
    let raw = (max - min) / n.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * magnitude);
    (
        (min / step).floor() * step,
        (max / step).ceil() * step,
        step,
    )
}

/// The ticks `lo, lo + step, … <= hi`.
pub fn ticks(lo: f64, hi: f64, step: f64) -> impl Iterator<Item = f64> {
    let n = if step > 0.0 {
        ((hi - lo) / step + 1e-9).floor() as usize
    } else {
        0
    };
    (0..=n.min(50)).map(move |i| lo + i as f64 * step)
}

/// The value axis for these intervals: the round ticks covering every finite end.
pub fn value_domain(intervals: impl Iterator<Item = Interval>) -> Option<(f64, f64, f64)> {
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in intervals.flat_map(|i| [i.low, i.high]).flatten() {
        if v.is_finite() {
            min = min.min(v);
            max = max.max(v);
        }
    }
    (min <= max).then(|| nice(min, max, 5))
}

/// Labelled days on a date axis from `lo` to `hi` (day numbers), at most about seven: every
/// day, 2, 3, 7 or 14 days (weeks start on Mondays), else the first of every 1, 2, 3, 6 or 12
/// months, else of every few years.
pub fn date_ticks(lo: i64, hi: i64) -> Vec<i64> {
    const MOST: i64 = 7;
    let span = (hi - lo).max(1);
    // 1970-01-05 was a Monday: day 4.
    for step in [1, 2, 3, 7, 14] {
        if span / step < MOST {
            let first = lo + (4 - lo).rem_euclid(step);
            return (0..)
                .map(|i| first + i * step)
                .take_while(|&d| d <= hi)
                .collect();
        }
    }
    let months = span / 30;
    let step = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|s| months / s < MOST)
        .unwrap_or_else(|| 12 * (months / 12 / MOST + 1));
    let start = Date::from_days(lo);
    let (mut year, mut month) = (i64::from(start.year), i64::from(start.month));
    let mut out = Vec::new();
    loop {
        let first = Date {
            year: year.clamp(0, 9999) as u16,
            month: month as u8,
            day: 1,
        };
        let d = first.days();
        if d > hi || out.len() > 60 {
            return out;
        }
        if d >= lo && (month - 1 + 12 * year) % step == 0 {
            out.push(d);
        }
        month += 1;
        if month > 12 {
            month = 1;
            year += 1;
        }
    }
}

/// The markers and patterns the drawings refer to, once at the top of the page (ids must be
/// unique in a document; every drawing uses these).
pub fn defs(h: &mut Html) {
    put!(h;
        "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>\n"
        "<marker id=\"cc-open\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"11\" markerHeight=\"11\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" class=\"open-end\"/></marker>\n"
        "<marker id=\"cc-link\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,1L10,5L0,9z\" class=\"link-end\"/></marker>\n"
        "<pattern id=\"cc-hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" class=\"hatch-ground\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" class=\"hatch-line\"/></pattern>\n"
        "</defs></svg>\n"
    );
}

/// Labels put beside their marks so that none covers another label or a mark: each takes the
/// first free spot of a few above and below its mark's middle. Marks come left to right; only
/// the labels still reaching that far, and the next marks, are compared, so placing is linear
/// in the marks.
#[derive(Default)]
pub struct Labels {
    /// Each placed label's box (left, top, right, bottom), by right edge.
    placed: std::collections::VecDeque<[f64; 4]>,
}

/// How far a mark reaches from its middle.
const MARK: f64 = 7.0;

impl Labels {
    /// Where the label of a mark goes: `(x, y + shift)` for the first of `shifts` whose box is
    /// free of the labels placed and of the marks `ahead` (their middles), else `(x, y)`.
    pub fn place(
        &mut self,
        (x, y): (f64, f64),
        text: &str,
        shifts: &[f64],
        ahead: impl Iterator<Item = (f64, f64)> + Clone,
    ) -> (f64, f64) {
        // 12px text: about 6.7px a character, 12px from top to bottom around its middle.
        let width = text.chars().count() as f64 * 6.7;
        while self.placed.front().is_some_and(|b| b[2] < x) {
            self.placed.pop_front();
        }
        let apart =
            |a: [f64; 4], b: [f64; 4]| a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
        let free = |middle: f64| {
            let b = [x, middle - 6.0, x + width, middle + 6.0];
            self.placed.iter().all(|&p| apart(b, p))
                && ahead
                    .clone()
                    .all(|(mx, my)| apart(b, [mx - MARK, my - MARK, mx + MARK, my + MARK]))
        };
        let shift = shifts.iter().copied().find(|&s| free(y + s)).unwrap_or(0.0);
        self.placed
            .push_back([x, y + shift - 6.0, x + width, y + shift + 6.0]);
        // Ordered by right edge, so that those left behind come off the front.
        self.placed
            .make_contiguous()
            .sort_by(|a, b| a[2].total_cmp(&b[2]));
        if self.placed.len() > 64 {
            self.placed.pop_front();
        }
        (x, y + shift)
    }
}

/// A diamond: an exact figure, a point.
pub fn diamond(h: &mut Html, x: f64, y: f64, class: &'static str) {
    put!(h; "<path class=\"" (class) "\" d=\"M" (x) "," (y - 6.0) "l6,6l-6,6l-6,-6z\"/>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn day_numbers_agree_with_the_analysis_and_go_back() {
        assert_eq!(d(1970, 1, 1).days(), 0);
        assert_eq!(d(2024, 10, 18).days(), 20_014);
        let from = d(2024, 10, 18);
        for to in [
            d(2024, 11, 1),
            d(2024, 2, 29),
            d(2025, 1, 22),
            d(2000, 3, 1),
        ] {
            assert_eq!(
                Some(to.days() - from.days()),
                crate::analysis::time::days_between(from, to),
                "{to}"
            );
            assert_eq!(Date::from_days(to.days()), to);
        }
        for n in -700_000..2_900_000i64 {
            if n % 997 == 0 {
                assert_eq!(Date::from_days(n).days(), n);
            }
        }
    }

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        assert_eq!(nice(10_450.0, 12_000.0, 5), (10_000.0, 12_000.0, 500.0));
        let (lo, hi, step) = nice(300.0, 1_050.0, 5);
        assert_eq!((lo, hi, step), (200.0, 1_200.0, 200.0));
        assert_eq!(ticks(lo, hi, step).count(), 6);
        let (lo, hi, _) = nice(3_000.0, 3_000.0, 5);
        assert!(lo < 3_000.0 && hi > 3_000.0, "one value gets a band");
        let (lo, hi, _) = nice(0.0, 0.0, 5);
        assert!(lo < 0.0 && hi > 0.0);
    }

    #[test]
    fn date_ticks_fit_the_span() {
        let lo = d(2024, 10, 14).days();
        let weeks = date_ticks(lo, d(2024, 11, 10).days());
        assert!(weeks.len() <= 7 && weeks.len() >= 3, "{weeks:?}");
        assert!(weeks.iter().all(|&w| (w - 4).rem_euclid(7) == 0), "Mondays");
        let months = date_ticks(lo, d(2025, 1, 25).days());
        let shown: Vec<String> = months
            .iter()
            .map(|&m| Date::from_days(m).to_string())
            .collect();
        assert_eq!(shown, ["2024-11-01", "2024-12-01", "2025-01-01"]);
        let years = date_ticks(d(1990, 1, 1).days(), d(2030, 1, 1).days());
        assert!(years.len() <= 8 && !years.is_empty(), "{years:?}");
    }
}
