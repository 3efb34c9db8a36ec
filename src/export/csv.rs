//! The review summary as CSV: one row per claim, RFC 4180 quoting, and text cells that a
//! spreadsheet would run as a formula prefixed with `'` (OWASP CSV injection). The columns of
//! format 1 keep their places; format 2's follow them.

use crate::export::json::number;
use crate::export::row::ClaimRow;
use crate::export::{Options, selection};
use crate::review::Review;

pub const COLUMNS: [&str; 31] = [
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
    "origin",
    "date",
    "draft",
    "superseded_by",
    "corroborated_by",
    "contradicted_by",
    "suggested_credibility",
    "stale",
];

/// A cell: text (guarded against formulas) or a plain number.
enum Cell {
    Text(String),
    Number(Option<f64>),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn flag(b: bool) -> Cell {
    text(if b { "true" } else { "false" })
}

fn count(n: Option<usize>) -> Cell {
    Cell::Number(n.map(|n| n as f64))
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
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for (_, claims) in selection(review, options.only) {
        for c in claims {
            let _ = writer.write_record(cells(&ClaimRow::new(review, c)).map(Cell::render));
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The row's cells, in the order of [`COLUMNS`].
fn cells(row: &ClaimRow<'_>) -> [Cell; COLUMNS.len()] {
    let (topic, claim, source) = (row.topic, row.claim, row.source);
    let figure = row.figure();
    [
        text(&topic.id),
        text(&topic.question),
        opt(topic.unit.as_deref()),
        text(row.analysis.verdict.as_str()),
        Cell::Number(row.spread()),
        text(&claim.id),
        text(&row.report.id),
        text(&source.id),
        text(&source.name),
        opt(row.reliability()),
        Cell::Number(claim.credibility.map(f64::from)),
        text(row.via_ids().collect::<Vec<_>>().join(" > ")),
        text(&claim.quote),
        opt(row.stated()),
        opt(figure.map(|f| f.form())),
        Cell::Number(figure.and_then(|f| f.value())),
        Cell::Number(row.low()),
        Cell::Number(row.high()),
        opt(row.stance().map(|s| s.as_str())),
        text(row.status.as_str()),
        opt(row.note()),
        opt(row.reviewer()),
        opt(row.decided_at()),
        text(&row.origin.id),
        opt(row.date()),
        flag(row.is_draft()),
        opt(row.superseded_by_id()),
        count(row.corroborated_by()),
        count(row.contradicted_by()),
        Cell::Number(row.suggested_credibility().map(f64::from)),
        flag(row.is_stale()),
    ]
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
