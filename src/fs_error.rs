//! What a file-system error means, in a reviewer's words: one wording for the loader, the
//! journal and the exports.

use std::io::{Error, ErrorKind};
use std::path::Path;

use crate::sanitize;

/// What was being done when the error came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Reading something that should exist.
    Read,
    /// Creating or writing (a missing file would have been created: its directory is missing).
    Write,
}

/// Why `path` could not be read or written: `permission denied`, `the disk is full`, …
pub fn reason(e: &Error, path: &Path, access: Access) -> String {
    match e.kind() {
        ErrorKind::NotFound if access == Access::Write => format!(
            "the directory {} does not exist",
            sanitize::line(
                &path
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            )
        ),
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        ErrorKind::IsADirectory => "it is a directory".into(),
        _ if is_symlink_loop(e) => "too many levels of symbolic links".into(),
        _ => sanitize::line(&e.to_string()).into_owned(),
    }
}

/// What to do about it, when there is something to say.
pub fn hint(e: &Error, access: Access) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound if access == Access::Read => "check the path",
        ErrorKind::NotFound => "create the directory first, or choose another place",
        ErrorKind::PermissionDenied if access == Access::Read => {
            "make it readable (chmod) or run as a user who can read it"
        }
        ErrorKind::PermissionDenied => "make it writable (chmod) or choose another place",
        ErrorKind::StorageFull => "free some space on the disk, or choose another place",
        ErrorKind::ReadOnlyFilesystem => "choose a place on a writable disk",
        _ if is_symlink_loop(e) => "a symbolic link points back at itself; fix or remove it",
        _ if access == Access::Read => "check that it exists and is readable",
        _ => "check that the place exists and can be written",
    }
}

/// Why, and what to do: `the directory /x does not exist; create the directory first, or
/// choose another place`.
pub fn explained(e: &Error, path: &Path, access: Access) -> String {
    format!("{}; {}", reason(e, path, access), hint(e, access))
}

/// Whether `reason` has words of its own for this error (else it is the system's message).
pub fn is_worded(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::NotFound
            | ErrorKind::PermissionDenied
            | ErrorKind::StorageFull
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::IsADirectory
    ) || is_symlink_loop(e)
}

fn is_symlink_loop(e: &Error) -> bool {
    // ELOOP; std has no stable ErrorKind for it.
    e.raw_os_error() == Some(40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_worded_for_the_access() {
        let missing = Error::from(ErrorKind::NotFound);
        let path = Path::new("no/such/review.toml");
        assert_eq!(
            reason(&missing, path, Access::Write),
            "the directory no/such does not exist"
        );
        assert_eq!(
            reason(&missing, path, Access::Read),
            "no such file or directory"
        );
        assert_eq!(
            reason(&Error::from(ErrorKind::StorageFull), path, Access::Write),
            "the disk is full"
        );
        assert_eq!(
            reason(&Error::from_raw_os_error(40), path, Access::Read),
            "too many levels of symbolic links"
        );
        assert!(hint(&Error::from_raw_os_error(40), Access::Read).contains("points back"));
    }
}
