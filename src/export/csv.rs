//! The review summary as CSV: one row per claim, RFC 4180 quoting, and text cells that a
//! spreadsheet would run as a formula prefixed with `'` (OWASP CSV injection).

use crate::export::json::{number, rounded_spread};
use crate::export::{Options, selection};
use crate::review::Review;

pub const COLUMNS: [&str; 23] = [
    "topic",
    "question",
    "unit",
    "verdict",
    "spread",
    "claim",
    "report",
    "source",
    "source_name",
    "reliability",
    "credibility",
    "via",
    "quote",
    "stated",
    "form",
    "value",
    "low",
    "high",
    "stance",
    "status",
    "note",
    "reviewer",
    "decided_at",
];

/// A cell: text (guarded against formulas) or a plain number.
enum Cell {
    Text(String),
    Number(Option<f64>),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(s: Option<impl Into<String>>) -> Cell {
    Cell::Text(s.map(Into::into).unwrap_or_default())
}

impl Cell {
    fn render(self) -> String {
        match self {
            Cell::Text(s) => {
                let s = crate::sanitize::line(&s).into_owned();
                if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{s}")
                } else {
                    s
                }
            }
            Cell::Number(n) => n.map(|v| number(v).to_string()).unwrap_or_default(),
        }
    }
}

pub fn to_string(review: &Review, options: &Options) -> String {
    let model = &review.model;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for (t, claims) in selection(review, options.only) {
        let topic = &model.topics[t];
        let analysis = &review.analysis.topics[t];
        for c in claims {
            let claim = &model.claims[c];
            let source = &model.sources[claim.source];
            let decision = review.decision(c);
            let figure = claim.figure();
            let interval = figure.map(|f| f.interval(topic.tolerance));
            let via: Vec<&str> = claim
                .via
                .iter()
                .map(|&s| model.sources[s].id.as_str())
                .collect();
            let row = [
                text(&topic.id),
                text(&topic.question),
                opt(topic.unit.as_deref()),
                text(analysis.verdict.as_str()),
                Cell::Number(analysis.spread.map(rounded_spread)),
                text(&claim.id),
                text(&model.reports[claim.report].id),
                text(&source.id),
                text(&source.name),
                opt(source.reliability.map(|r| r.letter())),
                Cell::Number(claim.credibility.map(f64::from)),
                text(via.join(" > ")),
                text(&claim.quote),
                opt(claim.stated.map(|d| d.to_string())),
                opt(figure.map(|f| f.form())),
                Cell::Number(figure.and_then(|f| f.value())),
                Cell::Number(interval.and_then(|i| i.low)),
                Cell::Number(interval.and_then(|i| i.high)),
                opt(claim.stance().map(|s| s.as_str())),
                text(review.status(c).as_str()),
                opt(decision.and_then(|d| d.note.clone())),
                opt(decision.map(|d| d.reviewer.clone())),
                opt(decision.map(|d| d.at.to_string())),
            ];
            let _ = writer.write_record(row.map(Cell::render));
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_text_is_prefixed_and_numbers_stay_plain() {
        assert_eq!(text("=HYPERLINK(\"x\")").render(), "'=HYPERLINK(\"x\")");
        assert_eq!(text("-2+3").render(), "'-2+3");
        assert_eq!(text("@SUM(A1)").render(), "'@SUM(A1)");
        assert_eq!(text("+1").render(), "'+1");
        assert_eq!(text("plain").render(), "plain");
        assert_eq!(Cell::Number(Some(-5.0)).render(), "-5");
        assert_eq!(Cell::Number(Some(0.0833)).render(), "0.0833");
        assert_eq!(Cell::Number(None).render(), "");
    }
}
