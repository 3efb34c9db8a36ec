//! The reviewed model: claims, their analysis, and the reviewer's current decision on each.
//! Both the screen and the exports read this one structure.

use crate::analysis::{self, Analysis};
use crate::model::Model;

/// A reviewer's decision on a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Unreviewed,
    Verified,
    Disputed,
}

impl Status {
    pub const ALL: [Status; 3] = [Self::Unreviewed, Self::Verified, Self::Disputed];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unreviewed => "unreviewed",
            Self::Verified => "verified",
            Self::Disputed => "disputed",
        }
    }
}

/// One decision as recorded in the journal.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub claim: String,
    pub status: Status,
    pub note: Option<String>,
    pub reviewer: String,
    pub at: jiff::Timestamp,
}

/// Counts over all claims.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub verified: usize,
    pub disputed: usize,
    pub unreviewed: usize,
}

pub struct Review {
    pub model: Model,
    pub analysis: Analysis,
    /// The last decision on each claim, indexed like `model.claims`.
    pub decisions: Vec<Option<Decision>>,
}

impl Review {
    /// A review with no decisions yet.
    pub fn new(model: Model) -> Self {
        let analysis = analysis::analyse(&model);
        let decisions = vec![None; model.claims.len()];
        Self {
            model,
            analysis,
            decisions,
        }
    }

    pub fn status(&self, claim: usize) -> Status {
        self.decisions
            .get(claim)
            .and_then(|d| d.as_ref())
            .map_or(Status::Unreviewed, |d| d.status)
    }

    pub fn progress(&self) -> Progress {
        let mut p = Progress::default();
        for i in 0..self.model.claims.len() {
            match self.status(i) {
                Status::Verified => p.verified += 1,
                Status::Disputed => p.disputed += 1,
                Status::Unreviewed => p.unreviewed += 1,
            }
        }
        p
    }
}
