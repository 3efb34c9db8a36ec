//! All files of a run together: ids are global, so duplicates and redeclarations, references
//! (topics, sources, `via`, `part_of`, `supersedes`), `part_of` cycles and figure-versus-stance
//! are checked here, and the model is built.
//!
//! Files are taken one at a time, in load order, while later files are still being read
//! ([`Resolver::add`]): each file's report, sources, topics and claim ids are declared at once,
//! and its claims join the model as soon as everything they name is declared, their ids, quotes
//! and values moved rather than copied. The file's parsed tables are then dropped, so the parsed
//! files and the model are never both whole in memory. A claim that names something no file
//! has declared yet (a catalog loaded after the reports, or a typo) waits, with the rest of its
//! file's claims, until every file is declared ([`Resolver::finish`]); it then takes its place
//! in load order. Each file's messages come in the same order as if all files were resolved at
//! once: declarations, then claims in order, then `part_of`, `supersedes` and unused ids.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::ids::IdTable;
use crate::load::Hidden;
use crate::load::raw::{At, RawClaim, RawReport, RawSource, RawTopic};
use crate::load::unit::FileUnit;
use crate::model::{Assertion, Claim, Model, Position, Report, Source, Topic};
use crate::sanitize;
use crate::suggest;

/// Where an id was declared: file index and span.
type Declared = (usize, Range<usize>);

/// Ids of one kind, in declaration order, with where each was first declared.
struct Registry {
    kind: &'static str,
    /// The ids declared; each has its place at its index in `places`.
    ids: crate::ids::IdTable,
    places: Vec<Declared>,
    /// How many ids of this kind the files write, declared or not (see `suggestions`).
    written: usize,
    /// Did-you-mean among the ids, once every file is declared: made on the first unknown id.
    suggester: std::cell::RefCell<Option<suggest::Suggester>>,
}

impl Registry {
    fn new(kind: &'static str) -> Self {
        Self {
            kind,
            ids: crate::ids::IdTable::default(),
            places: Vec::new(),
            written: 0,
            suggester: std::cell::RefCell::new(None),
        }
    }

    /// Every id, in the order a table sized for all the ids written and filled in declaration
    /// order lists them. That was the order before files were resolved as they come; ties in
    /// did-you-mean go to the last candidate, so keeping it keeps every suggestion as it was.
    fn suggestions(&self) -> Vec<Box<str>> {
        let declared = self.ids.iter().enumerate().map(|(i, id)| (id, i));
        let mut table = rustc_hash::FxHashMap::default();
        table.reserve(self.written);
        table.extend(declared);
        table.into_keys().map(Box::from).collect()
    }

    /// Register an id: its index, or for a duplicate (not registered) the first declaration's.
    fn register(&mut self, file: usize, id: &At<String>) -> Result<usize, usize> {
        let i = self.ids.insert(&id.value)?;
        self.places.push((file, id.span.clone()));
        Ok(i)
    }

    /// Register an id; a duplicate gets an error naming both places and is not registered.
    fn declare(
        &mut self,
        files: &[FileUnit],
        file: usize,
        id: &At<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        match self.register(file, id) {
            Ok(_) => true,
            Err(first) => {
                self.twice(files, file, id, first, diags);
                false
            }
        }
    }

    /// The error for an id declared again, `first` being the first declaration.
    fn twice(
        &self,
        files: &[FileUnit],
        file: usize,
        id: &At<String>,
        first: usize,
        diags: &mut Vec<Diagnostic>,
    ) {
        let (first_file, first_span) = self.places[first].clone();
        let unit = &files[file];
        unless_broken(unit, diags, Severity::Error, || {
            let first_unit = &files[first_file];
            let (line, col) = first_unit.line_col(first_span.start);
            Diagnostic::error(&unit.path, format!("{} id `{}` is declared twice", self.kind, id.value))
                .at(unit.label(id.span.clone(), "declared again here"))
                .also(first_unit.label(first_span, "first declared here"))
                .help(format!(
                    "ids are global across all files loaded together; rename one (the first is at {}:{line}:{col})",
                    first_unit.path.display()
                ))
        });
    }

    fn get(&self, id: &str) -> Option<usize> {
        self.ids.find(id)
    }

    /// The declaration `reference` names; an unknown one is reported. Only once every file is
    /// declared (a claim naming something undeclared waits for `finish`), so that an id is
    /// never called unknown before the file declaring it is read, and `suggestions` are whole.
    fn find(
        &self,
        unit: &FileUnit,
        reference: &At<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let found = self.get(&reference.value);
        if found.is_none() {
            unless_broken(unit, diags, Severity::Error, || {
                self.unknown(unit, reference)
            });
        }
        found
    }

    /// The error for a reference to an id nobody declared, with did-you-mean.
    fn unknown(&self, unit: &FileUnit, reference: &At<String>) -> Diagnostic {
        let mut suggester = self.suggester.borrow_mut();
        let suggester =
            suggester.get_or_insert_with(|| suggest::Suggester::new(self.suggestions()));
        let help = suggester.hint(&reference.value).unwrap_or_else(|| {
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

/// At most this many claims are guessed to come beyond the file at hand (3 GB of address space,
/// and the ids' table's 32 MB of control bytes, which it writes at once): a first file far
/// larger than the rest must not make room for thousands like it.
const MOST_GUESSED: usize = 1 << 24;

/// Builds the model from the checked files, given one at a time in load order, adding the
/// cross-file diagnostics.
pub struct Resolver {
    /// Each file taken so far, its tables taken out: what its messages need (path, whether it
    /// is broken, its message count).
    files: Vec<FileUnit>,
    model: Model,
    ids: Declarations,
    /// Which sources are used (as `source` or in `via`) and which topics have claims, by
    /// model index.
    used_sources: Vec<bool>,
    used_topics: Vec<bool>,
    /// Whether each topic (by model index) is numeric: what each claim checks its assertion
    /// against, in a list small enough to stay in the caches (the topics themselves do not).
    numeric: Vec<bool>,
    /// Topics named by claims read before any file declared them: used if one does later.
    /// Claims that fail to resolve still count as uses: no warning on top of their error.
    late_topics: Vec<String>,
    /// Claims that name something not declared when their file was taken, with the rest of
    /// their file's claims, in load order.
    waiting: Vec<Waiting>,
    /// The `supersedes` of each claim in the model: its claim id index, its file, the ids.
    supersedes: Vec<(usize, usize, Vec<At<String>>)>,
    /// How many files taken so far declare claims (catalogs declare none), for `make_room`.
    with_claims: usize,
    /// How many topics and sources were declared when they were last published.
    published: usize,
}

/// A claim resolved only once every file is declared.
struct Waiting {
    file: usize,
    /// How many claims the model had when it was read: where it goes if it resolves.
    at: usize,
    /// Its id's index, or (declared twice) the first declaration's.
    id: Result<usize, usize>,
    raw: RawClaim,
}

impl Resolver {
    pub fn new(files: usize) -> Self {
        let mut model = Model::default();
        model.files.reserve(files);
        model.file_digests.reserve(files);
        Self {
            files: Vec::with_capacity(files),
            model,
            ids: Declarations::new(),
            used_sources: Vec::new(),
            used_topics: Vec::new(),
            numeric: Vec::new(),
            late_topics: Vec::new(),
            waiting: Vec::new(),
            supersedes: Vec::new(),
            with_claims: 0,
            published: 0,
        }
    }

    /// Publish the topics and sources declared so far for the workers ([`Published::look_up`]),
    /// when they are many, and at least twice as many as last published (each publication
    /// copies them).
    pub fn publish(&mut self, into: &Published) {
        let now = self.ids.topics.ids.len() + self.ids.sources.ids.len();
        if now < PUBLISH_AT_LEAST || now < self.published.saturating_mul(2) {
            return;
        }
        self.published = now;
        let frozen = Frozen {
            topics: self.ids.topics.ids.clone(),
            sources: self.ids.sources.ids.clone(),
        };
        if let Ok(mut latest) = into.latest.lock() {
            *latest = Some(std::sync::Arc::new(frozen));
        }
    }

    /// Take the next file in load order (its own messages already taken): declare what it
    /// declares and resolve its claims, or keep them until [`Self::finish`] if they name
    /// something not yet declared.
    pub fn add(&mut self, mut unit: FileUnit, diags: &mut Vec<Diagnostic>) {
        let f = self.files.len();
        let report = unit.report.take();
        let sources = std::mem::take(&mut unit.sources);
        let topics = std::mem::take(&mut unit.topics);
        let mut claims = std::mem::take(&mut unit.claims);
        // What a worker found each claim names, when it could (see `Published`).
        let mut found = std::mem::take(&mut unit.known);
        found.resize_with(claims.len(), || None);
        self.model.files.push(unit.path.clone());
        self.model.file_digests.push(unit.digest);
        self.files.push(unit);
        self.with_claims += usize::from(!claims.is_empty());
        self.make_room(claims.len());
        self.ids.sources.written += sources.len();
        self.ids.topics.written += topics.len();
        self.ids.claims.written += claims.len();
        self.declare_file(f, report, sources, topics, diags);
        self.ids
            .claims
            .ids
            .touch(claims.iter().map(|raw| raw.id.value.as_str()));
        // The claims are resolved in place, what the model keeps taken out of each (a claim as
        // read is some 400 bytes: moving each one out of the list, then into each function that
        // takes it, was a tenth of this thread's time at a million claims).
        let mut waiting_from = claims.len();
        for (k, (raw, found)) in claims.iter_mut().zip(found).enumerate() {
            // Everything the claim names, looked up once (nearly always all declared).
            let known = found.or_else(|| self.ids.known_references(raw));
            self.note_topic(raw, known.as_ref().map(|refs| refs.topic));
            let Some(known) = known else {
                waiting_from = k;
                break;
            };
            if !self.ids.claims.declare(&self.files, f, &raw.id, diags) {
                continue;
            }
            let i = self.ids.claim_model.len();
            self.ids.claim_model.push(None);
            if let Some(claim) = self.resolve_claim(f, i, raw, Some(known), diags) {
                self.ids.claim_model[i] = Some(self.model.claims.len());
                self.model.claims.push(claim);
            }
        }
        // Once one claim waits, the rest of the file waits too: its messages keep their order.
        for (k, raw) in claims.drain(waiting_from..).enumerate() {
            if k > 0 {
                self.note_topic(&raw, None);
            }
            let id = self.ids.claims.register(f, &raw.id);
            if id.is_ok() {
                self.ids.claim_model.push(None);
            }
            self.waiting.push(Waiting {
                file: f,
                at: self.model.claims.len(),
                id,
                raw,
            });
        }
    }

    /// Room for a file's `more` claims, and for as many again in each file still to come as
    /// the files so far that declare claims have on average (and a quarter more): the model's
    /// claims are the largest list of all, and growing it by doubling copies it again and
    /// again (at a million claims, hundreds of megabytes). A catalog loaded first (no claims)
    /// does not halve the guess: that cost a copy of the list and of the ids' table part way.
    /// Room not used is address space, not memory.
    fn make_room(&mut self, more: usize) {
        let claims = &mut self.model.claims;
        if claims.len() + more <= claims.capacity() {
            return;
        }
        let taken = self.files.len();
        let to_come = self.files.capacity().saturating_sub(taken);
        let per_file = (claims.len() + more).div_ceil(self.with_claims.max(1));
        let guess = (to_come.saturating_mul(per_file) / 4).saturating_mul(5);
        let room = more.saturating_add(guess.min(MOST_GUESSED));
        // The room guessed is a hint: if that much cannot be had, room for this file only.
        if claims.try_reserve(room).is_err() {
            claims.reserve(more);
        }
        // The claim ids' table likewise, ids taken as 16 bytes long.
        self.ids.claims.ids.reserve(room, room.saturating_mul(16));
        if self.ids.claim_model.try_reserve(room).is_err() {
            self.ids.claim_model.reserve(more);
        }
    }

    /// The checks that need every file: waiting claims, `part_of`, `supersedes` and unused
    /// ids. The model, and the messages counted but not kept.
    pub fn finish(mut self, diags: &mut Vec<Diagnostic>) -> (Model, Hidden) {
        let mut late = Vec::new();
        for mut w in std::mem::take(&mut self.waiting) {
            let i = match w.id {
                Ok(i) => i,
                Err(first) => {
                    self.ids
                        .claims
                        .twice(&self.files, w.file, &w.raw.id, first, diags);
                    continue;
                }
            };
            if let Some(claim) = self.resolve_claim(w.file, i, &mut w.raw, None, diags) {
                late.push((w.at, i, claim));
            }
        }
        place_late(&mut self.model.claims, &mut self.ids.claim_model, late);
        for topic in std::mem::take(&mut self.late_topics) {
            if let Some(t) = self.ids.topics.get(&topic) {
                self.used_topics[t] = true;
            }
        }
        let Self {
            files,
            mut model,
            ids,
            mut used_sources,
            used_topics,
            mut supersedes,
            ..
        } = self;
        ids.resolve_part_of(&files, &mut model, &mut used_sources, diags);
        // In load order, as claim ids were declared.
        supersedes.sort_unstable_by_key(|&(i, _, _)| i);
        ids.resolve_supersedes(&files, &mut model, supersedes, diags);
        warn_unused(&files, &model, &ids, &used_sources, &used_topics, diags);
        let mut hidden = Hidden::default();
        for unit in &files {
            let h = unit.hidden.get();
            hidden.errors += h.errors;
            hidden.warnings += h.warnings;
        }
        (model, hidden)
    }

    /// Count the claim's topic as used, now or once every file is declared.
    /// `known`: the topic, when it was looked up already.
    fn note_topic(&mut self, raw: &RawClaim, known: Option<Option<usize>>) {
        let Some(name) = &raw.topic else { return };
        let topic = known.unwrap_or_else(|| self.ids.topics.get(&name.value));
        match topic {
            Some(t) => self.used_topics[t] = true,
            None => self.late_topics.push(name.value.clone()),
        }
    }

    /// Declare file `f`'s report, sources and topics; those declared first join the model.
    fn declare_file(
        &mut self,
        f: usize,
        report: Option<RawReport>,
        sources: Vec<RawSource>,
        topics: Vec<RawTopic>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let (files, ids, model) = (&self.files, &mut self.ids, &mut self.model);
        let mut file_report = None;
        if let Some(r) = report
            && ids.reports.declare(files, f, &r.id, diags)
        {
            file_report = Some(model.reports.len());
            model.reports.push(report_of(f, r));
        }
        ids.file_report.push(file_report);
        for s in sources {
            if let Some(first) = ids.sources.get(&s.id.value) {
                let (first_file, earlier) = &ids.source_raw[first];
                redeclared(
                    files,
                    (*first_file, &earlier.id),
                    (f, &s.id),
                    "source",
                    source_difference(earlier, &s),
                    diags,
                );
            } else if ids.sources.declare(files, f, &s.id, diags) {
                model.sources.push(source(f, &s));
                self.used_sources.push(false);
                ids.source_raw.push((f, s));
            }
        }
        for t in topics {
            if let Some(first) = ids.topics.get(&t.id.value) {
                let (first_file, earlier) = &ids.topic_raw[first];
                redeclared(
                    files,
                    (*first_file, &earlier.id),
                    (f, &t.id),
                    "topic",
                    topic_difference(earlier, &t),
                    diags,
                );
            } else if ids.topics.declare(files, f, &t.id, diags) {
                let declared = topic(f, &t);
                self.numeric.push(declared.is_numeric());
                model.topics.push(declared);
                self.used_topics.push(false);
                ids.topic_raw.push((f, t));
            }
        }
    }

    /// Resolve one declared claim (claim id index `i`) of file `f`: the model's claim when
    /// every part of it resolved; unknown references and a wrong kind of value are reported.
    fn resolve_claim(
        &mut self,
        f: usize,
        i: usize,
        raw: &mut RawClaim,
        known: Option<References>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Claim> {
        let unit = &self.files[f];
        let refs = known.unwrap_or_else(|| self.ids.references(unit, raw, diags));
        for &s in refs.source.iter().chain(&refs.via) {
            self.used_sources[s] = true;
        }
        let assertion = refs.topic.and_then(|t| {
            let topics = &self.model.topics;
            assertion(self.numeric[t], || &topics[t], unit, raw, diags)
        });
        let supersedes = std::mem::take(&mut raw.supersedes);
        let claim = claim(f, raw, self.ids.file_report[f], refs, assertion)?;
        if !supersedes.is_empty() {
            self.supersedes.push((i, f, supersedes));
        }
        Some(claim)
    }
}

/// Put the claims that resolved late (`at`, claim id index, claim; in load order) in their
/// places among the others, moving each claim at most once, and renumber `claim_model`.
fn place_late(
    claims: &mut Vec<Claim>,
    claim_model: &mut [Option<usize>],
    late: Vec<(usize, usize, Claim)>,
) {
    if late.is_empty() {
        return;
    }
    let ats: Vec<usize> = late.iter().map(|&(at, _, _)| at).collect();
    for m in claim_model.iter_mut().flatten() {
        let old = *m;
        *m = old + ats.partition_point(|&at| at <= old);
    }
    for (k, &(at, i, _)) in late.iter().enumerate() {
        claim_model[i] = Some(at + k);
    }
    let Some(filler) = claims.first().cloned() else {
        claims.extend(late.into_iter().map(|(_, _, claim)| claim));
        return;
    };
    let mut read = claims.len();
    claims.resize(read + late.len(), filler);
    let mut write = claims.len();
    for (at, _, claim) in late.into_iter().rev() {
        while read > at {
            read -= 1;
            write -= 1;
            claims.swap(read, write);
        }
        write -= 1;
        claims[write] = claim;
    }
}

/// Every id the files declare, one registry per kind, and which report each file's claims are in.
struct Declarations {
    reports: Registry,
    sources: Registry,
    topics: Registry,
    claims: Registry,
    /// The model index of each file's report, for its claims.
    file_report: Vec<Option<usize>>,
    /// The first declaration of each model source and topic, to compare redeclarations with.
    source_raw: Vec<(usize, RawSource)>,
    topic_raw: Vec<(usize, RawTopic)>,
    /// The model index of each declared claim id (by registry index); `None` when the claim
    /// did not resolve.
    claim_model: Vec<Option<usize>>,
}

impl Declarations {
    fn new() -> Self {
        Self {
            reports: Registry::new("report"),
            sources: Registry::new("source"),
            topics: Registry::new("topic"),
            claims: Registry::new("claim"),
            file_report: Vec::new(),
            source_raw: Vec::new(),
            topic_raw: Vec::new(),
            claim_model: Vec::new(),
        }
    }

    /// What the claim names as topic, source and `via`, when everything it names is declared
    /// already (as [`Declarations::references`] finds it then, with nothing to report).
    fn known_references(&self, raw: &RawClaim) -> Option<References> {
        references_in(&self.topics.ids, &self.sources.ids, raw)
    }

    /// Each source's `part_of`, looked up, and cycles refused. The source named is used.
    fn resolve_part_of(
        &self,
        units: &[FileUnit],
        model: &mut Model,
        used: &mut [bool],
        diags: &mut Vec<Diagnostic>,
    ) {
        for (s, (f, raw)) in self.source_raw.iter().enumerate() {
            let Some(name) = &raw.part_of else { continue };
            if let Some(up) = self.sources.find(&units[*f], name, diags) {
                model.sources[s].part_of = Some(up);
                used[up] = true;
            }
        }
        // A cycle is reported once, at the `part_of` of its first source in load order. Each
        // source is walked once: a walk stops at a source an earlier walk finished.
        let mut reported = vec![false; model.sources.len()];
        let mut state = vec![Walk::NotYet; model.sources.len()];
        let mut path = Vec::new();
        for s in 0..model.sources.len() {
            path.clear();
            let mut at = s;
            while state[at] == Walk::NotYet {
                state[at] = Walk::OnPath(path.len());
                path.push(at);
                let Some(up) = model.sources[at].part_of else {
                    break;
                };
                if let Walk::OnPath(i) = state[up] {
                    let cycle = &path[i..];
                    cycle.iter().for_each(|&c| reported[c] = true);
                    let first = *cycle.iter().min().unwrap_or(&up);
                    let (f, raw) = &self.source_raw[first];
                    let f = *f;
                    let named = cycle_named(
                        cycle_from(cycle, first).map(|c| model.sources[c].id.as_str()),
                        cycle.len(),
                        "sources",
                    );
                    if let Some(part_of) = &raw.part_of {
                        unless_broken(&units[f], diags, Severity::Error, || {
                            Diagnostic::error(&units[f].path, format!("`part_of` makes a cycle: {named}"))
                                .at(units[f].label(part_of.span.clone(), "closes the cycle"))
                                .help("a source belongs to a larger one, never to itself: remove one `part_of` of the cycle")
                        });
                    }
                    break;
                }
                at = up;
            }
            path.iter().for_each(|&c| state[c] = Walk::Done);
        }
        // A bad model must not loop anywhere: cut every cycle.
        for (source, _) in model.sources.iter_mut().zip(&reported).filter(|(_, r)| **r) {
            source.part_of = None;
        }
    }

    /// Each claim's `supersedes` (claim id index, file, ids; in load order): claims on the
    /// same topic, not itself.
    fn resolve_supersedes(
        &self,
        units: &[FileUnit],
        model: &mut Model,
        supersedes: Vec<(usize, usize, Vec<At<String>>)>,
        diags: &mut Vec<Diagnostic>,
    ) {
        // Each claim that names others: its model index, file and the names as written.
        let mut named = Vec::new();
        for (i, f, names) in supersedes {
            let Some(c) = self.claim_model[i] else {
                continue;
            };
            let unit = &units[f];
            let mut resolved = Vec::new();
            for name in &names {
                let Some(i) = self.claims.find(unit, name, diags) else {
                    continue;
                };
                // A claim that did not resolve has its own error already.
                let Some(other) = self.claim_model[i] else {
                    continue;
                };
                let (this, that) = (&model.claims[c], &model.claims[other]);
                if other == c {
                    unless_broken(unit, diags, Severity::Error, || {
                        Diagnostic::error(&unit.path, format!("claim `{}` supersedes itself", this.id))
                            .at(unit.label(name.span.clone(), "this claim"))
                            .help("`supersedes` names earlier claims this one corrects or updates; remove this id")
                    });
                } else if that.topic != this.topic {
                    let topics = (&model.topics[this.topic].id, &model.topics[that.topic].id);
                    unless_broken(unit, diags, Severity::Error, || {
                        Diagnostic::error(&unit.path, format!("claim `{}` supersedes `{}`, which is on another topic", this.id, that.id))
                            .at(unit.label(name.span.clone(), &format!("on topic `{}`", topics.1)))
                            .help(format!("a claim supersedes claims on its own topic (`{}`); put both on one topic or remove this id", topics.0))
                    });
                } else {
                    resolved.push(other);
                }
            }
            model.claims[c].supersedes = resolved;
            named.push((c, f, names));
        }
        supersedes_cycles(units, model, &named, diags);
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

/// What `raw` names as topic, source and `via`, looked up among `topics` and `sources`, when
/// every name is there.
fn references_in(topics: &IdTable, sources: &IdTable, raw: &RawClaim) -> Option<References> {
    let known = |ids: &IdTable, name: &Option<At<String>>| match name {
        Some(name) => ids.find(&name.value).map(Some),
        None => Some(None),
    };
    Some(References {
        topic: known(topics, &raw.topic)?,
        source: known(sources, &raw.source)?,
        via: raw
            .via
            .iter()
            .map(|v| sources.find(&v.value))
            .collect::<Option<Vec<usize>>>()?,
    })
}

/// The topics and sources declared when they were published, for the files' workers to look
/// the claims' references up in while the resolver takes the files in order (see
/// [`Published`]).
pub struct Frozen {
    topics: IdTable,
    sources: IdTable,
}

/// The latest declarations the resolver published, if any.
#[derive(Default)]
pub struct Published {
    latest: std::sync::Mutex<Option<std::sync::Arc<Frozen>>>,
}

/// Declarations are published once there are at least this many topics and sources: fewer are
/// looked up as fast on the resolver's thread.
const PUBLISH_AT_LEAST: usize = 1_024;

impl Published {
    /// Look up, among the declarations published (if any yet), what each of `unit`'s claims
    /// names: for the claims whose every name is there, what the resolver would find when it
    /// takes the file (declarations only grow, each keeping its index), found on the file's
    /// worker instead of the resolver's one thread.
    pub fn look_up(&self, unit: &mut FileUnit) {
        let latest = self.latest.lock().map(|l| l.clone()).unwrap_or_default();
        let Some(frozen) = latest else { return };
        // The topics first, all at once: among 100,000 topics each lookup misses the caches,
        // and these go to memory together (see `IdTable::touch`).
        let topics = unit.claims.iter().filter_map(|raw| raw.topic.as_ref());
        frozen.topics.touch(topics.map(|t| t.value.as_str()));
        unit.known = unit
            .claims
            .iter()
            .map(|raw| references_in(&frozen.topics, &frozen.sources, raw))
            .collect();
    }
}

/// What a claim's references resolved to: indices into the model.
pub struct References {
    topic: Option<usize>,
    source: Option<usize>,
    via: Vec<usize>,
}

fn report_of(f: usize, r: RawReport) -> Report {
    Report {
        title: clean(r.title.as_deref().unwrap_or("")),
        outlet: r.outlet.as_deref().map(clean),
        url: r.url.as_deref().map(clean),
        published: r.published,
        text: r.text.map(|t| t.value),
        pos: position(f, r.at),
        id: r.id.value,
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

/// The model's claim, when every part of it resolved. Its id and quote move into it; the
/// quote is sanitised already, on the file's thread (see `unit::load_file`).
fn claim(
    f: usize,
    raw: &mut RawClaim,
    report: Option<usize>,
    refs: References,
    assertion: Option<Assertion>,
) -> Option<Claim> {
    // Computed from the claim as written; it holds once the claim resolves to what it says.
    let fingerprint = raw
        .fingerprint
        .filter(|_| raw.judged().map(|j| j.assertion) == assertion);
    let (Some(report), Some(topic), Some(source), Some(quote), Some(assertion)) = (
        report,
        refs.topic,
        refs.source,
        raw.quote.as_mut(),
        assertion,
    ) else {
        return None;
    };
    Some(Claim {
        fingerprint,
        quote: std::mem::take(&mut quote.value),
        id: std::mem::take(&mut raw.id.value),
        report,
        topic,
        source,
        via: refs.via,
        stated: raw.stated,
        credibility: raw.credibility,
        assertion,
        supersedes: Vec::new(),
        draft: raw.draft,
        pos: position(f, raw.at),
    })
}

/// A cycle of `length` ids, given from its first: all of them and the first again, or for a
/// long one its first ten, the first again and how many there are.
fn cycle_named<'a>(ids: impl Iterator<Item = &'a str>, length: usize, kind: &str) -> String {
    let ids: Vec<&str> = ids.take(11).collect();
    let Some(&first) = ids.first() else {
        return String::new();
    };
    if length <= 11 {
        format!("{} → {first}", ids.join(" → "))
    } else {
        format!("{} → … → {first} ({length} {kind})", ids[..10].join(" → "))
    }
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
        unless_broken(unit, diags, Severity::Error, || {
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
    unless_broken(unit, diags, Severity::Error, || {
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

/// The claim's figure or stance, checked against the kind of its topic (`numeric`: whether
/// it is; the topic itself is looked at only for a message).
fn assertion<'m>(
    numeric: bool,
    topic: impl FnOnce() -> &'m Topic,
    unit: &FileUnit,
    raw: &RawClaim,
    diags: &mut Vec<Diagnostic>,
) -> Option<Assertion> {
    match (numeric, &raw.figure, &raw.stance) {
        (true, Some(f), _) => Some(Assertion::Figure(f.value)),
        (false, _, Some(s)) => Some(Assertion::Stance(s.value)),
        (true, None, Some(s)) => {
            let topic = topic();
            unless_broken(unit, diags, Severity::Error, || {
                Diagnostic::error(&unit.path, format!("a stance on numeric topic `{}`", topic.id))
                    .at(unit.label(s.span.clone(), "numeric topics compare figures"))
                    .help(format!("give the number as `figure = ...` (the topic counts {}), or use a yes/no topic", topic.unit.as_deref().unwrap_or("units")))
            });
            None
        }
        (false, Some(f), None) => {
            let topic = topic();
            unless_broken(unit, diags, Severity::Error, || {
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
    ids: &Declarations,
    used_sources: &[bool],
    used_topics: &[bool],
    diags: &mut Vec<Diagnostic>,
) {
    let topic_ids = model.topics.iter().map(|t| t.id.as_str());
    for (id, place) in unused(topic_ids, &ids.topics, used_topics) {
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

/// The ids declared in `registry` (in model order) that are not `used`, with where each was
/// declared.
fn unused<'a>(
    ids: impl Iterator<Item = &'a str>,
    registry: &'a Registry,
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
    unless_broken(unit, diags, Severity::Warning, || {
        Diagnostic::warning(&unit.path, message)
            .at(unit.label(span.clone(), "declared here"))
            .help(help)
    });
}

/// Pass on a diagnostic from the cross-file checks, unless its file could not be parsed: that
/// file has said enough, and what it declares is a best guess.
/// `supersedes` cycles (a claim correcting itself through others) are errors, each reported at
/// the `supersedes` entry that closes it and cut there, so that no claim of it is left
/// superseded for nothing. One walk over the claims that name others, each claim met once.
fn supersedes_cycles(
    units: &[FileUnit],
    model: &mut Model,
    named: &[(usize, usize, Vec<At<String>>)],
    diags: &mut Vec<Diagnostic>,
) {
    // Where the walk stands with each claim met (those not met are `Walk::NotYet`).
    let mut state: rustc_hash::FxHashMap<usize, Walk> = Default::default();
    let mut closing = Vec::new();
    for &(start, _, _) in named {
        if state.contains_key(&start) {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state.insert(start, Walk::OnPath(0));
        while let Some(&mut (at, ref mut next)) = path.last_mut() {
            let Some(&up) = model.claims[at].supersedes.get(*next) else {
                state.insert(at, Walk::Done);
                path.pop();
                continue;
            };
            *next += 1;
            match state.get(&up).copied().unwrap_or(Walk::NotYet) {
                Walk::NotYet => {
                    state.insert(up, Walk::OnPath(path.len()));
                    path.push((up, 0));
                }
                Walk::Done => {}
                Walk::OnPath(place) => {
                    // `at` closes a cycle from `up`: the first of it, and its length.
                    let cycle: Vec<usize> =
                        path[place..].iter().map(|&(c, _)| c).take(11).collect();
                    closing.push((at, up, cycle, path.len() - place));
                }
            }
        }
    }
    let by_claim: rustc_hash::FxHashMap<usize, usize> = match closing.is_empty() {
        true => Default::default(),
        false => named
            .iter()
            .enumerate()
            .map(|(k, &(c, _, _))| (c, k))
            .collect(),
    };
    for (at, up, cycle, length) in closing {
        model.claims[at].supersedes.retain(|&c| c != up);
        let Some((_, f, names)) = by_claim.get(&at).map(|&k| &named[k]) else {
            continue;
        };
        let Some(name) = names.iter().find(|n| n.value == model.claims[up].id) else {
            continue;
        };
        let ids = cycle.iter().map(|&c| model.claims[c].id.as_str());
        let shown = cycle_named(ids, length, "claims");
        let unit = &units[*f];
        unless_broken(unit, diags, Severity::Error, || {
            Diagnostic::error(&unit.path, format!("`supersedes` makes a cycle: {shown}"))
                .at(unit.label(name.span.clone(), "closes the cycle"))
                .help("a claim corrects earlier claims, never itself through others: remove one `supersedes` id of the cycle")
        });
    }
}

/// Where a walk along `part_of` or `supersedes` stands with a source or claim.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    NotYet,
    /// On the walk under way, at this place in its path.
    OnPath(usize),
    Done,
}

fn unless_broken(
    unit: &FileUnit,
    diags: &mut Vec<Diagnostic>,
    severity: Severity,
    diagnostic: impl FnOnce() -> Diagnostic,
) {
    // A message past the file's limit is only counted, not made (making one may look for a
    // did-you-mean among all the ids).
    if !unit.broken && unit.admit(severity) {
        let d = diagnostic();
        debug_assert_eq!(d.severity, severity);
        diags.push(d);
    }
}

fn position(file: usize, (line, col): (u32, u32)) -> Position {
    Position { file, line, col }
}

fn clean(s: &str) -> String {
    sanitize::line(s).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_file_far_larger_than_the_rest_does_not_make_room_for_thousands_like_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from(
            "[report]\nid = \"r\"\ntitle = \"R\"\ntext = \"r.txt\"\n[[source]]\nid = \"s\"\nname = \"S\"\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\nunit = \"troops\"\n",
        );
        for i in 0..1000 {
            text.push_str(&format!(
                "\n[[claim]]\nid = \"c{i}\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"twelve thousand\"\nfigure = 12000\n"
            ));
        }
        std::fs::write(dir.path().join("r.txt"), "They said twelve thousand.").unwrap();
        let path = dir.path().join("x.claims.toml");
        std::fs::write(&path, text).unwrap();
        // A million files to come, each guessed as large as the first: 1.25 billion claims,
        // 240 GB, which no machine lends. The room made is capped (and a refusal would not
        // abort the run).
        let mut resolver = Resolver::new(1_000_000);
        let mut diags = Vec::new();
        resolver.add(super::super::unit::load_file(&path, false), &mut diags);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let claims = &resolver.model.claims;
        assert_eq!(claims.len(), 1000);
        assert!(
            (1000..=1000 + MOST_GUESSED).contains(&claims.capacity()),
            "{}",
            claims.capacity()
        );
    }

    /// Files of every kind of reference: a catalog of `PUBLISH_AT_LEAST` topics (so that it is
    /// published), claims naming its topics and sources, a source of their own file, a topic
    /// only a later file declares, an unknown topic, a duplicate claim id, and `via`s.
    fn files_of_every_reference(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut catalog = String::from("[[source]]\nid = \"s0\"\nname = \"S0\"\n");
        for t in 0..PUBLISH_AT_LEAST {
            catalog.push_str(&format!(
                "[[topic]]\nid = \"t{t}\"\nquestion = \"How many in {t}?\"\nunit = \"troops\"\n"
            ));
        }
        let mut paths = vec![dir.join("a-catalog.claims.toml")];
        std::fs::write(&paths[0], catalog).unwrap();
        std::fs::write(dir.join("r.txt"), "They said twelve thousand.").unwrap();
        for f in 0..6 {
            let mut text = format!(
                "[report]\nid = \"r{f}\"\ntitle = \"R\"\ntext = \"r.txt\"\n[[source]]\nid = \"own{f}\"\nname = \"Own\"\n"
            );
            if f == 4 {
                text.push_str("[[topic]]\nid = \"later\"\nquestion = \"Q?\"\nunit = \"troops\"\n");
            }
            for c in 0..40 {
                // Claims naming what is not declared yet come last: from the first such claim
                // on, the rest of a file waits for every file to be declared.
                let (topic, source, via) = match c {
                    37 => (format!("t{c}"), "s0", "[\"missing\"]"),
                    38 => ("later".to_string(), "s0", "[]"),
                    39 => ("nowhere".to_string(), "s0", "[]"),
                    _ if c % 4 == 0 => (format!("t{c}"), "own_source", "[]"),
                    _ if c % 4 == 1 => (format!("t{c}"), "s0", "[\"s0\"]"),
                    _ => (format!("t{}", (f * 40 + c) % PUBLISH_AT_LEAST), "s0", "[]"),
                };
                let source = if source == "own_source" {
                    format!("own{f}")
                } else {
                    source.to_string()
                };
                // Claim ids repeat across two files: duplicates.
                let id = if f == 5 && c < 3 {
                    format!("c0-{c}")
                } else {
                    format!("c{f}-{c}")
                };
                text.push_str(&format!(
                    "\n[[claim]]\nid = \"{id}\"\ntopic = \"{topic}\"\nsource = \"{source}\"\nvia = {via}\nquote = \"twelve thousand\"\nfigure = 12000\n"
                ));
            }
            let path = dir.join(format!("r{f}.claims.toml"));
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
        paths
    }

    #[test]
    fn references_found_by_the_workers_resolve_as_the_resolver_finds_them() {
        let dir = tempfile::tempdir().unwrap();
        let paths = files_of_every_reference(dir.path());
        let resolve = |published: Option<&Published>| {
            let mut resolver = Resolver::new(paths.len());
            let mut diags = Vec::new();
            let mut found = 0;
            for path in &paths {
                let mut unit = super::super::unit::load_file(path, true);
                if let Some(published) = published {
                    published.look_up(&mut unit);
                    found += unit.known.iter().flatten().count();
                }
                diags.append(&mut unit.diags);
                resolver.add(unit, &mut diags);
                if let Some(published) = published {
                    resolver.publish(published);
                }
            }
            let (model, hidden) = resolver.finish(&mut diags);
            (model, diags, hidden, found)
        };
        let (model, diags, hidden, _) = resolve(None);
        let published = Published::default();
        let (with, with_diags, with_hidden, found) = resolve(Some(&published));
        // Most claims were looked up by the workers, the rest by the resolver.
        assert!(found >= 100, "{found}");
        assert!(found < 6 * 40, "{found}");
        assert_eq!(with, model);
        assert_eq!(with_diags, diags);
        assert_eq!(with_hidden, hidden);
        // And the files say what was meant: unknown ids, a duplicate, a topic declared late.
        let said = |m: &str| diags.iter().filter(|d| d.message.contains(m)).count();
        assert!(said("unknown topic `nowhere`") > 0, "{diags:?}");
        assert!(said("unknown source `missing`") > 0, "{diags:?}");
        assert!(said("declared twice") > 0, "{diags:?}");
        assert!(
            model
                .claims
                .iter()
                .any(|c| model.topics[c.topic].id == "later")
        );
    }
}
