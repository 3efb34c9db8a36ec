//! What each subcommand does, on top of the library, and what they share: printing
//! diagnostics and the summary line.

pub mod agreement;
pub mod check;
pub mod draft;
pub mod export;
pub mod mark;
pub mod review;
pub mod store;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crosscheck::diagnostic::Diagnostic;
use crosscheck::load;
use crosscheck::review::Review;
use crosscheck::session;
use crosscheck::store::Location;

use crate::cli::JournalArgs;

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

/// Write `text` to standard output; a closed pipe (`| head`) is not an error worth a message.
pub fn to_stdout(text: &str) -> anyhow::Result<()> {
    write_stdout(|out| out.write_all(text.as_bytes()))
}

/// Write to standard output as `write` makes it (buffered); a closed pipe is no error.
pub fn write_stdout(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::Write;
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// Write `text` to `path`, replacing it atomically; the path as it may be shown (sanitised).
pub fn to_file(path: &std::path::Path, text: &str) -> anyhow::Result<String> {
    write_to_file(path, |out| out.write_all(text.as_bytes()))
}

/// Write `path` as `write` makes it, replacing it atomically; the path as it may be shown.
pub fn write_to_file(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<String> {
    // The path is the user's, but it may hold an escape sequence: never echo one.
    let shown = crosscheck::sanitize::line(&path.to_string_lossy()).into_owned();
    crosscheck::export::write_file_with(path, write).map_err(|e| cannot_write(path, &e))?;
    Ok(shown)
}

/// `cannot write PATH: the directory … does not exist; create the directory first, or choose
/// another place`: why, in the annotator's words, and what to do.
pub fn cannot_write(path: &std::path::Path, e: &std::io::Error) -> anyhow::Error {
    use crosscheck::fs_error::{Access, explained};
    let shown = crosscheck::sanitize::line(&path.to_string_lossy()).into_owned();
    anyhow::anyhow!(
        "cannot write {shown}: {}",
        explained(e, path, Access::Write)
    )
}

/// Where decisions are kept, as the command line says (`--store`, `$CROSSCHECK_STORE`,
/// `--review`, `--review-name`); a usage error is said here, and `Err` is the exit status.
pub fn location(journal: &JournalArgs, paths: &[PathBuf]) -> Result<Location, ExitCode> {
    journal.location(paths).map_err(|e| {
        eprintln!("crosscheck: error: {e}");
        exit(EXIT_USAGE)
    })
}

/// Load the claim files and the journal (read without changing it), and print every
/// diagnostic and the summary line on stderr. With `quiet`, nothing is printed when there is
/// nothing to say. `None` when anything has errors.
pub fn load_review(paths: &[PathBuf], location: &Location, quiet: bool) -> Option<Review> {
    let seen = session::inspect_at(paths, location);
    let diagnostics = &seen.diagnostics;
    if !(quiet && diagnostics.is_empty()) {
        let mut out = render_all(diagnostics);
        if let Some(review) = seen.review.as_ref().filter(|_| seen.has_journal) {
            out.push_str(&progress_line(review, location));
        }
        if let Some(review) = &seen.review {
            out.push_str(&drafts_line(review));
        }
        out.push_str(&seen.written.summary(diagnostics));
        out.push('\n');
        eprint!("{out}");
    }
    seen.review
}

/// `review: 2 of 11 claims reviewed (1 verified, 1 disputed) in data/review.toml`
fn progress_line(review: &Review, location: &Location) -> String {
    let p = review.progress();
    format!(
        "review: {} of {} reviewed ({} verified, {} disputed) in {}\n",
        p.verified + p.disputed,
        crosscheck::format::count(review.model.claims.len(), "claim", "claims"),
        p.verified,
        p.disputed,
        location.describe()
    )
}

/// `3 drafts wait for a person …`, or nothing.
fn drafts_line(review: &Review) -> String {
    match crosscheck::checks::drafts(&review.model) {
        0 => String::new(),
        n => format!(
            "{} for a person: they take no part in any verdict until accepted (remove `draft = true` once a person has checked them)\n",
            crosscheck::format::count(n, "draft waits", "drafts wait")
        ),
    }
}

/// Load the claim files alone (the caller opens the journal itself), printing the diagnostics and
/// the summary line when there are errors, or with `show_warnings` when there are any. `None`
/// when the files have errors.
pub fn load_model(paths: &[PathBuf], show_warnings: bool) -> Option<crosscheck::model::Model> {
    let loaded = load::load(paths);
    let failed = loaded.has_errors();
    if failed || (show_warnings && !loaded.diagnostics.is_empty()) {
        eprint!("{}", render_all(&loaded.diagnostics));
        eprintln!("{}", loaded.written.summary(&loaded.diagnostics));
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
