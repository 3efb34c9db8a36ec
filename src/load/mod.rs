//! The loader: claim files and directories in, a [`Model`] and every diagnostic out.
//! `discover` finds the files, `unit` reads and checks each one on its own (`read`, `schema`,
//! `values`, `quote`) into `raw` types, and `resolve` checks them together and builds the model.

pub mod discover;
pub mod quote;
pub mod raw;
pub mod read;
pub mod resolve;
mod schema;
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub claims: usize,
    pub topics: usize,
    /// Messages past each file's first `unit::MAX_MESSAGES_PER_FILE`: counted, not kept.
    pub hidden: Hidden,
}

/// Messages counted but not kept, by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
            "{line} ({} not shown: at most {} per file; fix the first ones, later ones are often echoes)",
            crate::format::count(hidden, "message", "messages"),
            unit::MAX_MESSAGES_PER_FILE
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

/// Read and check each file on its own, on every core: files are independent until `resolve`.
fn load_files(files: &[PathBuf]) -> Vec<unit::FileUnit> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if workers <= 1 {
        return files.iter().map(|f| unit::load_file(f)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, unit::FileUnit)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        mine.push((i, unit::load_file(path)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, unit)| unit).collect()
}

/// Load every claim file under `paths`, checking all of them together.
pub fn load(paths: &[PathBuf]) -> Loaded {
    let (files, mut diagnostics) = discover::claim_files(paths);
    let mut units = load_files(&files);
    let mut written = Written {
        files: files.len(),
        ..Written::default()
    };
    for unit in &mut units {
        diagnostics.append(&mut unit.diags);
        written.claims += unit.written.claims;
        written.topics += unit.written.topics;
    }
    let model = resolve::resolve(&mut units, &mut diagnostics);
    for unit in &units {
        let hidden = unit.hidden.get();
        written.hidden.errors += hidden.errors;
        written.hidden.warnings += hidden.warnings;
    }
    // Freeing a hundred thousand parsed claims need not hold up the caller.
    std::thread::spawn(move || drop(units));
    // File by file in load order (problems finding files first), then line by line.
    diagnostics.sort_by_key(|d| {
        let file = files.iter().position(|f| *f == d.path).map_or(0, |i| i + 1);
        let (line, col) = d.primary.as_ref().map_or((0, 0), |l| (l.line, l.col));
        (file, line, col)
    });
    Loaded {
        model,
        diagnostics,
        written,
    }
}
