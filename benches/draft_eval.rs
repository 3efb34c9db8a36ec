//! The evaluation of `crosscheck draft` on twenty hand-annotated real news articles
//! (`tests/fixtures/draft/eval/`): figure recall (value and form, at the right place), attribution
//! (speaker; speaker and relays), precision (proposals a person keeps), dates or years proposed,
//! yes/no statements; and value F1 side by side with quantulum3 on the same texts. A report, not
//! a timed benchmark: `cargo bench --bench draft_eval` (quantulum3 via `pip install quantulum3`;
//! without it that column is left out). `-- --dev` scores only the fourteen articles the drafter
//! was tuned on, `-- --held-out` only the six set aside; `-- --notes` lists every miss.

#[path = "draft_eval/score.rs"]
mod score;

use std::collections::HashMap;

use score::{Article, Extracted, Score};

struct Row {
    article: Article,
    score: Score,
    ours: (usize, usize, usize),
    theirs: Option<(usize, usize, usize)>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let only_dev = args.iter().any(|a| a == "--dev");
    let only_held = args.iter().any(|a| a == "--held-out");
    let notes = args.iter().any(|a| a == "--notes");
    let articles: Vec<Article> = score::articles()
        .into_iter()
        .filter(|a| if a.held_out { !only_dev } else { !only_held })
        .collect();
    let quantulum = quantulum(&articles);
    let mut rows = Vec::new();
    for a in articles {
        let text = a.text();
        let gold = score::gold(&a, &text);
        let draft = score::draft_of(&a, &text);
        let s = score::score(&a, &text, &gold, &draft);
        let ours = score::value_counts(&a, &text, &gold, &score::extracted(&draft));
        let theirs = quantulum.as_ref().map(|q| {
            score::value_counts(
                &a,
                &text,
                &gold,
                q.get(&a.file).map_or(&[][..], Vec::as_slice),
            )
        });
        if notes {
            println!("{}", a.file);
            for n in &s.notes {
                println!("  {n}");
            }
        }
        rows.push(Row {
            article: a,
            score: s,
            ours,
            theirs,
        });
    }
    println!();
    println!(
        "| article | figures | found | form right | speaker right | precision | value F1 | quantulum3 F1 |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for r in &rows {
        let s = &r.score;
        println!(
            "| `{}`{} | {} | {} | {} | {} | {:.2} | {:.2} | {} |",
            r.article.stem(),
            if r.article.held_out {
                " (held out)"
            } else {
                ""
            },
            s.annotated,
            s.found,
            s.form_right,
            s.source_right,
            s.precision(),
            score::f1(r.ours.0, r.ours.1, r.ours.2).2,
            r.theirs.map_or("—".into(), |t| format!(
                "{:.2}",
                score::f1(t.0, t.1, t.2).2
            )),
        );
    }
    println!();
    // Which rows a line of the summary counts: the tuned-on, the held-out, all.
    let groups: [(&str, Option<bool>); 3] = [
        ("tuned on (14)", Some(false)),
        ("held out (6)", Some(true)),
        ("all", None),
    ];
    println!(
        "| set | figures | recall | right form | speaker right | speaker and relays right | precision | dates or years proposed | statements kept / proposed (annotated) | value F1 | quantulum3 value F1 |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, keep) in &groups {
        let chosen: Vec<&Row> = rows
            .iter()
            .filter(|r| keep.is_none_or(|h| r.article.held_out == h))
            .collect();
        if chosen.is_empty() {
            continue;
        }
        let mut total = Score::default();
        let (mut ours, mut theirs) = ((0, 0, 0), (0, 0, 0));
        for r in &chosen {
            total.add(&r.score);
            ours = (ours.0 + r.ours.0, ours.1 + r.ours.1, ours.2 + r.ours.2);
            if let Some(t) = r.theirs {
                theirs = (theirs.0 + t.0, theirs.1 + t.1, theirs.2 + t.2);
            }
        }
        let (op, or, of) = score::f1(ours.0, ours.1, ours.2);
        let q = if quantulum.is_some() {
            let (p, r, f) = score::f1(theirs.0, theirs.1, theirs.2);
            format!("{f:.2} (P {p:.2}, R {r:.2})")
        } else {
            "—".into()
        };
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {} / {} ({}) | {of:.2} (P {op:.2}, R {or:.2}) | {q} |",
            total.annotated,
            total.recall(),
            total.form_recall(),
            total.attribution(),
            total.chain(),
            total.precision(),
            total.years.len(),
            total.stances_kept,
            total.stances_proposed,
            total.stances_annotated,
        );
    }
}

/// quantulum3's quantities per article file, or `None` when it cannot run.
fn quantulum(articles: &[Article]) -> Option<HashMap<String, Vec<Extracted>>> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/draft_eval.py");
    let files: Vec<std::path::PathBuf> = articles
        .iter()
        .map(|a| score::dir().join(&a.file))
        .collect();
    let out = std::process::Command::new("python3")
        .arg(&script)
        .args(&files)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "quantulum3 did not run (pip install quantulum3): {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        );
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let mut map = HashMap::new();
    for (a, path) in articles.iter().zip(&files) {
        let items = json.get(path.to_string_lossy().as_ref())?.as_array()?;
        let extracted = items
            .iter()
            .filter_map(|q| {
                Some(Extracted {
                    at: q.get("start")?.as_u64()? as usize..q.get("end")?.as_u64()? as usize,
                    values: q
                        .get("values")?
                        .as_array()?
                        .iter()
                        .filter_map(serde_json::Value::as_f64)
                        .collect(),
                })
            })
            .collect();
        map.insert(a.file.clone(), extracted);
    }
    Some(map)
}
