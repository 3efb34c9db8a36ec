//! The loader: claim files and directories in, a [`Model`] and every diagnostic out.

pub mod discover;
pub mod file;
pub mod quote;
pub mod read;
pub mod resolve;

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// The result of loading: the model (complete only when there are no errors) and all messages.
pub struct Loaded {
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Load every claim file under `paths`, checking all of them together.
pub fn load(paths: &[PathBuf]) -> Loaded {
    let (files, mut diagnostics) = discover::claim_files(paths);
    let units: Vec<file::FileUnit> = files.iter().map(|f| file::load_file(f)).collect();
    for unit in &units {
        diagnostics.extend(unit.diags.iter().cloned());
    }
    let model = resolve::resolve(&units, &mut diagnostics);
    // File by file in load order (problems finding files first), then line by line.
    diagnostics.sort_by_key(|d| {
        let file = files.iter().position(|f| *f == d.path).map_or(0, |i| i + 1);
        let (line, col) = d.primary.as_ref().map_or((0, 0), |l| (l.line, l.col));
        (file, line, col)
    });
    Loaded { model, diagnostics }
}
