//! What a reviewer decides about a claim — `Status`, `Decision` — and a decision as a store
//! hands it back (`Entry`). A leaf: it imports nothing of crosscheck's.

use strum::{EnumString, IntoStaticStr, VariantArray};

/// A reviewer's decision on a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumString, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum Status {
    Unreviewed,
    Verified,
    Disputed,
}

impl Status {
    pub const ALL: &'static [Status] = Self::VARIANTS;

    /// The status written as in journals and exports (`verified`), or `None`.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One decision as recorded: who decided what about which claim, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub claim: String,
    pub status: Status,
    pub note: Option<String>,
    pub reviewer: String,
    /// The fingerprint of the claim as the reviewer saw it (see `fingerprint`); `None` in
    /// format-1 entries, which are never stale.
    pub fingerprint: Option<u64>,
    /// A short digest of each judged field (see `fingerprint::Fields`), to say what changed.
    pub fields: Option<[u16; 6]>,
    pub at: jiff::Timestamp,
}

/// A decision as a store hands it back, with where it is kept (its journal line), so that
/// messages about it can point there.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub decision: Decision,
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_and_write_the_same_words() {
        for &s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::Verified.as_str(), "verified");
        assert_eq!(
            Status::parse("Verified"),
            None,
            "case matters, as in the spec"
        );
        assert_eq!(Status::parse("maybe"), None);
    }
}
