//! The JSON summary of format 2: totals, then every topic with its verdict, spread, origins and
//! window, and its claims — drafts and superseded ones included — with their time, independence
//! and decisions.

use serde::Serialize;
use smallvec::SmallVec;

use crate::export::pretty::{Pretty, key};
use crate::export::row::{ClaimRow, rounded_spread};
use crate::export::{Options, selection};
use crate::format::Ascii;
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
        serializer.collect_seq(self.claims.iter().map(|&c| OneClaim(self.review, c)))
    }
}

/// One claim of a topic, made into its JSON form as it is written.
struct OneClaim<'a>(&'a Review, usize);

impl Serialize for OneClaim<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ClaimOut::new(&ClaimRow::new(self.0, self.1)).serialize(serializer)
    }
}

#[derive(Serialize)]
struct ClaimOut<'a, 'd> {
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
    via: SmallVec<[&'a str; 2]>,
    quote: &'a str,
    stated: Option<Ascii<10>>,
    date: Option<Ascii<10>>,
    draft: bool,
    supersedes: SmallVec<[&'a str; 1]>,
    superseded_by: Option<&'a str>,
    figure: Option<FigureOut>,
    stance: Option<&'static str>,
    /// Of the decision in force: a stale decision never is.
    status: &'static str,
    note: Option<&'a str>,
    reviewer: Option<&'a str>,
    decided_at: Option<Ascii<20>>,
    stale: bool,
    fingerprint: Ascii<16>,
    decisions: DecisionsOut<'d, 'a>,
}

/// Each reviewer's last decision on a claim, with whether it is stale, each turned into its
/// JSON form only as it is written.
struct DecisionsOut<'d, 'a>(&'d [(Decided<'a>, bool)]);

impl<'a> DecisionsOut<'_, 'a> {
    fn each(&self) -> impl Iterator<Item = DecisionOut<'a>> {
        self.0
            .iter()
            .map(|(d, stale)| DecisionOut::new(d, Some(*stale)))
    }
}

impl Serialize for DecisionsOut<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.each())
    }
}

/// One reviewer's last decision on a claim, as the JSON outputs write it (the summary, and
/// `agreement`'s disagreements).
#[derive(Serialize)]
pub struct DecisionOut<'a> {
    reviewer: &'a str,
    status: &'static str,
    note: Option<&'a str>,
    at: Ascii<20>,
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

impl<'a, 'd> ClaimOut<'a, 'd> {
    fn new(row: &'d ClaimRow<'a>) -> Self {
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
            decisions: DecisionsOut(&row.decisions),
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
    let batches = topics
        .chunks(TOPICS_PER_BATCH)
        .enumerate()
        .collect::<Vec<_>>();
    // Each batch is written whole, in one call, and its buffer is handed back to be filled
    // again: a summary's 160 MB are neither copied once more nor faulted into fresh memory.
    let spare = std::sync::Mutex::new(Vec::new());
    let take = || spare.lock().map(|mut s| s.pop()).ok().flatten();
    let mut put = |json: Vec<u8>| -> std::io::Result<()> {
        out.write_all(&json)?;
        if let Ok(mut spare) = spare.lock() {
            spare.push(json);
        }
        Ok(())
    };
    crate::parallel::in_order_on_both_cores(
        &batches,
        |&(i, batch)| batch_json(i == 0, batch, take().unwrap_or_default()),
        &mut put,
    )?;
    out.write_all(if topics.is_empty() {
        b"]\n}\n"
    } else {
        b"\n  ]\n}\n"
    })
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

/// How many topics each piece of work makes: about half a megabyte of JSON, which is still in
/// the core's cache when it is copied out to be written (batches eight times larger made the
/// export's JSON a fifth slower to write out).
const TOPICS_PER_BATCH: usize = 32;

/// Topics as JSON laid out where they go (two levels in), each after the separator that goes
/// before it (`first`: the batch begins the list), written into `json` (cleared first).
fn batch_json(first: bool, topics: &[TopicOut<'_>], mut json: Vec<u8>) -> std::io::Result<Vec<u8>> {
    json.clear();
    // Room for what a claim usually takes (about 1.6 kB), so that the batch is not copied
    // again each time it doubles.
    let claims: usize = topics.iter().map(|t| t.claims.claims.len()).sum();
    json.reserve(256 + claims * 1800);
    for (i, topic) in topics.iter().enumerate() {
        json.extend_from_slice(if first && i == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        write_topic(&mut Pretty::at(&mut json, 2), topic)?;
    }
    Ok(json)
}

/// A topic as serde_json's pretty printer writes a [`TopicOut`], written by hand (see
/// `export::pretty`; the tests compare the two).
fn write_topic(p: &mut Pretty<'_>, topic: &TopicOut<'_>) -> std::io::Result<()> {
    p.open(b'{');
    p.key(true, key!("id"));
    p.str(topic.id);
    p.key(false, key!("question"));
    p.str(topic.question);
    p.key(false, key!("unit"));
    p.opt_str(topic.unit);
    p.key(false, key!("verdict"));
    p.ascii(topic.verdict);
    p.key(false, key!("spread"));
    p.value(&topic.spread)?;
    p.key(false, key!("origins"));
    p.uint(topic.origins as u64);
    p.key(false, key!("window"));
    p.opt_uint(topic.window.map(u64::from));
    p.key(false, key!("claims"));
    p.open(b'[');
    let (review, claims) = (topic.claims.review, &topic.claims.claims);
    for (i, &c) in claims.iter().enumerate() {
        review.prefetch(claims, i);
        p.item(i == 0);
        let row = ClaimRow::new(review, c);
        write_claim(p, &ClaimOut::new(&row))?;
    }
    p.close(b']');
    p.close(b'}');
    Ok(())
}

/// A claim as serde_json's pretty printer writes a [`ClaimOut`].
fn write_claim(p: &mut Pretty<'_>, c: &ClaimOut<'_, '_>) -> std::io::Result<()> {
    let strs = |p: &mut Pretty<'_>, items: &[&str]| {
        p.open(b'[');
        for (i, item) in items.iter().enumerate() {
            p.item(i == 0);
            p.str(item);
        }
        p.close(b']');
    };
    p.open(b'{');
    p.key(true, key!("id"));
    p.str(c.id);
    p.key(false, key!("report"));
    p.str(c.report);
    p.key(false, key!("source"));
    p.str(c.source);
    p.key(false, key!("source_name"));
    p.str(c.source_name);
    p.key(false, key!("origin"));
    p.str(c.origin);
    p.key(false, key!("reliability"));
    p.opt_ascii(c.reliability);
    p.key(false, key!("credibility"));
    p.opt_uint(c.credibility.map(u64::from));
    p.key(false, key!("suggested_credibility"));
    p.opt_uint(c.suggested_credibility.map(u64::from));
    p.key(false, key!("corroborated_by"));
    p.opt_uint(c.corroborated_by.map(|n| n as u64));
    p.key(false, key!("contradicted_by"));
    p.opt_uint(c.contradicted_by.map(|n| n as u64));
    p.key(false, key!("via"));
    strs(p, &c.via);
    p.key(false, key!("quote"));
    p.str(c.quote);
    p.key(false, key!("stated"));
    p.opt_made(c.stated.as_ref());
    p.key(false, key!("date"));
    p.opt_made(c.date.as_ref());
    p.key(false, key!("draft"));
    p.bool(c.draft);
    p.key(false, key!("supersedes"));
    strs(p, &c.supersedes);
    p.key(false, key!("superseded_by"));
    p.opt_str(c.superseded_by);
    p.key(false, key!("figure"));
    match &c.figure {
        Some(f) => {
            p.open(b'{');
            p.key(true, key!("form"));
            p.ascii(f.form);
            p.key(false, key!("value"));
            p.value(&f.value)?;
            p.key(false, key!("low"));
            p.value(&f.low)?;
            p.key(false, key!("high"));
            p.value(&f.high)?;
            p.close(b'}');
        }
        None => p.null(),
    }
    p.key(false, key!("stance"));
    p.opt_ascii(c.stance);
    p.key(false, key!("status"));
    p.ascii(c.status);
    p.key(false, key!("note"));
    p.opt_str(c.note);
    p.key(false, key!("reviewer"));
    p.opt_str(c.reviewer);
    p.key(false, key!("decided_at"));
    p.opt_made(c.decided_at.as_ref());
    p.key(false, key!("stale"));
    p.bool(c.stale);
    p.key(false, key!("fingerprint"));
    p.made(&c.fingerprint);
    p.key(false, key!("decisions"));
    p.open(b'[');
    for (i, d) in c.decisions.each().enumerate() {
        p.item(i == 0);
        p.open(b'{');
        p.key(true, key!("reviewer"));
        p.str(d.reviewer);
        p.key(false, key!("status"));
        p.ascii(d.status);
        p.key(false, key!("note"));
        p.opt_str(d.note);
        p.key(false, key!("at"));
        p.made(&d.at);
        if let Some(stale) = d.stale {
            p.key(false, key!("stale"));
            p.bool(stale);
        }
        p.close(b'}');
    }
    p.close(b']');
    p.close(b'}');
    Ok(())
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

    /// The fixtures with journals (decisions, notes, stale ones, every figure form, hostile
    /// text), written by hand, byte for byte as serde_json writes them.
    #[test]
    fn topics_written_by_hand_are_what_serde_json_writes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let sets = [
            (
                "tests/fixtures/exports-v2",
                "tests/fixtures/exports-v2/review.toml",
            ),
            ("data", "tests/fixtures/agreement/review.toml"),
            (
                "tests/fixtures/html/hostile",
                "tests/fixtures/html/hostile/review.toml",
            ),
        ];
        for (dir, journal) in sets {
            let (dir, journal) = (root.join(dir), root.join(journal));
            let seen = crate::session::inspect(std::slice::from_ref(&dir), &journal);
            let review = seen
                .review
                .unwrap_or_else(|| panic!("{}: {:?}", dir.display(), seen.diagnostics));
            assert!(review.decided().count() > 0, "{}", dir.display());
            let options = Options::default();
            let (by_hand, by_serde) = (
                crate::export::render(&review, crate::export::Format::Json, &options),
                whole(&review, &options),
            );
            assert_eq!(by_hand, by_serde, "{}", dir.display());
        }
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
            let written = crate::export::render(&review, crate::export::Format::Json, &options);
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
