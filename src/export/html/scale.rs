//! The common scale: each listed figure of a topic as its interval on one value axis, a row per
//! claim labelled with its source. Open ends are arrows, exact figures diamonds; superseded
//! claims are hatched, dashed and dimmed under the claim that replaced them.

use crate::export::html::svg::{self, Linear, WIDTH};
use crate::export::html::writer::{Html, put};
use crate::export::html::{Drawn, figures_label};
use crate::format;

const LABEL_END: f64 = 262.0;
const X0: f64 = 276.0;
const X1: f64 = WIDTH - 24.0;
const TOP: f64 = 8.0;
const ROW: f64 = 24.0;

/// The scale of these claims (those with a figure), `false` when none has one.
pub fn draw(h: &mut Html, claims: &[Drawn<'_, '_>], unit: Option<&str>) -> bool {
    let figures: Vec<&Drawn> = claims.iter().filter(|c| c.row.interval.is_some()).collect();
    let Some((lo, hi, step)) = svg::value_domain(figures.iter().filter_map(|c| c.row.interval))
    else {
        return false;
    };
    let x = Linear::new(lo, hi, X0, X1);
    let axis = TOP + figures.len() as f64 * ROW + 4.0;
    let height = axis + 36.0;
    let label = figures_label("Common scale", &figures, unit);
    put!(h;
        "<figure class=\"chart scale\">\n<svg class=\"scale\" viewBox=\"0 0 " (WIDTH) " " (height)
        "\" width=\"" (WIDTH) "\" height=\"" (height) "\" role=\"img\" aria-label=\"" (label)
        "\">\n<title>" (label) "</title>\n"
    );
    for t in svg::ticks(lo, hi, step) {
        put!(h; "<line class=\"grid\" x1=\"" (x.at(t)) "\" y1=\"" (TOP) "\" x2=\"" (x.at(t))
            "\" y2=\"" (axis) "\"/>");
    }
    put!(h; "\n");
    for (i, claim) in figures.iter().enumerate() {
        let y = TOP + i as f64 * ROW + ROW / 2.0;
        row(h, claim, &x, y);
    }
    put!(h; "<line class=\"axis\" x1=\"" (X0) "\" y1=\"" (axis) "\" x2=\"" (X1) "\" y2=\"" (axis) "\"/>");
    for t in svg::ticks(lo, hi, step) {
        put!(h;
            "<line class=\"axis\" x1=\"" (x.at(t)) "\" y1=\"" (axis) "\" x2=\"" (x.at(t)) "\" y2=\""
            (axis + 4.0) "\"/><text class=\"tick\" x=\"" (x.at(t)) "\" y=\"" (axis + 17.0)
            "\" text-anchor=\"middle\">" (format::number(t)) "</text>"
        );
    }
    if let Some(unit) = unit {
        put!(h; "<text class=\"unit\" x=\"" (X1) "\" y=\"" (axis + 32.0) "\" text-anchor=\"end\">"
            (unit) "</text>");
    }
    put!(h;
        "\n</svg>\n<figcaption>Common scale: each figure as the interval it is compared as (≈ with the topic’s tolerance); ◆ an exact figure, an arrow an open end (at least, at most); hatched and dashed: superseded.</figcaption>\n</figure>\n"
    );
    true
}

/// One claim: its label, then its interval at height `y`.
fn row(h: &mut Html, claim: &Drawn<'_, '_>, x: &Linear, y: f64) {
    let Some(interval) = claim.row.interval else {
        return;
    };
    put!(h; "<g class=\"" (claim.class()) "\"><title>" (claim.title) "</title><text class=\"label\" x=\""
        (LABEL_END) "\" y=\"" (y + 4.0) "\" text-anchor=\"end\">" (claim.short) " · " (claim.figure) "</text>");
    match (interval.low, interval.high) {
        (Some(low), Some(high)) if high > low => {
            let width = (x.at(high) - x.at(low)).max(3.0);
            put!(h; "<rect class=\"bar\" x=\"" (x.at(low)) "\" y=\"" (y - 5.0) "\" width=\"" (width)
                "\" height=\"10\"/>");
        }
        (Some(v), Some(_)) => svg::diamond(h, x.at(v), y, "point"),
        (Some(low), None) => {
            end_tick(h, x.at(low), y);
            put!(h; "<line class=\"open\" x1=\"" (x.at(low)) "\" y1=\"" (y) "\" x2=\"" (X1 + 14.0)
                "\" y2=\"" (y) "\" marker-end=\"url(#cc-open)\"/>");
        }
        (None, Some(high)) => {
            end_tick(h, x.at(high), y);
            put!(h; "<line class=\"open\" x1=\"" (X0 - 10.0) "\" y1=\"" (y) "\" x2=\"" (x.at(high))
                "\" y2=\"" (y) "\" marker-start=\"url(#cc-open)\"/>");
        }
        (None, None) => {}
    }
    put!(h; "</g>\n");
}

/// The closed end of an open interval.
fn end_tick(h: &mut Html, x: f64, y: f64) {
    put!(h; "<line class=\"end\" x1=\"" (x) "\" y1=\"" (y - 6.0) "\" x2=\"" (x) "\" y2=\"" (y + 6.0) "\"/>");
}
