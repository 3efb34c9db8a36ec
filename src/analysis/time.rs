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

/// Origins on a topic past which the latest claim of each is found by a table.
const FEW_ORIGINS: usize = 8;

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
    // Where each claim is on the topic, made only when a claim names others (a search for
    // each name made a chain of 160,000 corrections quadratic).
    let mut places: Option<rustc_hash::FxHashMap<usize, usize>> = None;
    let mut named: Vec<Option<usize>> = vec![None; claims.len()];
    for (k, &c) in claims.iter().enumerate() {
        // Only a claim that names others is looked up in the model.
        if briefs[k].draft || !briefs[k].names {
            continue;
        }
        let places =
            places.get_or_insert_with(|| claims.iter().enumerate().map(|(i, &x)| (x, i)).collect());
        for &earlier in &model.claims[c].supersedes {
            if let Some(&i) = places.get(&earlier)
                && named[i].is_none()
                && !briefs[i].draft
            {
                named[i] = Some(c);
            }
        }
    }
    // The latest-dated non-draft claim of each origin on the topic (first in load order),
    // among those no claim corrects.
    // By origin: a list looked through while short, a table once there are many origins.
    let mut latest: Vec<(usize, Date, usize)> = Vec::new();
    let mut by_origin: rustc_hash::FxHashMap<usize, usize> = Default::default();
    let find = |latest: &[(usize, Date, usize)],
                by_origin: &rustc_hash::FxHashMap<usize, usize>,
                origin: usize| {
        if latest.len() <= FEW_ORIGINS {
            latest.iter().position(|(o, _, _)| *o == origin)
        } else {
            by_origin.get(&origin).copied()
        }
    };
    for (i, &c) in claims.iter().enumerate() {
        let b = &briefs[i];
        let Some(date) = b.date.filter(|_| !b.draft && named[i].is_none()) else {
            continue;
        };
        match find(&latest, &by_origin, b.origin) {
            Some(at) if date > latest[at].1 => latest[at] = (b.origin, date, c),
            Some(_) => {}
            None => {
                latest.push((b.origin, date, c));
                if latest.len() == FEW_ORIGINS + 1 {
                    by_origin.extend(latest.iter().enumerate().map(|(at, &(o, _, _))| (o, at)));
                } else if latest.len() > FEW_ORIGINS + 1 {
                    by_origin.insert(b.origin, latest.len() - 1);
                }
            }
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
                let (_, newest, by) = latest[find(&latest, &by_origin, b.origin)?];
                (newest > date).then_some(by)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first definition, searching the topic's claims and origins: the reference.
    fn superseded_by_search(
        model: &Model,
        claims: &[usize],
        briefs: &[super::super::Brief],
    ) -> Vec<Option<usize>> {
        let place = |c: usize| claims.iter().position(|&x| x == c);
        let mut named: Vec<Option<usize>> = vec![None; claims.len()];
        for (k, &c) in claims.iter().enumerate() {
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
        (0..claims.len())
            .map(|i| {
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

    proptest::proptest! {
        /// Places and origins found by tables give what searching them gave, with few origins
        /// or many, drafts, undated claims and corrections naming any claim.
        #[test]
        fn supersession_is_found_as_by_a_search(
            claims in proptest::collection::vec(
                (0usize..30, proptest::option::of(1u8..28), proptest::bool::weighted(0.1),
                 proptest::collection::vec(0usize..60, 0..3)),
                1..60,
            ),
        ) {
            let mut model = crate::review::tests::tiny_model();
            let template = model.claims[0].clone();
            model.claims = claims
                .iter()
                .enumerate()
                .map(|(i, (_, _, _, names))| crate::model::Claim {
                    id: format!("c{i}"),
                    supersedes: names.iter().map(|n| n % (2 * claims.len())).collect(),
                    ..template.clone()
                })
                .collect();
            // The topic's claims are every other model claim, in load order: names of others
            // are not on it.
            let on_topic: Vec<usize> = (0..claims.len()).filter(|c| c % 2 == 0).collect();
            let briefs: Vec<super::super::Brief> = on_topic
                .iter()
                .map(|&c| {
                    let (origin, day, draft, _) = &claims[c];
                    super::super::Brief {
                        assertion: template.assertion,
                        date: day.map(|day| Date { year: 2024, month: 10, day }),
                        origin: *origin,
                        draft: *draft,
                        names: !model.claims[c].supersedes.is_empty(),
                    }
                })
                .collect();
            proptest::prop_assert_eq!(
                superseded_by(&model, &on_topic, &briefs),
                superseded_by_search(&model, &on_topic, &briefs)
            );
        }
    }

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
