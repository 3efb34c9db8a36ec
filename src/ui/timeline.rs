//! The selected topic's timeline, computed when the topic, its decisions or the pane's height
//! change — never per frame: the dated claims in date order with rows of time between them where
//! there is room, each figure's interval on one value range, the links from superseded claims to
//! what replaced them (in a gutter of lanes), and the claims without a date, listed apart.

use crate::analysis::{Interval, time};
use crate::format;
use crate::model::{Date, Stance};
use crate::review::Review;
use crate::ui::view::Viewer;

/// A claim's place in the analysis, as its mark shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Current,
    Superseded,
    Draft,
}

/// The mark beside a claim's source wherever claims are listed: `↳` superseded, `◇` draft, `✎`
/// changed since review, `⇄` reviewers disagree (as far as the viewer may see), else a space
/// (one mark: a claim is never both superseded and a draft; the rest is said in full in the
/// claim's column).
pub fn mark(review: &Review, viewer: &Viewer, claim: usize) -> &'static str {
    match standing(review, claim) {
        Standing::Superseded => format::SUPERSEDED_MARK,
        Standing::Draft => format::DRAFT_MARK,
        Standing::Current if review.stale(claim).is_some() => format::CHANGED_MARK,
        Standing::Current if viewer.disagree(review, claim) => format::DISAGREEMENT_MARK,
        Standing::Current => " ",
    }
}

pub fn standing(review: &Review, claim: usize) -> Standing {
    if review.model.claims[claim].draft {
        Standing::Draft
    } else if review.analysis.claims[claim].superseded_by.is_some() {
        Standing::Superseded
    } else {
        Standing::Current
    }
}

/// What a claim says, to be drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Figure { interval: Interval, point: f64 },
    Stance(Stance),
}

/// One claim on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Its place among the topic's claims (its column in the comparison).
    pub place: usize,
    /// Its index in the model.
    pub claim: usize,
    pub date: Option<Date>,
    /// Days from the topic's first date (dated claims only).
    pub day: i64,
    pub value: Value,
    pub standing: Standing,
    /// `↳`, `◇`, `✎`, `⇄` or a space (see [`mark`]).
    pub mark: &'static str,
    /// The source's name, and its short form for narrow places.
    pub name: String,
    pub short: String,
    /// The figure or stance for reading: `≈ 10,000`, `affirms`.
    pub reading: String,
}

/// A row of the timeline: a dated claim, or time passing between two.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RowKind {
    /// An index into [`Timeline::dated`].
    Claim(usize),
    /// Time between two claims; the first such row of a stretch says how many days it is.
    Gap { days: Option<i64> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    /// Days from the first date (between two claims' for time rows).
    pub day: f64,
    /// The links drawn on this row: lanes, then the arrow's column (`▸` into a replacement).
    pub gutter: String,
}

/// A superseded claim and the one that replaced it, both dated (indices into `dated`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Link {
    from: usize,
    to: usize,
    lane: usize,
}

/// Links drawn side by side at most; a further one is told by the marks and the comparison.
const MAX_LANES: usize = 3;
/// Rows of time wanted per week between two claims, and at most per stretch.
const DAYS_PER_ROW: i64 = 7;
const MAX_GAP_ROWS: usize = 4;

#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub topic: usize,
    pub numeric: bool,
    pub window: Option<u32>,
    /// Dated claims in date order (the same date: load order).
    pub dated: Vec<Entry>,
    /// Claims without a date, in load order: listed apart.
    pub undated: Vec<Entry>,
    /// The smallest and largest value any figure reaches (numeric topics with a finite value).
    pub range: Option<(f64, f64)>,
    links: Vec<Link>,
    pub lanes: usize,
    /// The rows for the pane's inner height, from [`Timeline::place`].
    pub rows: Vec<Row>,
    placed_for: Option<usize>,
    /// By a claim's place among the topic's claims: its entry (dated or not, and where), and
    /// its row; so that drawing never searches.
    by_place: Vec<Option<(bool, usize)>>,
    row_by_place: Vec<Option<usize>>,
}

impl Timeline {
    /// The timeline of a topic, before rows are placed for a height.
    pub fn build(review: &Review, viewer: &Viewer, topic: usize) -> Self {
        let model = &review.model;
        let t = &model.topics[topic];
        let claims = &review.analysis.topics[topic].claims;
        let first = claims
            .iter()
            .filter_map(|&c| review.analysis.claims[c].date)
            .min();
        let mut dated = Vec::new();
        let mut undated = Vec::new();
        for (place, &c) in claims.iter().enumerate() {
            let claim = &model.claims[c];
            let value = match (claim.figure(), claim.stance()) {
                (Some(f), _) => Value::Figure {
                    interval: f.interval(t.tolerance),
                    point: f.point(),
                },
                (None, Some(s)) => Value::Stance(s),
                (None, None) => continue,
            };
            let date = review.analysis.claims[c].date;
            let source = &model.sources[claim.source];
            let entry = Entry {
                place,
                claim: c,
                date,
                day: date
                    .zip(first)
                    .and_then(|(d, f)| time::days_between(f, d))
                    .unwrap_or(0),
                value,
                standing: standing(review, c),
                mark: mark(review, viewer, c),
                name: source.name.clone(),
                short: format::short_name(source),
                reading: match claim.figure() {
                    Some(f) => format::figure(f),
                    None => format::assertion(model, claim),
                },
            };
            if date.is_some() {
                dated.push(entry);
            } else {
                undated.push(entry);
            }
        }
        // Stable: claims of one date keep their load order.
        dated.sort_by_key(|e| e.day);
        let range = range(dated.iter().chain(&undated));
        let (links, lanes) = links(review, &dated);
        let mut by_place = vec![None; claims.len()];
        for (i, e) in dated.iter().enumerate() {
            by_place[e.place] = Some((true, i));
        }
        for (i, e) in undated.iter().enumerate() {
            by_place[e.place] = Some((false, i));
        }
        Self {
            topic,
            numeric: t.is_numeric(),
            window: t.window,
            dated,
            undated,
            range,
            links,
            lanes,
            rows: Vec::new(),
            placed_for: None,
            by_place,
            row_by_place: Vec::new(),
        }
    }

    /// Rows the timeline needs inside its border: `(compact, comfortable)` — a row per dated
    /// claim, the value axis and the undated line; comfortable adds rows for the time between.
    pub fn wanted_rows(&self) -> (usize, usize) {
        let compact = self.dated.len() + 1 + usize::from(!self.undated.is_empty());
        let gaps: usize = self.gap_wishes().iter().sum();
        (compact, compact + gaps)
    }

    /// Rows of time each stretch between two consecutive dated claims would like.
    fn gap_wishes(&self) -> Vec<usize> {
        self.dated
            .windows(2)
            .map(|w| {
                let days = w[1].day - w[0].day;
                if days <= 0 {
                    0
                } else {
                    usize::try_from((days + DAYS_PER_ROW - 1) / DAYS_PER_ROW)
                        .unwrap_or(MAX_GAP_ROWS)
                        .min(MAX_GAP_ROWS)
                }
            })
            .collect()
    }

    /// Place the rows for a pane of `height` inner rows (once per height): every dated claim,
    /// and rows of time between them in proportion to what each stretch would like, as many as
    /// the room left allows.
    pub fn place(&mut self, height: usize) {
        if self.placed_for == Some(height) {
            return;
        }
        self.placed_for = Some(height);
        let (compact, _) = self.wanted_rows();
        let spare = height.saturating_sub(compact);
        let gaps = share(&self.gap_wishes(), spare);
        let mut rows = Vec::with_capacity(self.dated.len() + gaps.iter().sum::<usize>());
        for (i, entry) in self.dated.iter().enumerate() {
            rows.push(Row {
                kind: RowKind::Claim(i),
                day: entry.day as f64,
                gutter: String::new(),
            });
            let Some((&n, next)) = gaps.get(i).zip(self.dated.get(i + 1)) else {
                continue;
            };
            let days = next.day - entry.day;
            for k in 0..n {
                rows.push(Row {
                    kind: RowKind::Gap {
                        days: (k == 0).then_some(days),
                    },
                    day: entry.day as f64 + days as f64 * (k + 1) as f64 / (n + 1) as f64,
                    gutter: String::new(),
                });
            }
        }
        self.row_by_place = vec![None; self.by_place.len()];
        for (r, row) in rows.iter().enumerate() {
            if let RowKind::Claim(i) = row.kind {
                self.row_by_place[self.dated[i].place] = Some(r);
            }
        }
        self.rows = rows;
        self.draw_links();
    }

    /// The gutter of each row: the lanes of the links, then `▸` where a link enters the claim
    /// that replaced another.
    fn draw_links(&mut self) {
        if self.lanes == 0 {
            return;
        }
        let row_of: Vec<usize> = {
            let mut at = vec![0; self.dated.len()];
            for (r, row) in self.rows.iter().enumerate() {
                if let RowKind::Claim(i) = row.kind {
                    at[i] = r;
                }
            }
            at
        };
        let width = self.lanes + 1;
        let mut cells = vec![vec![0u8; width]; self.rows.len()];
        let mut arrows = vec![false; self.rows.len()];
        for link in &self.links {
            let (from, to) = (row_of[link.from], row_of[link.to]);
            let (top, bottom) = (from.min(to), from.max(to));
            let col = self.lanes - 1 - link.lane;
            for (r, vertical) in [(top, DOWN), (bottom, UP)] {
                cells[r][col] |= vertical | RIGHT;
                for cell in &mut cells[r][col + 1..width] {
                    *cell |= LEFT | RIGHT;
                }
            }
            for row in &mut cells[top + 1..bottom] {
                row[col] |= UP | DOWN;
            }
            arrows[to] = true;
        }
        for ((row, cells), arrow) in self.rows.iter_mut().zip(cells).zip(arrows) {
            let mut gutter: String = cells[..self.lanes].iter().map(|&b| glyph(b)).collect();
            gutter.push(match (arrow, cells[self.lanes]) {
                (true, _) => '▸',
                (false, 0) => ' ',
                (false, _) => '─',
            });
            row.gutter = gutter;
        }
    }

    /// Cells the gutter takes: a column per lane and the arrow's, none without links.
    pub fn gutter_width(&self) -> usize {
        if self.lanes == 0 { 0 } else { self.lanes + 1 }
    }

    /// The row of the claim at `place` among the topic's claims, if it is dated.
    pub fn row_of(&self, place: usize) -> Option<usize> {
        self.row_by_place.get(place).copied().flatten()
    }

    /// The entry of the claim at `place`, dated or not.
    pub fn entry(&self, place: usize) -> Option<&Entry> {
        match self.by_place.get(place).copied().flatten()? {
            (true, i) => self.dated.get(i),
            (false, i) => self.undated.get(i),
        }
    }

    /// The rows shown in `height` rows: all, or a stretch that keeps the selected claim's row
    /// in view.
    pub fn visible(&self, height: usize, selected: usize) -> std::ops::Range<usize> {
        let n = self.rows.len();
        if n <= height {
            return 0..n;
        }
        let at = self.row_of(selected).unwrap_or(0);
        let start = at.saturating_sub(height / 2).min(n - height);
        start..start + height
    }

    /// The window around the selected claim, in days from the first date: `None` without a
    /// window, or when the selected claim has no date.
    pub fn window_around(&self, selected: usize) -> Option<(f64, f64)> {
        let window = f64::from(self.window?);
        let day = self.entry(selected).filter(|e| e.date.is_some())?.day as f64;
        Some((day - window, day + window))
    }
}

/// The rows of a pane of `height` inner rows left for the claims' rows: the value axis and the
/// undated line take theirs.
pub fn rows_for_claims(timeline: &Timeline, height: u16) -> usize {
    usize::from(height).saturating_sub(1 + usize::from(!timeline.undated.is_empty()))
}

/// `spare` rows shared out in proportion to `wishes`, never more than a wish; the largest
/// remainders get the rows left.
fn share(wishes: &[usize], spare: usize) -> Vec<usize> {
    let total: usize = wishes.iter().sum();
    if total <= spare {
        return wishes.to_vec();
    }
    let mut given: Vec<usize> = wishes.iter().map(|w| w * spare / total).collect();
    let mut left = spare - given.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..wishes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((wishes[i] * spare) % total));
    for i in order {
        if left == 0 {
            break;
        }
        if given[i] < wishes[i] {
            given[i] += 1;
            left -= 1;
        }
    }
    given
}

/// The smallest and largest value among the figures' ends and points.
fn range<'a>(entries: impl Iterator<Item = &'a Entry>) -> Option<(f64, f64)> {
    let values = entries.flat_map(|e| match e.value {
        Value::Figure { interval, point } => [interval.low, interval.high, Some(point)],
        Value::Stance(_) => [None; 3],
    });
    let (min, max) = values
        .flatten()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    (min <= max).then_some((min, max))
}

/// The links between dated claims, each in the first lane free over its rows; at most
/// [`MAX_LANES`] lanes.
fn links(review: &Review, dated: &[Entry]) -> (Vec<Link>, usize) {
    let mut found: Vec<(usize, usize)> = dated
        .iter()
        .enumerate()
        .filter_map(|(from, e)| {
            let by = review.analysis.claims[e.claim].superseded_by?;
            let to = dated.iter().position(|d| d.claim == by)?;
            Some((from, to))
        })
        .collect();
    found.sort_by_key(|&(a, b)| (a.min(b), a.max(b)));
    // The last row each lane is busy to.
    let mut busy: Vec<usize> = Vec::new();
    let mut links = Vec::new();
    for (from, to) in found {
        let (top, bottom) = (from.min(to), from.max(to));
        let lane = match busy.iter().position(|&end| end < top) {
            Some(lane) => lane,
            None if busy.len() < MAX_LANES => {
                busy.push(0);
                busy.len() - 1
            }
            None => continue,
        };
        busy[lane] = bottom;
        links.push(Link { from, to, lane });
    }
    (links, busy.len())
}

const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

/// The box-drawing character joining the directions set.
fn glyph(bits: u8) -> char {
    match bits {
        0 => ' ',
        b if b == UP | DOWN => '│',
        b if b == LEFT | RIGHT => '─',
        b if b == DOWN | RIGHT => '╭',
        b if b == UP | RIGHT => '╰',
        b if b == DOWN | LEFT => '╮',
        b if b == UP | LEFT => '╯',
        b if b == UP | DOWN | RIGHT => '├',
        b if b == UP | DOWN | LEFT => '┤',
        b if b == LEFT | RIGHT | DOWN => '┬',
        b if b == LEFT | RIGHT | UP => '┴',
        b if b == UP | DOWN | LEFT | RIGHT => '┼',
        b if b == LEFT => '╴',
        b if b == RIGHT => '╶',
        b if b == UP => '╵',
        _ => '╷',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spare_rows_go_where_most_time_passed() {
        assert_eq!(share(&[2, 0, 1, 1, 4], 8), [2, 0, 1, 1, 4], "room for all");
        assert_eq!(share(&[2, 0, 1, 1, 4], 4), [1, 0, 1, 0, 2]);
        assert_eq!(share(&[2, 0, 1, 1, 4], 0), [0, 0, 0, 0, 0]);
        assert_eq!(share(&[], 3), Vec::<usize>::new());
        let given = share(&[4, 4, 4], 5);
        assert_eq!(given.iter().sum::<usize>(), 5);
        assert!(given.iter().all(|&g| g <= 4));
    }

    #[test]
    fn lanes_join_what_they_link() {
        assert_eq!(glyph(DOWN | RIGHT), '╭');
        assert_eq!(glyph(UP | RIGHT), '╰');
        assert_eq!(glyph(UP | DOWN), '│');
        assert_eq!(glyph(LEFT | RIGHT | DOWN), '┬');
        assert_eq!(glyph(UP | DOWN | LEFT | RIGHT), '┼');
    }
}
