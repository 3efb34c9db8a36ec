//! The timeline: a topic's dated claims on a date axis — each figure as its interval on a value
//! axis, each stance in its lane — labelled with the source; superseded claims dimmed and
//! linked by an arrow to what replaced them; the topic's window shown; undated claims listed
//! apart, under the drawing.

use rustc_hash::FxHashMap as HashMap;

use crate::export::html::svg::{self, Linear, WIDTH};
use crate::export::html::writer::{Html, put};
use crate::export::html::{Drawn, figures_label};
use crate::format;
use crate::model::{Date, Stance, Topic};

const X0: f64 = 92.0;
const X1: f64 = WIDTH - 170.0;
const TOP: f64 = 30.0;
/// Same-day claims stand side by side, this far apart.
const BESIDE: f64 = 14.0;

/// The timeline of these claims, then the undated ones; nothing when none is dated.
pub fn draw(h: &mut Html, topic: &Topic, claims: &[Drawn<'_, '_>]) {
    let (dated, undated): (Vec<&Drawn>, Vec<&Drawn>) =
        claims.iter().partition(|c| c.row.date.is_some());
    if !dated.is_empty() {
        drawing(h, topic, &dated);
    }
    if !undated.is_empty() {
        put!(h; "<p class=\"undated\"><strong>" (format::UNDATED) "</strong>, not on the timeline: ");
        for (i, c) in undated.iter().enumerate() {
            if i > 0 {
                put!(h; "; ");
            }
            put!(h; "<a href=\"#claim-" (c.row.claim.id) "\">" (c.short) "</a> " (c.figure));
        }
        put!(h; "</p>\n");
    }
}

fn drawing(h: &mut Html, topic: &Topic, dated: &[&Drawn<'_, '_>]) {
    let days: Vec<i64> = dated
        .iter()
        .filter_map(|c| c.row.date.map(Date::days))
        .collect();
    let (first, last) = (
        days.iter().copied().min().unwrap_or(0),
        days.iter().copied().max().unwrap_or(0),
    );
    let pad = ((last - first) / 12).max(2);
    let (lo, hi) = (first - pad, last + pad);
    let x = Linear::new(lo as f64, hi as f64, X0, X1);
    let numeric = topic.is_numeric();
    let plot = if numeric { 190.0 } else { 108.0 };
    let axis = TOP + plot;
    let height = axis + 30.0;
    let label = figures_label("Timeline", dated, topic.unit.as_deref());
    put!(h;
        "<figure class=\"chart timeline\">\n<svg class=\"timeline\" viewBox=\"0 0 " (WIDTH) " " (height)
        "\" width=\"" (WIDTH) "\" height=\"" (height) "\" role=\"img\" aria-label=\"" (label)
        "\">\n<title>" (label) "</title>\n"
    );
    if let Some(days) = topic.window {
        window(h, &x, dated, days, plot);
    }
    // Date ticks and grid.
    for t in svg::date_ticks(lo, hi) {
        let at = x.at(t as f64);
        put!(h;
            "<line class=\"grid\" x1=\"" (at) "\" y1=\"" (TOP) "\" x2=\"" (at) "\" y2=\"" (axis)
            "\"/><line class=\"axis\" x1=\"" (at) "\" y1=\"" (axis) "\" x2=\"" (at) "\" y2=\""
            (axis + 4.0) "\"/><text class=\"tick\" x=\"" (at) "\" y=\"" (axis + 17.0)
            "\" text-anchor=\"middle\">" (Date::from_days(t)) "</text>"
        );
    }
    put!(h; "<line class=\"axis\" x1=\"" (X0) "\" y1=\"" (axis) "\" x2=\"" (X1) "\" y2=\"" (axis) "\"/>\n");
    if numeric {
        let drawn = figures(h, &x, dated, (plot, topic.unit.as_deref()));
        marks(h, &drawn, &[0.0, -14.0, 14.0, -28.0, 28.0]);
        links(h, &drawn);
    } else {
        let drawn = stances(h, &x, dated);
        marks(h, &drawn, &[0.0, -14.0, 14.0]);
        links(h, &drawn);
    }
    put!(h; "</svg>\n<figcaption>Timeline: each claim at its date (stated, else its report’s), ");
    if numeric {
        put!(h; "its figure as an interval (◆ exact, an arrow an open end)");
    } else {
        put!(h; "in the lane of its stance (▲ affirms, ▼ denies, ○ unconfirmed)");
    }
    put!(h; "; hatched and dashed: superseded, with an arrow to the claim that replaced it");
    if let Some(days) = topic.window {
        put!(h; "; the shaded band and the bracket above it: the " (format::window(days))
            " before the latest claim — claims further apart are not compared");
    }
    put!(h; ".</figcaption>\n</figure>\n");
}

/// The topic's window, as a band reaching back from the latest current claim.
fn window(h: &mut Html, x: &Linear, dated: &[&Drawn<'_, '_>], days: u32, plot: f64) {
    let latest = dated
        .iter()
        .filter(|c| !c.superseded())
        .filter_map(|c| c.row.date.map(Date::days))
        .max();
    let Some(latest) = latest else {
        return;
    };
    let (from, to) = (
        x.at((latest - i64::from(days)) as f64).max(X0),
        x.at(latest as f64),
    );
    put!(h;
        "<g class=\"window\"><title>" (format::window(days)) "</title><rect x=\"" (from) "\" y=\"" (TOP)
        "\" width=\"" ((to - from).max(1.0)) "\" height=\"" (plot) "\"/><line x1=\"" (from) "\" y1=\""
        (TOP - 8.0) "\" x2=\"" (to) "\" y2=\"" (TOP - 8.0) "\"/><line x1=\"" (to) "\" y1=\"" (TOP - 12.0)
        "\" x2=\"" (to) "\" y2=\"" (TOP - 4.0) "\"/><text x=\"" (to) "\" y=\"" (TOP - 13.0)
        "\" text-anchor=\"end\">" (format::window(days)) "</text></g>\n"
    );
}

/// The x of each claim: its date, moved aside when others share the day.
fn xs(x: &Linear, dated: &[&Drawn<'_, '_>]) -> Vec<f64> {
    let mut on_day: HashMap<i64, usize> = HashMap::default();
    dated
        .iter()
        .map(|c| {
            let day = c.row.date.map(Date::days).unwrap_or(0);
            let k = on_day.entry(day).or_insert(0);
            *k += 1;
            x.at(day as f64) + (*k - 1) as f64 * BESIDE
        })
        .collect()
}

/// How a claim is drawn.
enum Shape {
    /// A closed interval, top to bottom.
    Bar(f64, f64),
    /// An exact figure.
    Point,
    /// An open interval from its closed end to the edge of the plot.
    Open(f64, f64),
    Stance(Stance),
}

/// A claim's mark: where (its x and middle), and how.
struct Mark<'a, 'r> {
    claim: &'a Drawn<'a, 'r>,
    x: f64,
    mid: f64,
    shape: Shape,
}

/// Figures as vertical intervals on a value axis.
fn figures<'a, 'r>(
    h: &mut Html,
    x: &Linear,
    dated: &[&'a Drawn<'a, 'r>],
    (plot, unit): (f64, Option<&str>),
) -> Vec<Mark<'a, 'r>> {
    let Some((lo, hi, step)) = svg::value_domain(dated.iter().filter_map(|c| c.row.interval))
    else {
        return Vec::new();
    };
    if let Some(unit) = unit {
        put!(h; "<text class=\"unit\" x=\"" (X0 - 6.0) "\" y=\"" (TOP - 12.0) "\" text-anchor=\"end\">"
            (unit) "</text>");
    }
    let (top, bottom) = (TOP + 10.0, TOP + plot - 10.0);
    let y = Linear::new(lo, hi, bottom, top);
    for t in svg::ticks(lo, hi, step) {
        put!(h;
            "<line class=\"grid\" x1=\"" (X0) "\" y1=\"" (y.at(t)) "\" x2=\"" (X1) "\" y2=\"" (y.at(t))
            "\"/><text class=\"tick\" x=\"" (X0 - 6.0) "\" y=\"" (y.at(t) + 4.0) "\" text-anchor=\"end\">"
            (format::number(t)) "</text>"
        );
    }
    put!(h; "\n");
    dated
        .iter()
        .zip(xs(x, dated))
        .filter_map(|(&claim, cx)| {
            let interval = claim.row.interval?;
            let (mid, shape) = match (interval.low, interval.high) {
                (Some(low), Some(high)) if high > low => {
                    let (y0, y1) = (y.at(high), y.at(low));
                    ((y0 + y1) / 2.0, Shape::Bar(y0, y1))
                }
                (Some(v), Some(_)) => (y.at(v), Shape::Point),
                (Some(low), None) => (y.at(low), Shape::Open(y.at(low), TOP + 1.0)),
                (None, Some(high)) => (y.at(high), Shape::Open(y.at(high), TOP + plot - 1.0)),
                (None, None) => return None,
            };
            Some(Mark {
                claim,
                x: cx,
                mid,
                shape,
            })
        })
        .collect()
}

/// Stances in three lanes: ▲ affirms, ○ unconfirmed, ▼ denies.
fn stances<'a, 'r>(h: &mut Html, x: &Linear, dated: &[&'a Drawn<'a, 'r>]) -> Vec<Mark<'a, 'r>> {
    const LANES: [Stance; 3] = [Stance::Affirms, Stance::Unconfirmed, Stance::Denies];
    let lane =
        |s: Stance| TOP + 18.0 + 36.0 * LANES.iter().position(|&l| l == s).unwrap_or(1) as f64;
    for s in LANES {
        put!(h;
            "<line class=\"grid\" x1=\"" (X0) "\" y1=\"" (lane(s)) "\" x2=\"" (X1) "\" y2=\"" (lane(s))
            "\"/><text class=\"tick\" x=\"" (X0 - 6.0) "\" y=\"" (lane(s) + 4.0) "\" text-anchor=\"end\">"
            (s.as_str()) "</text>"
        );
    }
    put!(h; "\n");
    dated
        .iter()
        .zip(xs(x, dated))
        .filter_map(|(&claim, cx)| {
            let stance = claim.row.stance()?;
            Some(Mark {
                claim,
                x: cx,
                mid: lane(stance),
                shape: Shape::Stance(stance),
            })
        })
        .collect()
}

/// Each mark in its group with its `<title>` and its label, the labels placed left to right so
/// that none covers another.
fn marks(h: &mut Html, marks: &[Mark<'_, '_>], shifts: &[f64]) {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by(|&a, &b| marks[a].x.total_cmp(&marks[b].x));
    // Labels start right of the last mark of their day (in their lane, for stances), clear of
    // the marks beside them.
    let key = |m: &Mark<'_, '_>| match m.shape {
        Shape::Stance(s) => (m.claim.row.date, Some(s)),
        _ => (m.claim.row.date, None),
    };
    let mut day_ends: HashMap<(Option<Date>, Option<Stance>), f64> = HashMap::default();
    for m in marks {
        let end = day_ends.entry(key(m)).or_insert(m.x);
        *end = end.max(m.x);
    }
    let mut labels = svg::Labels::default();
    let mut at = vec![(0.0, 0.0); marks.len()];
    for (k, &i) in order.iter().enumerate() {
        let m = &marks[i];
        let ahead = order[k + 1..]
            .iter()
            .take(64)
            .map(|&j| (marks[j].x, marks[j].mid));
        let x = day_ends.get(&key(m)).copied().unwrap_or(m.x) + 9.0;
        at[i] = labels.place((x, m.mid), &m.claim.short, shifts, ahead);
    }
    for (m, (lx, ly)) in marks.iter().zip(at) {
        put!(h; "<g class=\"" (m.claim.class()) "\"><title>" (m.claim.title) "</title>");
        let (cx, y) = (m.x, m.mid);
        match m.shape {
            Shape::Bar(top, bottom) => put!(h;
                "<rect class=\"bar\" x=\"" (cx - 3.0) "\" y=\"" (top) "\" width=\"6\" height=\""
                ((bottom - top).max(3.0)) "\"/>"),
            Shape::Point => svg::diamond(h, cx, y, "point"),
            Shape::Open(from, to) => open(h, cx, from, to),
            Shape::Stance(Stance::Affirms) => {
                put!(h; "<path class=\"point\" d=\"M" (cx) "," (y - 6.0) "l6,11h-12z\"/>");
            }
            Shape::Stance(Stance::Denies) => {
                put!(h; "<path class=\"point\" d=\"M" (cx) "," (y + 6.0) "l6,-11h-12z\"/>");
            }
            Shape::Stance(Stance::Unconfirmed) => {
                put!(h; "<circle class=\"point hollow\" cx=\"" (cx) "\" cy=\"" (y) "\" r=\"5\"/>");
            }
        }
        if ly != y {
            // A label moved off its mark's middle: a hair line says whose it is.
            put!(h; "<line class=\"leader\" x1=\"" (cx + 4.0) "\" y1=\"" (y) "\" x2=\"" (lx - 1.0)
                "\" y2=\"" (ly - 4.0) "\"/>");
        }
        put!(h; "<text class=\"label\" x=\"" (lx) "\" y=\"" (ly + 4.0) "\">" (m.claim.short)
            "</text></g>\n");
    }
}

/// An open interval from its closed end `from` to the edge `to`, with an arrow there.
fn open(h: &mut Html, x: f64, from: f64, to: f64) {
    put!(h;
        "<line class=\"end\" x1=\"" (x - 6.0) "\" y1=\"" (from) "\" x2=\"" (x + 6.0) "\" y2=\"" (from)
        "\"/><line class=\"open\" x1=\"" (x) "\" y1=\"" (from) "\" x2=\"" (x) "\" y2=\"" (to)
        "\" marker-end=\"url(#cc-open)\"/>"
    );
}

/// An arrow from each superseded claim to the claim that replaced it, when both are drawn.
fn links(h: &mut Html, marks: &[Mark<'_, '_>]) {
    let at: HashMap<&str, (f64, f64)> = marks
        .iter()
        .map(|m| (m.claim.row.claim.id.as_str(), (m.x, m.mid)))
        .collect();
    for m in marks {
        let Some(by) = m.claim.row.superseded_by_id() else {
            continue;
        };
        let Some(&(x1, y1)) = at.get(by) else {
            continue;
        };
        let (x0, y0) = (m.x, m.mid);
        // Stop short of the mark it points at.
        let (dx, dy) = (x1 - x0, y1 - y0);
        let length = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ex, ey) = (x1 - dx / length * 9.0, y1 - dy / length * 9.0);
        put!(h;
            "<g class=\"link\"><title>" (m.claim.row.claim.id) " " (format::superseded_by(by))
            "</title><path d=\"M" (x0) "," (y0) "L" (ex) "," (ey) "\" marker-end=\"url(#cc-link)\"/></g>\n"
        );
    }
}
