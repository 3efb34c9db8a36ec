//! `crosscheck check`: every problem in every file (and in the journal), then a summary line.

use std::process::ExitCode;

use crate::cli::{Inputs, JournalArgs};
use crate::commands::{EXIT_ERRORS, exit, load_review};

pub fn run(inputs: &Inputs, journal: &JournalArgs) -> ExitCode {
    let paths = inputs.paths();
    match load_review(&paths, &journal.path(&paths), false) {
        Some(review) => {
            // The process ends here: handing a hundred thousand claims back to the allocator
            // one by one would only make `check` slower.
            std::mem::forget(review);
            ExitCode::SUCCESS
        }
        None => exit(EXIT_ERRORS),
    }
}
