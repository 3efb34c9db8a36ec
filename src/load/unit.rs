//! One claim file on its own: read, parsed as TOML with spans, walked against format 1
//! (`schema`, `values`), syntax errors and quotes checked. Cross-file checks come later (`resolve`).

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::load::quote;
use crate::load::raw::{At, RawClaim, RawReport, RawSource, RawTopic};
use crate::load::read;

/// Everything one file declares, and what is wrong with it on its own.
pub struct FileUnit {
    pub path: PathBuf,
    pub report: Option<RawReport>,
    pub sources: Vec<RawSource>,
    pub topics: Vec<RawTopic>,
    pub claims: Vec<RawClaim>,
    /// How many `[[claim]]` and `[[topic]]` tables the file has, valid or not.
    pub written: super::Written,
    /// Its messages: at most `MAX_MESSAGES_PER_FILE` (with the cross-file ones), see `admit`.
    pub diags: Vec<Diagnostic>,
    /// How many messages about this file were kept, and the ones past the limit.
    reported: std::cell::Cell<usize>,
    pub hidden: std::cell::Cell<super::Hidden>,
    /// The file could not be parsed: what it declares is kept (so other files do not report
    /// cascades of unknown ids), but nothing else is said about it beyond the parse errors.
    pub broken: bool,
    /// The text and its lines, for messages that show a line. Not held between checking the
    /// file and a later message that needs it: then it is read again.
    source: std::cell::OnceCell<(String, LineIndex)>,
}

/// At most this many messages are kept per file (its own and the cross-file ones); the rest are
/// counted, so that a file of a million mistakes costs neither memory nor a flood of output.
pub const MAX_MESSAGES_PER_FILE: usize = 200;

impl FileUnit {
    /// Whether one more message of this severity about the file is kept; if not, it is counted
    /// as hidden.
    pub fn admit(&self, severity: Severity) -> bool {
        if self.reported.get() < MAX_MESSAGES_PER_FILE {
            self.reported.set(self.reported.get() + 1);
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

/// Read, parse and check one claim file.
pub fn load_file(path: &Path) -> FileUnit {
    let (text, read_error) = match read::text_file(path) {
        Ok(text) => (text, None),
        Err(d) => (String::new(), Some(*d)),
    };
    let mut unit = FileUnit {
        path: path.to_path_buf(),
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
    };
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
    let lines = LineIndex::new(&text);
    let (root, errors) = DeTable::parse_recoverable(&text);
    let mut checker = Checker {
        unit: &mut unit,
        text: &text,
        lines: &lines,
        quiet: !errors.is_empty(),
    };
    checker.report_syntax(&errors);
    checker.document(root.get_ref());
    checker.verify_quotes();
    if !errors.is_empty() {
        unit.broken = true;
    }
    unit
}

/// One file being checked, and where its messages go. The schema walk (`schema`) and the
/// value readers (`values`) are its methods.
pub(super) struct Checker<'u> {
    pub(super) unit: &'u mut FileUnit,
    text: &'u str,
    lines: &'u LineIndex,
    /// After a syntax error the tree is a best guess: collect ids, say nothing more.
    pub(super) quiet: bool,
}

impl Checker<'_> {
    pub(super) fn label(&self, span: Range<usize>, message: &str) -> crate::diagnostic::Label {
        self.lines.label(&self.unit.path, self.text, span, message)
    }

    /// Line and column of a table's header: where the model says it was declared.
    pub(super) fn at(&self, span: &Range<usize>) -> (u32, u32) {
        self.lines.line_col(self.text, span.start)
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

    /// Every quote must occur in the report text, when the report has one.
    fn verify_quotes(&mut self) {
        if self.quiet {
            return;
        }
        let Some(text) = self.unit.report.as_ref().and_then(|r| r.text.clone()) else {
            return;
        };
        let report_text = match read::text_file(&text.value) {
            Ok(t) => t,
            Err(e) => {
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
