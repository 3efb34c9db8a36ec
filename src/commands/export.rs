//! `crosscheck export`: the review summary on stdout or, atomically, into a file.

use std::process::ExitCode;

use crate::cli::{ExportArgs, JournalArgs};
use crate::commands::{
    EXIT_ERRORS, EXIT_USAGE, exit, load_review, location, write_stdout, write_to_file,
};
use crosscheck::export::{self, Format, Options};

pub fn run(args: &ExportArgs, journal: &JournalArgs) -> anyhow::Result<ExitCode> {
    if let Some(url) = &args.url
        && crosscheck::sanitize::web_url(url).is_none()
    {
        eprintln!(
            "crosscheck: error: --url `{}` is not an http or https address",
            crosscheck::sanitize::line(url)
        );
        return Ok(exit(EXIT_USAGE));
    }
    let paths = args.inputs.paths();
    let location = match location(journal, &paths) {
        Ok(location) => location,
        Err(code) => return Ok(code),
    };
    let Some(review) = load_review(&paths, &location, true) else {
        // Never a partial summary: the diagnostics say what to fix.
        return Ok(exit(EXIT_ERRORS));
    };
    let format = args.format.export();
    let options = Options {
        only: args.only.export(),
        org: args.org.clone(),
        url: args.url.clone(),
    };
    if format == Format::ClaimReview {
        let missing = export::claimreview::missing_urls(&review, &options);
        if missing > 0 {
            eprintln!(
                "crosscheck: warning: {} no web `url` (Google's fact-check markup requires one; only http and https addresses are published): give --url with the address of the page publishing the reviews",
                crosscheck::format::count(missing, "review has", "reviews have")
            );
        }
    }
    let write = |out: &mut dyn std::io::Write| export::write(&review, format, &options, out);
    match &args.output {
        Some(path) => eprintln!("wrote {}", write_to_file(path, write)?),
        None => write_stdout(write)?,
    }
    // The process ends here: as `check`, it does not hand every claim back to the allocator.
    std::mem::forget(review);
    Ok(ExitCode::SUCCESS)
}
