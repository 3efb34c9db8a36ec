//! What every fuzz input must satisfy, shared by the fuzz targets (`fuzz_targets/`) and the
//! regression test that replays the kept inputs (`tests/fuzz_regressions.rs`). Each target uses
//! part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use crosscheck::export::{self, Format, Options};
use crosscheck::review::Review;
use crosscheck::store::journal;

/// One directory for the whole run: the claim file and its text are rewritten each time.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("crosscheck-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        dir
    })
}

/// No control character (but line breaks and tabs) and no bidi override in `text`.
fn no_controls(what: &str, text: &str) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\n' | '\t')) || ('\u{202a}'..='\u{202e}').contains(&c)
    });
    assert!(bad.is_none(), "{what} carries {bad:?}: {text:?}");
}

/// Bytes → a claim file (and, after a NUL byte, its report text `x.txt`) → load → every
/// diagnostic and every export. Nothing panics; nothing shown carries a control character.
pub fn load_input(data: &[u8]) {
    let (claims, text) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"North Korea has committed 12,000 troops"[..]),
    };
    // Serialised: the regression test runs inputs on several threads.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let file = dir().join("x.claims.toml");
    std::fs::write(&file, claims).expect("written");
    std::fs::write(dir().join("x.txt"), text).expect("written");
    let loaded = crosscheck::load::load(std::slice::from_ref(&file));
    for d in &loaded.diagnostics {
        no_controls("a diagnostic", &d.render(false));
    }
    no_controls("the summary", &loaded.written.summary(&loaded.diagnostics));
    if loaded.has_errors() {
        return;
    }
    let review = Review::with_journal(loaded.model, Vec::new());
    for &format in Format::ALL {
        let out = export::render(&review, format, &Options::default());
        // CSV ends its rows with CRLF; nothing else may carry a control character.
        no_controls(format.name(), &out.replace("\r\n", "\n"));
    }
}

/// Bytes → journal replay: never panics; a torn tail is never also damage; what is read back and
/// written again reads back the same (the round trip of `render` and `scan`).
pub fn journal_input(data: &[u8]) {
    let scan = journal::scan(data);
    if let Some(torn) = &scan.torn {
        assert!(torn.offset <= data.len());
        assert!(scan.damaged.is_none(), "torn and damaged at once");
    }
    let rendered: String = scan
        .entries
        .iter()
        .map(|e| journal::render(&e.decision))
        .collect();
    let again = journal::scan(rendered.as_bytes());
    assert_eq!(again.damaged, None, "{rendered:?}");
    assert_eq!(again.torn, None, "{rendered:?}");
    // The journal keeps whole seconds: a hand-written fraction is dropped when written again.
    let key = |e: &crosscheck::decision::Entry| {
        let d = &e.decision;
        (
            d.claim.clone(),
            d.status,
            d.note.clone(),
            d.reviewer.clone(),
            d.at.as_second(),
        )
    };
    let before: Vec<_> = scan.entries.iter().map(key).collect();
    let after: Vec<_> = again.entries.iter().map(key).collect();
    assert_eq!(before, after, "{rendered:?}");
}

/// Bytes → text (lossy UTF-8) → the number reader: spans are character-boundary ranges inside
/// the text (hedge and noun too), values are finite, a range's low end is at most its high end;
/// checking each figure found against the text never panics and finds the figure there.
pub fn numbers_input(data: &[u8]) {
    use crosscheck::model::Figure;
    use crosscheck::numbers;

    let text = String::from_utf8_lossy(data);
    let inside = |what: &str, span: &std::ops::Range<usize>| {
        assert!(
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "{what} {span:?} is not a range of characters in {text:?}"
        );
    };
    for found in numbers::read(&text) {
        inside("the figure", &found.span);
        assert!(
            found.span.start < found.span.end,
            "empty figure in {text:?}"
        );
        if let Some(hedge) = &found.hedge {
            inside("the hedge", &hedge.span);
        }
        if let Some(noun) = &found.noun {
            inside("the noun", noun);
        }
        match found.figure {
            Figure::Range { low, high } => assert!(
                low.is_finite() && high.is_finite() && low <= high,
                "range {low}..{high} in {text:?}"
            ),
            other => assert!(
                other.value().is_some_and(f64::is_finite),
                "{other:?} in {text:?}"
            ),
        }
        let agreement = numbers::agreement(&found.figure, &text);
        for number in &agreement.numbers {
            inside("a number of the quote", &number.span);
        }
        assert!(
            agreement.has_value(),
            "{:?} not found again in {text:?}",
            found.figure
        );
    }
}
