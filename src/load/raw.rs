//! What one claim file declares, as written: each table's values with the spans they were
//! written at, checked on their own but not yet against other files (that is `resolve`).

use std::ops::Range;
use std::path::PathBuf;

use crate::fingerprint::Judged;
use crate::model::{Assertion, Date, Figure, Reliability, Stance};

/// A value with the byte span it was written at.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct At<T> {
    pub value: T,
    pub span: Range<usize>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct RawReport {
    pub id: At<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The report's text file, resolved against the claim file's directory.
    pub text: Option<At<PathBuf>>,
    pub header: Range<usize>,
    /// Line and column of the header.
    pub at: (u32, u32),
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct RawSource {
    pub id: At<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub reliability: Option<Reliability>,
    /// The source this one belongs to (format 2).
    pub part_of: Option<At<String>>,
    pub header: Range<usize>,
    /// Line and column of the header.
    pub at: (u32, u32),
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct RawTopic {
    pub id: At<String>,
    pub question: Option<String>,
    pub unit: Option<String>,
    pub tolerance: f64,
    /// Days within which claims are compared (format 2).
    pub window: Option<u32>,
    pub header: Range<usize>,
    /// Line and column of the header.
    pub at: (u32, u32),
}

impl<T> At<T> {
    fn shift(&mut self, by: usize) {
        self.span = self.span.start + by..self.span.end + by;
    }
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct RawClaim {
    pub id: At<String>,
    pub topic: Option<At<String>>,
    pub source: Option<At<String>>,
    pub via: Vec<At<String>>,
    pub quote: Option<At<String>>,
    pub stated: Option<Date>,
    pub credibility: Option<u8>,
    pub figure: Option<At<Figure>>,
    pub stance: Option<At<Stance>>,
    /// Claims this one corrects or updates (format 2).
    pub supersedes: Vec<At<String>>,
    /// Proposed by a program, not yet accepted by a person (format 2).
    pub draft: bool,
    pub header: Range<usize>,
    /// Line and column of the header.
    pub at: (u32, u32),
    /// The claim's fingerprint as written (see [`RawClaim::judged`]), when the loader was asked
    /// for it.
    pub fingerprint: Option<u64>,
}

impl RawClaim {
    /// What a reviewer judges of this claim as written — its fingerprint's fields — when it
    /// has them all: a topic, a source, a quote, and a figure or a stance (not both).
    pub fn judged(&self) -> Option<Judged<'_, impl Iterator<Item = &str>>> {
        let assertion = match (&self.figure, &self.stance) {
            (Some(f), None) => Assertion::Figure(f.value),
            (None, Some(s)) => Assertion::Stance(s.value),
            _ => return None,
        };
        Some(Judged {
            topic: &self.topic.as_ref()?.value,
            source: &self.source.as_ref()?.value,
            via: self.via.iter().map(|v| v.value.as_str()),
            quote: &self.quote.as_ref()?.value,
            assertion,
            stated: self.stated,
        })
    }

    /// Move every span `by` bytes on: the claim was read from a part of its file starting there.
    pub fn shift(&mut self, by: usize) {
        self.id.shift(by);
        for at in [&mut self.topic, &mut self.source, &mut self.quote]
            .into_iter()
            .flatten()
        {
            at.shift(by);
        }
        self.via.iter_mut().for_each(|v| v.shift(by));
        self.supersedes.iter_mut().for_each(|v| v.shift(by));
        if let Some(f) = &mut self.figure {
            f.shift(by);
        }
        if let Some(s) = &mut self.stance {
            s.shift(by);
        }
        self.header = self.header.start + by..self.header.end + by;
    }
}
