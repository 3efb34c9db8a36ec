//! schema.org ClaimReview (JSON-LD), one per claim with a verified or disputed decision in force
//! (never a stale one, never on a draft), with the fields Google's fact-check markup requires:
//! claimReviewed, reviewRating (with alternateName), url, author. The `url` is the review's own
//! page (`--url`); the reviewed article's address is the claim's `appearance`, never the review's.

use serde_json::{Value, json};

use crate::decision::Status;
use crate::export::row::ClaimRow;
use crate::export::{Options, selection};
use crate::format;
use crate::model::Source;
use crate::review::Review;

/// The rating scale stated in every review: 1 (disputed) to 5 (verified).
pub const WORST: u8 = 1;
pub const BEST: u8 = 5;

/// The reviews as one pretty-printed JSON array, written one review at a time: the same bytes
/// as the whole array made at once, without holding a tree of every review (at 100k claims,
/// most of a gigabyte).
pub fn write(
    review: &Review,
    options: &Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let reviews = selection(review, options.only)
        .into_iter()
        .flat_map(|(_, claims)| claims)
        .filter_map(|c| claim_review(&ClaimRow::new(review, c), options));
    write_array(reviews, out)
}

/// `values` as `serde_json::to_string_pretty` writes them in an array, and a line break.
fn write_array(
    values: impl Iterator<Item = Value>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut first = true;
    for value in values {
        out.write_all(if first { b"[\n  " } else { b",\n  " })?;
        first = false;
        // One level deeper: each line after the first indented two more spaces (strings hold
        // no line breaks: serde_json escapes them).
        let text = serde_json::to_string_pretty(&value)?;
        let mut lines = text.split('\n');
        out.write_all(lines.next().unwrap_or_default().as_bytes())?;
        for line in lines {
            out.write_all(b"\n  ")?;
            out.write_all(line.as_bytes())?;
        }
    }
    out.write_all(if first { b"[]\n" } else { b"\n]\n" })
}

/// How many reviews have no web url to publish under (Google requires one): without `--url`,
/// every one (the reviewed article's address is not the review's).
pub fn missing_urls(review: &Review, options: &Options) -> usize {
    if page_url(options).is_some() {
        return 0;
    }
    (0..review.model.claims.len())
        .filter(|&c| published(&ClaimRow::new(review, c)).is_some())
        .count()
}

/// The url the reviews are published under: `--url`, only a web address.
fn page_url(options: &Options) -> Option<&str> {
    options.url.as_deref().and_then(crate::sanitize::web_url)
}

/// The decision a review publishes: verified or disputed, in force (so not stale), and not on a
/// draft, which no person has accepted yet.
fn published<'r>(row: &ClaimRow<'r>) -> Option<crate::review::Decided<'r>> {
    if row.is_draft() {
        return None;
    }
    row.decision.filter(|d| d.status != Status::Unreviewed)
}

fn claim_review(row: &ClaimRow<'_>, options: &Options) -> Option<Value> {
    let decision = published(row)?;
    let (claim, report) = (row.claim, row.report);
    let (rating, name) = match decision.status {
        Status::Verified => (BEST, "Verified"),
        _ => (WORST, "Disputed"),
    };
    let author = match &options.org {
        Some(org) => json!({"@type": "Organization", "name": org}),
        None => json!({"@type": "Person", "name": decision.reviewer}),
    };
    let mut appearance = json!({"@type": "CreativeWork", "headline": report.title});
    if let Some(url) = report.url.as_deref().and_then(crate::sanitize::web_url) {
        appearance["url"] = json!(url);
    }
    if let Some(d) = report.published {
        appearance["datePublished"] = json!(d.to_string());
    }
    let mut item = json!({
        "@type": "Claim",
        "author": claim_author(row.source),
        "appearance": appearance,
    });
    if let Some(d) = claim.stated {
        item["datePublished"] = json!(d.to_string());
    }
    let mut out = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": format::attributed_quote(row.source, &claim.quote),
        "datePublished": decision.at.strftime("%Y-%m-%d").to_string(),
        "author": author,
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": name,
        },
    });
    if let Some(url) = page_url(options) {
        out["url"] = json!(url);
    }
    if let Some(note) = &decision.note {
        out["reviewBody"] = json!(note);
    }
    Some(out)
}

/// A source is a person when its kind says so; otherwise an organisation.
fn claim_author(source: &Source) -> Value {
    let kind = source.kind.as_deref().unwrap_or("").to_lowercase();
    let person = [
        "person",
        "head",
        "official",
        "chief",
        "secretary",
        "spokes",
        "minister",
        "president",
    ]
    .iter()
    // Whole words: a "presidential office" is no person, a "spokesperson" is.
    .any(|w| {
        kind.split(|c: char| !c.is_alphanumeric())
            .any(|word| word == *w || (*w == "spokes" && word.starts_with(w)))
    });
    let kind_name = if person { "Person" } else { "Organization" };
    json!({"@type": kind_name, "name": source.name})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_array_written_a_review_at_a_time_is_the_array_made_whole() {
        let review = json!({
            "@type": "ClaimReview",
            "claimReviewed": "line\nbreak \"quoted\" 병력",
            "reviewRating": {"ratingValue": 5, "alternateName": "Verified"},
            "empty": {}, "none": [], "list": [1, {"a": null}],
        });
        for n in 0..4 {
            let values = vec![review.clone(); n];
            let mut streamed = Vec::new();
            write_array(values.clone().into_iter(), &mut streamed).unwrap();
            let whole = serde_json::to_string_pretty(&Value::Array(values)).unwrap() + "\n";
            assert_eq!(String::from_utf8(streamed).unwrap(), whole, "{n} reviews");
        }
    }

    #[test]
    fn a_person_is_told_by_whole_words_of_the_kind() {
        let source = |kind: &str| Source {
            kind: Some(kind.into()),
            ..crate::review::tests::tiny_model().sources[0].clone()
        };
        for (kind, expected) in [
            ("presidential office", "Organization"),
            ("intelligence agency", "Organization"),
            ("headquarters", "Organization"),
            ("president", "Person"),
            ("intelligence chief", "Person"),
            ("spokesperson", "Person"),
            ("government official", "Person"),
        ] {
            assert_eq!(claim_author(&source(kind))["@type"], expected, "{kind}");
        }
    }
}
