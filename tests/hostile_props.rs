//! Property tests: the loader and the journal replay, fed arbitrary and mutated input, never
//! panic; every error in a file with lines has a position; any prefix of a journal replays to
//! exactly its complete entries.

mod common;

use common::{CLAIM, HEADER};
use crosscheck::decision::{Decision, Status};
use crosscheck::store::journal;
use proptest::prelude::*;

fn check_bytes(bytes: &[u8]) -> Vec<crosscheck::diagnostic::Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.claims.toml");
    std::fs::write(&path, bytes).unwrap();
    crosscheck::load::load(&[path]).diagnostics
}

/// Errors about the file's content point into it, unless the file has no lines to point at.
fn assert_positioned(bytes: &[u8], diagnostics: &[crosscheck::diagnostic::Diagnostic]) {
    let has_lines = !String::from_utf8_lossy(bytes)
        .trim_start_matches('\u{feff}')
        .trim()
        .is_empty();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        assert!(
            d.primary.is_some() || !has_lines,
            "no position for `{}` in {:?}",
            d.message,
            String::from_utf8_lossy(bytes)
        );
    }
}

/// A valid file, mutated: bytes replaced, inserted or removed at random places. It uses the
/// keys of format 2 too.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let valid = format!(
        "{HEADER}{CLAIM}[[source]]\nid = \"gov\"\nname = \"G\"\npart_of = \"nis\"\n[[claim]]\nid = \"c3\"\ntopic = \"troops\"\nsource = \"gov\"\nquote = \"q\"\nstated = 2024-01-02\nfigure = 1\nsupersedes = [\"c1\"]\ndraft = true\n"
    )
    .into_bytes();
    let len = valid.len();
    proptest::collection::vec((0..len, any::<u8>(), 0u8..3), 1..8).prop_map(move |edits| {
        let mut bytes = valid.clone();
        for (at, byte, kind) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match kind {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        bytes
    })
}

/// Mostly TOML-looking noise: brackets, quotes, keys, values.
fn tomlish() -> impl Strategy<Value = Vec<u8>> {
    let tokens = prop_oneof![
        Just("[report]\n"),
        Just("[[claim]]\n"),
        Just("[[source]]\n"),
        Just("[[topic]]\n"),
        Just("id = "),
        Just("\"x\""),
        Just("figure = "),
        Just("{ about = 1 }"),
        Just("{ low = 2, high = 1 }"),
        Just("nan"),
        Just("[["),
        Just("]"),
        Just("\n"),
        Just("="),
        Just("\"\\u001b]0;x\\u0007\""),
        Just("2024-01-01"),
        Just("stance = \"affirms\"\n"),
        Just("topic = \"t\"\n"),
        Just("quote = \"q\"\n"),
        Just("\u{feff}"),
        Just("\r\n"),
        // Format 2.
        Just("part_of = \"x\"\n"),
        Just("supersedes = [\"x\"]\n"),
        Just("supersedes = \"x\"\n"),
        Just("window = 0\n"),
        Just("window = 7\n"),
        Just("draft = true\n"),
        Just("source = \"x\"\n"),
        Just("unit = \"u\"\n"),
        Just("stated = 2024-01-02\n"),
    ];
    proptest::collection::vec(tokens, 0..60).prop_map(|t| t.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let diagnostics = check_bytes(&bytes);
        if std::str::from_utf8(&bytes).is_ok() && !bytes.contains(&0) {
            assert_positioned(&bytes, &diagnostics);
        }
    }

    #[test]
    fn the_loader_never_panics_on_toml_like_noise(bytes in tomlish()) {
        let diagnostics = check_bytes(&bytes);
        assert_positioned(&bytes, &diagnostics);
    }

    #[test]
    fn mutated_valid_files_never_panic_and_errors_have_positions(bytes in mutated()) {
        let diagnostics = check_bytes(&bytes);
        assert_positioned(&bytes, &diagnostics);
    }

    #[test]
    fn journal_replay_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = journal::scan(&bytes);
    }

    #[test]
    fn any_prefix_of_a_journal_replays_its_complete_entries(
        decisions in proptest::collection::vec(decision(), 1..6),
        cut in any::<proptest::sample::Index>(),
    ) {
        let rendered: Vec<String> = decisions.iter().map(journal::render).collect();
        let whole = rendered.concat();
        let cut = cut.index(whole.len() + 1);
        let scan = journal::scan(&whole.as_bytes()[..cut]);
        prop_assert_eq!(scan.damaged, None);
        // An entry is complete once the line break after its `at` is written.
        let mut end = 0;
        let mut expected = Vec::new();
        for (d, text) in decisions.iter().zip(&rendered) {
            let complete_at = end + text.len() - 1;
            if cut >= complete_at {
                expected.push(sanitized(d));
            }
            end += text.len();
        }
        let got: Vec<Decision> = scan.entries.into_iter().map(|e| e.decision).collect();
        prop_assert_eq!(got, expected);
    }
}

fn decision() -> impl Strategy<Value = Decision> {
    (
        "[a-z0-9][a-z0-9._-]{0,12}",
        prop_oneof![
            Just(Status::Verified),
            Just(Status::Disputed),
            Just(Status::Unreviewed)
        ],
        proptest::option::of(any::<String>()),
        "[a-zA-Z \u{e9}\u{4e00}\"\\\\]{1,10}",
        0i64..4_000_000_000,
    )
        .prop_map(|(claim, status, note, reviewer, second)| Decision {
            claim,
            status,
            note,
            reviewer,
            fingerprint: None,
            fields: None,
            at: jiff::Timestamp::from_second(second).unwrap(),
        })
}

/// What replay gives back: the text fields sanitised, as everything that is shown.
fn sanitized(d: &Decision) -> Decision {
    let line = |s: &str| crosscheck::sanitize::line(s).into_owned();
    Decision {
        claim: line(&d.claim),
        status: d.status,
        note: d.note.as_deref().map(line),
        reviewer: line(&d.reviewer),
        fingerprint: d.fingerprint,
        fields: d.fields,
        at: d.at,
    }
}
