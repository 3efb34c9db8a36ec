//! `crosscheck mark CLAIM STATUS`: one decision, recorded in the journal without the screen.

use std::process::ExitCode;

use crate::cli::{JournalArgs, MarkArgs};
use crate::commands::{EXIT_ERRORS, exit, load_model, location};
use crosscheck::sanitize;
use crosscheck::session::{Notice, Session};
use crosscheck::store;

pub fn run(args: &MarkArgs, journal_args: &JournalArgs) -> ExitCode {
    let paths = args.inputs.paths();
    let location = match location(journal_args, &paths) {
        Ok(location) => location,
        Err(code) => return code,
    };
    let Some(model) = load_model(&paths, true) else {
        return exit(EXIT_ERRORS);
    };
    // An unknown claim is an error before the journal is touched.
    if !model.claims.iter().any(|c| c.id == args.claim) {
        let ids: Vec<&str> = model.claims.iter().map(|c| c.id.as_str()).collect();
        let hint = crosscheck::suggest::hint(&args.claim, &ids)
            .unwrap_or_else(|| "`crosscheck export --format json` lists every claim id".into());
        eprintln!(
            "crosscheck: error: no claim `{}` in the loaded files; {hint}",
            sanitize::line(&args.claim)
        );
        return exit(EXIT_ERRORS);
    }
    // The journal is read once, locked, and a torn last entry set aside, before deciding.
    let mut session = match Session::open_at(model, paths, &location, journal_args.reviewer()) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("crosscheck: error: {e}");
            return exit(EXIT_ERRORS);
        }
    };
    // A read-only journal is said once, by the error below.
    for notice in session.notices() {
        if !matches!(notice, Notice::Store(store::Notice::ReadOnly { .. })) {
            eprintln!("crosscheck: {notice}");
        }
    }
    let Some(claim) = session.review.claim(&args.claim) else {
        return exit(EXIT_ERRORS);
    };
    // This reviewer's own note carries over unless one is given (never another reviewer's);
    // `--note ""` clears it.
    let note = match &args.note {
        Some(n) if n.trim().is_empty() => None,
        Some(n) => Some(sanitize::line(n).trim().to_string()),
        None => session
            .review
            .decision_of(claim, session.reviewer())
            .and_then(|d| d.note.map(str::to_string)),
    };
    let status = args.status.status();
    let decision = session.decision(&args.claim, status, note);
    match session.record(decision) {
        Ok(_) => {
            eprintln!(
                "{}: {} (saved in {})",
                args.claim,
                status.as_str(),
                session.location()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crosscheck: error: {e}");
            exit(EXIT_ERRORS)
        }
    }
}
