//! The command line: `crosscheck [PATHS]...` reviews; subcommands check, export, agreement, …

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::session::Reviewer;

#[derive(Parser, Debug)]
#[command(
    name = "crosscheck",
    version,
    about = "Review conflicting reports: compare claimed figures side by side, mark claims verified or disputed, export a review summary.",
    long_about = None,
    subcommand_precedence_over_arg = true,
    after_help = "With no PATHS, crosscheck reads `data/`. Claim files are named `*.claims.toml`; directories are searched recursively.\n\nA journal of a megabyte or more is read from a snapshot of its replay when it still begins with the bytes the snapshot covers, and a claim file of 16 KiB or more that has not changed (nor its report text) is read back as it was checked; both are kept in $CROSSCHECK_CACHE, else $XDG_CACHE_HOME/crosscheck, else ~/.cache/crosscheck (CROSSCHECK_CACHE=off: none).\n\nExit status: 0 success, 1 errors in the files (or a failed command), 2 usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub inputs: ReviewArgs,

    #[command(flatten)]
    pub journal: JournalArgs,
}

#[derive(Args, Debug, Clone, Default)]
pub struct JournalArgs {
    /// The review journal, for every command but `draft` [default: review.toml in the first
    /// PATH when it is a directory, else beside it]
    #[arg(long = "review", value_name = "FILE", global = true)]
    pub review: Option<PathBuf>,

    /// Name recorded with each decision made on the review screen or by `mark` [default:
    /// $CROSSCHECK_REVIEWER, else $USER, else the account name]
    #[arg(long, value_name = "NAME", global = true)]
    pub reviewer: Option<String>,

    /// Keep decisions in PostgreSQL instead of the journal file, for a desk on several
    /// machines: postgres://USER@HOST:PORT/DATABASE (a password from ~/.pgpass or
    /// $PGPASSWORD; `?sslmode=verify-full` for TLS) [default: $CROSSCHECK_STORE]
    #[arg(long, value_name = "URL", global = true)]
    pub store: Option<String>,

    /// The review in the database that decisions belong to (several reviews can share one
    /// database) [default: the name of the claims' directory]
    #[arg(long, value_name = "NAME", global = true)]
    pub review_name: Option<String>,
}

impl JournalArgs {
    /// Where decisions are kept: `--store` (else `$CROSSCHECK_STORE`), else the journal
    /// (`--review FILE`, else `review.toml` in the first PATH, or beside it when it is a file).
    /// `Err` is a usage error.
    pub fn location(&self, paths: &[PathBuf]) -> Result<crosscheck::store::Location, String> {
        let from_env = std::env::var("CROSSCHECK_STORE")
            .ok()
            .filter(|v| !v.trim().is_empty());
        let store = match (&self.store, &from_env) {
            (Some(url), _) => Some((url.as_str(), true)),
            (None, Some(url)) => Some((url.as_str(), false)),
            (None, None) => None,
        };
        crosscheck::store::Location::resolve(
            store,
            self.review.as_deref(),
            self.review_name.as_deref(),
            paths,
        )
    }

    /// Who decides: `--reviewer`, else `$CROSSCHECK_REVIEWER`, `$USER`, the account name.
    pub fn reviewer(&self) -> Reviewer {
        Reviewer::find(self.reviewer.as_deref())
    }
}

#[derive(Args, Debug, Clone, Default)]
pub struct Inputs {
    /// Claim files or directories (searched recursively for *.claims.toml) [default: data/]
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
}

impl Inputs {
    /// The paths given, or `data/` when none were.
    pub fn paths(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from(crosscheck::load::discover::DEFAULT_DIR)]
        } else {
            self.paths.clone()
        }
    }
}

/// The review screen's arguments: `crosscheck [--blind] [PATHS]...`.
#[derive(Args, Debug, Clone, Default)]
pub struct ReviewArgs {
    /// Claim files or directories (searched recursively for *.claims.toml) [default: data/]
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Blind second review: hide other reviewers' decisions on a claim until you have decided
    /// it yourself
    #[arg(long)]
    pub blind: bool,
}

impl ReviewArgs {
    pub fn inputs(&self) -> Inputs {
        Inputs {
            paths: self.paths.clone(),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the review screen (the same as giving no command)
    Review(ReviewArgs),
    /// Record a decision on a claim without the screen (for scripts)
    Mark(MarkArgs),
    /// Check claim files and report every problem, compiler-style
    ///
    /// Prints `path:line:col: error: message` with the offending line and a hint for each
    /// problem, then a summary line. Exit status 1 when any file has errors.
    Check(Inputs),
    /// Write the review summary
    Export(ExportArgs),
    /// How far reviewers agree, and the claims on which they differ
    ///
    /// Reads the claim files and the journal (`--review FILE`, default review.toml in, or
    /// beside, the first PATH) and, over each reviewer's last decision on each claim when it is
    /// verified or disputed and not stale (drafts aside), prints: for each pair of reviewers the claims both
    /// decided, how many they agree on, the share (observed agreement) and Cohen's κ (past
    /// 10,000 pairs, only pairs with a claim in common; the others are counted);
    /// Krippendorff's α (nominal) over all reviewers; and every claim on which they differ,
    /// with each reviewer's decision, note and time. A statistic that cannot be computed (no
    /// claim in common, one status only, fewer than two reviewers) is `—` in text and null in
    /// JSON. Exit status 1 when the files or the journal have errors.
    #[command(
        after_help = "Examples:\n  crosscheck agreement data/\n  crosscheck agreement --format json --review desk/review.toml data/ > agreement.json"
    )]
    Agreement(AgreementArgs),
    /// Propose claims from an article: a claim file of drafts to accept, fix or reject
    ///
    /// Reads a plain-text article and writes ARTICLE.claims.toml beside it: a `[report]` whose
    /// `text` is the article, and every figure found (with its hedge, who said it and through
    /// whom, and the clause that quotes it) and every clear yes/no statement as a claim marked
    /// `draft = true`. Check it with `crosscheck check` (with the catalog, when one is given).
    Draft(DraftArgs),
    /// Move a review between a journal file and a PostgreSQL store (`--store URL`)
    #[command(subcommand)]
    Store(StoreCommand),
    /// Print a shell completion script (e.g. `crosscheck completions bash > /etc/bash_completion.d/crosscheck`)
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand, Debug)]
pub enum StoreCommand {
    /// Copy every decision of a journal file into the store's review (a second import adds
    /// nothing)
    Import {
        /// The journal file to import
        #[arg(value_name = "JOURNAL")]
        journal: PathBuf,
    },
    /// Write every decision of the store's review as a journal file
    Export {
        /// Write to FILE (replaced atomically; a device or pipe is written to) instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct MarkArgs {
    /// The claim's id
    pub claim: String,

    /// The decision
    #[arg(value_enum)]
    pub status: MarkStatus,

    /// A note with the decision; without it the claim's current note is kept, `--note ""` clears it
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    #[command(flatten)]
    pub inputs: Inputs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkStatus {
    Verified,
    Disputed,
    /// Clears an earlier decision
    Unreviewed,
}

impl MarkStatus {
    pub fn status(self) -> crosscheck::decision::Status {
        use crosscheck::decision::Status;
        match self {
            Self::Verified => Status::Verified,
            Self::Disputed => Status::Disputed,
            Self::Unreviewed => Status::Unreviewed,
        }
    }
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,

    /// Write to FILE (replaced atomically; a device or pipe is written to) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Which topics and claims to list (totals always count the whole review)
    #[arg(long, value_enum, default_value_t = Only::All)]
    pub only: Only,

    /// ClaimReview: the organisation publishing the reviews (else each reviewer, as a person)
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,

    /// ClaimReview: the URL of the page publishing the reviews, each review's `url` (Google
    /// requires one: without it, a warning; the reviewed article's address is its `appearance`)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    #[command(flatten)]
    pub inputs: Inputs,
}

#[derive(Args, Debug)]
pub struct AgreementArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = AgreementFormat::Text)]
    pub format: AgreementFormat,

    #[command(flatten)]
    pub inputs: Inputs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgreementFormat {
    /// Tables for the desk: pairs with κ, α, then each disagreement
    Text,
    /// The JSON of claim format 2 (`reviewers`, `pairs`, `alpha`, `disagreements`)
    Json,
}

#[derive(Args, Debug)]
pub struct DraftArgs {
    /// The article, as plain text (UTF-8)
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,

    /// Claim files or directories whose sources and topics the drafts reuse instead of
    /// declaring their own (after ARTICLE: `draft story.txt --catalog catalog.claims.toml`)
    #[arg(long, value_name = "PATHS", num_args = 1..)]
    pub catalog: Vec<PathBuf>,

    /// The report's id [default: from the article's file name]
    #[arg(long, value_name = "ID")]
    pub report_id: Option<String>,

    /// Write to FILE [default: ARTICLE.claims.toml beside the article; JSON: standard output]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,

    /// What to write
    #[arg(long, value_enum, default_value_t = DraftFormat::Toml)]
    pub format: DraftFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftFormat {
    /// A claim file of drafts
    Toml,
    /// The proposals, with the byte offsets of their quotes in the article
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An editor's summary (CommonMark with tables)
    Markdown,
    /// The JSON summary of claim format 2
    Json,
    /// One row per claim, for spreadsheets
    Csv,
    /// One self-contained page to open, print or attach: charts, claims and quotes per topic
    Html,
    /// schema.org ClaimReview JSON-LD, one per decided claim
    Claimreview,
}

impl Format {
    pub fn export(self) -> crosscheck::export::Format {
        use crosscheck::export::Format as F;
        match self {
            Self::Markdown => F::Markdown,
            Self::Json => F::Json,
            Self::Csv => F::Csv,
            Self::Claimreview => F::ClaimReview,
            Self::Html => F::Html,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    /// Every topic and claim
    All,
    /// Topics whose claims conflict
    Conflicts,
    /// Claims marked verified or disputed
    Reviewed,
}

impl Only {
    pub fn export(self) -> crosscheck::export::Only {
        use crosscheck::export::Only as O;
        match self {
            Self::All => O::All,
            Self::Conflicts => O::Conflicts,
            Self::Reviewed => O::Reviewed,
        }
    }
}
