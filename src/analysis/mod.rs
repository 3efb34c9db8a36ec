//! What the claims of each topic amount to, as format 2 defines it: which claims are current
//! (drafts and superseded ones are not), their verdict (none, single, consistent, conflict,
//! unsettled) and spread over the pairs a topic's window compares, and for each current claim
//! its origin, date and independent corroboration. Pure functions of the model.

use strum::{IntoStaticStr, VariantArray};

pub mod independence;
pub mod interval;
pub mod time;

pub use independence::Independence;
pub use interval::Interval;

use crate::model::{Assertion, Date, Figure, Model, Stance};

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
    /// Every claim on the topic, drafts and superseded ones included: indices into
    /// [`Model::claims`], in load order.
    pub claims: Vec<usize>,
    /// The current claims: neither drafts nor superseded. Verdict and spread are theirs.
    pub current: Vec<usize>,
    pub verdict: Verdict,
    /// `None` for yes/no topics and topics with fewer than two current figures.
    pub spread: Option<f64>,
    /// Distinct origins among the current claims.
    pub origins: usize,
    /// Claims on the topic that another superseded, and drafts.
    pub superseded: usize,
    pub drafts: usize,
}

/// The analysis of one claim.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClaimAnalysis {
    /// Its `stated`, else its report's `published`.
    pub date: Option<Date>,
    /// The origin of its source (following `part_of`): index into [`Model::sources`].
    pub origin: usize,
    /// The claim that supersedes it, if any.
    pub superseded_by: Option<usize>,
    /// For current claims only: how independent origins stand to it.
    pub independence: Option<Independence>,
}

/// The analysis of every topic and claim, indexed like [`Model::topics`] and [`Model::claims`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub topics: Vec<TopicAnalysis>,
    pub claims: Vec<ClaimAnalysis>,
}

impl Analysis {
    pub fn conflicts(&self) -> usize {
        self.topics
            .iter()
            .filter(|t| t.verdict == Verdict::Conflict)
            .count()
    }

    /// Claims superseded by another (drafts never are).
    pub fn superseded(&self) -> usize {
        self.claims
            .iter()
            .filter(|c| c.superseded_by.is_some())
            .count()
    }
}

/// Below this many claims the topics are analysed on the calling thread alone.
const PARALLEL_CLAIMS: usize = 4096;

/// Topics are handed to threads this many at a time.
const TOPICS_AT_A_TIME: usize = 64;

/// At most this many threads gather claims by topic and put the topics' findings back: each
/// reads every claim's topic (or every topic's findings) to fill its own stretch, so more
/// threads read more memory for less work each.
const MOST_GATHERING_THREADS: usize = 4;

pub fn analyse(model: &Model) -> Analysis {
    let threads = if model.claims.len() >= PARALLEL_CLAIMS {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        1
    };
    analyse_with(model, threads)
}

/// What a topic's analysis reads of each of its claims, gathered in topic order: a topic's
/// claims are scattered over the files (a topic is reported on over months), and reading each
/// from the model costs cache misses that grow with the model (at 1M claims, more than the
/// analysis itself).
#[derive(Clone, Copy, Debug)]
struct Brief {
    assertion: Assertion,
    date: Option<Date>,
    origin: usize,
    draft: bool,
    /// It names claims it supersedes (`Claim::supersedes` is not empty).
    names: bool,
}

/// The claims in topic order: `order[start[t]..start[t + 1]]` are topic `t`'s, in load order,
/// and `briefs[k]` is what the analysis reads of `order[k]`.
struct ByTopic {
    start: Vec<usize>,
    order: Vec<usize>,
    briefs: Vec<Brief>,
}

impl ByTopic {
    /// `claims`: each claim's date and origin, by claim index; `counts`: how many claims each
    /// topic has. Gathered on `threads` threads, each filling the places of a run of topics.
    fn of(model: &Model, claims: &[ClaimAnalysis], counts: &[usize], threads: usize) -> Self {
        let mut start = Vec::with_capacity(counts.len() + 1);
        start.push(0);
        for &n in counts {
            start.push(start[start.len() - 1] + n);
        }
        let empty = Brief {
            assertion: Assertion::Stance(Stance::Unconfirmed),
            date: None,
            origin: 0,
            draft: false,
            names: false,
        };
        let mut order = vec![0usize; model.claims.len()];
        let mut briefs = vec![empty; model.claims.len()];
        // Topics cut in runs of about as many claims each: a run's places are one stretch of
        // `order` and `briefs`, filled by one thread reading every claim's topic.
        let runs = topic_runs(&start, threads);
        let lens: Vec<usize> = runs.iter().map(|r| start[r.end] - start[r.start]).collect();
        let work: Vec<_> = runs
            .into_iter()
            .zip(split_at_lens(&mut order, &lens))
            .zip(split_at_lens(&mut briefs, &lens))
            .map(|((run, order), briefs)| (run, order, briefs))
            .collect();
        let start_of = &start;
        on_threads(work, |(topics, order, briefs)| {
            let base = start_of[topics.start];
            let mut next = start_of[topics.clone()].to_vec();
            for (i, c) in model.claims.iter().enumerate() {
                if !topics.contains(&c.topic) {
                    continue;
                }
                let at = &mut next[c.topic - topics.start];
                order[*at - base] = i;
                briefs[*at - base] = Brief {
                    assertion: c.assertion,
                    date: claims[i].date,
                    origin: claims[i].origin,
                    draft: c.draft,
                    names: !c.supersedes.is_empty(),
                };
                *at += 1;
            }
        });
        ByTopic {
            start,
            order,
            briefs,
        }
    }

    /// Topic `t`'s claims and their briefs.
    fn topic(&self, t: usize) -> (&[usize], &[Brief]) {
        let range = self.start[t]..self.start[t + 1];
        (&self.order[range.clone()], &self.briefs[range])
    }
}

/// The topics cut in at most `threads` runs of consecutive topics with about as many claims
/// each (`start`: where each topic's claims start in topic order, their total last).
fn topic_runs(start: &[usize], threads: usize) -> Vec<std::ops::Range<usize>> {
    let topics = start.len() - 1;
    let total = start[topics];
    let mut runs = Vec::with_capacity(threads);
    let mut from = 0;
    for k in 1..threads {
        // The first topic whose claims start at or after the k-th share.
        let cut = start[..topics].partition_point(|&s| s < total / threads * k);
        if cut > from {
            runs.push(from..cut);
            from = cut;
        }
    }
    runs.push(from..topics);
    runs
}

/// `items` cut in consecutive stretches of `lens` (the last takes the rest).
fn split_at_lens<'a, T>(mut items: &'a mut [T], lens: &[usize]) -> Vec<&'a mut [T]> {
    let mut parts = Vec::with_capacity(lens.len());
    for &len in lens.iter().take(lens.len().saturating_sub(1)) {
        let len = len.min(items.len());
        let (part, rest) = std::mem::take(&mut items).split_at_mut(len);
        parts.push(part);
        items = rest;
    }
    parts.push(items);
    parts
}

/// `each` of `work` on a thread of its own (the last on this one); the results in order.
fn on_threads<W: Send, R: Send>(work: Vec<W>, each: impl Fn(W) -> R + Sync) -> Vec<R> {
    if work.len() <= 1 {
        return work.into_iter().map(each).collect();
    }
    let each = &each;
    std::thread::scope(|s| {
        let mut work = work.into_iter();
        let last = work.next_back();
        let helpers: Vec<_> = work.map(|w| s.spawn(move || each(w))).collect();
        let last = last.map(each);
        let mut done: Vec<R> = helpers
            .into_iter()
            .map(|helper| {
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        done.extend(last);
        done
    })
}

/// [`analyse`] on `threads` threads (1: this one alone). The result does not depend on it.
fn analyse_with(model: &Model, threads: usize) -> Analysis {
    let threads = threads.max(1);
    // Each claim's date and origin, and how many claims each topic has, in one pass on this
    // thread (made on several, the list would be written twice, to make room and then each
    // claim; writing it is most of what this costs).
    let mut counts = vec![0usize; model.topics.len()];
    let origins = model.origins();
    let mut claims: Vec<ClaimAnalysis> = model
        .claims
        .iter()
        .enumerate()
        .map(|(c, claim)| {
            counts[claim.topic] += 1;
            ClaimAnalysis {
                date: time::date(model, c),
                origin: origins[claim.source],
                superseded_by: None,
                independence: None,
            }
        })
        .collect();
    let gathering = threads.min(MOST_GATHERING_THREADS);
    let by_topic = ByTopic::of(model, &claims, &counts, gathering);
    // Topics are independent: each reads its own claims' briefs and decides its own claims'
    // supersession and independence.
    let found = analyse_topics(model, &by_topic, threads);
    // What the topics found about their claims, put in place: each stretch of claims by a
    // thread of its own, reading every topic's findings.
    let share = claims.len().div_ceil(gathering).max(1);
    let work: Vec<_> = claims.chunks_mut(share).enumerate().collect();
    let found_of = &found;
    on_threads(work, |(k, part)| {
        let range = k * share..k * share + part.len();
        for (topic, superseded_by, independence) in found_of {
            for (&c, by) in topic.claims.iter().zip(superseded_by) {
                if range.contains(&c) {
                    part[c - range.start].superseded_by = *by;
                }
            }
            for (&c, found) in topic.current.iter().zip(independence) {
                if range.contains(&c) {
                    part[c - range.start].independence = Some(*found);
                }
            }
        }
    });
    let topics = found.into_iter().map(|(topic, _, _)| topic).collect();
    Analysis { topics, claims }
}

/// What one topic's analysis finds: the topic's, and for its claims which supersedes each
/// (in the order of [`TopicAnalysis::claims`]) and the independence of each current one (in
/// the order of [`TopicAnalysis::current`]).
type TopicFound = (TopicAnalysis, Vec<Option<usize>>, Vec<Independence>);

/// Every topic analysed, in topic order, on up to `threads` threads. The result does not
/// depend on how the topics are shared out.
fn analyse_topics(model: &Model, by_topic: &ByTopic, threads: usize) -> Vec<TopicFound> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let topics = model.topics.len();
    let chunks = topics.div_ceil(TOPICS_AT_A_TIME);
    let threads = threads.min(chunks);
    let analyse_chunk = |k: usize| -> Vec<TopicFound> {
        let first = k * TOPICS_AT_A_TIME;
        (first..(first + TOPICS_AT_A_TIME).min(topics))
            .map(|t| {
                let (of_topic, briefs) = by_topic.topic(t);
                analyse_topic(model, t, of_topic, briefs)
            })
            .collect()
    };
    if threads <= 1 {
        return (0..chunks).flat_map(analyse_chunk).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= chunks {
                break;
            }
            mine.push((k, analyse_chunk(k)));
        }
        mine
    };
    let mut done: Vec<(usize, Vec<TopicFound>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            match helper.join() {
                Ok(theirs) => done.extend(theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|&(k, _)| k);
    done.into_iter().flat_map(|(_, found)| found).collect()
}

/// One topic: supersession, the current claims, their verdict, spread and independence.
/// `of_topic`: the topic's claims in load order; `briefs`: what is read of each.
fn analyse_topic(model: &Model, t: usize, of_topic: &[usize], briefs: &[Brief]) -> TopicFound {
    let topic = &model.topics[t];
    let superseded_by = time::superseded_by(model, of_topic, briefs);
    // Places among the topic's claims of the current ones.
    let now: Vec<usize> = (0..of_topic.len())
        .filter(|&i| !briefs[i].draft && superseded_by[i].is_none())
        .collect();
    let current: Vec<usize> = now.iter().map(|&i| of_topic[i]).collect();
    let assertions: Vec<Assertion> = now.iter().map(|&i| briefs[i].assertion).collect();
    let current_days: Vec<Option<i64>> = now.iter().map(|&i| time::days(briefs[i].date)).collect();
    let compared =
        |i: usize, j: usize| time::compared_days(topic.window, current_days[i], current_days[j]);
    let intervals: Vec<Interval> = assertions
        .iter()
        .map(|a| match a {
            Assertion::Figure(f) => f.interval(topic.tolerance),
            Assertion::Stance(_) => Interval {
                low: None,
                high: None,
            },
        })
        .collect();
    let verdict = if let Some(window) = topic.window {
        verdict_compared(&assertions, &intervals, &current_days, window)
    } else {
        verdict(&assertions, topic.tolerance)
    };
    let members: Vec<independence::Current<'_>> = now
        .iter()
        .zip(&assertions)
        .zip(&intervals)
        .map(|((&i, assertion), &interval)| independence::Current {
            origin: briefs[i].origin,
            assertion,
            interval,
        })
        .collect();
    let independence = match topic.window {
        None => independence::independence_all_compared(&members),
        Some(_) => independence::independence(&members, compared),
    };
    let mut distinct: Vec<usize> = now.iter().map(|&i| briefs[i].origin).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let superseded = superseded_by.iter().filter(|by| by.is_some()).count();
    let drafts = briefs.iter().filter(|b| b.draft).count();
    let analysis = TopicAnalysis {
        superseded,
        drafts,
        spread: spread(&assertions),
        verdict,
        origins: distinct.len(),
        current,
        claims: of_topic.to_vec(),
    };
    (analysis, superseded_by, independence)
}

/// The verdict when a window of `window` days limits which pairs are compared (claims `days`
/// apart, by [`time::compared_days`]): a conflict needs a compared pair that disagrees;
/// otherwise as [`verdict`].
fn verdict_compared(
    assertions: &[Assertion],
    intervals: &[Interval],
    days: &[Option<i64>],
    window: u32,
) -> Verdict {
    if assertions.len() < 2 {
        return verdict(assertions, 0.0);
    }
    if compared_disagree(assertions, intervals, days, window) {
        return Verdict::Conflict;
    }
    match verdict(assertions, 0.0) {
        // Without a compared pair that disagrees there is no conflict, whatever the others say.
        Verdict::Conflict => {
            let stances = assertions.iter().all(|a| matches!(a, Assertion::Stance(_)));
            if stances && !assertions.windows(2).all(|w| w[0] == w[1]) {
                Verdict::Unsettled
            } else {
                Verdict::Consistent
            }
        }
        other => other,
    }
}

/// What a set of claims holds that a claim can disagree with: its figures' highest low and
/// lowest high, and whether it affirms or denies.
#[derive(Clone, Copy)]
struct Extremes {
    most_low: Option<f64>,
    least_high: Option<f64>,
    affirms: bool,
    denies: bool,
}

impl Extremes {
    const NONE: Extremes = Extremes {
        most_low: None,
        least_high: None,
        affirms: false,
        denies: false,
    };

    fn add(&mut self, assertion: &Assertion, interval: Interval) {
        match assertion {
            Assertion::Figure(_) => {
                self.most_low = max_of(self.most_low, interval.low);
                self.least_high = min_of(self.least_high, interval.high);
            }
            Assertion::Stance(Stance::Affirms) => self.affirms = true,
            Assertion::Stance(Stance::Denies) => self.denies = true,
            Assertion::Stance(Stance::Unconfirmed) => {}
        }
    }

    /// Whether some claim of the set disagrees with this one ([`independence::relation`]): two
    /// figures disagree when their intervals do not overlap, which one of them does with some
    /// figure of the set exactly when its low is above the set's lowest high or its high below
    /// the set's highest low; `affirms` and `denies` disagree.
    fn disagree(&self, assertion: &Assertion, interval: Interval) -> bool {
        match assertion {
            Assertion::Figure(_) => {
                matches!((interval.low, self.least_high), (Some(l), Some(h)) if l > h)
                    || matches!((self.most_low, interval.high), (Some(l), Some(h)) if l > h)
            }
            Assertion::Stance(Stance::Affirms) => self.denies,
            Assertion::Stance(Stance::Denies) => self.affirms,
            Assertion::Stance(Stance::Unconfirmed) => false,
        }
    }
}

fn max_of(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_of(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Whether two claims `window` days apart or less (or undated) disagree, without looking at
/// every pair (a topic of 40,000 claims in one window took seconds): the dated claims in day
/// order, each against the claims within the window before it (a sliding window's extremes,
/// kept in monotone queues); each undated claim against every dated one and the undated ones
/// before it.
fn compared_disagree(
    assertions: &[Assertion],
    intervals: &[Interval],
    days: &[Option<i64>],
    window: u32,
) -> bool {
    let mut dated: Vec<usize> = (0..assertions.len())
        .filter(|&i| days[i].is_some())
        .collect();
    dated.sort_by_key(|&i| days[i]);
    let day = |i: usize| days[i].unwrap_or_default();
    let mut all_dated = Extremes::NONE;
    // The window: dated claims from `from` on (in day order) before the one looked at; for
    // its highest low and lowest high, the places (in `dated`) of the claims that can still be
    // the extreme, values in order; and how many affirm and deny.
    let mut from = 0;
    let (mut lows, mut highs) = (
        std::collections::VecDeque::new(),
        std::collections::VecDeque::new(),
    );
    let (mut affirms, mut denies) = (0usize, 0usize);
    for (k, &i) in dated.iter().enumerate() {
        while day(dated[from]) < day(i).saturating_sub(i64::from(window)) {
            match assertions[dated[from]] {
                Assertion::Stance(Stance::Affirms) => affirms -= 1,
                Assertion::Stance(Stance::Denies) => denies -= 1,
                _ => {}
            }
            from += 1;
        }
        while lows.front().is_some_and(|&f| f < from) {
            lows.pop_front();
        }
        while highs.front().is_some_and(|&f| f < from) {
            highs.pop_front();
        }
        let inside = Extremes {
            most_low: lows.front().and_then(|&f: &usize| intervals[dated[f]].low),
            least_high: highs
                .front()
                .and_then(|&f: &usize| intervals[dated[f]].high),
            affirms: affirms > 0,
            denies: denies > 0,
        };
        if inside.disagree(&assertions[i], intervals[i]) {
            return true;
        }
        match assertions[i] {
            Assertion::Figure(_) => {
                if let Some(low) = intervals[i].low {
                    while lows
                        .back()
                        .is_some_and(|&f| intervals[dated[f]].low.is_some_and(|l| l <= low))
                    {
                        lows.pop_back();
                    }
                    lows.push_back(k);
                }
                if let Some(high) = intervals[i].high {
                    while highs
                        .back()
                        .is_some_and(|&f| intervals[dated[f]].high.is_some_and(|h| h >= high))
                    {
                        highs.pop_back();
                    }
                    highs.push_back(k);
                }
            }
            Assertion::Stance(Stance::Affirms) => affirms += 1,
            Assertion::Stance(Stance::Denies) => denies += 1,
            Assertion::Stance(Stance::Unconfirmed) => {}
        }
        all_dated.add(&assertions[i], intervals[i]);
    }
    let mut undated_before = Extremes::NONE;
    for i in (0..assertions.len()).filter(|&i| days[i].is_none()) {
        if all_dated.disagree(&assertions[i], intervals[i])
            || undated_before.disagree(&assertions[i], intervals[i])
        {
            return true;
        }
        undated_before.add(&assertions[i], intervals[i]);
    }
    false
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

/// An assertion of every kind by number, for tests that generate them: 0 affirms, 1 denies,
/// 2 unconfirmed, then figures of `a`: 3 exact, 4 about, 5 at least, 6 at most, else a range
/// from `a` to `a + b`.
#[cfg(test)]
pub(crate) fn any_assertion(kind: u8, a: f64, b: f64) -> Assertion {
    match kind {
        0 => Assertion::Stance(Stance::Affirms),
        1 => Assertion::Stance(Stance::Denies),
        2 => Assertion::Stance(Stance::Unconfirmed),
        3 => Assertion::Figure(Figure::Exact(a)),
        4 => Assertion::Figure(Figure::About(a)),
        5 => Assertion::Figure(Figure::AtLeast(a)),
        6 => Assertion::Figure(Figure::AtMost(a)),
        _ => Assertion::Figure(Figure::Range {
            low: a,
            high: a + b,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Figure::*;

    /// The first definition of [`compared_disagree`], every pair looked at: the reference.
    fn by_pairs(
        assertions: &[Assertion],
        intervals: &[Interval],
        days: &[Option<i64>],
        window: u32,
    ) -> bool {
        let n = assertions.len();
        (0..n).any(|i| {
            (i + 1..n).any(|j| {
                time::compared_days(Some(window), days[i], days[j])
                    && independence::relation(
                        (&assertions[i], intervals[i]),
                        (&assertions[j], intervals[j]),
                    ) == independence::Relation::Disagree
            })
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// A sliding window finds a compared pair that disagrees exactly when one of all the
        /// pairs does: figures of every form (open ends, inverted ranges), stances, undated
        /// claims, days far apart and the same.
        #[test]
        fn a_window_finds_a_disagreeing_pair_as_every_pair_does(
            claims in proptest::collection::vec(
                (0u8..8, 0i32..12, 0i32..6, proptest::option::of(0i64..30)),
                0..24,
            ),
            window in 0u32..8,
        ) {
            let assertions: Vec<Assertion> = claims
                .iter()
                // Ranges from 2 below their low: some are inverted.
                .map(|&(kind, a, b, _)| any_assertion(kind, f64::from(a), f64::from(b) - 2.0))
                .collect();
            let intervals: Vec<Interval> = assertions
                .iter()
                .map(|a| match a {
                    Assertion::Figure(f) => f.interval(0.1),
                    Assertion::Stance(_) => Interval { low: None, high: None },
                })
                .collect();
            let days: Vec<Option<i64>> = claims.iter().map(|c| c.3).collect();
            proptest::prop_assert_eq!(
                compared_disagree(&assertions, &intervals, &days, window),
                by_pairs(&assertions, &intervals, &days, window)
            );
        }
    }

    fn fig(f: Figure) -> Assertion {
        Assertion::Figure(f)
    }
    fn st(s: Stance) -> Assertion {
        Assertion::Stance(s)
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

    #[test]
    fn topics_are_cut_in_runs_of_about_as_many_claims() {
        // Claims per topic: 0, 5, 1, 0, 30, 2, 2 (40 in all).
        let start = [0, 0, 5, 6, 6, 36, 38, 40];
        for threads in 1..=8 {
            let runs = topic_runs(&start, threads);
            assert!(runs.len() <= threads, "{threads}: {runs:?}");
            assert_eq!(runs[0].start, 0);
            assert_eq!(runs.last().unwrap().end, 7);
            assert!(
                runs.windows(2)
                    .all(|w| w[0].end == w[1].start && w[0].start < w[0].end)
            );
        }
        assert_eq!(topic_runs(&start, 2), vec![0..5, 5..7]);
        assert_eq!(topic_runs(&[0], 3), vec![0..0]);
        let mut items: Vec<usize> = (0..10).collect();
        let parts = split_at_lens(&mut items, &[3, 0, 7]);
        assert_eq!(parts, [&[0, 1, 2][..], &[], &[3, 4, 5, 6, 7, 8, 9]]);
    }

    #[test]
    fn analysed_on_several_threads_as_on_one() {
        let mut model = crate::load::load(&[std::path::PathBuf::from("data")]).model;
        let base = model.claims.clone();
        assert!(!base.is_empty());
        // Enough claims for several threads, some drafts, all on the seed's topics.
        for k in 0..(2 * PARALLEL_CLAIMS / base.len() + 1) {
            for (j, claim) in base.iter().enumerate() {
                let mut claim = claim.clone();
                claim.id = format!("{}-{k}", claim.id);
                claim.draft = (j + k) % 7 == 0;
                model.claims.push(claim);
            }
        }
        assert!(model.claims.len() >= PARALLEL_CLAIMS);
        let one = analyse_with(&model, 1);
        for threads in 2..=5 {
            assert_eq!(analyse_with(&model, threads), one, "{threads} threads");
        }
        assert_eq!(analyse(&model), one);
        assert!(one.claims.iter().any(|c| c.superseded_by.is_some()));
        assert!(one.claims.iter().any(|c| c.independence.is_some()));
    }
}
