//! One claim file on its own: read, parsed as TOML with spans, walked against format 1
//! (`schema`, `values`), syntax errors and quotes checked. Cross-file checks come later (`resolve`).

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::DeTable;

use crate::load::tree::{self, Table};

use crate::diagnostic::{Diagnostic, LineIndex, Lines, Severity};
use crate::load::quote;
use crate::load::raw::{At, RawClaim, RawReport, RawSource, RawTopic};
use crate::load::read;

/// Everything one file declares, and what is wrong with it on its own. Kept as it is in the
/// cache of checked files (`load::cached`), but for what it holds only while it is checked.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct FileUnit {
    pub path: PathBuf,
    /// A digest of the text as read, so that an edit can tell the file changed on disk since.
    pub digest: u64,
    pub report: Option<RawReport>,
    pub sources: Vec<RawSource>,
    pub topics: Vec<RawTopic>,
    pub claims: Vec<RawClaim>,
    /// How many `[[claim]]` and `[[topic]]` tables the file has, valid or not.
    pub written: super::Written,
    /// Its messages: at most `MAX_MESSAGES_PER_FILE` (with the cross-file ones), see `admit`.
    pub diags: Vec<Diagnostic>,
    /// How many messages about this file were kept, and the ones past the limit.
    reported: std::cell::Cell<Reported>,
    pub hidden: std::cell::Cell<super::Hidden>,
    /// The file could not be parsed: what it declares is kept (so other files do not report
    /// cascades of unknown ids), but nothing else is said about it beyond the parse errors.
    pub broken: bool,
    /// The text and its lines, for messages that show a line. Not held between checking the
    /// file and a later message that needs it: then it is read again.
    #[serde(skip)]
    source: std::cell::OnceCell<(String, LineIndex)>,
    /// Whether the report's text was read to check the quotes, and what it was.
    #[serde(skip)]
    pub report_read: ReportRead,
    /// What each claim names, as its worker found it among the declarations published so far
    /// (see `resolve::Published`); empty when none were.
    #[serde(skip)]
    pub known: Vec<Option<crate::load::resolve::References>>,
}

/// Whether checking a file read its report's text, and what it read: what else the file's
/// messages depend on (see `load::cached`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportRead {
    /// Not read: no text named, or a file too broken to check its quotes.
    #[default]
    NotNeeded,
    /// Read: the XXH3-128 digest of the text the quotes were checked against, and the file
    /// it was read from as `stat` said just before (see `load::cached`).
    Read(u128, crate::cache::Seen),
    /// Named, but it could not be read.
    Failed,
}

/// At most this many errors, and as many warnings, are kept per file (its own and the
/// cross-file ones); the rest are counted, so that a file of a million mistakes costs neither
/// memory nor a flood of output. Errors and warnings are counted apart, so that warnings never
/// hide an error found after them.
pub const MAX_MESSAGES_PER_FILE: usize = 200;

/// How many errors and warnings about a file were kept.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Reported {
    errors: usize,
    warnings: usize,
}

impl Reported {
    fn any(self) -> bool {
        self.errors + self.warnings > 0
    }
}

impl FileUnit {
    /// Whether one more message of this severity about the file is kept; if not, it is counted
    /// as hidden.
    pub fn admit(&self, severity: Severity) -> bool {
        let mut reported = self.reported.get();
        let kept = match severity {
            Severity::Error => &mut reported.errors,
            Severity::Warning => &mut reported.warnings,
        };
        if *kept < MAX_MESSAGES_PER_FILE {
            *kept += 1;
            self.reported.set(reported);
            return true;
        }
        let mut hidden = self.hidden.get();
        match severity {
            Severity::Error => hidden.errors += 1,
            Severity::Warning => hidden.warnings += 1,
        }
        self.hidden.set(hidden);
        false
    }

    /// Keep a message about this file, within the limit.
    pub fn push(&mut self, d: Diagnostic) {
        if self.admit(d.severity) {
            self.diags.push(d);
        }
    }

    fn source(&self) -> &(String, LineIndex) {
        self.source.get_or_init(|| {
            let text = read::text_file(&self.path).unwrap_or_default();
            let lines = LineIndex::new(&text);
            (text, lines)
        })
    }

    pub fn label(&self, span: Range<usize>, message: &str) -> crate::diagnostic::Label {
        let (text, lines) = self.source();
        lines.label(&self.path, text, span, message)
    }

    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let (text, lines) = self.source();
        lines.line_col(text, offset)
    }
}

/// At most this many syntax errors are reported per file; the rest are usually echoes.
const MAX_SYNTAX_ERRORS: usize = 10;

/// A digest of a claim file's text (not for security: to notice a change on disk).
pub fn digest(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// A unit for `path` with nothing read yet.
fn fresh(path: &Path) -> FileUnit {
    FileUnit {
        path: path.to_path_buf(),
        digest: 0,
        report: None,
        sources: Vec::new(),
        topics: Vec::new(),
        claims: Vec::new(),
        written: super::Written::default(),
        diags: Vec::new(),
        reported: Default::default(),
        hidden: Default::default(),
        broken: false,
        source: std::cell::OnceCell::new(),
        report_read: ReportRead::NotNeeded,
        known: Vec::new(),
    }
}

/// Read, parse and check one claim file. Its quotes are sanitised as the model holds them,
/// and with `fingerprints` its claims fingerprinted, here on the file's thread (while the
/// claims are at hand) rather than when the files are resolved together.
pub fn load_file(path: &Path, fingerprints: bool) -> FileUnit {
    load_text(path, read::text_file(path), fingerprints)
}

/// [`load_file`], its text already read.
pub fn load_text(
    path: &Path,
    text: Result<String, read::ReadError>,
    fingerprints: bool,
) -> FileUnit {
    let mut unit = check_file(path, text);
    for quote in unit.claims.iter_mut().filter_map(|c| c.quote.as_mut()) {
        quote.value = clean_owned(std::mem::take(&mut quote.value));
    }
    if fingerprints {
        let mut buf = Vec::new();
        for claim in &mut unit.claims {
            let fingerprint = claim
                .judged()
                .map(|judged| crate::fingerprint::of_judged(judged, &mut buf));
            claim.fingerprint = fingerprint;
        }
    }
    unit
}

/// `s` sanitised and trimmed, reusing its allocation when it already is.
fn clean_owned(s: String) -> String {
    match crate::sanitize::line(&s) {
        std::borrow::Cow::Borrowed(b) if b.trim().len() == b.len() => s,
        cleaned => cleaned.trim().to_string(),
    }
}

/// Parse and check one claim file, quotes as written.
fn check_file(path: &Path, text: Result<String, read::ReadError>) -> FileUnit {
    let (text, read_error) = match text {
        Ok(text) => (text, None),
        Err(d) => (String::new(), Some(*d)),
    };
    let mut unit = fresh(path);
    if let Some(d) = read_error {
        unit.push(d);
        unit.broken = true;
        return unit;
    }
    if text.trim().is_empty() {
        unit.push(
            Diagnostic::error(path, "empty file").help(
                "a claim file starts with a [report] table (id and title); see docs/format.md for a complete example",
            ),
        );
        unit.broken = true;
        return unit;
    }
    unit.digest = digest(&text);
    let lines = Lines::new(&text);
    let bounds = part_bounds(&text);
    // Nearly every file is read from the TOML parser's events. One that is not plain, or that
    // the walk has anything to say about, is read again with the `toml` crate's tree, so that
    // every message comes from one reading of it.
    let mut quick = fresh(path);
    quick.digest = unit.digest;
    if walk_parts(&mut quick, &text, &lines, &bounds, tree::parse) && !quick.reported.get().any() {
        verify(&mut quick, &lines);
        return quick;
    }
    if bounds.len() > 1 {
        let mut parted = fresh(path);
        parted.digest = unit.digest;
        if walk_parts(&mut parted, &text, &lines, &bounds, parse_de) {
            verify(&mut parted, &lines);
            return parted;
        }
        // Not cleanly splittable (a `[[claim]]` line inside a string, a table after the claims,
        // a syntax error): read it whole, as any other file.
    }
    check_whole(&mut unit, &text, &lines);
    unit
}

/// A part of a file as the `toml` crate reads it, if it has no syntax error.
fn parse_de(part: &str) -> Option<Table<'_>> {
    let (root, errors) = DeTable::parse_recoverable(part);
    errors.is_empty().then(|| tree::from_de(root.into_inner()))
}

/// Check a file read as one document by the `toml` crate, syntax errors and all.
fn check_whole(unit: &mut FileUnit, text: &str, lines: &Lines<'_>) {
    let (root, errors) = DeTable::parse_recoverable(text);
    let root = tree::from_de(root.into_inner());
    let mut checker = Checker {
        unit,
        lines,
        quiet: !errors.is_empty(),
        base: 0,
    };
    checker.report_syntax(&errors);
    checker.document(&root);
    checker.verify_quotes();
    checker.verify_figures();
    if !errors.is_empty() {
        unit.broken = true;
    }
}

/// The checks of a file's quotes and figures, once its tables are read.
fn verify(unit: &mut FileUnit, lines: &Lines<'_>) {
    let mut checker = Checker {
        unit,
        lines,
        quiet: false,
        base: 0,
    };
    checker.verify_quotes();
    checker.verify_figures();
}

/// A file with more claims than this is read in parts of `PART_CLAIMS` claims: the tables of
/// a part are dropped before the next is parsed, so memory follows the claims kept, not the
/// tables of the whole file (a 64 MiB file's tree alone takes over a gigabyte).
const PART_CLAIMS: usize = 2_000;

/// Where the parts of a file start and end: the whole file, or for a large one, parts starting
/// at `[[claim]]` lines every `PART_CLAIMS` claims.
fn part_bounds(text: &str) -> Vec<(usize, usize)> {
    let splits = claim_parts(text).unwrap_or_default();
    std::iter::once(0)
        .chain(splits.iter().copied())
        .zip(splits.iter().copied().chain(std::iter::once(text.len())))
        .collect()
}

/// Where the parts of a large file start: at `[[claim]]` lines, every `PART_CLAIMS` claims.
/// `None` for a file small enough to read whole.
fn claim_parts(text: &str) -> Option<Vec<usize>> {
    // A claim takes more than 50 bytes: a smaller file cannot have the claims to split.
    if text.len() < PART_CLAIMS * 50 {
        return None;
    }
    let mut headers = 0;
    let mut splits = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "[[claim]]" {
            if headers > 0 && headers % PART_CLAIMS == 0 {
                splits.push(offset);
            }
            headers += 1;
        }
        offset += line.len();
    }
    (!splits.is_empty()).then_some(splits)
}

/// Walk a file's tables part by part, each part read by `parse`. `false` when a part cannot be
/// read that way (`parse` gives up, or a later part holds more than claims).
fn walk_parts(
    unit: &mut FileUnit,
    text: &str,
    lines: &Lines<'_>,
    bounds: &[(usize, usize)],
    parse: fn(&str) -> Option<Table<'_>>,
) -> bool {
    for (i, &(start, end)) in bounds.iter().enumerate() {
        let Some(root) = parse(&text[start..end]) else {
            return false;
        };
        // Every part after the first holds claims and nothing else.
        if i > 0 && !root.keys().all(|k| k.get_ref() == "claim") {
            return false;
        }
        let before = unit.claims.len();
        let mut checker = Checker {
            unit,
            lines,
            quiet: false,
            base: start,
        };
        if i == 0 {
            checker.document(&root);
        } else {
            checker.claims_only(&root);
        }
        for claim in &mut unit.claims[before..] {
            claim.shift(start);
        }
    }
    true
}

/// One file being checked, and where its messages go. The schema walk (`schema`) and the
/// value readers (`values`) are its methods.
pub(super) struct Checker<'u> {
    pub(super) unit: &'u mut FileUnit,
    lines: &'u Lines<'u>,
    /// After a syntax error the tree is a best guess: collect ids, say nothing more.
    pub(super) quiet: bool,
    /// Where the part of the file being read starts: its spans are relative to it.
    base: usize,
}

impl Checker<'_> {
    pub(super) fn label(&self, span: Range<usize>, message: &str) -> crate::diagnostic::Label {
        let span = span.start + self.base..span.end + self.base;
        self.lines.label(&self.unit.path, span, message)
    }

    /// Line and column of a table's header: where the model says it was declared.
    pub(super) fn at(&self, span: &Range<usize>) -> (u32, u32) {
        self.lines.line_col(span.start + self.base)
    }

    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        // Past the file's limit the message is counted, not built.
        if self.quiet || !self.unit.admit(Severity::Error) {
            return;
        }
        let mut d = Diagnostic::error(&self.unit.path, message).at(self.label(span, label));
        if let Some(help) = help {
            d = d.help(help);
        }
        self.unit.diags.push(d);
    }

    fn report_syntax(&mut self, errors: &[toml::de::Error]) {
        let mut errors: Vec<_> = errors.iter().collect();
        errors.sort_by_key(|e| e.span().map(|s| s.start));
        errors.dedup_by_key(|e| e.message().to_string());
        for e in errors.iter().take(MAX_SYNTAX_ERRORS) {
            let span = e.span().unwrap_or(0..0);
            let message = format!("invalid TOML: {}", e.message());
            let d = Diagnostic::error(&self.unit.path, message)
                .at(self.label(span, "here"))
                .help(syntax_help(e.message()));
            self.unit.push(d);
        }
        if let Some(next) = errors.get(MAX_SYNTAX_ERRORS) {
            let more = errors.len() - MAX_SYNTAX_ERRORS;
            let span = next.span().unwrap_or(0..0);
            let d = Diagnostic::error(
                &self.unit.path,
                format!(
                    "{} more, from here on, not shown",
                    crate::format::count(more, "TOML syntax error", "TOML syntax errors")
                ),
            )
            .at(self.label(span, "the next one"))
            .help("fix the errors above first; later ones are often echoes of them");
            self.unit.push(d);
        }
    }

    /// Each figure should be a number its quote states, with the quote's own hedge: warnings
    /// (read by `numbers`), on the file's threads like every per-file check.
    fn verify_figures(&mut self) {
        if self.quiet {
            return;
        }
        let mut found = Vec::new();
        let mut too_long = Vec::new();
        for claim in &self.unit.claims {
            let (Some(figure), Some(quote)) = (&claim.figure, &claim.quote) else {
                continue;
            };
            if quote.value.len() > LONGEST_QUOTE_READ {
                too_long.push((
                    claim.id.value.clone(),
                    quote.span.clone(),
                    quote.value.len(),
                ));
                continue;
            }
            let agreement = crate::numbers::agreement(&figure.value, &quote.value);
            if !agreement.holds() {
                found.push((
                    claim.id.value.clone(),
                    figure.clone(),
                    quote.value.clone(),
                    agreement,
                ));
            }
        }
        for (id, figure, quote, agreement) in found {
            if !self.unit.admit(crate::diagnostic::Severity::Warning) {
                continue;
            }
            let d = figure_warning(&self.unit.path, &id, &figure.value, &quote, &agreement)
                .map(|(d, label)| d.at(self.label(figure.span.clone(), &label)));
            if let Some(d) = d {
                self.unit.diags.push(d);
            }
        }
        for (id, span, bytes) in too_long {
            if !self.unit.admit(crate::diagnostic::Severity::Warning) {
                continue;
            }
            let d = Diagnostic::warning(
                &self.unit.path,
                format!(
                    "claim `{id}`: its quote is {} KB, too long for its figure to be checked against it",
                    bytes / 1024
                ),
            )
            .at(self.label(span, "the quote"))
            .help(format!(
                "a quote is the sentence that states the figure: figures are read in quotes of up to {} KB",
                LONGEST_QUOTE_READ / 1024
            ));
            self.unit.diags.push(d);
        }
    }

    /// Every quote must occur in the report text, when the report has one.
    fn verify_quotes(&mut self) {
        if self.quiet {
            return;
        }
        let Some(text) = self.unit.report.as_ref().and_then(|r| r.text.clone()) else {
            return;
        };
        let report_text = match read::text_file_seen(&text.value) {
            Ok((t, seen)) => {
                self.unit.report_read =
                    ReportRead::Read(xxhash_rust::xxh3::xxh3_128(t.as_bytes()), seen);
                t
            }
            Err(e) => {
                self.unit.report_read = ReportRead::Failed;
                let message = format!("report text `{}`: {}", text.value.display(), e.message);
                let help = "`text` names the report's text file, relative to this claim file; fix the name or remove `text`";
                self.error(text.span, message, "cannot be read", Some(help.into()));
                return;
            }
        };
        let quotes: Vec<&At<String>> = self
            .unit
            .claims
            .iter()
            .filter_map(|c| c.quote.as_ref())
            .collect();
        let texts: Vec<&str> = quotes.iter().map(|q| q.value.as_str()).collect();
        let missing: Vec<Range<usize>> = quote::missing(&report_text, &texts)
            .into_iter()
            .map(|i| quotes[i].span.clone())
            .collect();
        for span in missing {
            self.error(
                span,
                "quote not found in the report text".into(),
                "not in the text",
                Some(format!("quotes are verbatim (white space, curly quotes and dashes may differ); check it against {}", text.value.display())),
            );
        }
    }
}

/// Figures are read in quotes of at most this many bytes: reading one holds about 28 bytes for
/// each byte of it (a quote of a whole 64 MB file held 1.8 GB), and a quote is a sentence.
const LONGEST_QUOTE_READ: usize = 64 * 1024;

/// At most this many of a quote's numbers are named in the warning that its figure is not
/// among them, each cut to [`NUMBER_CHARS`] characters.
const NUMBERS_NAMED: usize = 8;
const NUMBER_CHARS: usize = 24;

/// The warning for a figure its quote does not hold, or writes with another hedge, and the
/// label for the figure; `None` when there is nothing to say.
fn figure_warning(
    path: &Path,
    id: &str,
    figure: &crate::model::Figure,
    quote: &str,
    agreement: &crate::numbers::Agreement,
) -> Option<(Diagnostic, String)> {
    use crate::numbers;
    if !agreement.has_value() {
        let found = agreement.numbers_in(quote);
        // A quote can hold any number of numbers, each of any length: a few are named.
        let named: Vec<String> = found
            .iter()
            .take(NUMBERS_NAMED)
            .map(|n| match n.char_indices().nth(NUMBER_CHARS) {
                Some((cut, _)) => format!("{}…", &n[..cut]),
                None => n.to_string(),
            })
            .collect();
        let label = match found.len().saturating_sub(NUMBERS_NAMED) {
            _ if found.is_empty() => "the quote has no number".to_string(),
            0 => format!("the quote has {}", named.join(", ")),
            more => format!("the quote has {} and {more} more", named.join(", ")),
        };
        let d = Diagnostic::warning(
            path,
            format!(
                "claim `{id}`: its figure {} is not in its quote",
                crate::format::figure(figure)
            ),
        )
        .help("a figure is the number the quote states (for a range, both ends): check the figure, or quote the sentence that holds it");
        return Some((d, label));
    }
    let instead = agreement.write_instead?;
    let said = agreement
        .matching
        .map(|i| agreement.numbers_in(quote)[i].to_string())
        .unwrap_or_default();
    let d = Diagnostic::warning(
        path,
        format!(
            "claim `{id}`: the figure is written {}, but the quote says “{said}”",
            figure.form()
        ),
    )
    .help(format!(
        "write `figure = {}` (the hedge words crosscheck reads are listed in docs/format.md)",
        numbers::claim_syntax(&instead)
    ));
    Some((d, format!("the quote's hedge asks for {}", instead.form())))
}

fn syntax_help(message: &str) -> String {
    if message.contains("recursion") {
        "nesting this deep is not part of any claim file; check the brackets".into()
    } else if message.contains("duplicate key") {
        "each key appears once per table; start a new `[[claim]]` for another claim".into()
    } else if message.contains("quoted") {
        "text values are quoted: `name = \"Yonhap\"`".into()
    } else {
        "fix the TOML syntax here; see docs/format.md for a complete example".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `n` claims, every 997th with a mistake, and the text its quotes come from.
    fn large(n: usize, extra: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from(
            "[report]\nid = \"r\"\ntitle = \"R\"\ntext = \"r.txt\"\n[[source]]\nid = \"s\"\nname = \"S\"\n[[topic]]\nid = \"t\"\nquestion = \"Q?\"\nunit = \"troops\"\n",
        );
        for i in 0..n {
            let (quote, figure) = match i % 997 {
                13 => ("not in the text", "12000"),
                14 => ("twelve thousand", "{ abuot = 12000 }"),
                _ => ("twelve thousand", "12000"),
            };
            text.push_str(&format!(
                "\n[[claim]]\nid = \"c{i}\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"{quote}\"\nfigure = {figure}\n"
            ));
        }
        text.push_str(extra);
        std::fs::write(dir.path().join("r.txt"), "They said twelve thousand.").unwrap();
        let path = dir.path().join("x.claims.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn whole(path: &Path) -> FileUnit {
        let text = read::text_file(path).unwrap();
        let mut unit = fresh(path);
        check_whole(&mut unit, &text, &Lines::new(&text));
        unit
    }

    /// Everything a unit holds, as text.
    fn everything(u: &FileUnit) -> String {
        let diags: Vec<String> = u.diags.iter().map(|d| d.render(false)).collect();
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {}",
            u.report,
            u.sources,
            u.topics,
            u.claims,
            u.written,
            u.hidden.get(),
            diags,
            u.broken,
            u.digest
        )
    }

    #[test]
    fn files_read_from_events_load_exactly_as_read_by_the_toml_crate() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            "tests/fixtures",
            "fuzz/seeds/load",
            "fuzz/regressions/load",
            "data",
        ] {
            files.extend(crate::load::discover::claim_files(&[root.join(dir)]).0);
        }
        assert!(files.len() > 40, "{files:?}");
        let (mut quick, mut messages) = (0, 0);
        for path in &files {
            // Files that cannot be read, or hold nothing, never reach a parser.
            let Ok(text) = read::text_file(path) else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            quick += usize::from(tree::parse(&text).is_some());
            // As the `toml` crate alone reads it: whole, quotes sanitised as `load_file` does.
            let mut by_toml = whole(path);
            for quote in by_toml.claims.iter_mut().filter_map(|c| c.quote.as_mut()) {
                quote.value = clean_owned(std::mem::take(&mut quote.value));
            }
            by_toml.digest = digest(&text);
            let loaded = load_file(path, false);
            messages += usize::from(!loaded.diags.is_empty());
            assert_eq!(
                everything(&loaded),
                everything(&by_toml),
                "{}",
                path.display()
            );
        }
        // Both ways are exercised: files read from events, files with something to say.
        assert!(
            quick > 20 && messages > 10,
            "{quick} read from events, {messages} with messages"
        );
    }

    #[test]
    fn a_large_plain_file_is_read_from_events_in_parts() {
        let (_dir, path) = large(3 * PART_CLAIMS + 500, "");
        let text = read::text_file(&path).unwrap();
        // Without the mistakes every 997th claim: nothing for the walk to say.
        let clean = text.replace("{ abuot = 12000 }", "12000");
        std::fs::write(&path, &clean).unwrap();
        let bounds = part_bounds(&clean);
        assert!(bounds.len() > 3);
        let mut quick = fresh(&path);
        assert!(walk_parts(
            &mut quick,
            &clean,
            &Lines::new(&clean),
            &bounds,
            tree::parse
        ));
        assert!(!quick.reported.get().any());
        assert_eq!(quick.claims.len(), 3 * PART_CLAIMS + 500);
        same(&load_file(&path, true), &whole(&path));
    }

    fn same(a: &FileUnit, b: &FileUnit) {
        let render =
            |u: &FileUnit| -> Vec<String> { u.diags.iter().map(|d| d.render(false)).collect() };
        assert_eq!(render(a), render(b));
        let claims = |u: &FileUnit| -> Vec<(String, Range<usize>, (u32, u32))> {
            u.claims
                .iter()
                .map(|c| {
                    (
                        c.id.value.clone(),
                        c.quote.as_ref().unwrap().span.clone(),
                        c.at,
                    )
                })
                .collect()
        };
        assert_eq!(claims(a), claims(b));
        assert_eq!(a.written, b.written);
        assert_eq!(a.broken, b.broken);
    }

    #[test]
    fn a_large_file_read_in_parts_says_exactly_what_it_says_read_whole() {
        let (_dir, path) = large(3 * PART_CLAIMS + 500, "");
        let text = read::text_file(&path).unwrap();
        assert!(claim_parts(&text).is_some(), "read in parts");
        let parted = load_file(&path, true);
        assert!(parted.diags.len() >= 6, "{:?}", parted.diags.len());
        same(&parted, &whole(&path));
    }

    #[test]
    fn a_large_file_that_cannot_be_split_is_read_whole() {
        // A table after the claims, and a `[[claim]]` line inside a multi-line string.
        for extra in [
            "\n[[topic]]\nid = \"late\"\nquestion = \"Late?\"\n",
            "\n[[claim]]\nid = \"ml\"\ntopic = \"t\"\nsource = \"s\"\nquote = \"\"\"\n[[claim]]\n\"\"\"\nfigure = 1\n",
        ] {
            // The multi-line string's `[[claim]]` line falls exactly where a part would start.
            let (_dir, path) = large(2 * PART_CLAIMS - 1, extra);
            let text = read::text_file(&path).unwrap();
            assert!(claim_parts(&text).is_some(), "parts proposed");
            let bounds = part_bounds(&text);
            for parse in [parse_de, tree::parse] {
                assert!(!walk_parts(
                    &mut fresh(&path),
                    &text,
                    &Lines::new(&text),
                    &bounds,
                    parse
                ));
            }
            same(&load_file(&path, true), &whole(&path));
        }
    }
}
