//! Compiler-style messages about claim files: `path:line:col: error: message`, the offending
//! line with a caret (rendered by annotate-snippets, as rustc does), and a hint.

use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::format::count;
use crate::sanitize;

/// Written `error`, `warning` (derived).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    strum::Display,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file, with the text of its line so that the message can show it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Label {
    pub path: PathBuf,
    /// 1-based line and column (in characters).
    pub line: u32,
    pub col: u32,
    /// The whole line, without its line ending.
    pub line_text: String,
    /// The byte range within `line_text` to underline.
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the message is about (also when no line applies).
    pub path: PathBuf,
    pub message: String,
    /// Where exactly, when the file has lines to point at.
    pub primary: Option<Label>,
    /// Other places that matter (the first declaration of a duplicate id).
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    pub fn warning(path: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: &Path, message: impl Into<String>) -> Self {
        Self {
            severity,
            path: path.to_path_buf(),
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, label: Label) -> Self {
        self.path = label.path.clone();
        self.primary = Some(label);
        self
    }

    pub fn also(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or just `path` when the message has no line).
    pub fn location(&self) -> String {
        let path = sanitize::line(&self.path.to_string_lossy()).into_owned();
        match &self.primary {
            Some(l) => format!("{path}:{}:{}", l.line, l.col),
            None => path,
        }
    }

    /// The full message: the headline, then the source lines with carets and the hint.
    pub fn render(&self, color: bool) -> String {
        let headline = format!(
            "{}: {}: {}",
            self.location(),
            self.severity,
            sanitize::line(&self.message)
        );
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level);
        let mut cleaned = Vec::new();
        for (i, label) in self.primary.iter().chain(&self.secondary).enumerate() {
            cleaned.push((i == 0 && self.primary.is_some(), clean_label(label)));
        }
        let mut body_has_content = false;
        for (is_primary, (label, text, range, message)) in &cleaned {
            let kind = if *is_primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let mut snippet = Snippet::source(text.as_str())
                .line_start(label.line as usize)
                .annotation(kind.span(range.clone()).label(message.as_str()));
            // The headline already names the primary file; name the file of any other place.
            if !is_primary {
                snippet = snippet.path(sanitize::line(&label.path.to_string_lossy()).into_owned());
            }
            group = group.element(snippet);
            body_has_content = true;
        }
        let help = self.help.as_deref().map(|h| sanitize::line(h).into_owned());
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_str()));
            body_has_content = true;
        }
        if !body_has_content {
            return headline + "\n";
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        format!("{headline}\n{}\n", renderer.render(&[group]))
    }
}

/// Of a long line, this many characters are kept either side of what a label points at, and of
/// what it points at this many at each end: the renderer reads the whole line a character at a
/// time, and a claim of one 15 MB quote took 250 MB and most of a second to show. It shows no
/// more than a terminal's width of a line anyway.
const SHOWN: usize = 160;

/// The first `n` characters of `s`, and whether that is all of it.
fn head(s: &str, n: usize) -> (&str, bool) {
    match s.char_indices().nth(n) {
        Some((at, _)) => (&s[..at], false),
        None => (s, true),
    }
}

/// The last `n` characters of `s`, and whether that is all of it.
fn tail(s: &str, n: usize) -> (&str, bool) {
    match n.checked_sub(1).and_then(|k| s.char_indices().rev().nth(k)) {
        Some((at, _)) if at > 0 => (&s[at..], false),
        Some(_) => (s, true),
        None if n == 0 => ("", s.is_empty()),
        None => (s, true),
    }
}

/// `s` with at most [`SHOWN`] characters at its start (`keep_start`) or its end, `…` where cut.
fn shortened(s: &str, keep_start: bool) -> std::borrow::Cow<'_, str> {
    if keep_start {
        match head(s, SHOWN) {
            (all, true) => all.into(),
            (part, false) => format!("{part}…").into(),
        }
    } else {
        match tail(s, SHOWN) {
            (all, true) => all.into(),
            (part, false) => format!("…{part}").into(),
        }
    }
}

/// The label's line made safe to print, with the range moved to match.
fn clean_label(label: &Label) -> (&Label, String, Range<usize>, String) {
    let before = label.line_text.get(..label.range.start).unwrap_or("");
    let inside = label.line_text.get(label.range.clone()).unwrap_or("");
    let after = label.line_text.get(label.range.end..).unwrap_or("");
    // What is pointed at keeps both its ends.
    let inside: std::borrow::Cow<'_, str> = match (head(inside, SHOWN), tail(inside, SHOWN)) {
        ((_, true), _) | (_, (_, true)) => inside.into(),
        ((start, false), (end, false)) if start.len() + end.len() >= inside.len() => inside.into(),
        ((start, false), (end, false)) => format!("{start}…{end}").into(),
    };
    let before = sanitize::line(&shortened(before, false)).into_owned();
    let inside = sanitize::line(&inside).into_owned();
    let after = sanitize::line(&shortened(after, true)).into_owned();
    let start = before.len();
    // An empty range still gets a caret: point at one character (or the line end).
    let end = start + inside.len();
    let text = format!("{before}{inside}{after}");
    (
        label,
        text,
        start..end,
        sanitize::line(&label.message).into_owned(),
    )
}

/// Line starts of a text, to turn byte offsets (toml spans) into lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        Self { starts }
    }

    /// The byte offset where 1-based line `line` starts (the text's end past the last line).
    pub fn line_start(&self, line: usize, text: &str) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len())
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = text[start..offset].chars().count() + 1;
        (line as u32 + 1, col as u32)
    }

    /// A label for the byte span `span` of `text`, underlining at most its first line.
    pub fn label(&self, path: &Path, text: &str, span: Range<usize>, message: &str) -> Label {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line = self.line_of(start);
        let line_start = self.starts[line];
        let line_end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        // A span may start on the `\r` of a CRLF line ending, past the text shown: point at the
        // line's end then.
        let line_end = line_start + line_text.len();
        let start = start.min(line_end);
        let end = floor_char_boundary(text, span.end.clamp(start, line_end));
        let (line_no, col) = self.line_col(text, start);
        Label {
            path: path.to_path_buf(),
            line: line_no,
            col,
            line_text: line_text.to_string(),
            range: (start - line_start)..(end - line_start),
            message: message.to_string(),
        }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
}

/// A text's lines, found as they are asked for: a position after the last one asked is
/// counted on from there (a file's tables, read in order, cost one pass over it and no index);
/// anything else, and every label, uses a [`LineIndex`] made once, when first needed.
pub struct Lines<'t> {
    text: &'t str,
    index: std::cell::OnceCell<LineIndex>,
    /// The last position asked: its byte offset, 0-based line, and its line's start.
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        Lines {
            text,
            index: std::cell::OnceCell::new(),
            cursor: std::cell::Cell::new((0, 0, 0)),
        }
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(self.text))
    }

    /// As [`LineIndex::line_col`].
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let (at, mut line, mut start) = self.cursor.get();
        if offset < at {
            return self.index().line_col(self.text, offset);
        }
        let passed = &self.text.as_bytes()[at..offset];
        let breaks = memchr::memchr_iter(b'\n', passed).count();
        if let Some(last) = memchr::memrchr(b'\n', passed) {
            line += breaks;
            start = at + last + 1;
        }
        self.cursor.set((offset, line, start));
        let col = self.text[start..offset].chars().count() + 1;
        (line as u32 + 1, col as u32)
    }

    /// As [`LineIndex::label`].
    pub fn label(&self, path: &Path, span: Range<usize>, message: &str) -> Label {
        self.index().label(path, self.text, span, message)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `N files, N claims, N topics: N errors, N warnings`.
/// `hidden` counts errors and warnings that were not kept (past a file's limit).
pub fn summary_line(
    files: usize,
    claims: usize,
    topics: usize,
    diags: &[Diagnostic],
    (hidden_errors, hidden_warnings): (usize, usize),
) -> String {
    let shown_errors = diags.iter().filter(|d| d.is_error()).count();
    let errors = shown_errors + hidden_errors;
    let warnings = diags.len() - shown_errors + hidden_warnings;
    format!(
        "{}, {}, {}: {}, {}",
        count(files, "file", "files"),
        count(claims, "claim", "claims"),
        count(topics, "topic", "topics"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Lines and columns counted on from the last position asked are those of the index,
        /// in order or not.
        #[test]
        fn lines_counted_on_agree_with_the_index(
            text in "([a\\n\\ré병\\t]|\\r\\n){0,60}",
            offsets in proptest::collection::vec(0usize..80, 1..12),
        ) {
            let index = LineIndex::new(&text);
            let lines = Lines::new(&text);
            let mut sorted = offsets.clone();
            sorted.sort_unstable();
            for offset in sorted.into_iter().chain(offsets) {
                proptest::prop_assert_eq!(lines.line_col(offset), index.line_col(&text, offset));
            }
        }
    }

    #[test]
    fn a_span_on_the_cr_of_a_crlf_line_points_at_the_line_end() {
        let text = "a = \"b\r\n";
        let idx = LineIndex::new(text);
        for start in 0..=text.len() {
            for end in start..=text.len() + 2 {
                let label = idx.label(Path::new("x"), text, start..end, "here");
                assert!(label.range.start <= label.range.end, "{start}..{end}");
                assert!(label.range.end <= label.line_text.len(), "{start}..{end}");
            }
        }
        let label = idx.label(Path::new("x"), text, 6..7, "here");
        assert_eq!((label.line, label.line_text.as_str()), (1, "a = \"b"));
        assert_eq!(label.range, 6..6);
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let text = "a = 1\r\nb = \"ü\" x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 7), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 9));
    }

    #[test]
    fn a_label_underlines_only_its_first_line_without_cr() {
        let text = "q = \"\"\"one\r\ntwo\"\"\"\r\n";
        let idx = LineIndex::new(text);
        let l = idx.label(Path::new("f.claims.toml"), text, 4..text.len(), "here");
        assert_eq!(l.line_text, "q = \"\"\"one");
        assert_eq!(&l.line_text[l.range.clone()], "\"\"\"one");
    }

    #[test]
    fn a_label_on_a_line_of_megabytes_shows_its_ends_and_what_is_around() {
        let before = "x".repeat(500_000);
        let span = format!("START{}END", "é".repeat(500_000));
        let line = format!("{before}{span}tail{}", "y".repeat(500_000));
        let start = before.len();
        let d = Diagnostic::warning(Path::new("f.toml"), "long").at(Label {
            path: "f.toml".into(),
            line: 3,
            col: 1,
            line_text: line.clone(),
            range: start..start + span.len(),
            message: "here".into(),
        });
        let shown = d.render(false);
        assert!(shown.len() < 4_000, "{} bytes", shown.len());
        assert!(shown.contains("START") && shown.contains("END"), "{shown}");
        // Nothing cut from a short line.
        let short = Diagnostic::warning(Path::new("f.toml"), "short").at(Label {
            path: "f.toml".into(),
            line: 3,
            col: 1,
            line_text: "quote = \"x\"".into(),
            range: 8..11,
            message: "here".into(),
        });
        assert!(
            short.render(false).contains("3 | quote = \"x\""),
            "{}",
            short.render(false)
        );
        assert_eq!(tail("abc", 2), ("bc", false));
        assert_eq!(tail("abc", 3), ("abc", true));
        assert_eq!(head("é", 0), ("", false));
    }

    #[test]
    fn rendering_names_the_place_shows_the_line_and_the_hint() {
        let text = "topic = \"trops\"\n";
        let idx = LineIndex::new(text);
        let d = Diagnostic::error(Path::new("x.claims.toml"), "unknown topic `trops`")
            .at(idx.label(Path::new("x.claims.toml"), text, 8..15, "not declared"))
            .help("did you mean `troops`?");
        let out = d.render(false);
        assert!(
            out.starts_with("x.claims.toml:1:9: error: unknown topic `trops`\n"),
            "{out}"
        );
        assert!(out.contains("topic = \"trops\""), "{out}");
        assert!(out.contains("^^^^^^^"), "{out}");
        assert!(out.contains("did you mean `troops`?"), "{out}");
    }

    #[test]
    fn escape_sequences_in_the_source_line_are_not_rendered() {
        let text = "name = \"\u{1b}]0;owned\u{7}x\"\n";
        let idx = LineIndex::new(text);
        let d = Diagnostic::error(Path::new("x.claims.toml"), "bad \u{1b}[2J").at(idx.label(
            Path::new("x.claims.toml"),
            text,
            7..text.len() - 1,
            "here",
        ));
        let out = d.render(false);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    }

    #[test]
    fn summary_line_uses_singular_and_plural() {
        let d = vec![Diagnostic::warning(Path::new("a"), "w")];
        assert_eq!(
            summary_line(3, 41, 1, &d, (0, 0)),
            "3 files, 41 claims, 1 topic: 0 errors, 1 warning"
        );
    }
}
