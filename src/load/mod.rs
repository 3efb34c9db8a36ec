//! The loader: claim files and directories in, a [`Model`] and every diagnostic out.
//! `discover` finds the files, `unit` reads and checks each one on its own (`read`, `schema`,
//! `values`, `quote`) into `raw` types, and `resolve` checks them together and builds the model.

pub mod cached;
pub mod discover;
pub mod quote;
pub mod raw;
pub mod read;
pub mod resolve;
mod schema;
mod tree;
pub mod unit;
pub mod values;

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// The result of loading: the model (complete only when there are no errors) and all messages.
pub struct Loaded {
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    /// What the files declare as written, also what has errors and is not in the model.
    pub written: Written,
}

/// Counts of what claim files declare, as written (for the summary line: "9 claims" when nine
/// are written, whether or not all of them are valid), and of the messages not shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Written {
    pub files: usize,
    pub claims: usize,
    pub topics: usize,
    /// Messages past each file's first `unit::MAX_MESSAGES_PER_FILE`: counted, not kept.
    pub hidden: Hidden,
}

/// Messages counted but not kept, by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hidden {
    pub errors: usize,
    pub warnings: usize,
}

impl Written {
    /// `1 file, 9 claims, 3 topics: 1 error, 0 warnings`, counting the messages not shown.
    pub fn summary(&self, diagnostics: &[Diagnostic]) -> String {
        let line = crate::diagnostic::summary_line(
            self.files,
            self.claims,
            self.topics,
            diagnostics,
            (self.hidden.errors, self.hidden.warnings),
        );
        let hidden = self.hidden.errors + self.hidden.warnings;
        if hidden == 0 {
            return line;
        }
        format!(
            "{line} ({} not shown: at most {max} errors and {max} warnings per file; fix the first ones, later ones are often echoes)",
            crate::format::count(hidden, "message", "messages"),
            max = unit::MAX_MESSAGES_PER_FILE
        )
    }
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.written.hidden.errors > 0 || self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.written.hidden.errors + self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Read and check each file on its own, on every core (files are independent until
/// `resolve`), handing each unit to `take` in load order as soon as it and those before it
/// are done: the caller resolves early files while later ones are still being read.
fn each_unit(
    files: &[PathBuf],
    fingerprints: bool,
    units: Option<&cached::Units>,
    prepare: &(dyn Fn(&mut unit::FileUnit) + Sync),
    mut take: impl FnMut(unit::FileUnit),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if workers <= 1 {
        files.iter().for_each(|f| {
            let mut unit = cached::load_file(units, f, fingerprints);
            prepare(&mut unit);
            take(unit);
        });
        return;
    }
    let next = &AtomicUsize::new(0);
    // How many units have been taken, and what those loaded but not taken hold, so that
    // workers run only so far ahead of the taker: units waiting to be resolved would otherwise
    // pile up when the taker gets less of the cores (a third thread on two), and with them the
    // memory. Small files may run further ahead than a few, so that one large file (a catalog
    // of 10,000 topics takes a core 20 ms) does not leave the other cores idle.
    let taken = &Taken::default();
    let ahead_at_most = 4 * workers;
    let (sender, done) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let sender = sender.clone();
                scope.spawn(move || {
                    let _release = Release(taken);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        taken.wait_to_start(i, ahead_at_most);
                        let mut unit = cached::load_file(units, path, fingerprints);
                        prepare(&mut unit);
                        let weight = weight(&unit);
                        taken.loaded(weight);
                        if sender.send((i, unit, weight)).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(sender);
        let _release = Release(taken);
        // Units finished ahead of an earlier one wait for it.
        let mut ahead = std::collections::BTreeMap::new();
        let mut expected = 0;
        for (i, unit, weight) in done {
            ahead.insert(i, (unit, weight));
            while let Some((unit, weight)) = ahead.remove(&expected) {
                take(unit);
                expected += 1;
                taken.took(expected, weight);
            }
        }
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// What units loaded but not yet taken hold, roughly: their sources, topics, claims and
/// messages (each a few hundred bytes), and one for the file itself.
fn weight(unit: &unit::FileUnit) -> usize {
    1 + unit.sources.len() + unit.topics.len() + unit.claims.len() + unit.diags.len()
}

/// Workers run ahead of the taker by any number of files while the units waiting for it weigh
/// less than this: about 2,600 files of 100 claims, what the other core reads while one reads
/// and the taker resolves a catalog of 100,000 topics (11 MB, about 250 ms). Units wait only
/// while the taker is held up, so peak memory did not change at 100k or 1M claims...
const AHEAD_WEIGHT: usize = 262_144;

/// ...but never by more than this many files.
const MOST_FILES_AHEAD: usize = 1_024;

/// How many units the taker has taken, and how much the units loaded and not yet taken weigh,
/// for workers to wait on.
#[derive(Default)]
struct Taken {
    backlog: std::sync::Mutex<Backlog>,
    moved: std::sync::Condvar,
}

#[derive(Default)]
struct Backlog {
    taken: usize,
    waiting: usize,
}

impl Backlog {
    /// Whether file `i` may be started: it is at most `ahead` files past those taken, or the
    /// units waiting are light and it is not too far ahead.
    fn may_start(&self, i: usize, ahead: usize) -> bool {
        i.saturating_sub(ahead) <= self.taken
            || (self.waiting < AHEAD_WEIGHT && i < self.taken.saturating_add(MOST_FILES_AHEAD))
    }
}

impl Taken {
    /// At least `count` units are taken (never fewer than said before: a panicking thread's
    /// release stays in force), the last of them weighing `weight`.
    fn took(&self, count: usize, weight: usize) {
        let mut backlog = self.backlog.lock().unwrap_or_else(|e| e.into_inner());
        backlog.taken = backlog.taken.max(count);
        backlog.waiting = backlog.waiting.saturating_sub(weight);
        self.moved.notify_all();
    }

    /// A unit weighing `weight` is loaded, to be taken.
    fn loaded(&self, weight: usize) {
        let mut backlog = self.backlog.lock().unwrap_or_else(|e| e.into_inner());
        backlog.waiting = backlog.waiting.saturating_add(weight);
    }

    /// Wait until file `i` may be started (see [`Backlog::may_start`]).
    fn wait_to_start(&self, i: usize, ahead: usize) {
        let mut backlog = self.backlog.lock().unwrap_or_else(|e| e.into_inner());
        while !backlog.may_start(i, ahead) {
            backlog = self.moved.wait(backlog).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Lets every worker run on when a thread panics, so that none waits for a taker that is gone
/// (and the panic reaches the caller instead of a hang).
struct Release<'t>(&'t Taken);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.took(usize::MAX, 0);
        }
    }
}

/// Load every claim file under `paths`, checking all of them together, each claim
/// fingerprinted for a review.
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_with(paths, true)
}

/// [`load`]; without `fingerprints`, the claims are not fingerprinted (no decisions are to
/// meet them).
pub fn load_with(paths: &[PathBuf], fingerprints: bool) -> Loaded {
    load_using(paths, fingerprints, cached::units())
}

/// [`load_with`], claim files checked before read back from `units` (and kept there).
pub fn load_using(paths: &[PathBuf], fingerprints: bool, units: Option<&cached::Units>) -> Loaded {
    let (files, mut diagnostics) = discover::claim_files(paths);
    let mut written = Written {
        files: files.len(),
        ..Written::default()
    };
    let mut resolver = resolve::Resolver::new(files.len());
    // The claims' references are looked up on the workers among the declarations published.
    let published = resolve::Published::default();
    let prepare = |unit: &mut unit::FileUnit| published.look_up(unit);
    each_unit(&files, fingerprints, units, &prepare, |mut unit| {
        diagnostics.append(&mut unit.diags);
        written.claims += unit.written.claims;
        written.topics += unit.written.topics;
        resolver.add(unit, &mut diagnostics);
        resolver.publish(&published);
    });
    let (model, hidden) = resolver.finish(&mut diagnostics);
    if let Some(units) = units {
        units.prune();
    }
    written.hidden = hidden;
    // File by file in load order (problems finding files first), then line by line.
    let mut order = rustc_hash::FxHashMap::default();
    for (i, f) in files.iter().enumerate() {
        order.entry(f.as_path()).or_insert(i + 1);
    }
    diagnostics.sort_by_key(|d| {
        let file = order.get(d.path.as_path()).copied().unwrap_or(0);
        let (line, col) = d.primary.as_ref().map_or((0, 0), |l| (l.line, l.col));
        (file, line, col)
    });
    Loaded {
        model,
        diagnostics,
        written,
    }
}

#[cfg(test)]
mod pacing_tests {
    use super::{AHEAD_WEIGHT, Backlog, MOST_FILES_AHEAD, Taken};

    #[test]
    fn a_release_is_never_taken_back() {
        let taken = Taken::default();
        taken.took(3, 0);
        // A panicking thread lets everyone run on; the taker's later counts do not undo that.
        taken.took(usize::MAX, 0);
        taken.took(4, 0);
        taken.loaded(AHEAD_WEIGHT * 2);
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(|| {
                taken.wait_to_start(1_000_000, 8);
                send.send(()).unwrap();
            });
            assert!(
                receive
                    .recv_timeout(std::time::Duration::from_secs(10))
                    .is_ok(),
                "a worker waits although all were released"
            );
        });
    }

    #[test]
    fn small_files_run_ahead_of_a_large_one_so_far() {
        let mut backlog = Backlog::default();
        // Nothing taken yet (the first file, a large catalog, still loading): eight files ahead
        // are always allowed, more while those waiting are light.
        assert!(backlog.may_start(8, 8));
        assert!(backlog.may_start(100, 8));
        backlog.waiting = AHEAD_WEIGHT;
        assert!(backlog.may_start(8, 8), "a few files ahead, however heavy");
        assert!(!backlog.may_start(9, 8), "heavy units wait for the taker");
        backlog.waiting = 0;
        assert!(backlog.may_start(MOST_FILES_AHEAD - 1, 8));
        assert!(
            !backlog.may_start(MOST_FILES_AHEAD, 8),
            "light, but too many files"
        );
        backlog.taken = 5;
        assert!(backlog.may_start(MOST_FILES_AHEAD + 4, 8));
    }

    #[test]
    fn a_unit_weighs_what_it_holds() {
        let at = |p: &str| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p);
        let data = super::unit::load_file(&at("data/novinite-2024-10-18.claims.toml"), false);
        let (s, t, c) = (data.sources.len(), data.topics.len(), data.claims.len());
        assert_eq!(c, 11);
        assert_eq!(super::weight(&data), 1 + s + t + c + data.diags.len());
        // A file that cannot be read holds nothing but its message, which weighs too.
        let missing = super::unit::load_file(&at("tests/fixtures/no-such.claims.toml"), false);
        assert!(!missing.diags.is_empty());
        assert_eq!(super::weight(&missing), 1 + missing.diags.len());
    }

    #[test]
    fn the_backlog_is_weighed_as_units_come_and_go() {
        let taken = Taken::default();
        taken.loaded(AHEAD_WEIGHT);
        assert!(!taken.backlog.lock().unwrap().may_start(100, 8));
        taken.took(1, AHEAD_WEIGHT - 1);
        let backlog = taken.backlog.lock().unwrap();
        assert_eq!((backlog.taken, backlog.waiting), (1, 1));
        assert!(backlog.may_start(100, 8));
    }
}
