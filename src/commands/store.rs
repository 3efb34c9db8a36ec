//! `crosscheck store import JOURNAL` and `crosscheck store export [-o FILE]`: move a review
//! between a journal file and a PostgreSQL store (`--store URL`), every entry kept.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{JournalArgs, StoreCommand};
use crate::commands::{EXIT_ERRORS, EXIT_USAGE, exit, location, to_file, to_stdout};
use crosscheck::store::Location;
use crosscheck::store::postgres::{Options, Postgres};

pub fn run(command: &StoreCommand, journal_args: &JournalArgs) -> anyhow::Result<ExitCode> {
    // The review's name, when not given, is the name of the journal's directory (import) or of
    // `data/` (export), as for the claims beside it.
    let paths = match command {
        StoreCommand::Import { journal } => vec![journal.clone()],
        StoreCommand::Export { .. } => vec![PathBuf::from("data")],
    };
    if journal_args.review.is_some() {
        eprintln!(
            "crosscheck: error: `store` moves a review between a journal and --store URL: name the journal as `store import JOURNAL`, not with --review"
        );
        return Ok(exit(EXIT_USAGE));
    }
    let location = match location(journal_args, &paths) {
        Ok(location) => location,
        Err(code) => return Ok(code),
    };
    let Location::Postgres { target, review } = location else {
        eprintln!(
            "crosscheck: error: `store` needs a database: give --store postgres://USER@HOST:PORT/DATABASE (or set CROSSCHECK_STORE)"
        );
        return Ok(exit(EXIT_USAGE));
    };
    let (mut store, _) = match Postgres::connect(*target, &review, Options::default()) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("crosscheck: error: {e}");
            return Ok(exit(EXIT_ERRORS));
        }
    };
    let where_ = crosscheck::store::Store::location(&store);
    match command {
        StoreCommand::Import { journal } => match store.import_journal(journal) {
            Ok(imported) => {
                if let Some(line) = imported.torn_line {
                    eprintln!(
                        "crosscheck: warning: the journal's last entry (line {line}) is incomplete (a crash mid-write?); it was not imported"
                    );
                }
                eprintln!(
                    "imported {} into {where_} ({} already there)",
                    crosscheck::format::count(imported.added, "decision", "decisions"),
                    imported.present
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("crosscheck: error: {e}");
                Ok(exit(EXIT_ERRORS))
            }
        },
        StoreCommand::Export { output } => {
            let mut text = Vec::new();
            let count = match store.export(&mut text) {
                Ok(count) => count,
                Err(e) => {
                    eprintln!("crosscheck: error: {e}");
                    return Ok(exit(EXIT_ERRORS));
                }
            };
            let text = String::from_utf8_lossy(&text);
            let decisions = crosscheck::format::count(count, "decision", "decisions");
            match output {
                Some(path) => {
                    let shown = to_file(path, &text)?;
                    eprintln!("wrote {decisions} of {where_} to {shown}");
                }
                None => to_stdout(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
