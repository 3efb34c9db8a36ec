//! Drafting claims from a megabyte of news (the evaluation articles of
//! `tests/fixtures/draft/eval/`, one after another) and from a megabyte of hostile text (cues,
//! numbers, quotes and dashes with no full stop for a long way). `cargo bench --bench draft`.

use divan::Bencher;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const MB: usize = 1 << 20;

/// `s` cut to at most `len` bytes, at a character boundary.
fn cut(mut s: String, len: usize) -> String {
    let mut end = len.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// The evaluation articles, one after another, until `len` bytes.
fn news(len: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/draft/eval");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let articles: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap() + "\n\n")
        .collect();
    cut(articles.repeat(len / articles.len() + 1), len)
}

/// Cues, names, numbers and quotation marks with few full stops: every figure has many cues
/// and names around it.
fn hostile(len: usize) -> String {
    let piece = "Officials said, according to Reuters, that \u{201C}about 1,200\u{201D} and \
                 at least 3,400 - the U.N. told AFP - were killed, he said, as Xinhua quoted \
                 Gen. Li Wei as saying between 10 and 12 thousand, ";
    cut(piece.repeat(len / piece.len() + 1), len)
}

#[divan::bench]
fn news_1mb(bencher: Bencher) {
    let text = news(MB);
    bencher.bench(|| {
        crosscheck::draft::propose(
            divan::black_box(&text),
            &crosscheck::draft::Catalog::default(),
            "bench",
        )
    });
}

#[divan::bench]
fn news_1mb_written(bencher: Bencher) {
    let text = news(MB);
    let report = crosscheck::draft::write::Report {
        id: "bench",
        title: "Bench",
        text: "bench.txt",
    };
    bencher.bench(|| {
        let d = crosscheck::draft::propose(&text, &crosscheck::draft::Catalog::default(), "bench");
        crosscheck::draft::write::claim_file(&d, &text, &report, "bench.txt")
    });
}

#[divan::bench]
fn hostile_1mb(bencher: Bencher) {
    let text = hostile(MB);
    bencher.bench(|| {
        crosscheck::draft::propose(
            divan::black_box(&text),
            &crosscheck::draft::Catalog::default(),
            "bench",
        )
    });
}

#[divan::bench]
fn one_article(bencher: Bencher) {
    let text = news(6_000);
    bencher.bench(|| {
        crosscheck::draft::propose(
            divan::black_box(&text),
            &crosscheck::draft::Catalog::default(),
            "bench",
        )
    });
}
