//! What each subcommand does, on top of the library.

pub mod check;
pub mod export;
pub mod mark;
pub mod review;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crosscheck::diagnostic::{Diagnostic, summary_line};
use crosscheck::journal;
use crosscheck::load;
use crosscheck::review::Review;

/// Exit status when the claim files have errors or a command fails.
pub const EXIT_ERRORS: u8 = 1;
/// Exit status for a usage error (as clap uses).
pub const EXIT_USAGE: u8 = 2;

/// Colour on stderr only for a terminal, and never under NO_COLOR or TERM=dumb.
pub fn stderr_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    std::io::stderr().is_terminal() && !no_color && !dumb
}

/// Load the claim files and the journal (read without changing it), and print every
/// diagnostic and the summary line on stderr. With `quiet`, nothing is printed when there is
/// nothing to say. `None` when anything has errors.
pub fn load_review(paths: &[PathBuf], journal_path: &Path, quiet: bool) -> Option<Review> {
    let loaded = load::load(paths);
    let mut diagnostics = loaded.diagnostics;
    let (entries, journal_text, scan) = match journal::peek(journal_path) {
        Ok(Some((mut scan, text))) => (std::mem::take(&mut scan.entries), Some(text), Some(scan)),
        Ok(None) => (Vec::new(), None, None),
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(journal_path, format!("review journal {e}"))
                    .help("give a readable journal with --review FILE"),
            );
            (Vec::new(), None, None)
        }
    };
    let files = loaded.model.files.len();
    let (claims, topics) = (loaded.model.claims.len(), loaded.model.topics.len());
    let review = Review::with_journal(loaded.model, entries);
    if let (Some(text), Some(scan)) = (&journal_text, &scan) {
        diagnostics.extend(journal::diagnostics(
            journal_path,
            text,
            scan,
            &review.orphans,
        ));
    }
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    if !(quiet && diagnostics.is_empty()) {
        let mut out = render_all(&diagnostics);
        if journal_text.is_some() && !failed {
            let p = review.progress();
            out.push_str(&format!(
                "review: {} of {claims} claims reviewed ({} verified, {} disputed) in {}\n",
                p.verified + p.disputed,
                p.verified,
                p.disputed,
                crosscheck::sanitize::line(&journal_path.to_string_lossy())
            ));
        }
        out.push_str(&summary_line(files, claims, topics, &diagnostics));
        out.push('\n');
        eprint!("{out}");
    }
    (!failed).then_some(review)
}

/// Load the claim files alone (the caller opens the journal itself), printing the diagnostics and
/// the summary line when there are errors, or with `show_warnings` when there are any. `None`
/// when the files have errors.
pub fn load_model(paths: &[PathBuf], show_warnings: bool) -> Option<crosscheck::model::Model> {
    let loaded = load::load(paths);
    let failed = loaded.has_errors();
    if failed || (show_warnings && !loaded.diagnostics.is_empty()) {
        let m = &loaded.model;
        eprint!("{}", render_all(&loaded.diagnostics));
        eprintln!(
            "{}",
            summary_line(
                m.files.len(),
                m.claims.len(),
                m.topics.len(),
                &loaded.diagnostics
            )
        );
    }
    (!failed).then_some(loaded.model)
}

/// Every diagnostic, rendered for stderr.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    let color = stderr_color();
    diagnostics.iter().map(|d| d.render(color)).collect()
}

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}
