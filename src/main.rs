//! The `crosscheck` binary: parse the command line and dispatch.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Check(inputs)) => Ok(commands::check::run(inputs)),
        Some(Command::Export(args)) => commands::export::run(args),
        None => Ok(commands::check::run(&cli.inputs)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "crosscheck: error: {}",
                crosscheck::sanitize::line(&format!("{e:#}"))
            );
            commands::exit(commands::EXIT_ERRORS)
        }
    }
}
