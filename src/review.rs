//! The reviewed model: claims, their analysis, and the decisions on each — the one in force
//! (the last, whoever made it, unless its claim changed since: then it is stale), and each
//! reviewer's last. Both the screen and the exports read this one structure.

use std::collections::HashMap;

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
    /// Each reviewer's last decision on each claim that has one, by claim index (most claims
    /// have none); the last of them is the claim's last decision.
    decisions: rustc_hash::FxHashMap<usize, Vec<Decision>>,

    /// The last decision on each claim that no loaded file declares, with its journal line:
    /// kept and reported, never dropped.
    pub orphans: Vec<Entry>,
    /// Claim ids to indices, built when first needed (`check` without a journal never does).
    /// Claim indices sorted by id, for lookups by binary search (no copy of the ids).
    claim_index: std::cell::OnceCell<Vec<u32>>,
    /// Counts by status, kept current by `record` so that the screen never counts all claims.
    progress: Progress,
}

impl Review {
    /// A review with no decisions yet.
    pub fn new(model: Model) -> Self {
        Self::with_journal(model, Vec::new())
    }

    /// The review after replaying journal entries: the last decision per claim wins.
    pub fn with_journal(model: Model, entries: Vec<Entry>) -> Self {
        let analysis = analysis::analyse(&model);
        let mut review = Self {
            decisions: Default::default(),
            model: std::sync::Arc::new(model),
            analysis,
            orphans: Vec::new(),
            claim_index: std::cell::OnceCell::new(),
            progress: Progress::default(),
        };
        review.replay(entries);
        review
    }

    /// Put in force what the entries say, in place of every decision held now.
    pub fn replay(&mut self, entries: Vec<Entry>) {
        self.decisions.clear();
        self.orphans.clear();
        let mut orphan_at: HashMap<String, usize> = HashMap::new();
        for entry in entries {
            if let Some(i) = self.claim(&entry.decision.claim) {
                self.put(i, entry.decision);
            } else if let Some(&o) = orphan_at.get(&entry.decision.claim) {
                self.orphans[o] = entry;
            } else {
                orphan_at.insert(entry.decision.claim.clone(), self.orphans.len());
                self.orphans.push(entry);
            }
        }
        self.progress = self.count_progress();
    }

    /// The index of the claim with this id.
    pub fn claim(&self, id: &str) -> Option<usize> {
        let claims = &self.model.claims;
        let index = self.claim_index.get_or_init(|| {
            let mut index: Vec<u32> = (0..claims.len() as u32).collect();
            index.sort_unstable_by(|&a, &b| claims[a as usize].id.cmp(&claims[b as usize].id));
            index
        });
        index
            .binary_search_by(|&i| claims[i as usize].id.as_str().cmp(id))
            .ok()
            .map(|at| index[at] as usize)
    }

    /// The decision in force on a claim: its last, unless that is stale.
    pub fn decision(&self, claim: usize) -> Option<&Decision> {
        self.last(claim).filter(|d| !self.is_stale(claim, d))
    }

    /// The claim's last decision, whoever made it, stale or not.
    pub fn last(&self, claim: usize) -> Option<&Decision> {
        self.decisions.get(&claim).and_then(|all| all.last())
    }

    /// The claim's last decision when it is stale: made on the claim as it was before a change.
    pub fn stale(&self, claim: usize) -> Option<&Decision> {
        self.last(claim).filter(|d| self.is_stale(claim, d))
    }

    /// Each reviewer's last decision on the claim, the latest last.
    pub fn by_reviewer(&self, claim: usize) -> &[Decision] {
        self.decisions.get(&claim).map_or(&[], Vec::as_slice)
    }

    /// Whether `decision` was made on the claim as it was before a change. Decisions without
    /// a fingerprint (format 1) never are.
    pub fn is_stale(&self, claim: usize, decision: &Decision) -> bool {
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

    /// The claim's fingerprint as loaded now (computed when asked: only decided claims need it).
    pub fn fingerprint(&self, claim: usize) -> u64 {
        crate::fingerprint::of(&self.model, claim)
    }

    /// Put a decision in force on claim `i` (the caller has saved it: see `Session::record`).
    /// Returns the decision in force that it replaced.
    pub fn apply(&mut self, i: usize, decision: Decision) -> Option<Decision> {
        let previous = self.decision(i).cloned();
        self.progress.add(self.status(i), -1);
        self.put(i, decision);
        self.progress.add(self.status(i), 1);
        previous
    }

    /// Record a decision as its reviewer's last on claim `i`, and the claim's last.
    fn put(&mut self, i: usize, decision: Decision) {
        let all = self.decisions.entry(i).or_default();
        all.retain(|d| d.reviewer != decision.reviewer);
        all.push(decision);
    }

    /// Put in force a decision read from the store (saved by this process or another), in
    /// store order: on its claim, or kept as an orphan when no loaded file declares the claim.
    pub fn apply_entry(&mut self, entry: Entry) {
        match self.claim(&entry.decision.claim) {
            Some(i) => {
                self.apply(i, entry.decision);
            }
            None => match self
                .orphans
                .iter_mut()
                .find(|o| o.decision.claim == entry.decision.claim)
            {
                Some(orphan) => *orphan = entry,
                None => self.orphans.push(entry),
            },
        }
    }

    /// The judgements that count between reviewers on a claim: each reviewer's last decision,
    /// when it is verified or disputed and not stale. Agreement and disagreement read these.
    pub fn judgements(&self, claim: usize) -> impl Iterator<Item = &Decision> {
        self.by_reviewer(claim)
            .iter()
            .filter(move |d| d.status != Status::Unreviewed && !self.is_stale(claim, d))
    }

    /// Whether reviewers' judgements on the claim differ (one verified, another disputed).
    pub fn disagree(&self, claim: usize) -> bool {
        let mut statuses = self.judgements(claim).map(|d| d.status);
        statuses
            .next()
            .is_some_and(|first| statuses.any(|s| s != first))
    }

    /// This reviewer's own last decision on the claim, stale or not.
    pub fn decision_of(&self, claim: usize, reviewer: &str) -> Option<&Decision> {
        self.by_reviewer(claim)
            .iter()
            .find(|d| d.reviewer == reviewer)
    }

    /// Every reviewer with a decision on a loaded claim, sorted by name.
    pub fn reviewers(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .decisions
            .values()
            .flatten()
            .map(|d| d.reviewer.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Claims with at least one decision, by claim index, in no particular order.
    pub fn decided_claims(&self) -> impl Iterator<Item = usize> + '_ {
        self.decisions.keys().copied()
    }

    pub fn status(&self, claim: usize) -> Status {
        self.decision(claim)
            .map_or(Status::Unreviewed, |d| d.status)
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Every decision in force, in no particular order.
    pub fn decided(&self) -> impl Iterator<Item = &Decision> {
        self.decisions.keys().filter_map(|&c| self.decision(c))
    }

    /// Claims whose last decision is stale.
    pub fn stale_count(&self) -> usize {
        self.decisions
            .keys()
            .filter(|&&c| self.stale(c).is_some())
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
