//! `crosscheck mark CLAIM STATUS`: one decision, recorded in the journal without the screen.

use std::process::ExitCode;

use crate::cli::{JournalArgs, MarkArgs};
use crate::commands::{EXIT_ERRORS, exit, load_model};
use crosscheck::journal::Journal;
use crosscheck::review::{Decision, Review};
use crosscheck::sanitize;

pub fn run(args: &MarkArgs, journal_args: &JournalArgs) -> ExitCode {
    let paths = args.inputs.paths();
    let journal_path = journal_args.path(&paths);
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
    let (mut journal, replay) = Journal::open(&journal_path);
    if let Some((kept, line)) = &replay.torn {
        eprintln!(
            "crosscheck: the journal's last entry (line {line}) was incomplete; it is kept in {}",
            kept.display()
        );
    }
    let mut review = Review::with_journal(model, replay.entries);
    let Some(claim) = review.claim(&args.claim) else {
        return exit(EXIT_ERRORS);
    };
    // The note carries over unless one is given; `--note ""` clears it.
    let note = match &args.note {
        Some(n) if n.trim().is_empty() => None,
        Some(n) => Some(sanitize::line(n).trim().to_string()),
        None => review.decision(claim).and_then(|d| d.note.clone()),
    };
    let decision = Decision {
        claim: args.claim.clone(),
        status: args.status.status(),
        note,
        reviewer: journal_args.reviewer(),
        at: jiff::Timestamp::now(),
    };
    match review.record(&mut journal, decision) {
        Ok(_) => {
            eprintln!(
                "{}: {} (saved in {})",
                args.claim,
                args.status.status().as_str(),
                sanitize::line(&journal_path.to_string_lossy())
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crosscheck: error: {e}");
            exit(EXIT_ERRORS)
        }
    }
}
