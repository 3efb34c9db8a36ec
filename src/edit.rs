//! Changing claim files for the reviewer — accepting a draft (its `draft = true` goes), rejecting
//! a draft (its `[[claim]]` table goes, with the sources and topics only it used) — keeping the
//! file's formatting and comments (`toml_edit`), atomically (temporary file, sync, rename), and
//! never over a file that changed on disk since it was loaded. An edit can be taken back.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item};

use crate::fs_error::{self, Access};
use crate::model::Model;
use crate::sanitize;

/// One file changed: its text before and after, to write and to take back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub path: PathBuf,
    pub before: String,
    pub after: String,
}

/// Why a file was not changed. `Display` is a whole sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The file is not what was loaded: changed on disk since (reload first).
    Changed {
        path: PathBuf,
    },
    /// The claim is not in the file as read.
    NotFound {
        path: PathBuf,
        claim: String,
    },
    Io {
        path: PathBuf,
        reason: String,
    },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |p: &Path| sanitize::line(&p.to_string_lossy()).into_owned();
        match self {
            EditError::Changed { path } => write!(
                f,
                "{} changed on disk since it was loaded; nothing was written (reload with r, then try again)",
                shown(path)
            ),
            EditError::NotFound { path, claim } => write!(
                f,
                "claim `{}` is not in {} as it is now; nothing was written",
                sanitize::line(claim),
                shown(path)
            ),
            EditError::Io { path, reason } => {
                write!(f, "{} cannot be written: {reason}", shown(path))
            }
        }
    }
}

impl std::error::Error for EditError {}

/// The text of file `file` of the model, if it is still what was loaded.
fn current(model: &Model, file: usize) -> Result<(PathBuf, String), EditError> {
    let path = model.files[file].clone();
    let text = std::fs::read_to_string(&path).map_err(|e| EditError::Io {
        reason: fs_error::reason(&e, &path, Access::Read),
        path: path.clone(),
    })?;
    if crate::load::unit::digest(&text) != model.file_digests[file] {
        return Err(EditError::Changed { path });
    }
    Ok((path, text))
}

/// The `[[claim]]` tables of a document, and the index of the one with this id.
fn claim_at(doc: &DocumentMut, id: &str) -> Option<usize> {
    doc.get("claim")?
        .as_array_of_tables()?
        .iter()
        .position(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

/// Accepting draft claim `c`: its `draft` key goes. The file keeps every other byte.
pub fn accept(model: &Model, c: usize) -> Result<Edit, EditError> {
    let claim = &model.claims[c];
    let (path, before) = current(model, claim.pos.file)?;
    let not_found = || EditError::NotFound {
        path: path.clone(),
        claim: claim.id.clone(),
    };
    let mut doc: DocumentMut = before.parse().map_err(|_| not_found())?;
    let at = claim_at(&doc, &claim.id).ok_or_else(not_found)?;
    if let Some(table) = doc
        .get_mut("claim")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|claims| claims.get_mut(at))
    {
        table.remove("draft");
    }
    Ok(Edit {
        after: doc.to_string(),
        path,
        before,
    })
}

/// Rejecting draft claim `c`: its table goes, and the sources and topics declared in its file
/// that no other claim of the model uses (as `source`, in `via`, as `topic`, or by `part_of`).
pub fn reject(model: &Model, c: usize) -> Result<Edit, EditError> {
    let claim = &model.claims[c];
    let (path, before) = current(model, claim.pos.file)?;
    let not_found = || EditError::NotFound {
        path: path.clone(),
        claim: claim.id.clone(),
    };
    let mut doc: DocumentMut = before.parse().map_err(|_| not_found())?;
    let at = claim_at(&doc, &claim.id).ok_or_else(not_found)?;
    if let Some(claims) = doc.get_mut("claim").and_then(Item::as_array_of_tables_mut) {
        claims.remove(at);
        if claims.is_empty() {
            doc.remove("claim");
        }
    }
    // What the rejected claim used that nothing else does.
    let others = || model.claims.iter().enumerate().filter(|&(o, _)| o != c);
    let source_used = |s: usize| {
        others().any(|(_, o)| o.source == s || o.via.contains(&s))
            || model.sources.iter().any(|src| src.part_of == Some(s))
    };
    let topic_used = |t: usize| others().any(|(_, o)| o.topic == t);
    let unused_sources: Vec<&str> = std::iter::once(claim.source)
        .chain(claim.via.iter().copied())
        .filter(|&s| !source_used(s))
        .map(|s| model.sources[s].id.as_str())
        .collect();
    let unused_topic = (!topic_used(claim.topic)).then(|| model.topics[claim.topic].id.as_str());
    remove_tables(&mut doc, "source", |id| unused_sources.contains(&id));
    remove_tables(&mut doc, "topic", |id| unused_topic == Some(id));
    Ok(Edit {
        after: doc.to_string(),
        path,
        before,
    })
}

/// Remove the `[[kind]]` tables of the document whose id `gone` says.
fn remove_tables(doc: &mut DocumentMut, kind: &str, gone: impl Fn(&str) -> bool) {
    let Some(tables) = doc.get_mut(kind).and_then(Item::as_array_of_tables_mut) else {
        return;
    };
    tables.retain(|t| !t.get("id").and_then(Item::as_str).is_some_and(&gone));
    if tables.is_empty() {
        doc.remove(kind);
    }
}

/// Write an edit, atomically, if the file is still as it was read for it.
pub fn apply(edit: &Edit) -> Result<(), EditError> {
    replace(&edit.path, &edit.before, &edit.after)
}

/// Take an edit back, if the file is still as the edit left it.
pub fn undo(edit: &Edit) -> Result<(), EditError> {
    replace(&edit.path, &edit.after, &edit.before)
}

fn replace(path: &Path, expected: &str, text: &str) -> Result<(), EditError> {
    let io = |e: std::io::Error| EditError::Io {
        path: path.to_path_buf(),
        reason: fs_error::reason(&e, path, Access::Write),
    };
    let now = std::fs::read_to_string(path).map_err(io)?;
    if now != expected {
        return Err(EditError::Changed {
            path: path.to_path_buf(),
        });
    }
    crate::export::write_file(path, text).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# Drafted from the article; check each claim.
[report]
id = "r"
title = "R"

[[source]]
id = "ryder"   # the Pentagon's press secretary
name = "Pat Ryder"

[[source]]
id = "only-draft"
name = "Used by the draft alone"

[[topic]]
id = "troops"
question = "How many troops?"
unit = "troops"

[[claim]]
id = "kept"
topic = "troops"
source = "ryder"
quote = "10,000 troops"
figure = 10000

[[claim]]
id = "proposed"
topic = "troops"
source = "only-draft"
via = ["ryder"]
quote = "12,000 troops"
figure = 12000
draft = true
"#;

    fn loaded(text: &str) -> (tempfile::TempDir, Model) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.claims.toml"), text).unwrap();
        let loaded = crate::load::load(&[dir.path().to_path_buf()]);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        (dir, loaded.model)
    }

    fn claim(model: &Model, id: &str) -> usize {
        model.claims.iter().position(|c| c.id == id).unwrap()
    }

    #[test]
    fn accepting_removes_the_draft_key_and_nothing_else() {
        let (_dir, model) = loaded(FILE);
        let edit = accept(&model, claim(&model, "proposed")).unwrap();
        assert_eq!(edit.after, FILE.replace("draft = true\n", ""));
        apply(&edit).unwrap();
        let (_d, again) = loaded(&edit.after);
        assert!(!again.claims[claim(&again, "proposed")].draft);
        undo(&edit).unwrap();
        assert_eq!(std::fs::read_to_string(&edit.path).unwrap(), FILE);
    }

    #[test]
    fn rejecting_removes_the_claim_and_what_only_it_used_keeping_comments() {
        let (_dir, model) = loaded(FILE);
        let edit = reject(&model, claim(&model, "proposed")).unwrap();
        assert!(!edit.after.contains("\"proposed\""), "{}", edit.after);
        assert!(
            !edit.after.contains("only-draft"),
            "its source goes: {}",
            edit.after
        );
        assert!(
            edit.after
                .contains("id = \"ryder\"   # the Pentagon's press secretary"),
            "kept as written: {}",
            edit.after
        );
        assert!(
            edit.after.starts_with("# Drafted from the article"),
            "{}",
            edit.after
        );
        assert!(
            edit.after.contains("[[topic]]"),
            "the topic is still used: {}",
            edit.after
        );
        apply(&edit).unwrap();
        let (_d, again) = loaded(&edit.after);
        assert_eq!(again.claims.len(), 1);
    }

    #[test]
    fn a_file_changed_on_disk_since_it_was_loaded_is_never_written() {
        let (dir, model) = loaded(FILE);
        let path = dir.path().join("x.claims.toml");
        std::fs::write(&path, FILE.replace("Pat Ryder", "P. Ryder")).unwrap();
        let err = accept(&model, claim(&model, "proposed")).unwrap_err();
        assert!(matches!(err, EditError::Changed { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("changed on disk since it was loaded")
        );
        // And an edit prepared before a change is not written over it.
        std::fs::write(&path, FILE).unwrap();
        let edit = accept(&model, claim(&model, "proposed")).unwrap();
        std::fs::write(&path, FILE.replace("Pat Ryder", "P. Ryder")).unwrap();
        assert!(matches!(apply(&edit), Err(EditError::Changed { .. })));
        assert!(std::fs::read_to_string(&path).unwrap().contains("P. Ryder"));
    }
}
