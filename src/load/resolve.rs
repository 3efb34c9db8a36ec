//! All files of a run together: ids are global, so duplicates, references to sources and
//! topics, and figure-versus-stance are checked here, and the model is built.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::load::raw::{At, RawClaim};
use crate::load::unit::FileUnit;
use crate::model::{Assertion, Claim, Model, Position, Report, Source, Topic};
use crate::sanitize;
use crate::suggest;

/// Where an id was declared: file index and span.
type Declared = (usize, Range<usize>);

/// Ids of one kind, in declaration order, with where each was first declared.
struct Registry<'u> {
    kind: &'static str,
    index: rustc_hash::FxHashMap<&'u str, usize>,
    places: Vec<Declared>,
}

impl<'u> Registry<'u> {
    fn new(kind: &'static str, capacity: usize) -> Self {
        let mut index = rustc_hash::FxHashMap::default();
        index.reserve(capacity);
        Self {
            kind,
            index,
            places: Vec::with_capacity(capacity),
        }
    }

    /// Register an id; a duplicate gets an error naming both places and is not registered.
    fn declare(
        &mut self,
        units: &[FileUnit],
        file: usize,
        id: &'u At<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if let Some(&first) = self.index.get(id.value.as_str()) {
            let (first_file, first_span) = self.places[first].clone();
            let unit = &units[file];
            if !unit.broken {
                let first_unit = &units[first_file];
                let (line, col) = first_unit.line_col(first_span.start);
                diags.push(
                    Diagnostic::error(&unit.path, format!("{} id `{}` is declared twice", self.kind, id.value))
                        .at(unit.label(id.span.clone(), "declared again here"))
                        .also(first_unit.label(first_span, "first declared here"))
                        .help(format!(
                            "ids are global across all files loaded together; rename one (the first is at {}:{line}:{col})",
                            first_unit.path.display()
                        )),
                );
            }
            return false;
        }
        self.index.insert(id.value.as_str(), self.places.len());
        self.places.push((file, id.span.clone()));
        true
    }

    fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The error for a reference to an id nobody declared, with did-you-mean.
    fn unknown(&self, unit: &FileUnit, reference: &At<String>) -> Diagnostic {
        let names: Vec<&str> = self.index.keys().copied().collect();
        let help = suggest::hint(&reference.value, &names).unwrap_or_else(|| {
            format!(
                "declare it with `[[{}]]` and `id = \"{}\"` in any loaded file",
                self.kind, reference.value
            )
        });
        Diagnostic::error(
            &unit.path,
            format!("unknown {} `{}`", self.kind, reference.value),
        )
        .at(unit.label(
            reference.span.clone(),
            &format!("no {} has this id", self.kind),
        ))
        .help(help)
    }
}

/// Build the model from the checked files, adding the cross-file diagnostics.
pub fn resolve(units: &mut [FileUnit], diags: &mut Vec<Diagnostic>) -> Model {
    // Quotes are the bulk of the text: they move into the model rather than being copied.
    let mut quotes: Vec<Vec<Option<String>>> = units
        .iter_mut()
        .map(|u| {
            u.claims
                .iter_mut()
                .map(|c| c.quote.take().map(|q| q.value))
                .collect()
        })
        .collect();
    let units: &[FileUnit] = units;
    let mut model = Model {
        files: units.iter().map(|u| u.path.clone()).collect(),
        ..Model::default()
    };
    let count = |n: fn(&FileUnit) -> usize| units.iter().map(n).sum::<usize>();
    let mut reports = Registry::new("report", units.len());
    let mut sources = Registry::new("source", count(|u| u.sources.len()));
    let mut topics = Registry::new("topic", count(|u| u.topics.len()));
    let mut claims = Registry::new("claim", count(|u| u.claims.len()));
    model.claims.reserve(count(|u| u.claims.len()));
    // Report index of each file, for its claims.
    let mut file_report: Vec<Option<usize>> = vec![None; units.len()];

    for (f, unit) in units.iter().enumerate() {
        if let Some(r) = &unit.report
            && reports.declare(units, f, &r.id, diags)
        {
            file_report[f] = Some(model.reports.len());
            model.reports.push(Report {
                id: r.id.value.clone(),
                title: clean(r.title.as_deref().unwrap_or("")),
                outlet: r.outlet.as_deref().map(clean),
                url: r.url.as_deref().map(clean),
                published: r.published,
                text: r.text.as_ref().map(|t| t.value.clone()),
                pos: position(f, r.at),
            });
        }
        for s in &unit.sources {
            if sources.declare(units, f, &s.id, diags) {
                model.sources.push(Source {
                    id: s.id.value.clone(),
                    name: clean(s.name.as_deref().unwrap_or(&s.id.value)),
                    kind: s.kind.as_deref().map(clean),
                    reliability: s.reliability,
                    pos: position(f, s.at),
                });
            }
        }
        for t in &unit.topics {
            if topics.declare(units, f, &t.id, diags) {
                model.topics.push(Topic {
                    id: t.id.value.clone(),
                    question: clean(t.question.as_deref().unwrap_or("")),
                    unit: t.unit.as_deref().map(clean),
                    tolerance: t.tolerance,
                    pos: position(f, t.at),
                });
            }
        }
    }

    let mut used_sources = vec![false; model.sources.len()];
    for (f, unit) in units.iter().enumerate() {
        for (k, raw) in unit.claims.iter().enumerate() {
            if !claims.declare(units, f, &raw.id, diags) {
                continue;
            }
            let report_problem = |diags: &mut Vec<Diagnostic>, d: Diagnostic| {
                if !unit.broken {
                    diags.push(d);
                }
            };
            let topic = raw.topic.as_ref().and_then(|r| {
                let found = topics.get(&r.value);
                if found.is_none() {
                    report_problem(diags, topics.unknown(unit, r));
                }
                found
            });
            let source = raw.source.as_ref().and_then(|r| {
                let found = sources.get(&r.value);
                if found.is_none() {
                    report_problem(diags, sources.unknown(unit, r));
                }
                found
            });
            let mut via = Vec::new();
            for r in &raw.via {
                match sources.get(&r.value) {
                    Some(s) => via.push(s),
                    None => report_problem(diags, sources.unknown(unit, r)),
                }
            }
            for &s in source.iter().chain(&via) {
                used_sources[s] = true;
            }
            let assertion = topic.and_then(|t| {
                assertion(&model.topics[t], unit, raw, &mut |d| {
                    report_problem(diags, d)
                })
            });
            let (Some(report), Some(topic), Some(source), Some(quote), Some(assertion)) = (
                file_report[f],
                topic,
                source,
                quotes[f][k].take(),
                assertion,
            ) else {
                continue;
            };
            model.claims.push(Claim {
                id: raw.id.value.clone(),
                report,
                topic,
                source,
                via,
                quote: clean_owned(quote),
                stated: raw.stated,
                credibility: raw.credibility,
                assertion,
                pos: position(f, raw.at),
            });
        }
    }
    warn_unused(units, &model, &sources, &topics, &used_sources, diags);
    model
}

/// The claim's figure or stance, checked against the kind of its topic.
fn assertion(
    topic: &Topic,
    unit: &FileUnit,
    raw: &RawClaim,
    report: &mut dyn FnMut(Diagnostic),
) -> Option<Assertion> {
    match (topic.is_numeric(), &raw.figure, &raw.stance) {
        (true, Some(f), _) => Some(Assertion::Figure(f.value)),
        (false, _, Some(s)) => Some(Assertion::Stance(s.value)),
        (true, None, Some(s)) => {
            report(
                Diagnostic::error(&unit.path, format!("a stance on numeric topic `{}`", topic.id))
                    .at(unit.label(s.span.clone(), "numeric topics compare figures"))
                    .help(format!("give the number as `figure = ...` (the topic counts {}), or use a yes/no topic", topic.unit.as_deref().unwrap_or("units"))),
            );
            None
        }
        (false, Some(f), None) => {
            report(
                Diagnostic::error(&unit.path, format!("a figure on yes/no topic `{}`", topic.id))
                    .at(unit.label(f.span.clone(), "yes/no topics take a stance"))
                    .help("use `stance = \"affirms\"`, \"denies\" or \"unconfirmed\", or give the topic a `unit` to make it numeric"),
            );
            None
        }
        // Neither, or an invalid one: already reported by the file check.
        _ => None,
    }
}

fn warn_unused(
    units: &[FileUnit],
    model: &Model,
    sources: &Registry<'_>,
    topics: &Registry<'_>,
    used: &[bool],
    diags: &mut Vec<Diagnostic>,
) {
    let mut topic_used = vec![false; model.topics.len()];
    for c in &model.claims {
        topic_used[c.topic] = true;
    }
    // Claims that failed to resolve still count as uses: no warning on top of their error.
    for unit in units {
        for raw in &unit.claims {
            if let Some(t) = raw.topic.as_ref().and_then(|r| topics.get(&r.value)) {
                topic_used[t] = true;
            }
        }
    }
    let topic_ids = model.topics.iter().map(|t| t.id.as_str());
    for (id, place) in topic_ids
        .zip(&topics.places)
        .zip(&topic_used)
        .filter(|(_, used)| !**used)
        .map(|(p, _)| p)
    {
        warn_at(
            units,
            place,
            format!("topic `{id}` has no claims"),
            "add claims on it or remove the topic",
            diags,
        );
    }
    let source_ids = model.sources.iter().map(|s| s.id.as_str());
    for (id, place) in source_ids
        .zip(&sources.places)
        .zip(used)
        .filter(|(_, used)| !**used)
        .map(|(p, _)| p)
    {
        let help = "no claim names it as `source` or in `via`; remove it or check the claims' ids";
        warn_at(
            units,
            place,
            format!("source `{id}` is never used"),
            help,
            diags,
        );
    }
}

/// A warning at a declaration, unless its file could not be parsed (it has said enough).
fn warn_at(
    units: &[FileUnit],
    (file, span): &Declared,
    message: String,
    help: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let unit = &units[*file];
    if !unit.broken {
        diags.push(
            Diagnostic::warning(&unit.path, message)
                .at(unit.label(span.clone(), "declared here"))
                .help(help),
        );
    }
}

fn position(file: usize, (line, col): (u32, u32)) -> Position {
    Position { file, line, col }
}

/// `s` sanitised and trimmed, reusing its allocation when it already is.
fn clean_owned(s: String) -> String {
    match sanitize::line(&s) {
        std::borrow::Cow::Borrowed(b) if b.trim().len() == b.len() => s,
        cleaned => cleaned.trim().to_string(),
    }
}

fn clean(s: &str) -> String {
    sanitize::line(s).trim().to_string()
}
