//! The schema walk: which tables and keys claim files have (format 2: format 1 plus catalogs,
//! `part_of`, `window`, `supersedes`, `draft`), each table read into its raw type, unknown keys
//! reported with a did-you-mean. Single values are read in `values`.

use std::ops::Range;

use crate::load::tree::{Allowed, Table, Value};

use crate::diagnostic::Diagnostic;
use crate::load::raw::{RawClaim, RawReport, RawSource, RawTopic};
use crate::load::unit::Checker;
use crate::model::Topic;
use crate::suggest;

const TOP_KEYS: &[&str] = &["report", "source", "topic", "claim"];
const REPORT_KEYS: &[&str] = &["id", "title", "outlet", "url", "published", "text"];
const SOURCE_KEYS: &[&str] = &["id", "name", "kind", "reliability", "part_of"];
const TOPIC_KEYS: &[&str] = &["id", "question", "unit", "tolerance", "window"];
const CLAIM_KEYS: &[&str] = &[
    "id",
    "topic",
    "source",
    "via",
    "quote",
    "stated",
    "credibility",
    "figure",
    "stance",
    "supersedes",
    "draft",
];
const TOP: Allowed = Allowed::new(TOP_KEYS);
const REPORT: Allowed = Allowed::new(REPORT_KEYS);
const SOURCE: Allowed = Allowed::new(SOURCE_KEYS);
const TOPIC: Allowed = Allowed::new(TOPIC_KEYS);
const CLAIM: Allowed = Allowed::new(CLAIM_KEYS);

impl Checker<'_> {
    /// The whole file: its one `[report]`, then every `[[source]]`, `[[topic]]` and `[[claim]]`.
    pub(super) fn document(&mut self, root: &Table<'_>) {
        self.unknown_keys(root, &TOP, "at the top level");
        match root.get("report") {
            Some(v) => self.report(v.get_ref(), v.span()),
            // A file without `[report]` is a catalog of shared sources and topics.
            None => self.catalog(root),
        }
        for (key, f) in [
            (
                "source",
                Self::source as fn(&mut Self, &Table<'_>, Range<usize>),
            ),
            ("topic", Self::topic),
            ("claim", Self::claim),
        ] {
            self.tables(root, key, f);
        }
    }

    /// A later part of a large file that holds only `[[claim]]` tables (see `unit`).
    pub(super) fn claims_only(&mut self, root: &Table<'_>) {
        self.tables(root, "claim", Self::claim);
    }

    /// Every `[[key]]` table of the document, each read by `f`.
    fn tables(&mut self, root: &Table<'_>, key: &str, f: fn(&mut Self, &Table<'_>, Range<usize>)) {
        {
            let Some(v) = root.get(key) else { return };
            match v.get_ref() {
                Value::Array(items) => {
                    match key {
                        "claim" => self.unit.written.claims += items.len(),
                        "topic" => self.unit.written.topics += items.len(),
                        _ => {}
                    }
                    for item in items.iter() {
                        match item.get_ref() {
                            Value::Table(t) => f(self, t, item.span()),
                            other => self.error(
                                item.span(),
                                format!("each `{key}` must be a table, found {}", other.type_str()),
                                "expected a table",
                                Some(format!("declare each one under its own `[[{key}]]` header")),
                            ),
                        }
                    }
                }
                Value::Table(_) => self.error(
                    v.span(),
                    format!("`{key}` must be an array of tables"),
                    "a single table",
                    Some(format!(
                        "write `[[{key}]]` (double brackets): a file may declare many"
                    )),
                ),
                other => self.error(
                    v.span(),
                    format!(
                        "`{key}` must be an array of tables, found {}",
                        other.type_str()
                    ),
                    "expected `[[...]]` tables",
                    Some(format!("declare each one under its own `[[{key}]]` header")),
                ),
            }
        }
    }

    /// A catalog holds `[[source]]` and `[[topic]]` tables and nothing else: claims need the
    /// report they come from.
    fn catalog(&mut self, root: &Table<'_>) {
        if self.quiet {
            return;
        }
        if let Some(claims) = root.get("claim") {
            let span = match claims.get_ref() {
                Value::Array(items) => items.iter().next().map_or(claims.span(), |c| c.span()),
                _ => claims.span(),
            };
            let d = Diagnostic::error(&self.unit.path, "claims need a `[report]`: this file has none, so it is a catalog")
                .at(self.label(span, "a claim in a catalog"))
                .help("add `[report]` with `id` and `title` for the article these claims come from, or move them to that article's file; a catalog holds only shared [[source]] and [[topic]] tables");
            self.unit.push(d);
        } else if !root.contains_key("source") && !root.contains_key("topic") {
            let d = Diagnostic::error(&self.unit.path, "no tables: neither a `[report]` nor a catalog's [[source]] or [[topic]]")
                .at(self.label(0..0, "a claim file starts with its [report]"))
                .help("add `[report]` with `id` and `title` for an article's claims, or [[source]] and [[topic]] tables for a catalog; see docs/format.md");
            self.unit.push(d);
        }
    }

    fn report(&mut self, value: &Value<'_>, span: Range<usize>) {
        let Value::Table(t) = value else {
            let help = if value.is_array() {
                "a file describes exactly one report: write `[report]` (single brackets) once"
            } else {
                "write `[report]` followed by its keys"
            };
            self.error(
                span,
                format!("`report` must be a table, found {}", value.type_str()),
                "expected `[report]`",
                Some(help.into()),
            );
            return;
        };
        self.unknown_keys(t, &REPORT, "in [report]");
        let Some(id) = self.id(t, &span, "report") else {
            return;
        };
        let title = self.string(t, "title", true, "report").map(|a| a.value);
        let outlet = self.string(t, "outlet", false, "report").map(|a| a.value);
        let url = self.report_url(t);
        let published = self.date(t, "published");
        let text = self.report_text(t);

        self.unit.report = Some(RawReport {
            id,
            title,
            outlet,
            url,
            published,
            text,
            at: self.at(&span),
            header: span,
        });
    }

    fn source(&mut self, t: &Table<'_>, span: Range<usize>) {
        self.unknown_keys(t, &SOURCE, "in [[source]]");
        let Some(id) = self.id(t, &span, "source") else {
            return;
        };
        let name = self.string(t, "name", true, "source").map(|a| a.value);
        let kind = self.string(t, "kind", false, "source").map(|a| a.value);
        let reliability = self.reliability(t);
        let part_of = self.part_of(t);
        self.unit.sources.push(RawSource {
            id,
            name,
            kind,
            reliability,
            part_of,
            at: self.at(&span),
            header: span,
        });
    }

    fn topic(&mut self, t: &Table<'_>, span: Range<usize>) {
        self.unknown_keys(t, &TOPIC, "in [[topic]]");
        let Some(id) = self.id(t, &span, "topic") else {
            return;
        };
        let question = self.string(t, "question", true, "topic").map(|a| a.value);
        let unit = self.topic_unit(t);
        let tolerance = self.tolerance(t, unit.is_some());
        let window = self.window(t);
        self.unit.topics.push(RawTopic {
            id,
            question,
            unit,
            tolerance: tolerance.unwrap_or(Topic::DEFAULT_TOLERANCE),
            window,
            at: self.at(&span),
            header: span,
        });
    }

    fn claim(&mut self, t: &Table<'_>, span: Range<usize>) {
        self.unknown_keys(t, &CLAIM, "in [[claim]]");
        let Some(id) = self.id(t, &span, "claim") else {
            return;
        };
        let topic = self.reference(t, "topic", &span);
        let source = self.reference(t, "source", &span);
        let via = self.via(t);
        let quote = self.quote(t);
        let stated = self.date(t, "stated");
        let credibility = self.credibility(t);
        let figure = t
            .get("figure")
            .and_then(|v| self.figure(v.get_ref(), v.span()));
        let stance = self.stance(t);
        let supersedes = self.supersedes(t);
        let draft = self.draft(t);
        if let (Some(_), Some(s)) = (&figure, &stance) {
            self.error(
                s.span.clone(),
                "a claim has a figure or a stance, not both".into(),
                "second assertion",
                Some(
                    "numeric topics take `figure`, yes/no topics take `stance`; remove one".into(),
                ),
            );
        }
        if t.get("figure").is_none() && t.get("stance").is_none() {
            self.error(span.clone(), format!("claim `{}` has neither `figure` nor `stance`", id.value), "this claim", Some("on a numeric topic add `figure = 12000` (or `{ about = ... }`, ...); on a yes/no topic add `stance = \"affirms\"`, \"denies\" or \"unconfirmed\"".into()));
        }
        self.unit.claims.push(RawClaim {
            id,
            topic,
            source,
            via,
            quote,
            stated,
            credibility,
            figure,
            stance,
            supersedes,
            draft,
            at: self.at(&span),
            header: span,
            fingerprint: None,
        });
    }

    /// Keys a table may not have, each with a did-you-mean or the list of allowed keys.
    pub(super) fn unknown_keys(&mut self, t: &Table<'_>, allowed: &Allowed, place: &str) {
        let (allowed_keys, allowed) = (allowed.set, allowed.names);
        for key in t.keys() {
            if allowed_keys.has(key) {
                continue;
            }
            let name = key.get_ref();
            let help = suggest::hint(name, allowed)
                .unwrap_or_else(|| format!("allowed {place}: {}", allowed.join(", ")));
            self.error(
                key.span(),
                format!("unknown key `{name}` {place}"),
                "not a key of the claim format",
                Some(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_schema_is_one_the_tables_know() {
        let lists = [
            TOP_KEYS,
            REPORT_KEYS,
            SOURCE_KEYS,
            TOPIC_KEYS,
            CLAIM_KEYS,
            crate::load::values::FIGURE_KEYS,
        ];
        for list in lists {
            let set = crate::load::tree::KeySet::of(list);
            assert_eq!(set.count() as usize, list.len(), "{list:?}");
        }
    }
}
