//! One claim file on its own: TOML parsed with spans, every table and key checked against
//! format 1, quotes checked against the report text. Cross-file checks come later (`resolve`).

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::load::quote;
use crate::load::read;
use crate::model::{Date, Figure, Reliability, Stance, Topic};
use crate::suggest;

/// A value with the byte span it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub span: Range<usize>,
}

#[derive(Debug)]
pub struct RawReport {
    pub id: At<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The report's text file, resolved against the claim file's directory.
    pub text: Option<At<PathBuf>>,
    pub header: Range<usize>,
    /// Line and column of the header.
    pub at: (u32, u32),
}

#[derive(Debug)]
pub struct RawSource {
    pub id: At<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub reliability: Option<Reliability>,
    pub header: Range<usize>,
    /// Line and column of the header.
    pub at: (u32, u32),
}

#[derive(Debug)]
pub struct RawTopic {
    pub id: At<String>,
    pub question: Option<String>,
    pub unit: Option<String>,
    pub tolerance: f64,
    pub header: Range<usize>,
    /// Line and column of the header.
    pub at: (u32, u32),
}

#[derive(Debug)]
pub struct RawClaim {
    pub id: At<String>,
    pub topic: Option<At<String>>,
    pub source: Option<At<String>>,
    pub via: Vec<At<String>>,
    pub quote: Option<At<String>>,
    pub stated: Option<Date>,
    pub credibility: Option<u8>,
    pub figure: Option<At<Figure>>,
    pub stance: Option<At<Stance>>,
    pub header: Range<usize>,
    /// Line and column of the header.
    pub at: (u32, u32),
}

/// Everything one file declares, and what is wrong with it on its own.
pub struct FileUnit {
    pub path: PathBuf,
    pub report: Option<RawReport>,
    pub sources: Vec<RawSource>,
    pub topics: Vec<RawTopic>,
    pub claims: Vec<RawClaim>,
    pub diags: Vec<Diagnostic>,
    /// The file could not be parsed: what it declares is kept (so other files do not report
    /// cascades of unknown ids), but nothing else is said about it beyond the parse errors.
    pub broken: bool,
    /// The text and its lines, for messages that show a line. Not held between checking the
    /// file and a later message that needs it: then it is read again.
    source: std::cell::OnceCell<(String, LineIndex)>,
}

impl FileUnit {
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

const TOP_KEYS: &[&str] = &["report", "source", "topic", "claim"];
const REPORT_KEYS: &[&str] = &["id", "title", "outlet", "url", "published", "text"];
const SOURCE_KEYS: &[&str] = &["id", "name", "kind", "reliability"];
const TOPIC_KEYS: &[&str] = &["id", "question", "unit", "tolerance"];
const CLAIM_KEYS: &[&str] = &[
    "id",
    "topic",
    "source",
    "via",
    "quote",
    "stated",
    "credibility",
    "figure",
    "stance",
];
const FIGURE_KEYS: &[&str] = &["about", "at_least", "at_most", "low", "high"];

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
        diags: Vec::new(),
        broken: false,
        source: std::cell::OnceCell::new(),
    };
    if let Some(d) = read_error {
        unit.diags.push(d);
        unit.broken = true;
        return unit;
    }
    if text.trim().is_empty() {
        unit.diags.push(
            Diagnostic::error(path, "empty file").help(
                "a claim file starts with a [report] table (id and title); see the README for a complete example",
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
    if !errors.is_empty() {
        unit.broken = true;
    }
    unit
}

struct Checker<'u> {
    unit: &'u mut FileUnit,
    text: &'u str,
    lines: &'u LineIndex,
    /// After a syntax error the tree is a best guess: collect ids, say nothing more.
    quiet: bool,
}

impl Checker<'_> {
    fn label(&self, span: Range<usize>, message: &str) -> crate::diagnostic::Label {
        self.lines.label(&self.unit.path, self.text, span, message)
    }

    /// Line and column of a table's header: where the model says it was declared.
    fn at(&self, span: &Range<usize>) -> (u32, u32) {
        self.lines.line_col(self.text, span.start)
    }

    fn error(&mut self, span: Range<usize>, message: String, label: &str, help: Option<String>) {
        if self.quiet {
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
            self.unit.diags.push(d);
        }
        if let Some(next) = errors.get(MAX_SYNTAX_ERRORS) {
            let more = errors.len() - MAX_SYNTAX_ERRORS;
            let span = next.span().unwrap_or(0..0);
            let d = Diagnostic::error(
                &self.unit.path,
                format!("{more} more TOML syntax errors, from here on, not shown"),
            )
            .at(self.label(span, "the next one"))
            .help("fix the errors above first; later ones are often echoes of them");
            self.unit.diags.push(d);
        }
    }

    fn document(&mut self, root: &DeTable<'_>) {
        self.unknown_keys(root, TOP_KEYS, "at the top level");
        match root.get("report") {
            Some(v) => self.report(v.get_ref(), v.span()),
            None => {
                if !self.quiet {
                    let d = Diagnostic::error(&self.unit.path, "no [report] table")
                        .at(self.label(0..0, "a claim file starts with its [report]"))
                        .help("add `[report]` with `id` and `title`: every claim file describes one report");
                    self.unit.diags.push(d);
                }
            }
        }
        for (key, f) in [
            (
                "source",
                Self::source as fn(&mut Self, &DeTable<'_>, Range<usize>),
            ),
            ("topic", Self::topic),
            ("claim", Self::claim),
        ] {
            let Some(v) = root.get(key) else { continue };
            match v.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        match item.get_ref() {
                            DeValue::Table(t) => f(self, t, item.span()),
                            other => self.error(
                                item.span(),
                                format!("each `{key}` must be a table, found {}", other.type_str()),
                                "expected a table",
                                Some(format!("declare each one under its own `[[{key}]]` header")),
                            ),
                        }
                    }
                }
                DeValue::Table(_) => self.error(
                    v.span(),
                    format!("`{key}` must be an array of tables"),
                    "a single table",
                    Some(format!(
                        "write `[[{key}]]` (double brackets): a file may declare many"
                    )),
                ),
                other => self.error(
                    v.span(),
                    format!(
                        "`{key}` must be an array of tables, found {}",
                        other.type_str()
                    ),
                    "expected `[[...]]` tables",
                    Some(format!("declare each one under its own `[[{key}]]` header")),
                ),
            }
        }
        self.verify_quotes();
    }

    fn report(&mut self, value: &DeValue<'_>, span: Range<usize>) {
        let DeValue::Table(t) = value else {
            let help = if value.is_array() {
                "a file describes exactly one report: write `[report]` (single brackets) once"
            } else {
                "write `[report]` followed by its keys"
            };
            self.error(
                span,
                format!("`report` must be a table, found {}", value.type_str()),
                "expected `[report]`",
                Some(help.into()),
            );
            return;
        };
        self.unknown_keys(t, REPORT_KEYS, "in [report]");
        let Some(id) = self.id(t, &span, "report") else {
            return;
        };
        let title = self.string(t, "title", true, "report").map(|a| a.value);
        let outlet = self.string(t, "outlet", false, "report").map(|a| a.value);
        let url = self.string(t, "url", false, "report").map(|a| a.value);
        let published = self.date(t, "published");
        let text = self
            .string(t, "text", false, "report")
            .and_then(|a| self.report_text_path(a));

        self.unit.report = Some(RawReport {
            id,
            title,
            outlet,
            url,
            published,
            text,
            at: self.at(&span),
            header: span,
        });
    }

    /// The report text's path, resolved against the claim file's directory.
    fn report_text_path(&mut self, text: At<String>) -> Option<At<PathBuf>> {
        if text.value.trim().is_empty() {
            self.error(
                text.span,
                "`text` is empty".into(),
                "expected a file name",
                Some(
                    "name the report's text file, relative to this claim file, or remove `text`"
                        .into(),
                ),
            );
            return None;
        }
        let dir = self.unit.path.parent().unwrap_or(Path::new(""));
        Some(At {
            value: dir.join(&text.value),
            span: text.span,
        })
    }

    fn source(&mut self, t: &DeTable<'_>, span: Range<usize>) {
        self.unknown_keys(t, SOURCE_KEYS, "in [[source]]");
        let Some(id) = self.id(t, &span, "source") else {
            return;
        };
        let name = self.string(t, "name", true, "source").map(|a| a.value);
        let kind = self.string(t, "kind", false, "source").map(|a| a.value);
        let reliability = self.string(t, "reliability", false, "source").and_then(|a| {
            let grade = Reliability::parse(&a.value);
            if grade.is_none() {
                let upper = a.value.trim().to_ascii_uppercase();
                let help = match Reliability::parse(&upper) {
                    Some(_) => format!("grades are capital letters: `reliability = \"{upper}\"`"),
                    None => "Admiralty source grades: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged".into(),
                };
                self.error(a.span, format!("unknown reliability grade `{}`", a.value), "expected one of A B C D E F", Some(help));
            }
            grade
        });
        self.unit.sources.push(RawSource {
            id,
            name,
            kind,
            reliability,
            at: self.at(&span),
            header: span,
        });
    }

    fn topic(&mut self, t: &DeTable<'_>, span: Range<usize>) {
        self.unknown_keys(t, TOPIC_KEYS, "in [[topic]]");
        let Some(id) = self.id(t, &span, "topic") else {
            return;
        };
        let question = self.string(t, "question", true, "topic").map(|a| a.value);
        let unit = self.string(t, "unit", false, "topic");
        if let Some(u) = &unit
            && u.value.trim().is_empty()
        {
            self.error(
                u.span.clone(),
                "`unit` is empty".into(),
                "expected a unit such as \"troops\"",
                Some("a numeric topic names its unit; remove `unit` for a yes/no topic".into()),
            );
        }
        let tolerance = self.number(t, "tolerance").and_then(|tol| {
            if unit.is_none() {
                self.error(
                    tol.span,
                    "`tolerance` on a yes/no topic".into(),
                    "only numeric topics compare figures",
                    Some("add `unit` to make the topic numeric, or remove `tolerance`".into()),
                );
                return None;
            }
            if !(0.0..1.0).contains(&tol.value) {
                self.error(
                    tol.span,
                    format!("tolerance {} is out of range", tol.value),
                    "expected 0 <= tolerance < 1",
                    Some("tolerance is a fraction: 0.05 means ±5%".into()),
                );
                return None;
            }
            Some(tol.value)
        });
        self.unit.topics.push(RawTopic {
            id,
            question,
            unit: unit.map(|u| u.value),
            tolerance: tolerance.unwrap_or(Topic::DEFAULT_TOLERANCE),
            at: self.at(&span),
            header: span,
        });
    }

    fn claim(&mut self, t: &DeTable<'_>, span: Range<usize>) {
        self.unknown_keys(t, CLAIM_KEYS, "in [[claim]]");
        let Some(id) = self.id(t, &span, "claim") else {
            return;
        };
        let topic = self.reference(t, "topic", &span);
        let source = self.reference(t, "source", &span);
        let via = self.via(t);
        let quote = self.string(t, "quote", true, "claim").and_then(|q| {
            if q.value.trim().is_empty() {
                self.error(
                    q.span,
                    "`quote` is empty".into(),
                    "expected the words of the report",
                    Some("copy the claim verbatim from the report".into()),
                );
                return None;
            }
            Some(q)
        });
        let stated = self.date(t, "stated");
        let credibility = self.credibility(t);
        let figure = t
            .get("figure")
            .and_then(|v| self.figure(v.get_ref(), v.span()));
        let stance = self.stance(t);
        if let (Some(_), Some(s)) = (&figure, &stance) {
            self.error(
                s.span.clone(),
                "a claim has a figure or a stance, not both".into(),
                "second assertion",
                Some(
                    "numeric topics take `figure`, yes/no topics take `stance`; remove one".into(),
                ),
            );
        }
        if t.get("figure").is_none() && t.get("stance").is_none() {
            self.error(span.clone(), format!("claim `{}` has neither `figure` nor `stance`", id.value), "this claim", Some("on a numeric topic add `figure = 12000` (or `{ about = ... }`, ...); on a yes/no topic add `stance = \"affirms\"`, \"denies\" or \"unconfirmed\"".into()));
        }
        self.unit.claims.push(RawClaim {
            id,
            topic,
            source,
            via,
            quote,
            stated,
            credibility,
            figure,
            stance,
            at: self.at(&span),
            header: span,
        });
    }
}

/// Reading single values, each with a message that says what was expected.
impl Checker<'_> {
    fn unknown_keys(&mut self, t: &DeTable<'_>, allowed: &[&str], place: &str) {
        for key in t.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let help = suggest::hint(name, allowed)
                .unwrap_or_else(|| format!("allowed {place}: {}", allowed.join(", ")));
            self.error(
                key.span(),
                format!("unknown key `{name}` {place}"),
                "not part of format 1",
                Some(help),
            );
        }
    }

    /// The table's `id`, checked against the id grammar. Without one the table is skipped.
    fn id(&mut self, t: &DeTable<'_>, header: &Range<usize>, what: &str) -> Option<At<String>> {
        let Some(v) = t.get("id") else {
            self.error(
                header.clone(),
                format!("{what} has no `id`"),
                "declared here",
                Some(format!(
                    "add `id = \"...\"` (lowercase letters, digits, `.`, `_`, `-`) to this {what}"
                )),
            );
            return None;
        };
        let DeValue::String(s) = v.get_ref() else {
            self.error(
                v.span(),
                format!("`id` must be a string, found {}", v.get_ref().type_str()),
                "expected a string",
                Some("ids are quoted: `id = \"nis\"`".into()),
            );
            return None;
        };
        let id = At {
            value: s.to_string(),
            span: v.span(),
        };
        if !is_valid_id(&id.value) {
            let fixed = fix_id(&id.value);
            let help = if fixed.is_empty() {
                "ids match [a-z0-9][a-z0-9._-]*: lowercase letters, digits, `.`, `_`, `-`"
                    .to_string()
            } else {
                format!("ids match [a-z0-9][a-z0-9._-]*; try `{fixed}`")
            };
            self.error(
                id.span.clone(),
                format!("invalid {what} id `{}`", id.value),
                "not a valid id",
                Some(help),
            );
        }
        Some(id)
    }

    fn string(
        &mut self,
        t: &DeTable<'_>,
        key: &str,
        required: bool,
        what: &str,
    ) -> Option<At<String>> {
        let Some(v) = t.get(key) else {
            if required {
                self.missing(t, key, what);
            }
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) => Some(At {
                value: s.to_string(),
                span: v.span(),
            }),
            other => {
                self.error(
                    v.span(),
                    format!("`{key}` must be a string, found {}", other.type_str()),
                    "expected a string",
                    Some(format!("quote it: `{key} = \"...\"`")),
                );
                None
            }
        }
    }

    fn missing(&mut self, t: &DeTable<'_>, key: &str, what: &str) {
        if self.quiet {
            return;
        }
        // Point at the table's id when it has one: that names which table lacks the key.
        let span = t.get("id").map(|v| v.span()).unwrap_or(0..0);
        let id = t
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .unwrap_or("?");
        self.error(
            span,
            format!("{what} `{id}` has no `{key}`"),
            &format!("this {what}"),
            Some(format!("`{key}` is required in every [{what}]")),
        );
    }

    fn date(&mut self, t: &DeTable<'_>, key: &str) -> Option<Date> {
        let v = t.get(key)?;
        let help = Some(format!("write a date without quotes: `{key} = 2024-10-18`"));
        match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => Some(Date {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                }),
                _ => {
                    self.error(
                        v.span(),
                        format!("`{key}` must be a date, found a date-time or time"),
                        "expected a date like 2024-10-18",
                        help,
                    );
                    None
                }
            },
            other => {
                self.error(
                    v.span(),
                    format!("`{key}` must be a date, found {}", other.type_str()),
                    "expected a date like 2024-10-18",
                    help,
                );
                None
            }
        }
    }

    /// A finite number, integer or float.
    fn number(&mut self, t: &DeTable<'_>, key: &str) -> Option<At<f64>> {
        let v = t.get(key)?;
        self.finite(v.get_ref(), v.span(), key)
    }

    fn finite(&mut self, v: &DeValue<'_>, span: Range<usize>, key: &str) -> Option<At<f64>> {
        let value = match v {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => n as f64,
                Err(_) => {
                    self.error(
                        span,
                        format!("`{key}` is too large"),
                        "out of range",
                        Some("integers must fit in 64 bits".into()),
                    );
                    return None;
                }
            },
            DeValue::Float(f) => f.as_str().parse::<f64>().unwrap_or(f64::NAN),
            DeValue::String(s) => {
                let digits: String = s
                    .chars()
                    .filter(|c| !matches!(c, ',' | '_' | ' '))
                    .collect();
                let help = if digits.parse::<f64>().is_ok() {
                    format!("write the number without quotes or separators: `{key} = {digits}`")
                } else {
                    "write a number without quotes; TOML allows `12_000`".into()
                };
                self.error(
                    span,
                    format!("`{key}` must be a number, found string"),
                    "expected a number",
                    Some(help),
                );
                return None;
            }
            other => {
                self.error(
                    span,
                    format!("`{key}` must be a number, found {}", other.type_str()),
                    "expected a number",
                    None,
                );
                return None;
            }
        };
        if !value.is_finite() {
            self.error(span, format!("`{key}` is not a finite number"), "NaN and infinities cannot be compared", Some("write the figure as stated; for an open bound use `{ at_least = ... }` or `{ at_most = ... }`".into()));
            return None;
        }
        Some(At { value, span })
    }

    fn reference(
        &mut self,
        t: &DeTable<'_>,
        key: &str,
        header: &Range<usize>,
    ) -> Option<At<String>> {
        let Some(v) = t.get(key) else {
            let id = t
                .get("id")
                .and_then(|v| v.get_ref().as_str())
                .unwrap_or("?");
            self.error(
                header.clone(),
                format!("claim `{id}` has no `{key}`"),
                "this claim",
                Some(format!("add `{key} = \"...\"` naming a declared {key}")),
            );
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) => Some(At {
                value: s.to_string(),
                span: v.span(),
            }),
            other => {
                self.error(
                    v.span(),
                    format!(
                        "`{key}` must be a {key} id (a string), found {}",
                        other.type_str()
                    ),
                    "expected a string",
                    Some(format!("`{key} = \"...\"`")),
                );
                None
            }
        }
    }

    fn via(&mut self, t: &DeTable<'_>) -> Vec<At<String>> {
        let Some(v) = t.get("via") else {
            return Vec::new();
        };
        let items = match v.get_ref() {
            DeValue::Array(items) => items,
            DeValue::String(s) => {
                self.error(
                    v.span(),
                    "`via` must be an array of source ids".into(),
                    "a single string",
                    Some(format!("write `via = [\"{s}\"]`")),
                );
                return Vec::new();
            }
            other => {
                self.error(
                    v.span(),
                    format!(
                        "`via` must be an array of source ids, found {}",
                        other.type_str()
                    ),
                    "expected an array",
                    Some("write `via = [\"yonhap\"]`, nearest the source first".into()),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(At {
                    value: s.to_string(),
                    span: item.span(),
                }),
                other => self.error(
                    item.span(),
                    format!("`via` lists source ids, found {}", other.type_str()),
                    "expected a string",
                    Some("quote each source id".into()),
                ),
            }
        }
        out
    }

    fn credibility(&mut self, t: &DeTable<'_>) -> Option<u8> {
        let v = t.get("credibility")?;
        let help = Some("Admiralty information grades: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged".to_string());
        let DeValue::Integer(i) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "`credibility` must be an integer from 1 to 6, found {}",
                    v.get_ref().type_str()
                ),
                "expected 1 to 6",
                help,
            );
            return None;
        };
        match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n @ 1..=6) => Some(n as u8),
            _ => {
                self.error(
                    v.span(),
                    format!("credibility {} is out of range", i.as_str()),
                    "expected 1 to 6",
                    help,
                );
                None
            }
        }
    }

    fn figure(&mut self, v: &DeValue<'_>, span: Range<usize>) -> Option<At<Figure>> {
        let t = match v {
            DeValue::Table(t) => t,
            other => {
                let n = self.finite(other, span.clone(), "figure")?;
                return Some(At {
                    value: Figure::Exact(n.value),
                    span,
                });
            }
        };
        self.unknown_keys(t, FIGURE_KEYS, "in a figure");
        let forms_help = "a figure is a number, or one of `{ about = n }`, `{ at_least = n }`, `{ at_most = n }`, `{ low = n, high = n }`";
        let present: Vec<&str> = FIGURE_KEYS
            .iter()
            .copied()
            .filter(|k| t.contains_key(*k))
            .collect();
        let get = |this: &mut Self, key: &str| {
            let v = t.get(key)?;
            this.finite(v.get_ref(), v.span(), key).map(|a| a.value)
        };
        let figure = match present.as_slice() {
            ["about"] => Figure::About(get(self, "about")?),
            ["at_least"] => Figure::AtLeast(get(self, "at_least")?),
            ["at_most"] => Figure::AtMost(get(self, "at_most")?),
            ["low", "high"] => {
                let (low, high) = (get(self, "low"), get(self, "high"));
                let (low, high) = (low?, high?);
                if low > high {
                    self.error(
                        span,
                        format!("range low {low} is greater than high {high}"),
                        "low > high",
                        Some(format!("swap them: `{{ low = {high}, high = {low} }}`")),
                    );
                    return None;
                }
                Figure::Range { low, high }
            }
            ["low"] | ["high"] => {
                self.error(span, "a range needs both `low` and `high`".into(), "incomplete range", Some("write `{ low = n, high = n }`, or `{ at_least = n }` / `{ at_most = n }` for an open bound".into()));
                return None;
            }
            [] => {
                if t.is_empty() {
                    self.error(
                        span,
                        "empty figure".into(),
                        "no form",
                        Some(forms_help.into()),
                    );
                }
                return None;
            }
            forms => {
                self.error(
                    span,
                    format!("two figure forms at once: {}", forms.join(", ")),
                    "one form only",
                    Some(forms_help.into()),
                );
                return None;
            }
        };
        Some(At {
            value: figure,
            span,
        })
    }

    fn stance(&mut self, t: &DeTable<'_>) -> Option<At<Stance>> {
        let v = t.get("stance")?;
        let DeValue::String(s) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "`stance` must be a string, found {}",
                    v.get_ref().type_str()
                ),
                "expected affirms, denies or unconfirmed",
                Some("write `stance = \"affirms\"`".into()),
            );
            return None;
        };
        match Stance::parse(s) {
            Some(stance) => Some(At {
                value: stance,
                span: v.span(),
            }),
            None => {
                let names: Vec<&str> = Stance::ALL.iter().map(|s| s.as_str()).collect();
                let help = suggest::hint(s, &names)
                    .unwrap_or_else(|| "a stance is one of affirms, denies, unconfirmed".into());
                self.error(
                    v.span(),
                    format!("unknown stance `{s}`"),
                    "expected affirms, denies or unconfirmed",
                    Some(help),
                );
                None
            }
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

pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// A nearby valid id, for the hint: lowercase, runs of other characters as `-`.
fn fix_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(|c| matches!(c, '-' | '.' | '_'))
        .to_string()
}

fn syntax_help(message: &str) -> String {
    if message.contains("recursion") {
        "nesting this deep is not part of any claim file; check the brackets".into()
    } else if message.contains("duplicate key") {
        "each key appears once per table; start a new `[[claim]]` for another claim".into()
    } else if message.contains("quoted") {
        "text values are quoted: `name = \"Yonhap\"`".into()
    } else {
        "fix the TOML syntax here; see the README for a complete example".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_grammar() {
        for ok in ["nis", "0", "nk-troops.total_2"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "NIS", "-nis", ".x", "nis troops", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert_eq!(fix_id("NIS Troops!"), "nis-troops");
    }
}
