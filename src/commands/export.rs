//! `crosscheck export`: the review summary on stdout or, atomically, into a file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{ExportArgs, Format, JournalArgs};
use crate::commands::{EXIT_ERRORS, exit, load_review};
use crosscheck::export;

pub fn run(args: &ExportArgs, journal: &JournalArgs) -> anyhow::Result<ExitCode> {
    let paths = args.inputs.paths();
    let Some(review) = load_review(&paths, &journal.path(&paths), true) else {
        // Never a partial summary: the diagnostics say what to fix.
        return Ok(exit(EXIT_ERRORS));
    };
    let text = match args.format {
        Format::Json => export::json::to_string(&review),
    };
    match &args.output {
        Some(path) => {
            write_atomically(path, text.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            if let Err(e) = stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(e).context("cannot write to standard output");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Replace `path` whole: a reader sees the old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.commit())
        .with_context(|| format!("cannot write {}", path.display()))
}
