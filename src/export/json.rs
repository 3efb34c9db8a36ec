//! The JSON summary of format 2: totals, then every topic with its verdict, spread, origins and
//! window, and its claims — drafts and superseded ones included — with their time, independence
//! and decisions.

use serde::Serialize;

use crate::export::row::{ClaimRow, rounded_spread};
use crate::export::{Options, selection};
use crate::review::{Decided, Review};

/// The summary's totals, as a whole summary's JSON nests them.
#[derive(Serialize)]
struct Head {
    totals: Totals,
}

#[derive(Serialize)]
struct Totals {
    reports: usize,
    sources: usize,
    topics: usize,
    claims: usize,
    conflicts: usize,
    verified: usize,
    disputed: usize,
    unreviewed: usize,
    drafts: usize,
    superseded: usize,
    /// Claims whose last decision is stale.
    stale: usize,
}

#[derive(Serialize)]
struct TopicOut<'a> {
    id: &'a str,
    question: &'a str,
    unit: Option<&'a str>,
    verdict: &'static str,
    spread: Option<f64>,
    origins: usize,
    window: Option<u32>,
    claims: ClaimsOut<'a>,
}

/// A topic's claims, each turned into its JSON form only as it is written (a summary of 100k
/// claims is never held whole).
struct ClaimsOut<'a> {
    review: &'a Review,
    claims: Vec<usize>,
}

impl Serialize for ClaimsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.claims
                .iter()
                .map(|&c| ClaimOut::new(&ClaimRow::new(self.review, c))),
        )
    }
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    report: &'a str,
    source: &'a str,
    source_name: &'a str,
    origin: &'a str,
    reliability: Option<&'static str>,
    credibility: Option<u8>,
    suggested_credibility: Option<u8>,
    corroborated_by: Option<usize>,
    contradicted_by: Option<usize>,
    via: Vec<&'a str>,
    quote: &'a str,
    stated: Option<String>,
    date: Option<String>,
    draft: bool,
    supersedes: Vec<&'a str>,
    superseded_by: Option<&'a str>,
    figure: Option<FigureOut>,
    stance: Option<&'static str>,
    /// Of the decision in force: a stale decision never is.
    status: &'static str,
    note: Option<&'a str>,
    reviewer: Option<&'a str>,
    decided_at: Option<String>,
    stale: bool,
    fingerprint: String,
    decisions: Vec<DecisionOut<'a>>,
}

/// One reviewer's last decision on a claim, as the JSON outputs write it (the summary, and
/// `agreement`'s disagreements).
#[derive(Serialize)]
pub struct DecisionOut<'a> {
    reviewer: &'a str,
    status: &'static str,
    note: Option<&'a str>,
    at: String,
    /// Whether it is stale; absent where only current judgements are listed (`agreement`).
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<bool>,
}

#[derive(Serialize)]
struct FigureOut {
    form: &'static str,
    value: Option<serde_json::Number>,
    low: Option<serde_json::Number>,
    high: Option<serde_json::Number>,
}

/// Whole numbers print as integers (`12000`, not `12000.0`).
pub fn number(v: f64) -> serde_json::Number {
    const EXACT_INT: f64 = 9_007_199_254_740_992.0; // 2^53
    if v.fract() == 0.0 && v.abs() <= EXACT_INT {
        serde_json::Number::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

impl<'a> ClaimOut<'a> {
    fn new(row: &ClaimRow<'a>) -> Self {
        let figure = row.figure().map(|f| FigureOut {
            form: f.form(),
            value: f.value().map(number),
            low: row.low().map(number),
            high: row.high().map(number),
        });
        ClaimOut {
            id: &row.claim.id,
            report: &row.report.id,
            source: &row.source.id,
            source_name: &row.source.name,
            origin: &row.origin.id,
            reliability: row.reliability(),
            credibility: row.claim.credibility,
            suggested_credibility: row.suggested_credibility(),
            corroborated_by: row.corroborated_by(),
            contradicted_by: row.contradicted_by(),
            via: row.via_ids().collect(),
            quote: &row.claim.quote,
            stated: row.stated(),
            date: row.date(),
            draft: row.is_draft(),
            supersedes: row.supersedes_ids().collect(),
            superseded_by: row.superseded_by_id(),
            figure,
            stance: row.stance().map(|s| s.as_str()),
            status: row.status.as_str(),
            note: row.note(),
            reviewer: row.reviewer(),
            decided_at: row.decided_at(),
            stale: row.is_stale(),
            fingerprint: row.fingerprint(),
            decisions: row
                .decisions
                .iter()
                .map(|&(d, stale)| DecisionOut::new(&d, Some(stale)))
                .collect(),
        }
    }
}

impl<'a> DecisionOut<'a> {
    pub fn new(d: &Decided<'a>, stale: Option<bool>) -> Self {
        DecisionOut {
            reviewer: d.reviewer,
            status: d.status.as_str(),
            note: d.note,
            at: crate::format::timestamp(d.at),
            stale,
        }
    }
}

/// The summary as pretty-printed JSON, ending in a newline.
pub fn to_string(review: &Review, options: &Options) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and serde_json writes UTF-8.
    let _ = write(review, options, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The summary as pretty-printed JSON, ending in a newline, written as it is made.
pub fn write(
    review: &Review,
    options: &Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let (head, topics) = (head(review), topics(review, options));
    // The JSON of `{"totals": …, "topics": [topic, …]}` pretty-printed, written piece by piece:
    // the topics are made on both cores, a batch at a time, each at the top level and indented
    // into place as it is written (raw line breaks in JSON are only ever its layout).
    let head = serde_json::to_vec_pretty(&head).map_err(std::io::Error::from)?;
    // `{\n  "totals": {…}\n}` without its closing line.
    let head = head.strip_suffix(b"\n}").unwrap_or(&head);
    out.write_all(head)?;
    out.write_all(b",\n  \"topics\": [")?;
    let batches = topics.chunks(TOPICS_PER_BATCH).collect::<Vec<_>>();
    let mut first = true;
    let mut put = |(json, ends): (Vec<u8>, Vec<usize>)| -> std::io::Result<()> {
        let mut start = 0;
        for end in ends {
            out.write_all(if first { b"\n    " } else { b",\n    " })?;
            first = false;
            out.write_all(&json[start..end])?;
            start = end;
        }
        Ok(())
    };
    crate::export::in_order_on_both_cores(&batches, |batch| batch_json(batch), &mut put)?;
    out.write_all(if first { b"]\n}\n" } else { b"\n  ]\n}\n" })
}

/// The totals, as the summary begins.
fn head(review: &Review) -> Head {
    let model = &review.model;
    let progress = review.progress();
    Head {
        totals: Totals {
            reports: model.reports.len(),
            sources: model.sources.len(),
            topics: model.topics.len(),
            claims: model.claims.len(),
            conflicts: review.analysis.conflicts(),
            verified: progress.verified,
            disputed: progress.disputed,
            unreviewed: progress.unreviewed,
            drafts: model.claims.iter().filter(|c| c.draft).count(),
            superseded: review.analysis.superseded(),
            stale: review.stale_count(),
        },
    }
}

/// The topics listed, each with its claims.
fn topics<'r>(review: &'r Review, options: &Options) -> Vec<TopicOut<'r>> {
    let model = &review.model;
    selection(review, options.only)
        .into_iter()
        .map(|(t, claims)| (&model.topics[t], &review.analysis.topics[t], claims))
        .map(|(topic, analysis, claims)| TopicOut {
            id: &topic.id,
            question: &topic.question,
            unit: topic.unit.as_deref(),
            verdict: analysis.verdict.as_str(),
            spread: analysis.spread.map(rounded_spread),
            origins: analysis.origins,
            window: topic.window,
            claims: ClaimsOut { review, claims },
        })
        .collect()
}

/// How many topics each piece of work makes (a few MB of JSON at most).
const TOPICS_PER_BATCH: usize = 256;

/// Topics as JSON laid out where they go (two levels in), one after another, and where each
/// ends.
fn batch_json(topics: &[TopicOut<'_>]) -> std::io::Result<(Vec<u8>, Vec<usize>)> {
    let mut json = Vec::new();
    let mut ends = Vec::with_capacity(topics.len());
    for topic in topics.iter() {
        let mut serializer = serde_json::Serializer::with_formatter(&mut json, Pretty::at(2));
        topic
            .serialize(&mut serializer)
            .map_err(std::io::Error::from)?;
        ends.push(json.len());
    }
    Ok((json, ends))
}

/// serde_json's pretty layout (two spaces a level, as `to_writer_pretty` writes), for a value
/// that starts `depth` levels in, each line's indentation written at once.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Self {
        Pretty {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        let mut n = 2 * self.depth;
        while n > 0 {
            let k = n.min(SPACES.len());
            out.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        _out: &mut W,
    ) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::tiny_model;

    /// The summary as one value, pretty-printed whole: what `write` writes piece by piece.
    fn whole(review: &Review, options: &Options) -> String {
        #[derive(Serialize)]
        struct Whole<'a> {
            #[serde(flatten)]
            head: Head,
            topics: Vec<TopicOut<'a>>,
        }
        let mut out = serde_json::to_string_pretty(&Whole {
            head: head(review),
            topics: topics(review, options),
        })
        .unwrap();
        out.push('\n');
        out
    }

    #[test]
    fn topics_made_in_batches_on_both_cores_are_laid_out_as_one_summary() {
        for topics in [0, 1, 2, TOPICS_PER_BATCH, 2 * TOPICS_PER_BATCH + 3] {
            let mut model = tiny_model();
            let (topic, claim) = (model.topics[0].clone(), model.claims[0].clone());
            model.topics.clear();
            model.claims.clear();
            for t in 0..topics {
                model.topics.push(crate::model::Topic {
                    id: format!("t{t}"),
                    ..topic.clone()
                });
                for c in 0..2 {
                    model.claims.push(crate::model::Claim {
                        id: format!("c{t}-{c}"),
                        topic: t,
                        quote: format!("line\nbreak \"{t}\""),
                        ..claim.clone()
                    });
                }
            }
            let review = Review::new(model);
            let options = Options::default();
            let written = to_string(&review, &options);
            assert_eq!(written, whole(&review, &options), "{topics} topics");
            assert!(written.ends_with("}\n"));
            if topics == 0 {
                assert!(written.contains("\"topics\": []\n}"), "{written}");
            }
            // Laid out as serde_json lays out one value: every line indented by two spaces a
            // level, no blank lines, one line break at the end.
            assert!(!written.contains("\n\n") && !written.contains(" \n"));
            assert!(written.contains("\n  \"topics\": ["));
            if topics > 0 {
                assert!(
                    written.contains("\n    {\n      \"id\": \"t0\","),
                    "{written}"
                );
                assert!(written.ends_with("\n    }\n  ]\n}\n"));
            }
        }
    }
}
