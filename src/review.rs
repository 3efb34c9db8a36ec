//! The reviewed model: claims, their analysis, and the decisions on each — the one in force
//! (the last, whoever made it, unless its claim changed since: then it is stale), and each
//! reviewer's last. Both the screen and the exports read this one structure.

use std::collections::HashMap;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxHashMap;

use crate::analysis::{self, Analysis};
use crate::decision::{Decision, Entry, Status};
use crate::model::Model;

/// Counts over all claims.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub verified: usize,
    pub disputed: usize,
    pub unreviewed: usize,
}

impl Progress {
    fn add(&mut self, status: Status, n: isize) {
        let count = match status {
            Status::Verified => &mut self.verified,
            Status::Disputed => &mut self.disputed,
            Status::Unreviewed => &mut self.unreviewed,
        };
        *count = count.saturating_add_signed(n);
    }
}

pub struct Review {
    /// Shared, so that work on it can go to another thread (the screen's search index).
    pub model: std::sync::Arc<Model>,
    pub analysis: Analysis,
    /// The decisions on each claim that has one, by claim index.
    decisions: Decisions,
    /// Reviewer names and notes, each once; decisions hold indices into these.
    strings: Strings,

    /// The last decision on each claim that no loaded file declares, with its journal line:
    /// kept and reported, never dropped.
    pub orphans: Vec<Entry>,
    /// Where each orphan's claim is in `orphans`.
    orphan_at: HashMap<String, usize>,
    /// Claim ids to indices, built when first needed (`check` without a journal never does):
    /// a table of claim indices hashed by their ids (no copy of the ids).
    claim_index: std::sync::OnceLock<HashTable<u32>>,
    /// Counts by status, kept current by `record` so that the screen never counts all claims.
    progress: Progress,
}

/// The decisions on one claim: each reviewer's last, the latest last, and the claim's
/// fingerprint as loaded (what a decision's own fingerprint is compared with to know whether
/// it is stale), computed once.
#[derive(Debug)]
struct OnClaim {
    now: u64,
    by: Reviewers,
}

/// Each reviewer's last decision on a claim, the latest last: three held in place (a desk's
/// usual number of reviewers), more on the heap.
type Reviewers = smallvec::SmallVec<[Held; 3]>;

/// The decisions on each claim that has any: each claim's place in a dense list, so that
/// neither building nor looking up hashes anything.
#[derive(Debug, Default)]
struct Decisions {
    /// Per claim index: where its decisions are in `on`, or `NOT_DECIDED`.
    at: Vec<u32>,
    on: Vec<(u32, OnClaim)>,
}

const NOT_DECIDED: u32 = u32::MAX;

impl Decisions {
    /// The decisions on claims (by index, each once) of a model of `claims` claims.
    fn of(claims: usize, on: Vec<(u32, OnClaim)>) -> Self {
        let mut at = vec![NOT_DECIDED; claims];
        for (i, (claim, _)) in on.iter().enumerate() {
            if let Some(slot) = at.get_mut(*claim as usize) {
                *slot = u32::try_from(i).unwrap_or(NOT_DECIDED);
            }
        }
        Decisions { at, on }
    }

    fn get(&self, claim: usize) -> Option<&OnClaim> {
        let i = *self.at.get(claim)?;
        self.on.get(i as usize).map(|(_, on)| on)
    }

    fn get_or_insert_with(&mut self, claim: usize, new: impl FnOnce() -> OnClaim) -> &mut OnClaim {
        if claim >= self.at.len() {
            self.at.resize(claim + 1, NOT_DECIDED);
        }
        let i = match self.at[claim] {
            NOT_DECIDED => {
                self.on.push((claim as u32, new()));
                let i = self.on.len() - 1;
                self.at[claim] = u32::try_from(i).unwrap_or(NOT_DECIDED);
                i
            }
            i => i as usize,
        };
        &mut self.on[i].1
    }

    fn all(&self) -> impl Iterator<Item = &OnClaim> {
        self.on.iter().map(|(_, on)| on)
    }

    fn claims(&self) -> impl Iterator<Item = usize> + '_ {
        self.on.iter().map(|&(c, _)| c as usize)
    }

    /// The claims with decisions in index order (one look at each claim's place: no sort).
    fn claims_in_order(&self) -> impl Iterator<Item = usize> + '_ {
        self.at
            .iter()
            .enumerate()
            .filter(|&(_, &i)| i != NOT_DECIDED)
            .map(|(c, _)| c)
    }
}

/// A decision as a review holds it: compact (48 bytes, for journals of hundreds of thousands
/// of decisions), its reviewer and note kept in [`Strings`] and its claim the key.
#[derive(Debug)]
struct Held {
    at: jiff::Timestamp,
    /// Valid with `FINGERPRINT` in `flags`.
    fingerprint: u64,
    /// Valid with `FIELDS` in `flags`.
    fields: [u16; 6],
    /// Its index in [`Strings::notes`], or `NO_NOTE`.
    note: u32,
    reviewer: u32,
    status: Status,
    flags: u8,
}

const FINGERPRINT: u8 = 1;
const FIELDS: u8 = 2;
const NO_NOTE: u32 = u32::MAX;

/// The strings decisions share, held once: reviewer names, and notes.
#[derive(Debug, Default)]
struct Strings {
    reviewers: Names,
    notes: Vec<Box<str>>,
}

impl Strings {
    fn note(&mut self, note: Option<Box<str>>) -> u32 {
        match note {
            // Four billion notes do not fit in memory: past that, a note would be dropped.
            Some(note) => match u32::try_from(self.notes.len()) {
                Ok(i) if i != NO_NOTE => {
                    self.notes.push(note);
                    i
                }
                _ => NO_NOTE,
            },
            None => NO_NOTE,
        }
    }

    /// Note `i` is no longer held by any decision: its text is let go (its index stays).
    fn forget_note(&mut self, i: u32) {
        if let Some(note) = self.notes.get_mut(i as usize) {
            *note = Box::default();
        }
    }
}

impl Held {
    fn new(decision: Decision, strings: &mut Strings) -> Self {
        Held::of(
            &decision.reviewer,
            decision.status,
            decision.note.map(String::into_boxed_str),
            decision.fingerprint,
            decision.fields,
            decision.at,
            strings,
        )
    }

    fn of(
        reviewer: &str,
        status: Status,
        note: Option<Box<str>>,
        fingerprint: Option<u64>,
        fields: Option<[u16; 6]>,
        at: jiff::Timestamp,
        strings: &mut Strings,
    ) -> Self {
        let reviewer = strings.reviewers.intern(reviewer);
        Held::of_index(reviewer, status, note, fingerprint, fields, at, strings)
    }

    /// [`Held::of`] for a reviewer already among the names, by their place.
    fn of_index(
        reviewer: u32,
        status: Status,
        note: Option<Box<str>>,
        fingerprint: Option<u64>,
        fields: Option<[u16; 6]>,
        at: jiff::Timestamp,
        strings: &mut Strings,
    ) -> Self {
        let flags = if fingerprint.is_some() {
            FINGERPRINT
        } else {
            0
        } | if fields.is_some() { FIELDS } else { 0 };
        Held {
            at,
            fingerprint: fingerprint.unwrap_or(0),
            fields: fields.unwrap_or_default(),
            note: strings.note(note),
            reviewer,
            status,
            flags,
        }
    }

    fn fingerprint(&self) -> Option<u64> {
        (self.flags & FINGERPRINT != 0).then_some(self.fingerprint)
    }

    /// This decision on claim `claim`, as handed out.
    fn view<'r>(&'r self, claim: &'r str, strings: &'r Strings) -> Decided<'r> {
        Decided {
            claim,
            status: self.status,
            note: strings.notes.get(self.note as usize).map(|n| &**n),
            reviewer: &strings.reviewers.names[self.reviewer as usize],
            fingerprint: self.fingerprint(),
            fields: (self.flags & FIELDS != 0).then_some(self.fields),
            at: self.at,
        }
    }

    /// Make this its reviewer's last decision among `by`, and the last of all. The note of the
    /// decision it replaces is let go (a claim decided again and again with long notes would
    /// otherwise hold every note ever written).
    fn put_into(self, by: &mut Reviewers, strings: &mut Strings) {
        by.retain(|d| {
            let other = d.reviewer != self.reviewer;
            if !other {
                strings.forget_note(d.note);
            }
            other
        });
        by.push(self);
    }
}

/// A claim as a journal snapshot holds it: its id, its last entry's line, and each reviewer's
/// last decision on it, latest last.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ClaimRecord<'a> {
    #[serde(borrow)]
    id: &'a str,
    line: u64,
    #[serde(borrow)]
    by: Vec<HeldRecord<'a>>,
}

/// A decision as a journal snapshot holds it: its reviewer by their place among the names.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct HeldRecord<'a> {
    status: u8,
    reviewer: u32,
    second: i64,
    nanosecond: i32,
    /// Digests as their bytes: postcard writes integers by their size, and a digest's is all
    /// of it (a third longer written as numbers).
    fingerprint: Option<[u8; 8]>,
    fields: Option<[u8; 12]>,
    #[serde(borrow)]
    note: Option<&'a str>,
}

/// What a store held, by claim id, before it meets the claims: each reviewer's last decision
/// on each claim, compactly. A journal can be read into this while the claim files load.
///
/// Built for a journal of hundreds of thousands of entries, where looking claims up is what
/// costs: the ids sit one after another in one string, so the memory each entry touches is
/// small.
#[derive(Debug, Default)]
pub struct Replayed {
    /// The claim ids, in the order first met; each has the slot at its index.
    ids: crate::ids::IdTable,
    /// Each claim's decisions, made as they will be held once they meet the claims (the claim
    /// index and fingerprint filled in then, in place: no second list).
    slots: Vec<(u32, OnClaim)>,
    /// The journal line of each claim's last entry, by slot.
    lines: Vec<usize>,
    strings: Strings,
    /// For claims decided by at least `CROWDED` reviewers, which reviewers (by slot): a
    /// reviewer new to such a claim joins it without a look through the others (one claim
    /// decided by 160,000 reviewers took 8 s, twice as many 38 s).
    crowded: rustc_hash::FxHashSet<(u32, u32)>,
}

/// See [`Replayed::crowded`].
const CROWDED: usize = 16;

/// In a slot whose claim id no loaded file declares, the claim index.
const ORPHAN: u32 = u32::MAX;

/// The fewest bytes a journal entry takes, as `store::journal::render` writes it (an entry of
/// one-letter claim id and reviewer, no note or fingerprint, is about 80): a journal of `n`
/// bytes decides at most `n / ENTRY_BYTES_AT_LEAST` claims, usually far fewer.
const ENTRY_BYTES_AT_LEAST: u64 = 64;

/// At most this many claims are guessed from a journal's size (room for them is address space,
/// not memory, until filled; but 2^22 slots of about 170 bytes are already 700 MB of it).
const MOST_SLOTS_GUESSED: u64 = 1 << 22;

/// How many claims a journal of `bytes` bytes can decide at most, capped at
/// [`MOST_SLOTS_GUESSED`]: the room [`Replayed::for_journal_of`] asks for.
fn claims_guessed(bytes: u64) -> usize {
    (bytes / ENTRY_BYTES_AT_LEAST).min(MOST_SLOTS_GUESSED) as usize
}

impl Replayed {
    /// Ready for a journal of `bytes` bytes: room for as many claims as it can decide, made at
    /// once, so that the slots are not copied at each doubling (copies that touch twice the
    /// memory the slots need: a fifth of `check`'s page faults on a 300k-entry journal). Room
    /// beyond what is filled is never touched, so it costs no memory; when it cannot be had,
    /// the slots grow as claims come.
    pub fn for_journal_of(bytes: u64) -> Self {
        let claims = claims_guessed(bytes);
        let mut replayed = Replayed::default();
        if replayed.slots.try_reserve_exact(claims).is_ok() {
            let _ = replayed.lines.try_reserve_exact(claims);
        }
        replayed
    }

    /// Take the next entry, in store order.
    pub fn push(&mut self, entry: Entry) {
        let Entry { decision, line } = entry;
        let at = self.slot(&decision.claim);
        let held = Held::new(decision, &mut self.strings);
        self.put(at, held, line);
    }

    /// [`Replayed::push`] for an entry borrowed from a journal's text: only its note is copied.
    pub fn push_ref(&mut self, entry: crate::store::EntryRef<'_>) {
        let at = self.slot(&entry.claim);
        let held = Held::of(
            &entry.reviewer,
            entry.status,
            entry.note.map(|n| Box::from(&*n)),
            entry.fingerprint,
            entry.fields,
            entry.at,
            &mut self.strings,
        );
        self.put(at, held, entry.line);
    }

    fn put(&mut self, at: usize, held: Held, line: usize) {
        self.lines[at] = line;
        let by = &mut self.slots[at].1.by;
        if by.len() < CROWDED {
            held.put_into(by, &mut self.strings);
            if by.len() == CROWDED {
                let slot = at as u32;
                self.crowded.extend(by.iter().map(|d| (slot, d.reviewer)));
            }
        } else if self.crowded.insert((at as u32, held.reviewer)) {
            // A reviewer new to a crowded claim: nothing of theirs to replace.
            by.push(held);
        } else {
            held.put_into(by, &mut self.strings);
        }
    }

    /// Where claim `id` is among the slots, a new one if it was not met before.
    fn slot(&mut self, id: &str) -> usize {
        let at = self.ids.intern(id);
        if at == self.slots.len() {
            let empty = OnClaim {
                now: 0,
                by: Reviewers::new(),
            };
            self.slots.push((ORPHAN, empty));
            self.lines.push(0);
        }
        at
    }

    /// How many claims have decisions.
    pub fn claims(&self) -> usize {
        self.ids.len()
    }

    /// Every claim id met, in order, with its last entry's line and its reviewers' decisions,
    /// latest last: what two replays are compared by in tests.
    #[cfg(test)]
    pub(crate) fn dump(&self) -> Vec<String> {
        (0..self.slots.len())
            .map(|i| {
                let id = self.ids.get(i);
                let by: Vec<String> = self.slots[i]
                    .1
                    .by
                    .iter()
                    .map(|held| format!("{:?}", held.view(id, &self.strings)))
                    .collect();
                format!("{id} @{}: {by:?}", self.lines[i])
            })
            .collect()
    }

    /// The reviewers' names, in the order their decisions name them: the start of this replay
    /// in a snapshot (see [`crate::store::snapshot`]); the claims follow in blocks
    /// ([`Replayed::claim_records`]).
    pub fn names(&self) -> Vec<&str> {
        self.strings.reviewers.names.iter().map(|n| &**n).collect()
    }

    /// The records of the claims from the `from`-th on, at most `most`: each id with its last
    /// entry's line and its reviewers' decisions, latest last. Notes no decision holds any more
    /// are left out.
    pub fn claim_records(&self, from: usize, most: usize) -> Vec<ClaimRecord<'_>> {
        let strings = &self.strings;
        (from..self.slots.len().min(from.saturating_add(most)))
            .map(|i| ClaimRecord {
                id: self.ids.get(i),
                line: self.lines[i] as u64,
                by: self.slots[i]
                    .1
                    .by
                    .iter()
                    .map(|held| HeldRecord {
                        status: held.status as u8,
                        reviewer: held.reviewer,
                        second: held.at.as_second(),
                        nanosecond: held.at.subsec_nanosecond(),
                        fingerprint: held.fingerprint().map(u64::to_le_bytes),
                        fields: (held.flags & FIELDS != 0).then(|| {
                            let mut bytes = [0; 12];
                            for (pair, field) in bytes.chunks_exact_mut(2).zip(held.fields) {
                                pair.copy_from_slice(&field.to_le_bytes());
                            }
                            bytes
                        }),
                        note: strings.notes.get(held.note as usize).map(|n| &**n),
                    })
                    .collect(),
            })
            .collect()
    }

    /// How many claims [`Replayed::claim_records`] has to give.
    pub fn claims_to_encode(&self) -> usize {
        self.slots.len()
    }

    /// A replay starting with the reviewers `names`, with room for a journal of `bytes` bytes
    /// (the entries after the snapshot follow); `None` if a name is there twice.
    pub fn with_names(names: &[&str], bytes: u64) -> Option<Replayed> {
        let mut replayed = Replayed::for_journal_of(bytes);
        for (i, name) in names.iter().enumerate() {
            // Each name once, in its place.
            if replayed.strings.reviewers.intern(name) != i as u32 {
                return None;
            }
        }
        Some(replayed)
    }

    /// Take the claims of `records` (a snapshot's block), after those taken before; no entry's
    /// line past `last_line`. `None` if anything is out of place. What is read is trusted to be
    /// what was written as far as the claims' ids go (a snapshot's digest is checked as it is
    /// read, and the replay dropped if it does not match).
    pub fn take_records(&mut self, records: Vec<ClaimRecord<'_>>, last_line: usize) -> Option<()> {
        let names = self.strings.reviewers.names.len();
        for record in records {
            let slot = self.slots.len();
            // Distinct, as the table they were written from held them: indexed only if an
            // entry after the snapshot needs a claim looked up.
            self.ids.push_unindexed(record.id);
            self.lines.push(
                usize::try_from(record.line)
                    .ok()
                    .filter(|&line| line <= last_line)?,
            );
            let mut by = Reviewers::new();
            for held in record.by {
                let status = *Status::ALL.get(usize::from(held.status))?;
                if held.reviewer as usize >= names {
                    return None;
                }
                let note = held.note.map(Box::from);
                let fields = held.fields.map(|bytes| {
                    let mut fields = [0; 6];
                    for (field, pair) in fields.iter_mut().zip(bytes.chunks_exact(2)) {
                        *field = u16::from_le_bytes([pair[0], pair[1]]);
                    }
                    fields
                });
                let held = Held::of_index(
                    held.reviewer,
                    status,
                    note,
                    held.fingerprint.map(u64::from_le_bytes),
                    fields,
                    jiff::Timestamp::new(held.second, held.nanosecond).ok()?,
                    &mut self.strings,
                );
                // Each reviewer once per claim.
                if by.len() < CROWDED && by.iter().any(|d: &Held| d.reviewer == held.reviewer) {
                    return None;
                }
                by.push(held);
            }
            if by.len() >= CROWDED {
                for d in &by {
                    if !self.crowded.insert((slot as u32, d.reviewer)) {
                        return None;
                    }
                }
            }
            self.slots.push((ORPHAN, OnClaim { now: 0, by }));
        }
        Some(())
    }

    /// The decisions as they meet the model's claims: each claim's reviewers' last decisions
    /// with the claim's fingerprint, or, for an id no loaded file declares, its last decision
    /// as an orphan. On both cores when there are many claims.
    fn meet(self, model: &Model, index: &HashTable<u32>) -> Met {
        let Replayed {
            ids,
            mut slots,
            lines,
            strings,
            crowded: _,
        } = self;
        let ids = &ids;
        if slots.len() < 2 * FINGERPRINTS_PER_THREAD {
            meet_slots(ids, 0, &mut slots, model, index);
        } else {
            let middle = slots.len() / 2;
            let (first, second) = slots.split_at_mut(middle);
            let from = first.len();
            std::thread::scope(|s| {
                let half = s.spawn(move || meet_slots(ids, from, second, model, index));
                meet_slots(ids, 0, first, model, index);
                half.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            });
        }
        // The orphans' last decisions taken out, and their slots dropped, in slot order.
        let mut orphans = Vec::new();
        for (i, (claim, on)) in slots.iter_mut().enumerate() {
            if *claim == ORPHAN
                && let Some(last) = on.by.pop()
            {
                orphans.push((ids.get(i).into(), lines[i], last));
            }
        }
        slots.retain(|&(claim, _)| claim != ORPHAN);
        Met {
            strings,
            decided: slots,
            orphans,
        }
    }
}

/// [`Replayed::meet`] for the slots from `from` on: each gets its claim's index and
/// fingerprint, or stays an `ORPHAN`.
fn meet_slots(
    ids: &crate::ids::IdTable,
    from: usize,
    slots: &mut [(u32, OnClaim)],
    model: &Model,
    index: &HashTable<u32>,
) {
    let mut buf = Vec::new();
    for (i, (at, on)) in (from..).zip(slots) {
        let Some(claim) = find_claim(index, &model.claims, ids.get(i)) else {
            continue;
        };
        *at = claim as u32;
        // Nearly always computed as the claim was loaded.
        on.now = crate::fingerprint::of_with(model, claim, &mut buf);
    }
}

impl crate::store::Visit for Replayed {
    fn entry(&mut self, entry: Entry) {
        self.push(entry);
    }

    fn entry_ref(&mut self, entry: crate::store::EntryRef<'_>) {
        self.push_ref(entry);
    }
}

/// A claim id no loaded file declares, the journal line of its last entry, and that entry.
type Orphaned = (String, usize, Held);

/// What a store held, met with the claims.
struct Met {
    strings: Strings,
    /// By claim index, fingerprinted.
    decided: Vec<(u32, OnClaim)>,
    orphans: Vec<Orphaned>,
}

/// A table of the claims' indices, hashed by their ids (no copy of the ids).
fn claim_index(claims: &[crate::model::Claim]) -> HashTable<u32> {
    let hash = |id: &str| rustc_hash::FxBuildHasher.hash_one(id);
    let mut table = HashTable::with_capacity(claims.len());
    for (i, claim) in claims.iter().enumerate() {
        table.insert_unique(hash(&claim.id), i as u32, |&j| hash(&claims[j as usize].id));
    }
    table
}

/// The index of the claim with id `id`, in `claims` as `index` was made of them.
fn find_claim(index: &HashTable<u32>, claims: &[crate::model::Claim], id: &str) -> Option<usize> {
    let hash = rustc_hash::FxBuildHasher.hash_one(id);
    index
        .find(hash, |&i| claims[i as usize].id == id)
        .map(|&i| i as usize)
}

/// Names each kept once, by index.
#[derive(Debug, Default)]
struct Names {
    names: Vec<Box<str>>,
    index: FxHashMap<Box<str>, u32>,
}

impl Names {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.into());
        self.index.insert(name.into(), i);
        i
    }

    fn find(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }
}

/// A decision on a claim, as the review hands it out (borrowed from the review).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decided<'r> {
    pub claim: &'r str,
    pub status: Status,
    pub note: Option<&'r str>,
    pub reviewer: &'r str,
    pub fingerprint: Option<u64>,
    pub fields: Option<[u16; 6]>,
    pub at: jiff::Timestamp,
}

impl Decided<'_> {
    pub fn to_decision(&self) -> Decision {
        Decision {
            claim: self.claim.to_string(),
            status: self.status,
            note: self.note.map(str::to_string),
            reviewer: self.reviewer.to_string(),
            fingerprint: self.fingerprint,
            fields: self.fields,
            at: self.at,
        }
    }
}

/// Claims to fingerprint at once, below which threads are not worth starting.
const FINGERPRINTS_PER_THREAD: usize = 4096;

impl Review {
    /// A review with no decisions yet.
    pub fn new(model: Model) -> Self {
        let analysis = analysis::analyse(&model);
        Self::with_analysis(model, analysis)
    }

    fn with_analysis(model: Model, analysis: Analysis) -> Self {
        let progress = Progress {
            unreviewed: model.claims.len(),
            ..Progress::default()
        };
        Self {
            decisions: Decisions::default(),
            strings: Strings::default(),
            model: std::sync::Arc::new(model),
            analysis,
            orphans: Vec::new(),
            orphan_at: HashMap::new(),
            claim_index: std::sync::OnceLock::new(),
            progress,
        }
    }

    /// The review after replaying journal entries: the last decision per claim wins.
    pub fn with_journal(model: Model, entries: impl IntoIterator<Item = Entry>) -> Self {
        let mut review = Self::new(model);
        review.replay(entries);
        review
    }

    /// The review of what a store held (read before or while the claims were loaded), ready
    /// to find claims by id at once (a session does at each decision it records).
    pub fn with_replayed(model: Model, replayed: Replayed) -> Self {
        Self::replayed(model, replayed, true)
    }

    /// [`Review::with_replayed`] for a review that is only read (`check`, exports): the claims'
    /// index by id is made for decisions to meet, or when first asked for (at a million claims
    /// without decisions, a table of tens of megabytes `check` never reads).
    pub fn to_inspect(model: Model, replayed: Replayed) -> Self {
        Self::replayed(model, replayed, false)
    }

    fn replayed(model: Model, replayed: Replayed, index_now: bool) -> Self {
        // The analysis and the decisions' meeting with the claims are independent: at once.
        let (analysis, index, met) = std::thread::scope(|s| {
            let analysis = s.spawn(|| analysis::analyse(&model));
            let index = (index_now || replayed.claims() > 0).then(|| claim_index(&model.claims));
            let met = replayed.meet(&model, index.as_ref().unwrap_or(&HashTable::new()));
            let analysis = analysis
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (analysis, index, met)
        });
        let mut review = Self::with_analysis(model, analysis);
        review.claim_index = index.map_or_else(std::sync::OnceLock::new, std::sync::OnceLock::from);
        review.put_met(met);
        review
    }

    /// Put in force what the entries say, in place of every decision held now.
    pub fn replay(&mut self, entries: impl IntoIterator<Item = Entry>) {
        let mut replayed = Replayed::default();
        for entry in entries {
            replayed.push(entry);
        }
        self.take(replayed);
    }

    /// Put in force what a store held, in place of every decision held now: each claim's
    /// decisions go to the claim with its id, or become an orphan.
    fn take(&mut self, replayed: Replayed) {
        let claims = &self.model.claims;
        let index = self.claim_index.get_or_init(|| claim_index(claims));
        let met = replayed.meet(&self.model, index);
        self.put_met(met);
    }

    /// Put the decisions met with the claims in force, in place of every decision held now.
    fn put_met(&mut self, met: Met) {
        self.decisions = Decisions::of(self.model.claims.len(), met.decided);
        self.orphans.clear();
        self.orphan_at.clear();
        self.strings = met.strings;
        for (id, line, last) in met.orphans {
            let decision = last.view(&id, &self.strings).to_decision();
            self.orphan(Entry { decision, line });
        }
        self.progress = self.count_progress();
    }

    fn orphan(&mut self, entry: Entry) {
        if let Some(&o) = self.orphan_at.get(&entry.decision.claim) {
            self.orphans[o] = entry;
        } else {
            self.orphan_at
                .insert(entry.decision.claim.clone(), self.orphans.len());
            self.orphans.push(entry);
        }
    }

    /// The index of the claim with this id.
    pub fn claim(&self, id: &str) -> Option<usize> {
        let claims = &self.model.claims;
        let index = self.claim_index.get_or_init(|| claim_index(claims));
        find_claim(index, claims, id)
    }

    fn view<'r>(&'r self, claim: usize, held: &'r Held) -> Decided<'r> {
        held.view(&self.model.claims[claim].id, &self.strings)
    }

    /// Ask the processor to bring into its cache what reading the claims after `claims[i]`
    /// will touch: a summary reads claims in topic order, scattered across memory, and each
    /// of its records points to the next (claim to text, claim to decisions, decision to
    /// note). So each is asked for a step at a time: the claim four ahead's records, the
    /// decisions and text of the one three ahead (its records are in by then), and so on.
    /// A hint only: no effect on any result.
    pub fn prefetch(&self, claims: &[usize], i: usize) {
        use crate::hint::{prefetch_bytes, prefetch_value};
        let ahead = |n: usize| {
            claims
                .get(i + n)
                .copied()
                .filter(|&c| c < self.model.claims.len())
        };
        if let Some(c) = ahead(4) {
            prefetch_value(&self.model.claims[c]);
            if let Some(a) = self.analysis.claims.get(c) {
                prefetch_value(a);
            }
            if let Some(at) = self.decisions.at.get(c) {
                prefetch_value(at);
            }
        }
        if let Some(c) = ahead(3) {
            let claim = &self.model.claims[c];
            prefetch_bytes(claim.id.as_ptr(), claim.id.len().min(64));
            prefetch_bytes(claim.quote.as_ptr(), claim.quote.len().min(256));
            if let Some(on) = self.held(c) {
                prefetch_value(on);
            }
        }
        if let Some(on) = ahead(2).and_then(|c| self.held(c)) {
            for held in &on.by {
                if let Some(note) = self.strings.notes.get(held.note as usize) {
                    prefetch_value(note);
                }
            }
        }
        if let Some(on) = ahead(1).and_then(|c| self.held(c)) {
            for held in &on.by {
                if let Some(note) = self.strings.notes.get(held.note as usize) {
                    prefetch_bytes(note.as_ptr(), note.len().min(128));
                }
            }
        }
    }

    fn held(&self, claim: usize) -> Option<&OnClaim> {
        self.decisions.get(claim)
    }

    fn is_stale_held(on: &OnClaim, held: &Held) -> bool {
        held.fingerprint().is_some_and(|f| f != on.now)
    }

    /// The decision in force on a claim: its last, unless that is stale.
    pub fn decision(&self, claim: usize) -> Option<Decided<'_>> {
        let on = self.held(claim)?;
        let last = on.by.last()?;
        (!Self::is_stale_held(on, last)).then(|| self.view(claim, last))
    }

    /// The claim's last decision, whoever made it, stale or not.
    pub fn last(&self, claim: usize) -> Option<Decided<'_>> {
        let last = self.held(claim)?.by.last()?;
        Some(self.view(claim, last))
    }

    /// The claim's last decision when it is stale: made on the claim as it was before a change.
    pub fn stale(&self, claim: usize) -> Option<Decided<'_>> {
        let on = self.held(claim)?;
        let last = on.by.last()?;
        Self::is_stale_held(on, last).then(|| self.view(claim, last))
    }

    /// Each reviewer's last decision on the claim, the latest last.
    pub fn by_reviewer(
        &self,
        claim: usize,
    ) -> impl DoubleEndedIterator<Item = Decided<'_>> + ExactSizeIterator + Clone + '_ {
        self.held(claim)
            .map_or(&[][..], |on| &on.by[..])
            .iter()
            .map(move |held| self.view(claim, held))
    }

    /// Whether `decision` (one of the claim's) was made on the claim as it was before a
    /// change. Decisions without a fingerprint (format 1) never are.
    pub fn is_stale(&self, claim: usize, decision: &Decided<'_>) -> bool {
        decision
            .fingerprint
            .is_some_and(|f| f != self.fingerprint(claim))
    }

    /// What changed in the claim since its stale last decision, by field name (`quote`,
    /// `figure or stance`, …); `None` when the claim is not stale or the decision did not keep
    /// its fields.
    pub fn what_changed(&self, claim: usize) -> Option<Vec<&'static str>> {
        let before = self.stale(claim)?.fields?;
        let now = crate::fingerprint::fields(&self.model, claim);
        Some(crate::fingerprint::changed(&before, &now)).filter(|names| !names.is_empty())
    }

    /// The claim's fingerprint as loaded now (kept for decided claims, computed for others).
    pub fn fingerprint(&self, claim: usize) -> u64 {
        self.held(claim)
            .map_or_else(|| crate::fingerprint::of(&self.model, claim), |on| on.now)
    }

    /// Put a decision in force on claim `i` (the caller has saved it: see `Session::record`).
    /// Returns the decision in force that it replaced.
    pub fn apply(&mut self, i: usize, decision: Decision) -> Option<Decision> {
        let previous = self.decision(i).map(|d| d.to_decision());
        self.progress.add(self.status(i), -1);
        self.put(i, decision);
        self.progress.add(self.status(i), 1);
        previous
    }

    /// Record a decision as its reviewer's last on claim `i`, and the claim's last.
    fn put(&mut self, i: usize, decision: Decision) {
        let held = Held::new(decision, &mut self.strings);
        let model = &self.model;
        let on = self.decisions.get_or_insert_with(i, || OnClaim {
            now: crate::fingerprint::of(model, i),
            by: Reviewers::new(),
        });
        held.put_into(&mut on.by, &mut self.strings);
    }

    /// Put in force a decision read from the store (saved by this process or another), in
    /// store order: on its claim, or kept as an orphan when no loaded file declares the claim.
    pub fn apply_entry(&mut self, entry: Entry) {
        match self.claim(&entry.decision.claim) {
            Some(i) => {
                self.apply(i, entry.decision);
            }
            None => self.orphan(entry),
        }
    }

    /// The judgements that count between reviewers on a claim: each reviewer's last decision,
    /// when it is verified or disputed and not stale. Agreement and disagreement read these.
    pub fn judgements(&self, claim: usize) -> impl Iterator<Item = Decided<'_>> + '_ {
        let on = self.held(claim);
        on.map_or(&[][..], |on| &on.by[..])
            .iter()
            .filter(move |held| {
                held.status != Status::Unreviewed
                    && !on.is_some_and(|on| Self::is_stale_held(on, held))
            })
            .map(move |held| self.view(claim, held))
    }

    /// Whether reviewers' judgements on the claim differ (one verified, another disputed).
    pub fn disagree(&self, claim: usize) -> bool {
        let mut statuses = self.judgements(claim).map(|d| d.status);
        statuses
            .next()
            .is_some_and(|first| statuses.any(|s| s != first))
    }

    /// This reviewer's own last decision on the claim, stale or not.
    pub fn decision_of(&self, claim: usize, reviewer: &str) -> Option<Decided<'_>> {
        let reviewer = self.strings.reviewers.find(reviewer)?;
        let held = self
            .held(claim)?
            .by
            .iter()
            .find(|d| d.reviewer == reviewer)?;
        Some(self.view(claim, held))
    }

    /// Every reviewer with a decision on a loaded claim, sorted by name.
    pub fn reviewers(&self) -> Vec<&str> {
        let mut seen = vec![false; self.strings.reviewers.names.len()];
        for on in self.decisions.all() {
            for held in &on.by {
                seen[held.reviewer as usize] = true;
            }
        }
        let mut names: Vec<&str> = self
            .strings
            .reviewers
            .names
            .iter()
            .zip(seen)
            .filter(|(_, seen)| *seen)
            .map(|(name, _)| &**name)
            .collect();
        names.sort_unstable();
        names
    }

    /// Claims with at least one decision, by claim index, in no particular order.
    pub fn decided_claims(&self) -> impl Iterator<Item = usize> + '_ {
        self.decisions.claims()
    }

    /// Claims with at least one decision, by claim index, in order: in the order of the files.
    pub fn decided_claims_in_order(&self) -> impl Iterator<Item = usize> + '_ {
        self.decisions.claims_in_order()
    }

    pub fn status(&self, claim: usize) -> Status {
        self.decision(claim)
            .map_or(Status::Unreviewed, |d| d.status)
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Every decision in force, in no particular order.
    pub fn decided(&self) -> impl Iterator<Item = Decided<'_>> {
        self.decided_claims().filter_map(|c| self.decision(c))
    }

    /// Claims whose last decision is stale.
    pub fn stale_count(&self) -> usize {
        self.decided_claims()
            .filter(|&c| self.stale(c).is_some())
            .count()
    }

    fn count_progress(&self) -> Progress {
        let mut p = Progress {
            unreviewed: self.model.claims.len(),
            ..Progress::default()
        };
        for d in self.decided() {
            p.add(Status::Unreviewed, -1);
            p.add(d.status, 1);
        }
        p
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Assertion, Claim, Position, Report, Source, Stance, Topic};

    /// Decisions read into `Replayed` give each claim what taking them one by one gives:
    /// each reviewer's last decision, the latest last, and the line of the claim's last entry.
    /// Entries are (claim 0..6, reviewer, status 0..3, with a note); claims 4 and 5 are not loaded.
    fn replays_as_one_by_one(entries: &[(usize, usize, usize, bool)], journal_bytes: u64) {
        let mut replayed = Replayed::for_journal_of(journal_bytes);
        let mut names = Strings::default();
        let mut expected: Vec<(String, usize, Reviewers)> = Vec::new();
        for (n, &(claim, reviewer, status, note)) in entries.iter().enumerate() {
            let decision = Decision {
                claim: format!("claim-{claim}"),
                status: [Status::Verified, Status::Disputed, Status::Unreviewed][status],
                note: note.then(|| format!("note {n}")),
                reviewer: format!("r{reviewer}"),
                fingerprint: Some(n as u64),
                fields: None,
                at: jiff::Timestamp::from_second(n as i64).unwrap(),
            };
            // Owned and borrowed entries alike (a journal hands its written form borrowed).
            if n % 2 == 0 {
                replayed.push(Entry {
                    decision: decision.clone(),
                    line: 10 * n + 1,
                });
            } else {
                replayed.push_ref(crate::store::EntryRef {
                    claim: decision.claim.as_str().into(),
                    status: decision.status,
                    note: decision.note.as_deref().map(Into::into),
                    reviewer: decision.reviewer.as_str().into(),
                    fingerprint: decision.fingerprint,
                    fields: decision.fields,
                    at: decision.at,
                    line: 10 * n + 1,
                });
            }
            let at = match expected.iter().position(|(id, _, _)| *id == decision.claim) {
                Some(at) => at,
                None => {
                    expected.push((decision.claim.clone(), 0, Reviewers::new()));
                    expected.len() - 1
                }
            };
            expected[at].1 = 10 * n + 1;
            let held = Held::new(decision, &mut names);
            held.put_into(&mut expected[at].2, &mut names);
        }
        // Claims 0 to 3 are loaded, 4 and 5 are not: their last decisions are orphans.
        let mut model = tiny_model();
        let template = model.claims[0].clone();
        model.claims = (0..4)
            .map(|i| crate::model::Claim {
                id: format!("claim-{i}"),
                ..template.clone()
            })
            .collect();
        let met = replayed.meet(&model, &claim_index(&model.claims));
        let show = |names: &Strings, id: &str, line: Option<usize>, by: &[Held]| {
            let by: Vec<String> = by
                .iter()
                .map(|h| format!("{:?}", h.view(id, names)))
                .collect();
            format!("{id} @{line:?}: {by:?}")
        };
        let mut got: Vec<String> = met
            .decided
            .iter()
            .map(|(c, on)| show(&met.strings, &model.claims[*c as usize].id, None, &on.by))
            .collect();
        got.extend(met.orphans.iter().map(|(id, line, last)| {
            show(&met.strings, id, Some(*line), std::slice::from_ref(last))
        }));
        let loaded = |id: &str| model.claims.iter().any(|c| c.id == id);
        let mut want: Vec<String> = expected
            .iter()
            .filter(|(id, _, _)| loaded(id))
            .map(|(id, _, by)| show(&names, id, None, by))
            .collect();
        want.extend(
            expected
                .iter()
                .filter(|(id, _, _)| !loaded(id))
                .map(|(id, line, by)| show(&names, id, Some(*line), &by[by.len() - 1..])),
        );
        assert_eq!(got, want);
    }

    proptest::proptest! {
        #[test]
        fn replayed_decisions_are_each_reviewers_last(
            entries in proptest::collection::vec((0usize..6, 0usize..4, 0usize..3, proptest::bool::ANY), 0..60),
            // The room made for a journal's size (0: none) changes nothing read.
            journal_bytes in proptest::prop_oneof![proptest::strategy::Just(0u64), 0u64..10_000],
        ) {
            replays_as_one_by_one(&entries, journal_bytes);
        }

        /// Claims decided by more reviewers than `CROWDED`, each deciding again and again.
        #[test]
        fn crowded_claims_replay_as_one_by_one(
            entries in proptest::collection::vec((0usize..2, 0usize..3 * CROWDED, 0usize..3, proptest::bool::ANY), 0..400),
        ) {
            replays_as_one_by_one(&entries, 0);
        }
    }

    #[test]
    fn a_crowded_claim_is_replayed_in_order_and_replaced_notes_are_let_go() {
        // Forty reviewers on one claim, each deciding three times with a note.
        let entries: Vec<_> = (0..3)
            .flat_map(|round| (0..40).map(move |r| (0, (r * 7 + round) % 40, round % 3, true)))
            .collect();
        replays_as_one_by_one(&entries, 0);
        let mut replayed = Replayed::default();
        for (n, &(_, r, _, _)) in entries.iter().enumerate() {
            replayed.push(entry_with_note("claim-0", &format!("r{r}"), n));
        }
        assert_eq!(replayed.slots[0].1.by.len(), 40);
        assert!(replayed.crowded.len() == 40);
        let kept = replayed
            .strings
            .notes
            .iter()
            .filter(|n| !n.is_empty())
            .count();
        assert_eq!(kept, 40, "only the notes of decisions in force are held");
    }

    pub(crate) fn tiny_model() -> Model {
        let pos = Position {
            file: 0,
            line: 1,
            col: 1,
        };
        let claim = |id: &str| Claim {
            id: id.into(),
            report: 0,
            topic: 0,
            source: 0,
            via: vec![],
            quote: "q".into(),
            stated: None,
            credibility: None,
            assertion: Assertion::Stance(Stance::Affirms),
            supersedes: vec![],
            draft: false,
            pos,
            fingerprint: None,
        };
        Model {
            files: vec!["a.claims.toml".into()],
            file_digests: vec![0],
            reports: vec![Report {
                id: "r".into(),
                title: "R".into(),
                outlet: None,
                url: None,
                published: None,
                text: None,
                pos,
            }],
            sources: vec![Source {
                id: "s".into(),
                name: "S".into(),
                kind: None,
                reliability: None,
                part_of: None,
                pos,
            }],
            topics: vec![Topic {
                id: "t".into(),
                question: "?".into(),
                unit: None,
                tolerance: 0.05,
                window: None,
                pos,
            }],
            claims: vec![claim("a"), claim("b")],
        }
    }

    fn entry(claim: &str, status: Status, line: usize) -> Entry {
        Entry {
            decision: Decision {
                claim: claim.into(),
                status,
                note: None,
                reviewer: "kim".into(),
                fingerprint: None,
                fields: None,
                at: jiff::Timestamp::UNIX_EPOCH,
            },
            line,
        }
    }

    fn entry_with_note(claim: &str, reviewer: &str, n: usize) -> Entry {
        let mut entry = entry(claim, Status::Verified, n + 1);
        entry.decision.reviewer = reviewer.into();
        entry.decision.note = Some(format!("note {n}"));
        entry
    }

    #[test]
    fn room_for_a_journal_is_guessed_from_its_size_and_capped() {
        let small = Replayed::for_journal_of(64 * 1000);
        assert!(small.slots.capacity() >= 1000 && small.lines.capacity() >= 1000);
        assert!(small.slots.is_empty() && small.claims() == 0);
        assert_eq!(claims_guessed(64 * 1000), 1000);
        assert_eq!(claims_guessed(63), 0);
        // A journal of a terabyte is guessed at most MOST_SLOTS_GUESSED claims; the room is
        // asked for, not required (under a memory limit the slots grow as claims come).
        assert_eq!(claims_guessed(1 << 40), MOST_SLOTS_GUESSED as usize);
        let huge = Replayed::for_journal_of(1 << 40);
        assert!(huge.slots.capacity() <= MOST_SLOTS_GUESSED as usize);
        assert!(huge.slots.is_empty() && huge.claims() == 0);
        assert_eq!(Replayed::for_journal_of(0).slots.capacity(), 0);
    }

    #[test]
    fn claims_are_found_by_id_with_or_without_decisions_replayed() {
        let none = Review::with_replayed(tiny_model(), Replayed::default());
        assert!(
            none.claim_index.get().is_some(),
            "made at once for a session"
        );
        let inspected = Review::to_inspect(tiny_model(), Replayed::default());
        assert!(
            inspected.claim_index.get().is_none(),
            "made when first asked for"
        );
        let some = Review::with_journal(tiny_model(), vec![entry("b", Status::Verified, 1)]);
        for review in [&none, &inspected, &some] {
            assert_eq!(review.claim("a"), Some(0));
            assert_eq!(review.claim("b"), Some(1));
            assert_eq!(review.claim("c"), None);
        }
        assert_eq!(some.status(1), Status::Verified);
    }

    #[test]
    fn the_last_decision_per_claim_wins() {
        let entries = [
            entry("a", Status::Verified, 1),
            entry("b", Status::Disputed, 7),
            entry("a", Status::Disputed, 13),
        ];
        let review = Review::with_journal(tiny_model(), entries.to_vec());
        assert_eq!(review.status(0), Status::Disputed);
        assert_eq!(review.status(1), Status::Disputed);
        assert_eq!(
            review.progress(),
            Progress {
                verified: 0,
                disputed: 2,
                unreviewed: 0
            }
        );
        let cleared = Review::with_journal(
            tiny_model(),
            vec![
                entry("a", Status::Verified, 1),
                entry("a", Status::Unreviewed, 7),
            ],
        );
        assert_eq!(cleared.status(0), Status::Unreviewed);
        assert_eq!(cleared.progress().unreviewed, 2);
    }

    #[test]
    fn decisions_for_unknown_claims_are_kept_as_orphans() {
        let entries = [
            entry("gone", Status::Verified, 1),
            entry("a", Status::Verified, 7),
            entry("gone", Status::Disputed, 13),
        ];
        let review = Review::with_journal(tiny_model(), entries.to_vec());
        assert_eq!(review.orphans.len(), 1);
        assert_eq!(review.orphans[0].line, 13);
        assert_eq!(review.orphans[0].decision.status, Status::Disputed);
    }
}
