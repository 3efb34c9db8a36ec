//! What each subcommand does, on top of the library.

pub mod check;
pub mod export;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crosscheck::diagnostic::summary_line;
use crosscheck::load::{self, Loaded};

/// Exit status when the claim files have errors or a command fails.
pub const EXIT_ERRORS: u8 = 1;

/// Colour on stderr only for a terminal, and never under NO_COLOR or TERM=dumb.
pub fn stderr_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    std::io::stderr().is_terminal() && !no_color && !dumb
}

/// Load the files and print every diagnostic and the summary line on stderr. With `quiet`,
/// nothing is printed when there is nothing to say.
pub fn load_and_report(paths: &[PathBuf], quiet: bool) -> Loaded {
    let loaded = load::load(paths);
    if quiet && loaded.diagnostics.is_empty() {
        return loaded;
    }
    let color = stderr_color();
    let mut out = String::new();
    for d in &loaded.diagnostics {
        out.push_str(&d.render(color));
    }
    out.push_str(&summary_line(
        loaded.model.files.len(),
        loaded.model.claims.len(),
        loaded.model.topics.len(),
        &loaded.diagnostics,
    ));
    out.push('\n');
    eprint!("{out}");
    loaded
}

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}
