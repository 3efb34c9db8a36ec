//! Review summaries for other readers — Markdown, JSON, CSV, schema.org ClaimReview, an HTML
//! page. Each format carries the same facts, read from one [`Review`].

pub mod claimreview;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
mod pretty;
pub mod row;
mod streamed;

use std::io::Write;
use std::path::Path;

use strum::{IntoStaticStr, VariantArray};

use crate::analysis::Verdict;
use crate::decision::Status;
use crate::export::row::ClaimRow;
use crate::review::Review;

/// A summary's format, named `markdown`, `json`, `csv`, `html`, `claimreview` (derived).
#[derive(Clone, Copy, Debug, PartialEq, Eq, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum Format {
    Markdown,
    Json,
    Csv,
    Html,
    ClaimReview,
}

impl Format {
    pub const ALL: &'static [Format] = Self::VARIANTS;

    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The file a summary in this format is written to by default.
    pub fn default_file_name(self) -> &'static str {
        match self {
            Self::Markdown => "review-summary.md",
            Self::Json => "review-summary.json",
            Self::Csv => "review-summary.csv",
            Self::ClaimReview => "review-summary.claimreview.json",
            Self::Html => "review-summary.html",
        }
    }
}

/// Which topics and claims a summary lists. Totals always count the whole review.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Only {
    #[default]
    All,
    /// Topics whose verdict is a conflict.
    Conflicts,
    /// Claims marked verified or disputed.
    Reviewed,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub only: Only,
    /// ClaimReview: the organisation that publishes the reviews (else the reviewer, as a person).
    pub org: Option<String>,
    /// ClaimReview: the page where the reviews are published. Without it a review has no `url`:
    /// the reviewed article's address is never the review's.
    pub url: Option<String>,
}

/// The summary in `format`, written to `out` (JSON, ClaimReview and HTML as they are made; the
/// others whole).
pub fn write(
    review: &Review,
    format: Format,
    options: &Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(review, options, out),
        Format::ClaimReview => claimreview::write(review, options, out),
        Format::Html => html::write(review, options, out),
        other => out.write_all(render(review, other, options).as_bytes()),
    }
}

pub fn render(review: &Review, format: Format, options: &Options) -> String {
    match format {
        Format::Markdown => markdown::to_string(review, options),
        // Written as they are made, into memory here: that fails only on a value serde_json
        // cannot write, which the exports never make, and they write UTF-8.
        Format::Json | Format::ClaimReview | Format::Html => {
            let mut out = Vec::new();
            let _ = write(review, format, options, &mut out);
            String::from_utf8(out).unwrap_or_default()
        }
        Format::Csv => csv::to_string(review, options),
    }
}

/// The topics to list, in file order, each with the claims to list (indices into the model).
pub fn selection(review: &Review, only: Only) -> Vec<(usize, Vec<usize>)> {
    review
        .analysis
        .topics
        .iter()
        .enumerate()
        .filter(|(_, t)| only != Only::Conflicts || t.verdict == Verdict::Conflict)
        .map(|(i, t)| {
            let claims = t
                .claims
                .iter()
                .copied()
                .filter(|&c| only != Only::Reviewed || review.status(c) != Status::Unreviewed)
                .collect::<Vec<_>>();
            (i, claims)
        })
        .filter(|(_, claims)| only != Only::Reviewed || !claims.is_empty())
        .collect()
}

/// The heading of the list of claims on which reviewers differ, and what it says when there is
/// none (Markdown and HTML).
pub const DISAGREEMENTS: &str = "Disagreements between reviewers";
pub const NO_DISAGREEMENTS: &str = "Reviewers agree on every claim they have both decided.";

/// The claims among `listed` on which reviewers' judgements differ (computed once, by
/// [`crate::agreement::disagreements`]), in the order of the files; `None` when fewer than two
/// people have decided anything, so that there is nothing to compare.
pub fn disagreements<'r>(
    review: &'r Review,
    listed: &[usize],
) -> Option<Vec<crate::agreement::Disagreement<'r>>> {
    if review.reviewers().len() < 2 {
        return None;
    }
    let listed: rustc_hash::FxHashSet<usize> = listed.iter().copied().collect();
    let mut all = crate::agreement::disagreements(review);
    all.retain(|d| listed.contains(&d.claim));
    Some(all)
}

/// Where a topic with this verdict comes in a summary: what conflicts first.
pub fn urgency(v: Verdict) -> usize {
    crate::format::VERDICTS_BY_URGENCY
        .iter()
        .position(|&u| u == v)
        .unwrap_or(crate::format::VERDICTS_BY_URGENCY.len())
}

/// What a summary's totals count. Drafts are counted and left out of the review: verified,
/// disputed and unreviewed count the other claims, so that with the drafts they add up to all
/// claims; `stale` counts claims whose last decision is stale (not drafts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub verified: usize,
    pub disputed: usize,
    pub unreviewed: usize,
    pub stale: usize,
    pub drafts: usize,
}

impl Totals {
    pub fn of(review: &Review) -> Totals {
        let mut t = Totals::default();
        for (c, claim) in review.model.claims.iter().enumerate() {
            if claim.draft {
                t.drafts += 1;
                continue;
            }
            match review.status(c) {
                Status::Verified => t.verified += 1,
                Status::Disputed => t.disputed += 1,
                Status::Unreviewed => t.unreviewed += 1,
            }
            if review.stale(c).is_some() {
                t.stale += 1;
            }
        }
        t
    }
}

/// The rows in their order, each superseded claim right under the claim that replaced it (when
/// that is listed too); claims that replace one another in a ring stay where they stand.
pub fn replaced_under_replacing(rows: Vec<ClaimRow<'_>>) -> Vec<ClaimRow<'_>> {
    let at: rustc_hash::FxHashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.claim.id.as_str(), i))
        .collect();
    let mut replaced: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    let mut tops: Vec<usize> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match row.superseded_by_id().and_then(|by| at.get(by)) {
            Some(&by) => replaced[by].push(i),
            None => tops.push(i),
        }
    }
    let mut order: Vec<usize> = Vec::with_capacity(rows.len());
    let mut placed = vec![false; rows.len()];
    let mut stack: Vec<usize> = tops.into_iter().rev().collect();
    let mut unplaced = 0;
    loop {
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut placed[i], true) {
                continue;
            }
            order.push(i);
            stack.extend(replaced[i].iter().rev());
        }
        while unplaced < placed.len() && placed[unplaced] {
            unplaced += 1;
        }
        if unplaced == placed.len() {
            break;
        }
        stack.push(unplaced);
    }
    let mut rows: Vec<Option<ClaimRow>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| rows[i].take()).collect()
}

/// Replace `path` whole: written to a temporary file beside it, synced, then renamed over it, so
/// a reader sees the old file or the new one, never half of one.
pub fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    write_file_with(path, |out| out.write_all(text.as_bytes()))
}

/// Write a file as `write` makes it (buffered), replacing it atomically: a failure leaves the
/// file as it was.
pub fn write_file_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // A device or a pipe (`-o /dev/stdout`, a FIFO) is written to as it is: an atomic write
    // would rename a new file over it. A folder is refused before anything is written (the
    // rename would fail only once the whole file is made, and leave it beside the folder).
    let meta = std::fs::metadata(path);
    if meta.as_ref().is_ok_and(|meta| meta.is_dir()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder: give the path of a file to write",
        ));
    }
    if meta.is_ok_and(|meta| !meta.is_file()) {
        let file = std::fs::OpenOptions::new().write(true).open(path)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out)?;
        return out.flush();
    }
    write_replacing(
        path,
        write,
        streamed::Way {
            direct: true,
            sync: std::fs::File::sync_data,
        },
    )
}

/// [`write_file_with`] for a file to replace: streamed to disk as it is written
/// (`export::streamed`), then synced and renamed into place.
fn write_replacing(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    way: streamed::Way,
) -> std::io::Result<()> {
    let file = atomic_write_file::AtomicWriteFile::options().open(path)?;
    std::thread::scope(|scope| {
        let mut out = streamed::Streamed::new(file.as_file(), way, scope);
        write(&mut out)?;
        out.finish()
    })?;
    // Synced here, so that a failure drops the temporary file (the commit would sync it too,
    // but then leave it behind on a failure).
    (way.sync)(file.as_file())?;
    file.commit()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.fifo");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let reading = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        super::write_file(&fifo, "summary\n").unwrap();
        assert_eq!(reading.join().unwrap(), "summary\n");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe is still a pipe");
        // A regular file is still replaced atomically.
        let file = dir.path().join("out.json");
        super::write_file(&file, "a").unwrap();
        super::write_file(&file, "b").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "b");
    }

    /// Syncs asked for by [`counted`] (only the test below uses it).
    static SYNCS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    fn counted(file: &std::fs::File) -> std::io::Result<()> {
        SYNCS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        file.sync_data()
    }

    fn failing(_: &std::fs::File) -> std::io::Result<()> {
        Err(std::io::Error::other("writeback failed"))
    }

    fn way(direct: bool, sync: fn(&std::fs::File) -> std::io::Result<()>) -> super::streamed::Way {
        super::streamed::Way { direct, sync }
    }

    #[test]
    fn a_large_file_is_synced_as_written_and_a_failed_sync_leaves_the_old_one() {
        use std::sync::atomic::Ordering::SeqCst;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("summary.json");
        std::fs::write(&file, "old").unwrap();
        // Several times the bytes after which a sync is asked for, in uneven pieces.
        let piece: Vec<u8> = (0..1_000_003u32).map(|i| b'a' + (i % 26) as u8).collect();
        let pieces = 3 * super::streamed::SYNC_EVERY / piece.len() + 1;
        let write_all =
            |out: &mut dyn std::io::Write| (0..pieces).try_for_each(|_| out.write_all(&piece));
        // A small file: no sync but the one before the rename (and no thread).
        super::write_replacing(&file, |out| out.write_all(b"small"), way(false, counted)).unwrap();
        assert_eq!(SYNCS.load(SeqCst), 1);
        assert_eq!(std::fs::read(&file).unwrap(), b"small");
        super::write_replacing(&file, write_all, way(false, counted)).unwrap();
        assert!(SYNCS.load(SeqCst) >= 2, "synced as written");
        let read = std::fs::read(&file).unwrap();
        assert_eq!(read.len(), pieces * piece.len());
        assert!(read.chunks(piece.len()).all(|c| c == piece.as_slice()));
        // A sync that fails as the file is written (its error may not reach the sync before
        // the rename): an error, and the file as it was.
        std::fs::write(&file, "old").unwrap();
        let failed = super::write_replacing(&file, write_all, way(false, failing));
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&file).unwrap(), b"old");
        // A write that fails after chunks went to disk, directly or not: the same.
        for direct in [false, true] {
            let failed = super::write_replacing(
                &file,
                |out| {
                    write_all(out)?;
                    Err(std::io::Error::other("disk full"))
                },
                way(direct, counted),
            );
            assert!(failed.is_err());
            assert_eq!(std::fs::read(&file).unwrap(), b"old");
        }
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    fn interrupted_once(file: &std::fs::File) -> std::io::Result<()> {
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        if CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        file.sync_data()
    }

    #[test]
    fn a_failure_anywhere_leaves_the_old_file_and_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("summary.json");
        let leftovers = || {
            let mut names: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            names
        };
        std::fs::write(&file, "old").unwrap();
        // The sync before the rename fails: the temporary file goes too.
        let failed =
            super::write_replacing(&file, |out| out.write_all(b"new"), way(false, failing));
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&file).unwrap(), b"old");
        assert_eq!(leftovers(), ["summary.json"]);
        // A sync interrupted on the writing thread (a caller retrying `Interrupted` must not
        // go on as if the chunks it had handed over were written): an error, never a short file.
        let piece = vec![b'x'; 1_000_003];
        let pieces = 80;
        let failed = super::write_replacing(
            &file,
            |out| (0..pieces).try_for_each(|_| out.write_all(&piece)),
            way(false, interrupted_once),
        );
        assert!(failed.is_err(), "{failed:?}");
        assert_eq!(std::fs::read(&file).unwrap(), b"old");
        assert_eq!(leftovers(), ["summary.json"]);
        // A folder where the file would go: refused before anything is written.
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).unwrap();
        let refused = super::write_file(&folder, "text").unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::IsADirectory);
        assert!(folder.is_dir());
        assert_eq!(leftovers(), ["folder", "summary.json"]);
    }

    #[test]
    fn files_written_straight_to_disk_hold_every_byte_at_every_size() {
        use super::streamed::CHUNK;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("summary.json");
        let bytes: Vec<u8> = (0..3 * CHUNK + 4099).map(|i| (i % 251) as u8).collect();
        for len in [
            0,
            1,
            4095,
            4096,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            2 * CHUNK,
            3 * CHUNK + 4099,
        ] {
            for direct in [true, false] {
                // Written in pieces of uneven sizes, as the summaries write.
                let written = super::write_replacing(
                    &file,
                    |out| {
                        let mut rest = &bytes[..len];
                        let mut piece = 1;
                        while !rest.is_empty() {
                            let (now, later) = rest.split_at(piece.min(rest.len()));
                            out.write_all(now)?;
                            rest = later;
                            piece = piece * 3 + 1;
                        }
                        Ok(())
                    },
                    way(direct, std::fs::File::sync_data),
                );
                written.unwrap();
                let read = std::fs::read(&file).unwrap();
                assert!(read == bytes[..len], "{len} bytes, direct: {direct}");
            }
        }
    }
}
