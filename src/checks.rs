//! `check`'s warnings that need the analysis of all files, not one: a claim graded confirmed
//! (`credibility = 1`) that no other origin corroborates, and drafts waiting for a person. (A
//! figure against its own quote is a per-file check, in `load::unit`.) Each points at the key in
//! the claim's table; at most `MAX_MESSAGES_PER_FILE` are kept per file, like the loader's, and
//! the rest counted.

use std::ops::Range;
use std::path::Path;

use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Label, LineIndex};
use crate::load::Hidden;
use crate::load::unit::MAX_MESSAGES_PER_FILE;
use crate::model::Model;

/// What a warning says, before it is placed: the message, the key it is about, the label there
/// and the hint. Built only when the file still has room for it.
struct Warning {
    message: String,
    key: &'static str,
    label: String,
    help: String,
}

/// Every such warning in load order, and how many were counted past each file's limit.
pub fn warnings(model: &Model, analysis: &Analysis) -> (Vec<Diagnostic>, Hidden) {
    let mut files = Files::new(model.files.len());
    let mut out = Vec::new();
    let mut hidden = Hidden::default();
    for (c, claim) in model.claims.iter().enumerate() {
        let confirmed_alone = analysis.claims[c]
            .independence
            .filter(|found| claim.credibility == Some(1) && found.corroborated_by == 0)
            .map(|found| Warning {
                message: format!(
                    "claim `{}` is graded 1 (confirmed), but no other origin corroborates it",
                    claim.id
                ),
                key: "credibility",
                label: format!(
                    "the evidence loaded suggests {} (no other origin corroborates it)",
                    found.suggested_credibility
                ),
                help: "grade 1 means confirmed by independent sources; relays of one origin are not independent: lower the grade or load the corroborating report".into(),
            });
        if let Some(warning) = confirmed_alone {
            let file = claim.pos.file;
            if files.warned[file] >= MAX_MESSAGES_PER_FILE {
                hidden.warnings += 1;
                continue;
            }
            files.warned[file] += 1;
            let path = &model.files[file];
            let label = files.label(file, path, claim.pos.line, warning.key, &warning.label);
            out.push(
                Diagnostic::warning(path, warning.message)
                    .at(label)
                    .help(warning.help),
            );
        }
    }
    (out, hidden)
}

/// How many claims are drafts waiting for a person.
pub fn drafts(model: &Model) -> usize {
    model.claims.iter().filter(|c| c.draft).count()
}

/// The claim files' texts, read once each when a warning needs a line from them (by file
/// index), and how many warnings each file has had.
struct Files {
    read: Vec<Option<(String, LineIndex)>>,
    warned: Vec<usize>,
}

impl Files {
    fn new(files: usize) -> Self {
        Files {
            read: (0..files).map(|_| None).collect(),
            warned: vec![0; files],
        }
    }

    /// A label at `key = …` in the table whose header is on `header_line` of file `f`, or at
    /// the header.
    fn label(
        &mut self,
        f: usize,
        path: &Path,
        header_line: u32,
        key: &str,
        message: &str,
    ) -> Label {
        let (text, lines) = self.read[f].get_or_insert_with(|| {
            let text = crate::load::read::text_file(path).unwrap_or_default();
            let lines = LineIndex::new(&text);
            (text, lines)
        });
        let span = key_span(text, lines, header_line as usize, key);
        lines.label(path, text, span, message)
    }
}

/// Where `key = value` is written in the table that starts on `header_line` (1-based): the
/// value's span, or the header line's start when the key is not there.
fn key_span(text: &str, lines: &LineIndex, header_line: usize, key: &str) -> Range<usize> {
    let start = lines.line_start(header_line, text);
    let mut offset = start;
    for (i, line) in text[start..].split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if i > 0 && trimmed.starts_with('[') {
            break;
        }
        if let Some(rest) = trimmed.strip_prefix(key)
            && let Some(after) = rest.trim_start().strip_prefix('=')
        {
            let value = after.trim_start();
            let at = offset + line.len() - value.len();
            return at..at + value.trim_end().len();
        }
        offset += line.len();
    }
    start..start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_found_in_its_own_table_only() {
        let text = "[[claim]]\nid = \"a\"\ncredibility = 1\n\n[[claim]]\nid = \"b\"\n";
        let lines = LineIndex::new(text);
        let span = key_span(text, &lines, 1, "credibility");
        assert_eq!(&text[span], "1");
        let missing = key_span(text, &lines, 5, "credibility");
        assert!(missing.is_empty() && text[missing.start..].starts_with("[[claim]]\nid = \"b\""));
    }
}
