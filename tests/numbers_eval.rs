//! The number reader on real news excerpts (`tests/fixtures/numbers/`), against a person's
//! annotations (`expected.toml`): recall of the figures (value and form right), precision of
//! what it reads, and none of the dates, years, times or names it must leave alone.
//! `cargo test --test numbers_eval -- --nocapture` prints every figure and the table.

use std::ops::Range;
use std::path::Path;

use crosscheck::model::Figure;
use crosscheck::numbers::{self, Found};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    article: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    file: String,
    /// Annotated before the reader first ran on it: the honest measure (the others were seen
    /// while the reader was written).
    #[serde(default)]
    held_out: bool,
    figures: Vec<Annotation>,
    not_figures: Vec<Refusal>,
}

#[derive(Deserialize)]
struct Annotation {
    text: String,
    exact: Option<f64>,
    about: Option<f64>,
    at_least: Option<f64>,
    at_most: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
}

impl Annotation {
    fn figure(&self) -> Figure {
        match (
            self.exact,
            self.about,
            self.at_least,
            self.at_most,
            self.low,
            self.high,
        ) {
            (Some(v), None, None, None, None, None) => Figure::Exact(v),
            (None, Some(v), None, None, None, None) => Figure::About(v),
            (None, None, Some(v), None, None, None) => Figure::AtLeast(v),
            (None, None, None, Some(v), None, None) => Figure::AtMost(v),
            (None, None, None, None, Some(low), Some(high)) => Figure::Range { low, high },
            _ => panic!("`{}` needs exactly one form", self.text),
        }
    }
}

#[derive(Deserialize)]
struct Refusal {
    text: String,
    why: String,
}

/// Where each annotation's text stands: its nth occurrence, n counting earlier annotations with
/// the same text.
fn locate<'a>(text: &str, file: &str, wanted: impl Iterator<Item = &'a str>) -> Vec<Range<usize>> {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    wanted
        .map(|w| {
            let n = match seen.iter_mut().find(|(s, _)| *s == w) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((w, 0));
                    0
                }
            };
            let start = text
                .match_indices(w)
                .nth(n)
                .unwrap_or_else(|| panic!("{file}: `{w}` occurs fewer than {} times", n + 1))
                .0;
            start..start + w.len()
        })
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn same_values(a: &Figure, b: &Figure) -> bool {
    let ends = |f: &Figure| match *f {
        Figure::Range { low, high } => (low, high),
        other => {
            let v = other.value().unwrap_or(f64::NAN);
            (v, v)
        }
    };
    let (a, b) = (ends(a), ends(b));
    (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
}

#[derive(Default)]
struct Score {
    annotated: usize,
    value_right: usize,
    form_right: usize,
    read: usize,
    kept: usize,
    wrongly_taken: Vec<String>,
}

fn score(dir: &Path, article: &Article) -> Score {
    let text = std::fs::read_to_string(dir.join(&article.file)).unwrap();
    let found = numbers::read(&text);
    let places = locate(
        &text,
        &article.file,
        article.figures.iter().map(|a| a.text.as_str()),
    );
    let refused = locate(
        &text,
        &article.file,
        article.not_figures.iter().map(|r| r.text.as_str()),
    );
    let mut used = vec![false; found.len()];
    let mut s = Score {
        annotated: article.figures.len(),
        read: found.len(),
        ..Score::default()
    };
    println!("\n{}", article.file);
    for (a, place) in article.figures.iter().zip(&places) {
        let want = a.figure();
        let hit = found
            .iter()
            .enumerate()
            .position(|(i, f)| !used[i] && overlaps(&f.span, place));
        let verdict = match hit {
            Some(i) => {
                used[i] = true;
                let got = &found[i].figure;
                if same_values(got, &want) {
                    s.value_right += 1;
                    s.kept += 1;
                    if got.form() == want.form() {
                        s.form_right += 1;
                        "ok".to_string()
                    } else {
                        format!("FORM {}", numbers::claim_syntax(got))
                    }
                } else {
                    format!("VALUE {}", numbers::claim_syntax(got))
                }
            }
            None => "MISSED".to_string(),
        };
        println!(
            "  {:<32} {:<32} {verdict}",
            a.text,
            numbers::claim_syntax(&want)
        );
    }
    for (f, _) in found.iter().zip(&used).filter(|(_, u)| !**u) {
        let why = article
            .not_figures
            .iter()
            .zip(&refused)
            .find(|(_, r)| overlaps(&f.span, r))
            .map(|(r, _)| r.why.as_str());
        let line = show(&text, f);
        println!("  EXTRA {line} ({})", why.unwrap_or("not annotated"));
        if let Some(why) = why {
            s.wrongly_taken
                .push(format!("{}: {line} ({why})", article.file));
        }
    }
    s
}

fn show(text: &str, f: &Found) -> String {
    format!(
        "`{}` {} {}",
        f.text(text),
        numbers::claim_syntax(&f.figure),
        f.noun_text(text).unwrap_or("")
    )
}

impl Score {
    fn recall(&self) -> f64 {
        self.form_right as f64 / self.annotated.max(1) as f64
    }

    fn precision(&self) -> f64 {
        self.kept as f64 / self.read.max(1) as f64
    }

    fn add(&mut self, other: &Score) {
        self.annotated += other.annotated;
        self.value_right += other.value_right;
        self.form_right += other.form_right;
        self.read += other.read;
        self.kept += other.kept;
        self.wrongly_taken
            .extend(other.wrongly_taken.iter().cloned());
    }

    fn row(&self, name: &str) -> String {
        format!(
            "{name:<40} {:>3} annotated  recall {:.2} (value {:.2})  precision {:.2} ({} of {})",
            self.annotated,
            self.recall(),
            self.value_right as f64 / self.annotated.max(1) as f64,
            self.precision(),
            self.kept,
            self.read
        )
    }
}

#[test]
fn figures_in_real_articles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/numbers");
    let expected: Expected =
        toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    assert!(expected.article.len() >= 3);
    let (mut seen, mut held_out, mut all) = (Score::default(), Score::default(), Score::default());
    let mut rows = Vec::new();
    for article in &expected.article {
        let s = score(&dir, article);
        rows.push(s.row(&article.file));
        assert!(
            s.recall() >= 0.8,
            "{}: recall {:.2}",
            article.file,
            s.recall()
        );
        assert!(
            s.precision() >= 0.8,
            "{}: precision {:.2}",
            article.file,
            s.precision()
        );
        if article.held_out {
            held_out.add(&s);
        } else {
            seen.add(&s);
        }
        all.add(&s);
    }
    println!();
    for row in &rows {
        println!("{row}");
    }
    println!("{}", seen.row("seen while writing the reader"));
    println!("{}", held_out.row("held out"));
    println!("{}", all.row("all"));
    assert!(
        all.wrongly_taken.is_empty(),
        "taken though annotated as no figure:\n{}",
        all.wrongly_taken.join("\n")
    );
    for (name, s) in [("held out", &held_out), ("all", &all)] {
        assert!(s.recall() >= 0.9, "{name}: recall {:.2}", s.recall());
        assert!(
            s.precision() >= 0.9,
            "{name}: precision {:.2}",
            s.precision()
        );
    }
}
