//! Reading a file as text that is safe to parse: only regular files, bounded in size, not
//! binary, valid UTF-8; a byte-order mark is dropped.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Label, LineIndex};
use crate::load::discover::path_error;

/// Claim files and report texts larger than this are refused rather than read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be read as text. The diagnostic says it in the annotator's words.
pub type ReadError = Box<Diagnostic>;

/// The file's text, without a byte-order mark.
pub fn text_file(path: &Path) -> Result<String, ReadError> {
    let (bytes, _) = bounded_bytes(path)?;
    into_text(path, bytes)
}

/// [`text_file`], with what `stat` said of the file that was read (of the open file, so that
/// it is that file's even when the path names another by then).
pub fn text_file_seen(path: &Path) -> Result<(String, crate::cache::Seen), ReadError> {
    let (bytes, seen) = bounded_bytes(path)?;
    Ok((into_text(path, bytes)?, seen))
}

fn bounded_bytes(path: &Path) -> Result<(Vec<u8>, crate::cache::Seen), ReadError> {
    // Looked at before opening: opening a FIFO blocks, and a device may never end.
    let meta = std::fs::metadata(path).map_err(|e| Box::new(path_error(path, &e)))?;
    if !meta.is_file() {
        return Err(Box::new(
            Diagnostic::error(path, "not a regular file").help("give the path of a text file"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    let file = File::open(path).map_err(|e| Box::new(path_error(path, &e)))?;
    let seen = crate::cache::Seen::of(
        &file
            .metadata()
            .map_err(|e| Box::new(path_error(path, &e)))?,
    );
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    // Read one byte past the limit: a file that grows while it is read is still caught.
    let read = file
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Box::new(path_error(path, &e)))?;
    if read as u64 > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    Ok((bytes, seen))
}

fn too_large(path: &Path) -> ReadError {
    Box::new(
        Diagnostic::error(
            path,
            format!("file is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024)),
        )
        .help("split it into several files; ids are shared across all files loaded together"),
    )
}

fn into_text(path: &Path, mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Box::new(
            Diagnostic::error(path, "binary data (a NUL byte); this is not a text file")
                .at(label_at_byte(path, &bytes, at, "NUL byte"))
                .help("claim files and report texts are UTF-8 text"),
        ));
    }
    // Checked many bytes at a time: the standard library's check costs several instructions a
    // byte on non-ASCII text, and every claim file and report text goes through here.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        Box::new(
            Diagnostic::error(path, "invalid UTF-8")
                .at(label_at_byte(path, &bytes, at, "not UTF-8"))
                .help("save the file as UTF-8 (it may be in Latin-1 or Windows-1252)"),
        )
    })
}

/// A label at byte `at` of bytes that are not valid text: the line is shown lossily.
fn label_at_byte(path: &Path, bytes: &[u8], at: usize, message: &str) -> Label {
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i);
    let before = String::from_utf8_lossy(&bytes[..line_start]);
    let prefix = String::from_utf8_lossy(&bytes[line_start..at]);
    // Stray bytes show as U+FFFD; the renderer sanitises the rest.
    let line = String::from_utf8_lossy(&bytes[line_start..line_end]);
    let text = format!("{before}{line}");
    let offset = before.len() + prefix.len();
    LineIndex::new(&text).label(path, &text, offset..offset + 1, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.claims.toml");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn a_bom_is_dropped() {
        let (_d, p) = write(b"\xEF\xBB\xBF[report]\n");
        assert_eq!(text_file(&p).unwrap(), "[report]\n");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let (_d, p) = write(b"a = 1\nb = \"\xE9t\xE9\"\n");
        let e = text_file(&p).unwrap_err();
        assert_eq!(e.message, "invalid UTF-8");
        assert_eq!(e.location(), format!("{}:2:6", p.display()));
    }

    #[test]
    fn binary_data_is_refused() {
        let (_d, p) = write(b"\x7fELF\x02\x01\x00\x00");
        let e = text_file(&p).unwrap_err();
        assert!(e.message.contains("binary data"), "{}", e.message);
        assert_eq!(e.location(), format!("{}:1:7", p.display()));
    }

    #[test]
    fn a_directory_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let e = text_file(dir.path()).unwrap_err();
        assert!(e.message.contains("not a regular file"), "{}", e.message);
    }
}
