//! All files of a run together: ids are global, so duplicates and redeclarations, references
//! (topics, sources, `via`, `part_of`, `supersedes`), `part_of` cycles and figure-versus-stance
//! are checked here, and the model is built.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::load::raw::{At, RawClaim, RawReport, RawSource, RawTopic};
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
            unless_broken(unit, diags, || {
                let first_unit = &units[first_file];
                let (line, col) = first_unit.line_col(first_span.start);
                Diagnostic::error(&unit.path, format!("{} id `{}` is declared twice", self.kind, id.value))
                    .at(unit.label(id.span.clone(), "declared again here"))
                    .also(first_unit.label(first_span, "first declared here"))
                    .help(format!(
                        "ids are global across all files loaded together; rename one (the first is at {}:{line}:{col})",
                        first_unit.path.display()
                    ))
            });
            return false;
        }
        self.index.insert(id.value.as_str(), self.places.len());
        self.places.push((file, id.span.clone()));
        true
    }

    fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The declaration `reference` names; an unknown one is reported.
    fn find(
        &self,
        unit: &FileUnit,
        reference: &At<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let found = self.get(&reference.value);
        if found.is_none() {
            unless_broken(unit, diags, || self.unknown(unit, reference));
        }
        found
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
    let mut quotes = take_quotes(units);
    let units: &[FileUnit] = units;
    let mut model = Model {
        files: units.iter().map(|u| u.path.clone()).collect(),
        file_digests: units.iter().map(|u| u.digest).collect(),
        ..Model::default()
    };
    let mut ids = Declarations::new(units);
    for f in 0..units.len() {
        ids.declare_file(units, f, &mut model, diags);
    }
    let mut used_sources = resolve_claims(units, &mut quotes, &mut ids, &mut model, diags);
    ids.resolve_part_of(units, &mut model, &mut used_sources, diags);
    ids.resolve_supersedes(units, &mut model, diags);
    warn_unused(units, &model, &ids, &used_sources, diags);
    model
}

/// Each file's quotes, by claim. Quotes are the bulk of the text: they move into the model
/// rather than being copied.
fn take_quotes(units: &mut [FileUnit]) -> Vec<Vec<Option<String>>> {
    units
        .iter_mut()
        .map(|u| {
            u.claims
                .iter_mut()
                .map(|c| c.quote.take().map(|q| q.value))
                .collect()
        })
        .collect()
}

/// Every id the files declare, one registry per kind, and which report each file's claims are in.
struct Declarations<'u> {
    reports: Registry<'u>,
    sources: Registry<'u>,
    topics: Registry<'u>,
    claims: Registry<'u>,
    /// The model index of each file's report, for its claims.
    file_report: Vec<Option<usize>>,
    /// The first declaration of each model source and topic, to compare redeclarations with.
    source_raw: Vec<(usize, &'u RawSource)>,
    topic_raw: Vec<(usize, &'u RawTopic)>,
    /// Where each model claim was written: file and place among the file's claims.
    claim_raw: Vec<(usize, usize)>,
    /// The model index of each declared claim id (by registry index); `None` when the claim
    /// did not resolve.
    claim_model: Vec<Option<usize>>,
}

impl<'u> Declarations<'u> {
    fn new(units: &[FileUnit]) -> Self {
        let count = |n: fn(&FileUnit) -> usize| units.iter().map(n).sum::<usize>();
        Self {
            reports: Registry::new("report", units.len()),
            sources: Registry::new("source", count(|u| u.sources.len())),
            topics: Registry::new("topic", count(|u| u.topics.len())),
            claims: Registry::new("claim", count(|u| u.claims.len())),
            file_report: vec![None; units.len()],
            source_raw: Vec::new(),
            topic_raw: Vec::new(),
            claim_raw: Vec::new(),
            claim_model: Vec::new(),
        }
    }

    /// Declare file `f`'s report, sources and topics; those declared first join the model.
    fn declare_file(
        &mut self,
        units: &'u [FileUnit],
        f: usize,
        model: &mut Model,
        diags: &mut Vec<Diagnostic>,
    ) {
        let unit = &units[f];
        if let Some(r) = &unit.report
            && self.reports.declare(units, f, &r.id, diags)
        {
            self.file_report[f] = Some(model.reports.len());
            model.reports.push(report(f, r));
        }
        for s in &unit.sources {
            if let Some(first) = self.sources.get(&s.id.value) {
                let (first_file, earlier) = self.source_raw[first];
                redeclared(
                    units,
                    (first_file, &earlier.id),
                    (f, &s.id),
                    "source",
                    source_difference(earlier, s),
                    diags,
                );
            } else if self.sources.declare(units, f, &s.id, diags) {
                model.sources.push(source(f, s));
                self.source_raw.push((f, s));
            }
        }
        for t in &unit.topics {
            if let Some(first) = self.topics.get(&t.id.value) {
                let (first_file, earlier) = self.topic_raw[first];
                redeclared(
                    units,
                    (first_file, &earlier.id),
                    (f, &t.id),
                    "topic",
                    topic_difference(earlier, t),
                    diags,
                );
            } else if self.topics.declare(units, f, &t.id, diags) {
                model.topics.push(topic(f, t));
                self.topic_raw.push((f, t));
            }
        }
    }

    /// Each source's `part_of`, looked up, and cycles refused. The source named is used.
    fn resolve_part_of(
        &self,
        units: &[FileUnit],
        model: &mut Model,
        used: &mut [bool],
        diags: &mut Vec<Diagnostic>,
    ) {
        for (s, &(f, raw)) in self.source_raw.iter().enumerate() {
            let Some(name) = &raw.part_of else { continue };
            if let Some(up) = self.sources.find(&units[f], name, diags) {
                model.sources[s].part_of = Some(up);
                used[up] = true;
            }
        }
        // A cycle is reported once, at the `part_of` of its first source in load order.
        let mut reported = vec![false; model.sources.len()];
        for s in 0..model.sources.len() {
            let mut chain = vec![s];
            let mut at = s;
            while let Some(up) = model.sources[at].part_of {
                if let Some(i) = chain.iter().position(|&c| c == up) {
                    let cycle = &chain[i..];
                    if cycle.iter().all(|&c| !reported[c]) {
                        cycle.iter().for_each(|&c| reported[c] = true);
                        let first = *cycle.iter().min().unwrap_or(&up);
                        let (f, raw) = self.source_raw[first];
                        let names: Vec<&str> = cycle_from(cycle, first)
                            .map(|c| model.sources[c].id.as_str())
                            .chain(std::iter::once(model.sources[first].id.as_str()))
                            .collect();
                        if let Some(part_of) = &raw.part_of {
                            unless_broken(&units[f], diags, || {
                                Diagnostic::error(&units[f].path, format!("`part_of` makes a cycle: {}", names.join(" → ")))
                                    .at(units[f].label(part_of.span.clone(), "closes the cycle"))
                                    .help("a source belongs to a larger one, never to itself: remove one `part_of` of the cycle")
                            });
                        }
                    }
                    break;
                }
                chain.push(up);
                at = up;
            }
        }
        // A bad model must not loop anywhere: cut every cycle.
        for (source, _) in model.sources.iter_mut().zip(&reported).filter(|(_, r)| **r) {
            source.part_of = None;
        }
    }

    /// Each claim's `supersedes`: claims on the same topic, not itself.
    fn resolve_supersedes(
        &self,
        units: &[FileUnit],
        model: &mut Model,
        diags: &mut Vec<Diagnostic>,
    ) {
        for c in 0..model.claims.len() {
            let (f, k) = self.claim_raw[c];
            let unit = &units[f];
            let raw = &unit.claims[k];
            let mut resolved = Vec::new();
            for name in &raw.supersedes {
                let Some(i) = self.claims.find(unit, name, diags) else {
                    continue;
                };
                // A claim that did not resolve has its own error already.
                let Some(other) = self.claim_model[i] else {
                    continue;
                };
                let (this, that) = (&model.claims[c], &model.claims[other]);
                if other == c {
                    unless_broken(unit, diags, || {
                        Diagnostic::error(&unit.path, format!("claim `{}` supersedes itself", this.id))
                            .at(unit.label(name.span.clone(), "this claim"))
                            .help("`supersedes` names earlier claims this one corrects or updates; remove this id")
                    });
                } else if that.topic != this.topic {
                    let topics = (&model.topics[this.topic].id, &model.topics[that.topic].id);
                    unless_broken(unit, diags, || {
                        Diagnostic::error(&unit.path, format!("claim `{}` supersedes `{}`, which is on another topic", this.id, that.id))
                            .at(unit.label(name.span.clone(), &format!("on topic `{}`", topics.1)))
                            .help(format!("a claim supersedes claims on its own topic (`{}`); put both on one topic or remove this id", topics.0))
                    });
                } else {
                    resolved.push(other);
                }
            }
            model.claims[c].supersedes = resolved;
        }
    }

    /// The claim's topic, source and via, looked up; unknown ones are reported.
    fn references(
        &self,
        unit: &FileUnit,
        raw: &RawClaim,
        diags: &mut Vec<Diagnostic>,
    ) -> References {
        References {
            topic: raw
                .topic
                .as_ref()
                .and_then(|r| self.topics.find(unit, r, diags)),
            source: raw
                .source
                .as_ref()
                .and_then(|r| self.sources.find(unit, r, diags)),
            via: raw
                .via
                .iter()
                .filter_map(|r| self.sources.find(unit, r, diags))
                .collect(),
        }
    }
}

/// What a claim's references resolved to: indices into the model.
struct References {
    topic: Option<usize>,
    source: Option<usize>,
    via: Vec<usize>,
}

/// Resolve every claim against the declarations; those that resolve in full join the model.
/// Returns which sources are used (as `source` or in `via`), by model index.
fn resolve_claims<'u>(
    units: &'u [FileUnit],
    quotes: &mut [Vec<Option<String>>],
    ids: &mut Declarations<'u>,
    model: &mut Model,
    diags: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    model
        .claims
        .reserve(units.iter().map(|u| u.claims.len()).sum());
    let mut used_sources = vec![false; model.sources.len()];
    for (f, unit) in units.iter().enumerate() {
        for (k, raw) in unit.claims.iter().enumerate() {
            if !ids.claims.declare(units, f, &raw.id, diags) {
                continue;
            }
            ids.claim_model.push(None);
            let refs = ids.references(unit, raw, diags);
            for &s in refs.source.iter().chain(&refs.via) {
                used_sources[s] = true;
            }
            let assertion = refs
                .topic
                .and_then(|t| assertion(&model.topics[t], unit, raw, diags));
            let quote = quotes[f][k].take();
            if let Some(claim) = claim(f, raw, ids.file_report[f], refs, quote, assertion) {
                if let Some(last) = ids.claim_model.last_mut() {
                    *last = Some(model.claims.len());
                }
                ids.claim_raw.push((f, k));
                model.claims.push(claim);
            }
        }
    }
    used_sources
}

fn report(f: usize, r: &RawReport) -> Report {
    Report {
        id: r.id.value.clone(),
        title: clean(r.title.as_deref().unwrap_or("")),
        outlet: r.outlet.as_deref().map(clean),
        url: r.url.as_deref().map(clean),
        published: r.published,
        text: r.text.as_ref().map(|t| t.value.clone()),
        pos: position(f, r.at),
    }
}

fn source(f: usize, s: &RawSource) -> Source {
    Source {
        id: s.id.value.clone(),
        name: clean(s.name.as_deref().unwrap_or(&s.id.value)),
        kind: s.kind.as_deref().map(clean),
        reliability: s.reliability,
        part_of: None,
        pos: position(f, s.at),
    }
}

fn topic(f: usize, t: &RawTopic) -> Topic {
    Topic {
        id: t.id.value.clone(),
        question: clean(t.question.as_deref().unwrap_or("")),
        unit: t.unit.as_deref().map(clean),
        tolerance: t.tolerance,
        window: t.window,
        pos: position(f, t.at),
    }
}

/// The model's claim, when every part of it resolved.
fn claim(
    f: usize,
    raw: &RawClaim,
    report: Option<usize>,
    refs: References,
    quote: Option<String>,
    assertion: Option<Assertion>,
) -> Option<Claim> {
    let (Some(report), Some(topic), Some(source), Some(quote), Some(assertion)) =
        (report, refs.topic, refs.source, quote, assertion)
    else {
        return None;
    };
    Some(Claim {
        id: raw.id.value.clone(),
        report,
        topic,
        source,
        via: refs.via,
        quote: clean_owned(quote),
        stated: raw.stated,
        credibility: raw.credibility,
        assertion,
        supersedes: Vec::new(),
        draft: raw.draft,
        pos: position(f, raw.at),
    })
}

/// The members of `cycle` starting from `first`.
fn cycle_from(cycle: &[usize], first: usize) -> impl Iterator<Item = usize> + '_ {
    let at = cycle.iter().position(|&c| c == first).unwrap_or(0);
    cycle[at..].iter().chain(&cycle[..at]).copied()
}

/// A source or topic declared again: the same in every field is one declaration (each article
/// file may repeat what it uses); any difference is an error naming both places and the key.
fn redeclared(
    units: &[FileUnit],
    (first_file, first): (usize, &At<String>),
    (file, again): (usize, &At<String>),
    kind: &str,
    difference: Option<Difference>,
    diags: &mut Vec<Diagnostic>,
) {
    let unit = &units[file];
    let first_unit = &units[first_file];
    if file == first_file {
        unless_broken(unit, diags, || {
            Diagnostic::error(
                &unit.path,
                format!("{kind} id `{}` is declared twice in this file", again.value),
            )
            .at(unit.label(again.span.clone(), "declared again here"))
            .also(first_unit.label(first.span.clone(), "first declared here"))
            .help("declare it once per file; rename one if they are two different things")
        });
        return;
    }
    let Some(Difference {
        key,
        first: was,
        again: now,
    }) = difference
    else {
        return;
    };
    let (line, col) = first_unit.line_col(first.span.start);
    unless_broken(unit, diags, || {
        Diagnostic::error(&unit.path, format!("{kind} `{}` is declared again with a different `{key}`", again.value))
            .at(unit.label(again.span.clone(), &format!("here `{key}` is {now}")))
            .also(first_unit.label(first.span.clone(), &format!("first declared here, where `{key}` is {was}")))
            .help(format!(
                "a {kind} declared in several files must be the same everywhere (the first is at {}:{line}:{col}); make them agree, or give this one another id",
                first_unit.path.display()
            ))
    });
}

/// The first key in which a redeclaration differs: its name, and each side as written.
struct Difference {
    key: &'static str,
    first: String,
    again: String,
}

/// The first of `fields` (key, first value, later value) whose values differ.
fn first_difference(fields: [(&'static str, String, String); 4]) -> Option<Difference> {
    fields
        .into_iter()
        .find(|(_, a, b)| a != b)
        .map(|(key, first, again)| Difference { key, first, again })
}

/// A value for messages: `"Yonhap"`, or `absent`.
fn shown<T: std::fmt::Debug>(value: Option<T>) -> String {
    value.map_or_else(|| "absent".to_string(), |v| format!("{v:?}"))
}

fn source_difference(a: &RawSource, b: &RawSource) -> Option<Difference> {
    first_difference([
        ("name", shown(a.name.as_deref()), shown(b.name.as_deref())),
        ("kind", shown(a.kind.as_deref()), shown(b.kind.as_deref())),
        (
            "reliability",
            shown(a.reliability.map(|r| r.letter())),
            shown(b.reliability.map(|r| r.letter())),
        ),
        (
            "part_of",
            shown(a.part_of.as_ref().map(|p| &p.value)),
            shown(b.part_of.as_ref().map(|p| &p.value)),
        ),
    ])
}

fn topic_difference(a: &RawTopic, b: &RawTopic) -> Option<Difference> {
    first_difference([
        (
            "question",
            shown(a.question.as_deref()),
            shown(b.question.as_deref()),
        ),
        ("unit", shown(a.unit.as_deref()), shown(b.unit.as_deref())),
        (
            "tolerance",
            a.tolerance.to_string(),
            b.tolerance.to_string(),
        ),
        ("window", shown(a.window), shown(b.window)),
    ])
}

/// The claim's figure or stance, checked against the kind of its topic.
fn assertion(
    topic: &Topic,
    unit: &FileUnit,
    raw: &RawClaim,
    diags: &mut Vec<Diagnostic>,
) -> Option<Assertion> {
    match (topic.is_numeric(), &raw.figure, &raw.stance) {
        (true, Some(f), _) => Some(Assertion::Figure(f.value)),
        (false, _, Some(s)) => Some(Assertion::Stance(s.value)),
        (true, None, Some(s)) => {
            unless_broken(unit, diags, || {
                Diagnostic::error(&unit.path, format!("a stance on numeric topic `{}`", topic.id))
                    .at(unit.label(s.span.clone(), "numeric topics compare figures"))
                    .help(format!("give the number as `figure = ...` (the topic counts {}), or use a yes/no topic", topic.unit.as_deref().unwrap_or("units")))
            });
            None
        }
        (false, Some(f), None) => {
            unless_broken(unit, diags, || {
                Diagnostic::error(&unit.path, format!("a figure on yes/no topic `{}`", topic.id))
                    .at(unit.label(f.span.clone(), "yes/no topics take a stance"))
                    .help("use `stance = \"affirms\"`, \"denies\" or \"unconfirmed\", or give the topic a `unit` to make it numeric")
            });
            None
        }
        // Neither, or an invalid one: already reported by the file check.
        _ => None,
    }
}

/// Warnings for topics no claim is on and sources no claim names.
fn warn_unused(
    units: &[FileUnit],
    model: &Model,
    ids: &Declarations<'_>,
    used_sources: &[bool],
    diags: &mut Vec<Diagnostic>,
) {
    let topic_used = topics_used(units, model, &ids.topics);
    let topic_ids = model.topics.iter().map(|t| t.id.as_str());
    for (id, place) in unused(topic_ids, &ids.topics, &topic_used) {
        warn_at(
            units,
            place,
            format!("topic `{id}` has no claims"),
            "add claims on it or remove the topic",
            diags,
        );
    }
    let source_ids = model.sources.iter().map(|s| s.id.as_str());
    for (id, place) in unused(source_ids, &ids.sources, used_sources) {
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

/// Which topics have claims, by model index.
fn topics_used(units: &[FileUnit], model: &Model, topics: &Registry<'_>) -> Vec<bool> {
    let mut used = vec![false; model.topics.len()];
    for c in &model.claims {
        used[c.topic] = true;
    }
    // Claims that failed to resolve still count as uses: no warning on top of their error.
    for unit in units {
        for raw in &unit.claims {
            if let Some(t) = raw.topic.as_ref().and_then(|r| topics.get(&r.value)) {
                used[t] = true;
            }
        }
    }
    used
}

/// The ids declared in `registry` (in model order) that are not `used`, with where each was
/// declared.
fn unused<'a>(
    ids: impl Iterator<Item = &'a str>,
    registry: &'a Registry<'_>,
    used: &'a [bool],
) -> impl Iterator<Item = (&'a str, &'a Declared)> {
    ids.zip(&registry.places)
        .zip(used)
        .filter(|(_, used)| !**used)
        .map(|(p, _)| p)
}

/// A warning at a declaration.
fn warn_at(
    units: &[FileUnit],
    (file, span): &Declared,
    message: String,
    help: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let unit = &units[*file];
    unless_broken(unit, diags, || {
        Diagnostic::warning(&unit.path, message)
            .at(unit.label(span.clone(), "declared here"))
            .help(help)
    });
}

/// Pass on a diagnostic from the cross-file checks, unless its file could not be parsed: that
/// file has said enough, and what it declares is a best guess.
fn unless_broken(
    unit: &FileUnit,
    diags: &mut Vec<Diagnostic>,
    diagnostic: impl FnOnce() -> Diagnostic,
) {
    if unit.broken {
        return;
    }
    let d = diagnostic();
    if unit.admit(d.severity) {
        diags.push(d);
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
