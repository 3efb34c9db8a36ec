//! One claim as every export reads it: the claim with its topic, report, sources, interval,
//! time and independence, and its decisions — the one in force, a stale one, each reviewer's
//! last — borrowed from the [`Review`] and put together once.

use smallvec::SmallVec;

use crate::analysis::{Independence, Interval, TopicAnalysis};
use crate::decision::Status;
use crate::format::Ascii;
use crate::model::{Claim, Date, Figure, Report, Source, Stance, Topic};
use crate::review::{Decided, Review};

/// The facts of one claim that the exports show, each computed here and nowhere else.
pub struct ClaimRow<'r> {
    pub topic: &'r Topic,
    /// The topic's verdict and spread.
    pub analysis: &'r TopicAnalysis,
    pub claim: &'r Claim,
    pub report: &'r Report,
    pub source: &'r Source,
    /// The relays after the source, nearest first.
    pub via: SmallVec<[&'r Source; 2]>,
    /// The origin of the source (following `part_of`): the source itself when it has none.
    pub origin: &'r Source,
    /// The claim's date: its `stated`, else its report's `published`.
    pub date: Option<Date>,
    /// The claims this one names in `supersedes`.
    pub supersedes: SmallVec<[&'r Claim; 1]>,
    /// The claim that replaced this one (drafts never are replaced).
    pub superseded_by: Option<&'r Claim>,
    /// How other origins stand to it: current claims only (not drafts, not superseded).
    pub independence: Option<Independence>,
    /// The figure's interval, with the topic's tolerance applied to `about`.
    pub interval: Option<Interval>,
    /// The status of the decision in force (`Unreviewed` when there is none or it is stale).
    pub status: Status,
    /// The decision in force: never a stale one.
    pub decision: Option<Decided<'r>>,
    /// The claim's last decision when it is stale (made before the claim changed): not in force.
    pub stale: Option<Decided<'r>>,
    /// Each reviewer's last decision on the claim, the latest last, with whether it is stale.
    pub decisions: SmallVec<[(Decided<'r>, bool); 3]>,
    /// The claim's fingerprint as loaded now.
    pub fingerprint: u64,
}

impl<'r> ClaimRow<'r> {
    /// The row of claim `c` (an index into the model's claims).
    pub fn new(review: &'r Review, c: usize) -> Self {
        let model = &*review.model;
        let claim = &model.claims[c];
        let topic = &model.topics[claim.topic];
        let analysed = &review.analysis.claims[c];
        Self {
            topic,
            analysis: &review.analysis.topics[claim.topic],
            claim,
            report: &model.reports[claim.report],
            source: &model.sources[claim.source],
            via: claim.via.iter().map(|&s| &model.sources[s]).collect(),
            origin: &model.sources[analysed.origin],
            date: analysed.date,
            supersedes: claim.supersedes.iter().map(|&s| &model.claims[s]).collect(),
            superseded_by: analysed.superseded_by.map(|s| &model.claims[s]),
            independence: analysed.independence,
            interval: claim.figure().map(|f| f.interval(topic.tolerance)),
            status: review.status(c),
            decision: review.decision(c),
            stale: review.stale(c),
            decisions: review
                .by_reviewer(c)
                .map(|d| (d, review.is_stale(c, &d)))
                .collect(),
            fingerprint: review.fingerprint(c),
        }
    }

    pub fn figure(&self) -> Option<&'r Figure> {
        self.claim.figure()
    }

    /// The low and high ends of the figure's interval (`None`: open or not a figure).
    pub fn low(&self) -> Option<f64> {
        self.interval.and_then(|i| i.low)
    }

    pub fn high(&self) -> Option<f64> {
        self.interval.and_then(|i| i.high)
    }

    pub fn stated(&self) -> Option<Ascii<10>> {
        self.claim.stated.map(|d| d.text())
    }

    /// The claim's date as exports write it (`2024-10-18`).
    pub fn date(&self) -> Option<Ascii<10>> {
        self.date.map(|d| d.text())
    }

    pub fn stance(&self) -> Option<Stance> {
        self.claim.stance()
    }

    /// The spread of the claim's topic, as exports give it.
    pub fn spread(&self) -> Option<f64> {
        self.analysis.spread.map(rounded_spread)
    }

    pub fn reliability(&self) -> Option<&'static str> {
        self.source.reliability.map(|r| r.letter())
    }

    pub fn via_ids(&self) -> impl Iterator<Item = &'r str> + '_ {
        self.via.iter().map(|s| s.id.as_str())
    }

    pub fn supersedes_ids(&self) -> impl Iterator<Item = &'r str> + '_ {
        self.supersedes.iter().map(|c| c.id.as_str())
    }

    pub fn superseded_by_id(&self) -> Option<&'r str> {
        self.superseded_by.map(|c| c.id.as_str())
    }

    /// Proposed by a program and not yet accepted: in no verdict, count or review.
    pub fn is_draft(&self) -> bool {
        self.claim.draft
    }

    pub fn corroborated_by(&self) -> Option<usize> {
        self.independence.map(|i| i.corroborated_by)
    }

    pub fn contradicted_by(&self) -> Option<usize> {
        self.independence.map(|i| i.contradicted_by)
    }

    /// The information grade the evidence suggests, shown beside the annotated `credibility`.
    pub fn suggested_credibility(&self) -> Option<u8> {
        self.independence.map(|i| i.suggested_credibility)
    }

    /// Whether the claim's last decision was made before the claim changed.
    pub fn is_stale(&self) -> bool {
        self.stale.is_some()
    }

    /// The fingerprint as journals and exports write it.
    pub fn fingerprint(&self) -> Ascii<16> {
        crate::fingerprint::hex(self.fingerprint)
    }

    pub fn note(&self) -> Option<&'r str> {
        self.decision.and_then(|d| d.note)
    }

    pub fn reviewer(&self) -> Option<&'r str> {
        self.decision.map(|d| d.reviewer)
    }

    pub fn decided_at(&self) -> Option<Ascii<20>> {
        self.decision.map(|d| crate::format::timestamp(d.at))
    }
}

/// A topic's distinct origins among its current claims, in the order first met, each with the
/// sources through which it speaks there (empty when it speaks only in its own name).
pub fn topic_origins(review: &Review, t: usize) -> Vec<(&Source, Vec<&Source>)> {
    let model = &*review.model;
    let mut origins: Vec<(usize, Vec<usize>)> = Vec::new();
    for &c in &review.analysis.topics[t].current {
        let (origin, source) = (review.analysis.claims[c].origin, model.claims[c].source);
        let at = match origins.iter().position(|(o, _)| *o == origin) {
            Some(at) => at,
            None => {
                origins.push((origin, Vec::new()));
                origins.len() - 1
            }
        };
        let members = &mut origins[at].1;
        if source != origin && !members.contains(&source) {
            members.push(source);
        }
    }
    origins
        .into_iter()
        .map(|(o, members)| {
            let members = members.into_iter().map(|s| &model.sources[s]).collect();
            (&model.sources[o], members)
        })
        .collect()
}

/// Spreads are given to four decimal places, as in the format's example (0.0833).
pub fn rounded_spread(spread: f64) -> f64 {
    (spread * 10_000.0).round() / 10_000.0
}
