//! The number reader on a megabyte of text: news prose (the evaluation excerpts of
//! `tests/fixtures/numbers/`, repeated) and a hostile mix of numbers, dashes, hedges and number
//! words that a backtracking reader would revisit. `cargo bench --bench numbers`.

use divan::Bencher;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const MB: usize = 1 << 20;

/// The excerpts, one after another, until `len` bytes (cut at a character boundary).
fn news(len: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/numbers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let articles: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap() + "\n")
        .collect();
    cut(articles.repeat(len / articles.len() + 1), len)
}

/// Numbers packed as tightly as text allows: every token starts a figure or a refusal.
fn hostile(len: usize) -> String {
    let parts = [
        "1 ",
        "12,000-",
        "about ",
        "twenty-",
        "one hundred and ",
        "2024-10-",
        "10:30 ",
        "$3bn ",
        "between 1 and ",
        "at least ",
        "January 12, ",
        "555-123-",
        "1.2.3.",
        "12 000 ",
        "a dozen ",
        "aged 45 ",
        "COVID-19 ",
        "10–12 ",
        "or more ",
        "\u{a0}",
        "’90s ",
        "x1",
    ];
    let mut text = String::with_capacity(len + 64);
    let mut i = 0usize;
    while text.len() < len {
        text.push_str(parts[i % parts.len()]);
        i = i.wrapping_mul(31).wrapping_add(7) % 1_000_003;
    }
    cut(text, len)
}

fn cut(mut text: String, len: usize) -> String {
    let mut end = len.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

#[divan::bench(args = [MB / 4, MB], sample_count = 10)]
fn read_news(bencher: Bencher, len: usize) {
    let text = news(len);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| crosscheck::numbers::read(&text));
}

#[divan::bench(args = [MB / 4, MB], sample_count = 10)]
fn read_hostile(bencher: Bencher, len: usize) {
    let text = hostile(len);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| crosscheck::numbers::read(&text));
}
