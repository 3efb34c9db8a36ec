//! `crosscheck [review] [--blind] [PATHS]...`: the review screen.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{JournalArgs, ReviewArgs};
use crate::commands::{EXIT_ERRORS, EXIT_USAGE, exit, load_model, location};
use crosscheck::session::Opened;
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
    // The store is opened and read while the claim files load (neither needs the other).
    let fresh = location.journal().filter(|journal| !journal.exists());
    let (model, opened) = std::thread::scope(|s| {
        let loading = s.spawn(|| load_model(&paths, false));
        let opened = Opened::open(&location, &paths);
        let model = loading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (model, opened)
    });
    let Some(model) = model else {
        // Leave no empty journal behind for files that did not load.
        drop(opened);
        if let Some(journal) = fresh
            && std::fs::metadata(journal).is_ok_and(|meta| meta.len() == 0)
        {
            let _ = std::fs::remove_file(journal);
        }
        return Ok(exit(EXIT_ERRORS));
    };
    let session = match opened {
        Ok(opened) => opened.session(model, paths, journal_args.reviewer()),
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
