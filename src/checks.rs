//! `check`'s warnings about what claims say, beyond their syntax: a figure whose number is not
//! in its quote, or whose form contradicts the quote's own hedge (read by `numbers`); a claim
//! graded confirmed (`credibility = 1`) that no other origin corroborates; and drafts waiting
//! for a person. Each points at the key in the claim's table.

use std::ops::Range;
use std::path::Path;

use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::format;
use crate::model::Model;
use crate::numbers;

/// Every such warning, file by file in load order.
pub fn warnings(model: &Model, analysis: &Analysis) -> Vec<Diagnostic> {
    let mut files = Files::default();
    let mut out = Vec::new();
    for (c, claim) in model.claims.iter().enumerate() {
        if let Some(figure) = claim.figure() {
            out.extend(figure_against_quote(model, c, figure, &mut files));
        }
        let Some(found) = analysis.claims[c].independence else {
            continue;
        };
        if claim.credibility == Some(1) && found.corroborated_by == 0 {
            let path = &model.files[claim.pos.file];
            let grade = format!(
                "the evidence loaded suggests {} (no other origin corroborates it)",
                found.suggested_credibility
            );
            out.push(
                Diagnostic::warning(
                    path,
                    format!("claim `{}` is graded 1 (confirmed), but no other origin corroborates it", claim.id),
                )
                .at(files.label(path, claim.pos.line, "credibility", &grade))
                .help("grade 1 means confirmed by independent sources; relays of one origin are not independent: lower the grade or load the corroborating report"),
            );
        }
    }
    out
}

/// A figure that its quote does not hold, or writes with another hedge.
fn figure_against_quote(
    model: &Model,
    c: usize,
    figure: &crate::model::Figure,
    files: &mut Files,
) -> Option<Diagnostic> {
    let claim = &model.claims[c];
    let agreement = numbers::agreement(figure, &claim.quote);
    if agreement.holds() {
        return None;
    }
    let path = &model.files[claim.pos.file];
    let written = format::figure(figure);
    if !agreement.has_value() {
        let found = agreement.numbers_in(&claim.quote);
        let has = if found.is_empty() {
            "the quote has no number".to_string()
        } else {
            format!("the quote has {}", found.join(", "))
        };
        return Some(
            Diagnostic::warning(
                path,
                format!("claim `{}`: its figure {written} is not in its quote", claim.id),
            )
            .at(files.label(path, claim.pos.line, "figure", &has))
            .help("a figure is the number the quote states (for a range, both ends): check the figure, or quote the sentence that holds it"),
        );
    }
    let instead = agreement.write_instead?;
    let said = agreement
        .matching
        .map(|i| agreement.numbers_in(&claim.quote)[i].to_string())
        .unwrap_or_default();
    Some(
        Diagnostic::warning(
            path,
            format!(
                "claim `{}`: the figure is written {}, but the quote says “{said}”",
                claim.id,
                figure.form()
            ),
        )
        .at(files.label(
            path,
            claim.pos.line,
            "figure",
            &format!("the quote's hedge asks for {}", instead.form()),
        ))
        .help(format!(
            "write `figure = {}` (the hedge words crosscheck reads are listed in docs/format.md)",
            numbers::claim_syntax(&instead)
        )),
    )
}

/// How many claims are drafts waiting for a person.
pub fn drafts(model: &Model) -> usize {
    model.claims.iter().filter(|c| c.draft).count()
}

/// The claim files' texts, read once each when a warning needs a line from them.
#[derive(Default)]
struct Files {
    read: Vec<(std::path::PathBuf, String, LineIndex)>,
}

impl Files {
    /// A label at `key = …` in the table whose header is on `header_line`, or at the header.
    fn label(
        &mut self,
        path: &Path,
        header_line: u32,
        key: &str,
        message: &str,
    ) -> crate::diagnostic::Label {
        let at = match self.read.iter().position(|(p, _, _)| p == path) {
            Some(at) => at,
            None => {
                let text = crate::load::read::text_file(path).unwrap_or_default();
                let lines = LineIndex::new(&text);
                self.read.push((path.to_path_buf(), text, lines));
                self.read.len() - 1
            }
        };
        let (_, text, lines) = &self.read[at];
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
