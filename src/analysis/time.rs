//! Time: a claim's date, which claims another supersedes, and which pairs a topic's `window`
//! lets be compared (format 2, Analysis §2–4).

use crate::model::{Date, Model};

/// The date of a claim: its `stated`, else its report's `published`, else none.
pub fn date(model: &Model, claim: usize) -> Option<Date> {
    let c = &model.claims[claim];
    c.stated.or(model.reports[c.report].published)
}

/// Whole days from `a` to `b` (negative when `b` is earlier); `None` when either is no date
/// of the calendar (a claim file's years are 0 to 9999, as jiff's).
pub fn days_between(a: Date, b: Date) -> Option<i64> {
    Some(b.day_number()? - a.day_number()?)
}

/// Whether two claims are compared: always, unless the topic has a `window`, both are dated and
/// their dates are more than `window` days apart.
pub fn compared(window: Option<u32>, a: Option<Date>, b: Option<Date>) -> bool {
    compared_days(window, days(a), days(b))
}

/// [`compared`] for dates as their day numbers ([`days`]), so that a topic comparing each pair
/// of its claims counts each claim's days once.
pub(super) fn compared_days(window: Option<u32>, a: Option<i64>, b: Option<i64>) -> bool {
    match (window, a, b) {
        (Some(window), Some(a), Some(b)) => (b - a).unsigned_abs() <= u64::from(window),
        _ => true,
    }
}

/// A claim's date as a day number for [`compared_days`]: `None` when it has none, or one no
/// calendar has (such a claim is compared with every other, as by [`compared`]).
pub(super) fn days(date: Option<Date>) -> Option<i64> {
    date.and_then(Date::day_number)
}

/// For each claim of one topic (model indices, in load order), the claim that supersedes it:
/// a non-draft claim naming it in `supersedes` (the first in load order), else the latest-dated
/// non-draft claim of the same origin when that is strictly later (the first in load order of
/// those sharing that date). A claim that another names in `supersedes` is no longer its
/// origin's latest word: an explicit correction wins over dates. Drafts are never superseded
/// and supersede nothing. `briefs`: what the analysis read of each claim, in the same order.
pub(super) fn superseded_by(
    model: &Model,
    claims: &[usize],
    briefs: &[super::Brief],
) -> Vec<Option<usize>> {
    let place = |c: usize| claims.iter().position(|&x| x == c);
    let mut named: Vec<Option<usize>> = vec![None; claims.len()];
    for (k, &c) in claims.iter().enumerate() {
        // Only a claim that names others is looked up in the model.
        if briefs[k].draft || !briefs[k].names {
            continue;
        }
        for &earlier in &model.claims[c].supersedes {
            if let Some(i) = place(earlier)
                && named[i].is_none()
                && !briefs[i].draft
            {
                named[i] = Some(c);
            }
        }
    }
    // The latest-dated non-draft claim of each origin on the topic (first in load order),
    // among those no claim corrects.
    let mut latest: Vec<(usize, Date, usize)> = Vec::new();
    for (i, &c) in claims.iter().enumerate() {
        let b = &briefs[i];
        let Some(date) = b.date.filter(|_| !b.draft && named[i].is_none()) else {
            continue;
        };
        match latest.iter_mut().find(|(origin, _, _)| *origin == b.origin) {
            Some(entry) if date > entry.1 => *entry = (b.origin, date, c),
            Some(_) => {}
            None => latest.push((b.origin, date, c)),
        }
    }
    claims
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let b = &briefs[i];
            if b.draft {
                return None;
            }
            named[i].or_else(|| {
                let date = b.date?;
                let (_, newest, by) = latest.iter().find(|(o, _, _)| *o == b.origin)?;
                (*newest > date).then_some(*by)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    proptest::proptest! {
        /// The same days as jiff counts, and the same dates refused.
        #[test]
        fn days_between_counts_as_jiff_does(
            a in (0u16..=10_100, 0u8..=13, 0u8..=32),
            b in (0u16..=9999, 1u8..=12, 1u8..=31),
        ) {
            let (a, b) = (d(a.0, a.1, a.2), d(b.0, b.1, b.2));
            let civil = |d: Date| {
                jiff::civil::Date::new(i16::try_from(d.year).ok()?, d.month as i8, d.day as i8).ok()
            };
            let by_jiff = civil(a)
                .zip(civil(b))
                .and_then(|(a, b)| a.until(b).ok())
                .map(|span| i64::from(span.get_days()));
            proptest::prop_assert_eq!(days_between(a, b), by_jiff);
        }
    }

    #[test]
    fn leap_days_are_counted_as_jiff_counts_them() {
        for (y, m, day) in [
            (2000, 2, 29),
            (1900, 2, 29),
            (0, 2, 29),
            (2024, 2, 29),
            (2023, 2, 29),
            (9999, 12, 31),
            (0, 1, 1),
        ] {
            let date = d(y, m, day);
            let by_jiff = jiff::civil::Date::new(y as i16, m as i8, day as i8)
                .ok()
                .map(|j| i64::from(jiff::civil::date(1970, 1, 1).until(j).unwrap().get_days()));
            assert_eq!(days_between(d(1970, 1, 1), date), by_jiff, "{date}");
        }
    }

    #[test]
    fn days_between_dates_cross_months_years_and_leap_days() {
        assert_eq!(days_between(d(2024, 10, 18), d(2024, 11, 1)), Some(14));
        assert_eq!(days_between(d(2024, 11, 1), d(2024, 10, 18)), Some(-14));
        assert_eq!(days_between(d(2024, 2, 28), d(2024, 3, 1)), Some(2));
        assert_eq!(days_between(d(2023, 12, 31), d(2024, 1, 1)), Some(1));
        assert_eq!(
            days_between(d(2024, 2, 30), d(2024, 3, 1)),
            None,
            "no such date"
        );
    }

    #[test]
    fn a_window_compares_only_dated_claims_close_enough() {
        let (a, b) = (Some(d(2010, 1, 15)), Some(d(2010, 1, 22)));
        assert!(compared(None, a, b));
        assert!(compared(Some(7), a, b), "7 days apart, window 7");
        assert!(!compared(Some(6), a, b));
        assert!(
            compared(Some(1), a, None),
            "undated claims are always compared"
        );
    }

    #[test]
    fn pairs_compared_by_day_numbers_as_by_dates() {
        let dates = [
            None,
            Some(d(2024, 2, 28)),
            Some(d(2024, 2, 29)),
            Some(d(2024, 3, 7)),
            Some(d(2023, 2, 29)),
            Some(d(2025, 2, 28)),
            Some(d(0, 1, 1)),
            Some(d(9999, 12, 31)),
        ];
        for window in [None, Some(0), Some(1), Some(7), Some(365), Some(u32::MAX)] {
            for a in dates {
                for b in dates {
                    assert_eq!(
                        compared_days(window, days(a), days(b)),
                        compared(window, a, b),
                        "{window:?} {a:?} {b:?}"
                    );
                }
            }
        }
    }
}
