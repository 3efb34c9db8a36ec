//! `crosscheck [review] [PATHS]...`: the review screen.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{Inputs, JournalArgs};
use crate::commands::{EXIT_ERRORS, EXIT_USAGE, exit, render_all};
use crosscheck::diagnostic::summary_line;
use crosscheck::journal::Journal;
use crosscheck::load;
use crosscheck::review::Review;
use crosscheck::ui::app::App;

pub fn run(inputs: &Inputs, journal_args: &JournalArgs) -> anyhow::Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "crosscheck: the review screen needs a terminal on stdin and stdout; in scripts use `crosscheck check`, `export` or `mark`"
        );
        return Ok(exit(EXIT_USAGE));
    }
    let paths = inputs.paths();
    let loaded = load::load(&paths);
    if loaded.has_errors() {
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
        return Ok(exit(EXIT_ERRORS));
    }
    let (journal, replay) = Journal::open(&journal_args.path(&paths));
    let review = Review::with_journal(loaded.model, replay.entries);
    let mut app = App::new(review, journal, replay.torn, journal_args.reviewer(), paths);
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    crosscheck::ui::run::run(app)?;
    Ok(ExitCode::SUCCESS)
}
