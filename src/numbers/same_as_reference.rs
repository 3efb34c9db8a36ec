use super::*;

/// The readings of `text` and its agreement with a few figures (each figure the reference
/// reads there, in each form, a range of two of them, and one it does not hold) are what the
/// reference gives; the failure, described, when not.
fn compare(text: &str) -> Result<(), String> {
    let want = reference::read(text);
    let got = read(text);
    if format!("{got:?}") != format!("{want:?}") {
        return Err(format!(
            "read {text:?}\n    want {want:?}\n     got {got:?}"
        ));
    }
    let mut figures = vec![Figure::Exact(123_456.0)];
    let quoted = reference::agreement(&Figure::Exact(0.0), text).numbers;
    for f in want.iter().chain(&quoted) {
        figures.push(f.figure);
        let v = f.value();
        figures.extend([
            Figure::Exact(v),
            Figure::About(v),
            Figure::AtLeast(v),
            Figure::AtMost(v),
        ]);
    }
    if let [a, .., b] = quoted.as_slice() {
        figures.push(Figure::Range {
            low: a.value(),
            high: b.value(),
        });
    }
    // A long text holds many figures: a spread of them is enough (and keeps the work linear).
    let every = figures.len() / 32 + 1;
    for figure in figures.iter().step_by(every) {
        let want = reference::agreement(figure, text);
        let got = agreement(figure, text);
        if format!("{got:?}") != format!("{want:?}") {
            return Err(format!(
                "agreement {figure:?} {text:?}\n    want {want:?}\n     got {got:?}"
            ));
        }
    }
    Ok(())
}

#[track_caller]
fn compare_all<'a>(texts: impl IntoIterator<Item = &'a str>) {
    let mut failures = Vec::new();
    let mut n = 0;
    for text in texts {
        n += 1;
        if let Err(e) = compare(text) {
            failures.push(e);
        }
    }
    assert!(n > 0, "no texts compared");
    assert!(
        failures.is_empty(),
        "{} of {n} texts differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Every string of a TOML value, nested or not.
fn toml_strings(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|v| toml_strings(v, out)),
        toml::Value::Table(t) => t.values().for_each(|v| toml_strings(v, out)),
        _ => {}
    }
}

/// Every text file under `dir`, recursively.
fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The repository's fixtures: each file whole, each of its lines, and each string of a
/// claim file (its quotes, its texts).
#[test]
fn fixtures_read_as_the_reference_reads_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures"), &mut paths);
    files(&root.join("data"), &mut paths);
    files(&root.join("docs"), &mut paths);
    let mut texts = Vec::new();
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        if let Ok(v) = text.parse::<toml::Value>() {
            toml_strings(&v, &mut texts);
        }
        texts.extend(text.lines().map(String::from));
        texts.push(text);
    }
    assert!(texts.len() > 1_000, "only {} fixture texts", texts.len());
    compare_all(texts.iter().map(String::as_str));
}

/// The pieces the random texts are made of: numbers written every way, and the words and
/// marks around them that decide whether they are figures.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "1", "12", "1040", "2010", "007", "0", "12,000", "1,2345", "100, 000", "12 000",
    "12\u{a0}000", "1.200.000", "1.2", "3.5", "2030.4", "555-1234", "555-123-4567",
    "(555) 123-4567", "+44 20 7946 0958", "24/7", "12/01/2010", "2024-10-18", "1.2.3",
    "10:30", "10:19", "99999999999999999999", "123456789012345678",
    "0.30000000000000001", "1e5", "3bn", "$5m", "5m", "2.5k", "US$5", "€2bn", "£", "$", "¥",
    "10-12", "10–12", "10 – 12", "10—12", "10\u{2212}12", "10 -12", "30–40,000", "3-1",
    "-", "–", "—", "\u{2011}", "\u{2010}", "+", "%", "°", "'", "’", "‘", "“", "”", "\"",
    ".", ",", ":", ";", "(", ")", "[", "]", "/", "#", "@", "_", "~", "≈", ">", "≥", "<", "≤",
    " ", " ", " ", " ", "  ", "\u{a0}", "\u{202f}", "\u{2009}", "\n", "\r\n", "\t",
    "\u{2028}", "\u{85}", "about", "About", "ABOUT", "approximately", "approx.", "approx",
    "around", "roughly", "some", "Some", "an estimated", "estimated", "a total of",
    "nearly", "almost", "close to", "circa", "more or less", "in the region of", "at least",
    "At least", "more than", "More than", "over", "Over", "upwards of", "no fewer than",
    "not more than", "no more than", "in excess of", "topped", "topped the", "passed the",
    "crossed", "up to", "Up to", "as many as", "at most", "fewer than", "less than",
    "under", "below", "well", "just", "or so", "or more", "OR MORE", "or fewer", "or less",
    "plus", "-plus", "between", "Between", "and", "to", "or", "from", "range from",
    "ranging from", "rose from", "zero", "one", "One", "two", "three", "twelve", "twenty",
    "twenty-", "twenty-five", "forty", "ninety", "hundred", "thousand", "million",
    "billion", "trillion", "lakh", "crore", "bn", "mn", "m", "k", "b", "tn", "dozen", "a",
    "an", "A", "half", "Half", "half a", "a dozen", "one hundred and", "first", "twenty-first",
    "hundredth", "quarters", "thirds", "half", "per cent", "percent", "percentage points",
    "pct", "people", "People", "troops", "soldiers", "killed", "injured", "dead", "civilian",
    "casualties", "asylum-seekers", "asylum", "seekers", "homes", "more", "other", "strong",
    "new", "Ukrainians", "Nepalis", "the", "The", "these", "both", "all", "each", "every",
    "of", "in", "In", "since", "by", "during", "out of", "in every", "were", "was", "said",
    "years", "year", "years old", "-year-old", "old", "days", "hours", "-hour", "month",
    "January", "Jan", "Jan.", "Sept", "May", "may", "Oct.", "12th", "1st", "22nd", "2010s",
    "1990's", "’90s", "'98", "a.m.", "p.m.", "a", "m", "pm", "3pm", "GMT", "o'clock",
    "o’clock", "aged", "age", "ages", "Section", "section", "No.", "No", "Nos.", "Vol.",
    "Boeing", "Resolution", "Apollo", "Windows", "Moussignac", "COVID-19", "Covid",
    "MiG-29", "F-16", "G7", "A320", "H1N1", "5G", "10km", "magnitude-7.0", "x1",
    "https://example.com/2010/02/201021.html", "www.example.com/13186", "HTTP://A1",
    "content_9419884.htm", ".htm", "user@123", "#10", "[1]", "1.", "2)", "Source", "sector",
    "병력", "보고서", "漢字", "é", "ſ", "Ü", "ß", "İ", "ﬁ", "\u{301}", "😀", "\u{200b}",
    "\u{feff}", "\0", "\u{7f}", "Ⅻ", "٣", "१", "½", "²",
];

/// A random text of up to forty pieces, some written against each other, some spaced.
fn random_text(rng: &mut u64) -> String {
    let mut next = || {
        // SplitMix64: seeded, so that a failure can be found again.
        *rng = rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let n = next() % 41;
    let mut text = String::new();
    for _ in 0..n {
        let r = next();
        text.push_str(PIECES[(r % PIECES.len() as u64) as usize]);
        match (r >> 32) % 4 {
            0 | 1 => text.push(' '),
            2 => {}
            _ => text.push_str(PIECES[((r >> 40) % PIECES.len() as u64) as usize]),
        }
    }
    text
}

/// Fewer cases in a debug build (the plain `cargo test` of CI), where each costs several
/// times more; a release build (`cargo test --release`) runs them all.
const CASES_DIVIDED_BY: usize = if cfg!(debug_assertions) { 5 } else { 1 };

#[test]
fn random_texts_read_as_the_reference_reads_them() {
    let mut rng = 0x5eed_u64;
    let texts: Vec<String> = (0..200_000 / CASES_DIVIDED_BY)
        .map(|_| random_text(&mut rng))
        .collect();
    compare_all(texts.iter().map(String::as_str));
}

/// The megabyte texts of `benches/numbers.rs` (news excerpts over and over, and numbers
/// packed as tightly as text allows), in slices cut at random places.
#[test]
fn long_texts_read_as_the_reference_reads_them() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/numbers");
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    let news: String = paths
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n");
    let mut rng = 0xbe7c_u64;
    let mut texts = vec![news.clone()];
    for _ in 0..2_000 / CASES_DIVIDED_BY {
        let mut text = String::new();
        while text.len() < 4_000 {
            text.push_str(&random_text(&mut rng));
            text.push(' ');
        }
        texts.push(text);
    }
    let chars: Vec<usize> = news.char_indices().map(|(i, _)| i).collect();
    for k in 0..2_000 / CASES_DIVIDED_BY {
        let a = chars[(k * 7919) % chars.len()];
        let b = chars[(k * 104_729 + 13) % chars.len()];
        texts.push(news[a.min(b)..a.max(b)].to_string());
    }
    compare_all(texts.iter().map(String::as_str));
}
