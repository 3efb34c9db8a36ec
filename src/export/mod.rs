//! Review summaries for other readers — Markdown, JSON, CSV, schema.org ClaimReview. Each format
//! carries the same facts, read from one [`Review`].

pub mod claimreview;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod row;

use std::io::Write;
use std::path::Path;

use strum::{IntoStaticStr, VariantArray};

use crate::analysis::Verdict;
use crate::decision::Status;
use crate::review::Review;

/// A summary's format, named `markdown`, `json`, `csv`, `claimreview` (derived).
#[derive(Clone, Copy, Debug, PartialEq, Eq, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum Format {
    Markdown,
    Json,
    Csv,
    ClaimReview,
}

impl Format {
    pub const ALL: &'static [Format] = Self::VARIANTS;

    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The file a summary in this format is written to by default.
    pub fn default_file_name(self) -> &'static str {
        match self {
            Self::Markdown => "review-summary.md",
            Self::Json => "review-summary.json",
            Self::Csv => "review-summary.csv",
            Self::ClaimReview => "review-summary.claimreview.json",
        }
    }
}

/// Which topics and claims a summary lists. Totals always count the whole review.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Only {
    #[default]
    All,
    /// Topics whose verdict is a conflict.
    Conflicts,
    /// Claims marked verified or disputed.
    Reviewed,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub only: Only,
    /// ClaimReview: the organisation that publishes the reviews (else the reviewer, as a person).
    pub org: Option<String>,
    /// ClaimReview: the page where the reviews are published. Without it a review has no `url`:
    /// the reviewed article's address is never the review's.
    pub url: Option<String>,
}

/// The summary in `format`.
pub fn render(review: &Review, format: Format, options: &Options) -> String {
    match format {
        Format::Markdown => markdown::to_string(review, options),
        Format::Json => json::to_string(review, options),
        Format::Csv => csv::to_string(review, options),
        Format::ClaimReview => claimreview::to_string(review, options),
    }
}

/// The topics to list, in file order, each with the claims to list (indices into the model).
pub fn selection(review: &Review, only: Only) -> Vec<(usize, Vec<usize>)> {
    review
        .analysis
        .topics
        .iter()
        .enumerate()
        .filter(|(_, t)| only != Only::Conflicts || t.verdict == Verdict::Conflict)
        .map(|(i, t)| {
            let claims = t
                .claims
                .iter()
                .copied()
                .filter(|&c| only != Only::Reviewed || review.status(c) != Status::Unreviewed)
                .collect::<Vec<_>>();
            (i, claims)
        })
        .filter(|(_, claims)| only != Only::Reviewed || !claims.is_empty())
        .collect()
}

/// Replace `path` whole: written to a temporary file beside it, synced, then renamed over it, so
/// a reader sees the old file or the new one, never half of one.
pub fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = atomic_write_file::AtomicWriteFile::options().open(path)?;
    file.write_all(text.as_bytes())?;
    file.commit()
}
