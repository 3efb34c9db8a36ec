//! The `crosscheck` binary: parse the command line and dispatch.

#![deny(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod commands;

use std::process::ExitCode;

/// Loading allocates many small strings on several threads; mimalloc does that markedly faster
/// than the system allocator (see Performance in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    crosscheck::allocator::tune();
    // A write past the file size limit (`ulimit -f`) fails with an error each caller reports
    // (or, for what is cached, ignores) instead of killing the process.
    // SAFETY: sets a signal's disposition to "ignore" before any other thread exists.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    let cli = Cli::parse();
    // Claim files unchanged since a run before are read back checked
    // (docs/claim-file-cache.md).
    crosscheck::load::cached::keep_in(crosscheck::cache::dir_from_env().as_deref());
    if cli.command.is_some() && !cli.inputs.paths.is_empty() {
        use clap::CommandFactory;
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "PATHS go after the command: `crosscheck check PATHS...`",
            )
            .exit();
    }
    if cli.command.is_some() && cli.inputs.blind {
        use clap::CommandFactory;
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--blind is for the review screen: `crosscheck --blind [PATHS]...` or `crosscheck review --blind [PATHS]...`",
            )
            .exit();
    }
    if let Some(name) = journal_unused_by(&cli) {
        use clap::CommandFactory;
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("`{name}` keeps no journal: --review, --reviewer, --store and --review-name are for the other commands"),
            )
            .exit();
    }
    if cli.command.is_none() {
        mistyped_command(&cli);
    }
    let journal = &cli.journal;
    let result = match &cli.command {
        Some(Command::Check(inputs)) => Ok(commands::check::run(inputs, journal)),
        Some(Command::Export(args)) => commands::export::run(args, journal),
        Some(Command::Agreement(args)) => commands::agreement::run(args, journal),
        Some(Command::Mark(args)) => Ok(commands::mark::run(args, journal)),
        Some(Command::Draft(args)) => commands::draft::run(args),
        Some(Command::Store(command)) => commands::store::run(command, journal),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "crosscheck",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Review(inputs)) => commands::review::run(inputs, journal),
        None => commands::review::run(&cli.inputs, journal),
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

/// The command, when it keeps no journal but was given where to keep one (the journal's
/// options are global, so that they may come before or after any command).
fn journal_unused_by(cli: &Cli) -> Option<&'static str> {
    let name = match cli.command {
        Some(Command::Draft(_)) => "draft",
        Some(Command::Completions { .. }) => "completions",
        _ => return None,
    };
    let j = &cli.journal;
    let given = [
        j.review.is_some(),
        j.reviewer.is_some(),
        j.store.is_some(),
        j.review_name.is_some(),
    ];
    given.contains(&true).then_some(name)
}

/// `crosscheck chek data`: a first argument that is no existing path and is close to a command
/// name is a mistyped command, not a path to review.
fn mistyped_command(cli: &Cli) {
    use clap::CommandFactory;
    let Some(first) = cli.inputs.paths.first() else {
        return;
    };
    let (Some(word), false) = (first.to_str(), first.exists()) else {
        return;
    };
    let command = Cli::command();
    let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
    if let Some(name) = crosscheck::suggest::closest(word, names.iter().copied()) {
        Cli::command()
            .error(
                clap::error::ErrorKind::InvalidSubcommand,
                format!(
                    "`{}` is neither a command nor an existing path; did you mean `{name}`?",
                    crosscheck::sanitize::line(word)
                ),
            )
            .exit();
    }
}
