//! Yes/no statements where the words are clear: "denied", "rejected the claim", "not true"
//! (denies); "confirmed that", "acknowledged that" (affirms); "could not be independently
//! verified", "declined to confirm" (unconfirmed).

use std::ops::Range;

use crate::draft::text::{Kind, Token};
use crate::model::Stance;

/// A statement found: where its cue is, and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The words that give the stance ("rejected", "not true", "could not be verified").
    pub cue: Range<usize>,
    /// The token index of the cue's verb, for its subject.
    pub verb: Option<usize>,
    pub stance: Stance,
}

/// Objects that make "rejected", "dismissed", "disputed" a denial of a statement.
#[rustfmt::skip]
const CLAIMS: &[&str] = &[
    "claim", "claims", "report", "reports", "figure", "figures", "allegation", "allegations",
    "accusation", "accusations", "account", "estimate", "estimates", "toll", "count", "numbers",
    "assertion", "assertions", "charge", "charges",
];

fn lower(text: &str, t: &Token) -> String {
    if t.kind == Kind::Word {
        t.text(text).to_lowercase()
    } else {
        String::new()
    }
}

/// The phrase `words` (lowercase, spaces between) at token `i`, optionally with
/// "independently" or "immediately" after its first word: the index past it.
fn phrase_at(text: &str, toks: &[Token], i: usize, words: &[&str]) -> Option<usize> {
    let mut k = i;
    for (n, w) in words.iter().enumerate() {
        let mut t = lower(text, toks.get(k)?);
        if n > 0 && (t == "independently" || t == "immediately") {
            k += 1;
            t = lower(text, toks.get(k)?);
        }
        if t != *w {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// "Could not be verified" and the like: no one is said to be unable, so the article says it.
const UNCONFIRMED_PASSIVE: &[&[&str]] = &[
    &["could", "not", "be", "verified"],
    &["could", "not", "be", "confirmed"],
    &["cannot", "be", "verified"],
    &["cannot", "be", "confirmed"],
    &["can", "not", "be", "verified"],
    &["not", "possible", "to", "verify"],
    &["not", "possible", "to", "confirm"],
    &["has", "not", "been", "confirmed"],
    &["have", "not", "been", "confirmed"],
    &["has", "not", "been", "verified"],
    &["have", "not", "been", "verified"],
    &["unverified"],
];

/// "X could not verify": X says it cannot be confirmed.
const UNCONFIRMED_ACTIVE: &[&[&str]] = &[
    &["declined", "to", "confirm"],
    &["could", "not", "verify"],
    &["could", "not", "confirm"],
    &["cannot", "verify"],
    &["cannot", "confirm"],
    &["unable", "to", "verify"],
    &["unable", "to", "confirm"],
];

/// The clear yes/no statements of a sentence.
pub fn statements(text: &str, toks: &[Token]) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = lower(text, &toks[i]);
        let passive = UNCONFIRMED_PASSIVE
            .iter()
            .find_map(|p| phrase_at(text, toks, i, p));
        let active = UNCONFIRMED_ACTIVE
            .iter()
            .find_map(|p| phrase_at(text, toks, i, p));
        if let Some(end) = passive.or(active) {
            out.push(Statement {
                cue: toks[i].start..toks[end - 1].end,
                verb: passive.is_none().then_some(i),
                stance: Stance::Unconfirmed,
            });
            i = end;
            continue;
        }
        let next = toks.get(i + 1).map(|t| lower(text, t)).unwrap_or_default();
        let stance = match w.as_str() {
            "denied" | "denies" | "deny" | "denying" => Some((Stance::Denies, true)),
            "rejected" | "rejects" | "dismissed" | "dismisses" | "disputed" | "disputes" => {
                let object = (i + 1..(i + 4).min(toks.len()))
                    .any(|k| CLAIMS.contains(&lower(text, &toks[k]).as_str()));
                object.then_some((Stance::Denies, true))
            }
            "not" if next == "true" => Some((Stance::Denies, false)),
            "untrue" | "false"
                if i > 0
                    && matches!(
                        lower(text, &toks[i - 1]).as_str(),
                        "is" | "was" | "are" | "were"
                    ) =>
            {
                Some((Stance::Denies, false))
            }
            "confirmed" | "confirms" | "acknowledged" | "acknowledges" | "admitted" | "admits"
                if next == "that" =>
            {
                Some((Stance::Affirms, true))
            }
            _ => None,
        };
        if let Some((stance, verb)) = stance {
            let end = if w == "not" { i + 1 } else { i };
            out.push(Statement {
                cue: toks[i].start..toks[end].end,
                verb: verb.then_some(i),
                stance,
            });
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::text::tokens;

    fn stances(t: &str) -> Vec<(Stance, &str)> {
        statements(t, &tokens(t, 0..t.len()))
            .into_iter()
            .map(|s| (s.stance, &t[s.cue]))
            .collect()
    }

    #[test]
    fn clear_cues_only() {
        assert_eq!(
            stances("The army rejected the claim, which could not be independently verified."),
            vec![
                (Stance::Denies, "rejected"),
                (Stance::Unconfirmed, "could not be independently verified")
            ]
        );
        assert_eq!(
            stances("“No, that is not true.”"),
            vec![(Stance::Denies, "not true")]
        );
        assert_eq!(
            stances("The government denies supporting the militias."),
            vec![(Stance::Denies, "denies")]
        );
        assert_eq!(
            stances("He confirmed that troops had arrived."),
            vec![(Stance::Affirms, "confirmed")]
        );
        assert!(stances("He confirmed the new death toll. They rejected talks.").is_empty());
    }
}
