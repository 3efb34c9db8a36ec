//! Time: a claim's date, which claims another supersedes, and which pairs a topic's `window`
//! lets be compared (format 2, Analysis §2–4).

use crate::model::{Date, Model};

/// The date of a claim: its `stated`, else its report's `published`, else none.
pub fn date(model: &Model, claim: usize) -> Option<Date> {
    let c = &model.claims[claim];
    c.stated.or(model.reports[c.report].published)
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> Option<i64> {
    let civil = |d: Date| jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok();
    let (a, b) = (civil(a)?, civil(b)?);
    a.until(b).ok().map(|span| i64::from(span.get_days()))
}

/// Whether two claims are compared: always, unless the topic has a `window`, both are dated and
/// their dates are more than `window` days apart.
pub fn compared(window: Option<u32>, a: Option<Date>, b: Option<Date>) -> bool {
    match (window, a, b) {
        (Some(window), Some(a), Some(b)) => {
            days_between(a, b).is_none_or(|d| d.unsigned_abs() <= u64::from(window))
        }
        _ => true,
    }
}

/// For each claim of one topic (model indices, in load order), the claim that supersedes it:
/// a non-draft claim naming it in `supersedes` (the first in load order), else the latest-dated
/// non-draft claim of the same origin when that is strictly later (the first in load order of
/// those sharing that date). A claim that another names in `supersedes` is no longer its
/// origin's latest word: an explicit correction wins over dates. Drafts are never superseded
/// and supersede nothing.
pub fn superseded_by(
    model: &Model,
    claims: &[usize],
    dates: &[Option<Date>],
    origins: &[usize],
) -> Vec<Option<usize>> {
    let place = |c: usize| claims.iter().position(|&x| x == c);
    let mut named: Vec<Option<usize>> = vec![None; claims.len()];
    for &c in claims {
        let claim = &model.claims[c];
        if claim.draft {
            continue;
        }
        for &earlier in &claim.supersedes {
            if let Some(i) = place(earlier)
                && named[i].is_none()
                && !model.claims[earlier].draft
            {
                named[i] = Some(c);
            }
        }
    }
    // The latest-dated non-draft claim of each origin on the topic (first in load order),
    // among those no claim corrects.
    let mut latest: Vec<(usize, Date, usize)> = Vec::new();
    for (i, &c) in claims.iter().enumerate() {
        let Some(date) = dates[i].filter(|_| !model.claims[c].draft && named[i].is_none()) else {
            continue;
        };
        match latest
            .iter_mut()
            .find(|(origin, _, _)| *origin == origins[i])
        {
            Some(entry) if date > entry.1 => *entry = (origins[i], date, c),
            Some(_) => {}
            None => latest.push((origins[i], date, c)),
        }
    }
    claims
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if model.claims[c].draft {
                return None;
            }
            named[i].or_else(|| {
                let date = dates[i]?;
                let (_, newest, by) = latest.iter().find(|(o, _, _)| *o == origins[i])?;
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
}
