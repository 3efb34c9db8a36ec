//! `crosscheck [review] [--blind] [PATHS]...`: the review screen.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{JournalArgs, ReviewArgs};
use crate::commands::{EXIT_ERRORS, EXIT_USAGE, exit, load_model, location};
use crosscheck::session::Session;
use crosscheck::ui::app::App;

pub fn run(args: &ReviewArgs, journal_args: &JournalArgs) -> anyhow::Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "crosscheck: the review screen needs a terminal on stdin and stdout; in scripts use `crosscheck check`, `export` or `mark`"
        );
        return Ok(exit(EXIT_USAGE));
    }
    let paths = args.inputs().paths();
    let location = match location(journal_args, &paths) {
        Ok(location) => location,
        Err(code) => return Ok(code),
    };
    let Some(model) = load_model(&paths, false) else {
        return Ok(exit(EXIT_ERRORS));
    };
    let session = match Session::open_at(model, paths, &location, journal_args.reviewer()) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("crosscheck: error: {e}");
            return Ok(exit(EXIT_ERRORS));
        }
    };
    let mut app = App::new(session).with_blind(args.blind);
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    crosscheck::ui::run::run(app)?;
    Ok(ExitCode::SUCCESS)
}
