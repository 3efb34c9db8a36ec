//! One claim as every export reads it: the claim with its topic, report, sources, interval and
//! the decision in force, borrowed from the [`Review`] and put together once.

use crate::analysis::{Interval, TopicAnalysis};
use crate::decision::{Decision, Status};
use crate::model::{Claim, Figure, Report, Source, Stance, Topic};
use crate::review::Review;

/// The facts of one claim that the exports show, each computed here and nowhere else.
pub struct ClaimRow<'r> {
    pub topic: &'r Topic,
    /// The topic's verdict and spread.
    pub analysis: &'r TopicAnalysis,
    pub claim: &'r Claim,
    pub report: &'r Report,
    pub source: &'r Source,
    /// The relays after the source, nearest first.
    pub via: Vec<&'r Source>,
    /// The figure's interval, with the topic's tolerance applied to `about`.
    pub interval: Option<Interval>,
    pub status: Status,
    pub decision: Option<&'r Decision>,
}

impl<'r> ClaimRow<'r> {
    /// The row of claim `c` (an index into the model's claims).
    pub fn new(review: &'r Review, c: usize) -> Self {
        let model = &*review.model;
        let claim = &model.claims[c];
        let topic = &model.topics[claim.topic];
        Self {
            topic,
            analysis: &review.analysis.topics[claim.topic],
            claim,
            report: &model.reports[claim.report],
            source: &model.sources[claim.source],
            via: claim.via.iter().map(|&s| &model.sources[s]).collect(),
            interval: claim.figure().map(|f| f.interval(topic.tolerance)),
            status: review.status(c),
            decision: review.decision(c),
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

    pub fn stated(&self) -> Option<String> {
        self.claim.stated.map(|d| d.to_string())
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

    pub fn note(&self) -> Option<&'r str> {
        self.decision.and_then(|d| d.note.as_deref())
    }

    pub fn reviewer(&self) -> Option<&'r str> {
        self.decision.map(|d| d.reviewer.as_str())
    }

    pub fn decided_at(&self) -> Option<String> {
        self.decision.map(|d| d.at.to_string())
    }
}

/// Spreads are given to four decimal places, as in the format's example (0.0833).
pub fn rounded_spread(spread: f64) -> f64 {
    (spread * 10_000.0).round() / 10_000.0
}
