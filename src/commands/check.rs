//! `crosscheck check`: every problem in every file, then a summary line.

use std::process::ExitCode;

use crate::cli::Inputs;
use crate::commands::{EXIT_ERRORS, exit, load_and_report};

pub fn run(inputs: &Inputs) -> ExitCode {
    let loaded = load_and_report(&inputs.paths(), false);
    if loaded.has_errors() {
        exit(EXIT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}
