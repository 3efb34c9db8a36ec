//! A generator of valid format-2 datasets for benchmarks: a catalog of shared sources (with
//! `part_of` chains) and topics (some with a `window`), report files over two years whose claims
//! state dates, supersede earlier claims on their topic and are sometimes drafts, report texts
//! holding every quote, every figure form and stance, Unicode text; and journals of decisions by
//! several reviewers, fingerprinted as crosscheck writes them. Deterministic.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

pub struct Generated {
    pub dir: PathBuf,
    pub claims: usize,
    pub files: usize,
    pub claim_ids: Vec<String>,
    /// How many claims name earlier ones in `supersedes`, and how many are drafts.
    pub superseding: usize,
    pub drafts: usize,
}

/// A small deterministic PRNG (SplitMix64): the same dataset on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SOURCES: usize = 500;
/// Sources `0..GOVERNMENTS` are roots; the next `MINISTRIES` are `part_of` a government, and
/// the next `DEPARTMENTS` `part_of` a ministry (chains of two). The rest are independent, and
/// those from `OUTLETS` on are the news outlets that relay.
const GOVERNMENTS: usize = 40;
const MINISTRIES: usize = 100;
const DEPARTMENTS: usize = 50;
const OUTLETS: usize = GOVERNMENTS + MINISTRIES + DEPARTMENTS + 60;
const CLAIMS_PER_TOPIC: usize = 10;
/// Reports are published over this many days from 2023-01-01.
const DAYS: usize = 730;
/// Shares of claims, in percent.
const SUPERSEDING_PERCENT: usize = 5;
const DRAFT_PERCENT: usize = 3;
const STATED_PERCENT: usize = 70;
const FILLER: &[&str] = &[
    "Officials did not comment on the figures, citing operational security.",
    "Analysts cautioned that independent verification remains difficult in the region.",
    "Le ministère a refusé de confirmer ces chiffres, évoquant la sécurité opérationnelle.",
    "북한군의 이동 규모는 아직 독립적으로 확인되지 않았다.",
    "Die Angaben ließen sich zunächst nicht unabhängig überprüfen.",
    "Satellite imagery reviewed by researchers showed increased activity near the border.",
    "Другие источники называли иные цифры, ссылаясь на данные разведки.",
];

/// The `[[source]]` table of source `s`, the same in the catalog and wherever a report
/// declares it again.
fn source_table(s: usize) -> String {
    let reliability = ["A", "B", "C", "D", "E", "F"][s % 6];
    let (kind, part_of) = if s < GOVERNMENTS {
        ("government", None)
    } else if s < GOVERNMENTS + MINISTRIES {
        ("ministry", Some((s - GOVERNMENTS) % GOVERNMENTS))
    } else if s < GOVERNMENTS + MINISTRIES + DEPARTMENTS {
        (
            "department",
            Some(GOVERNMENTS + (s - GOVERNMENTS - MINISTRIES) * 2 % MINISTRIES),
        )
    } else if s < OUTLETS {
        ("intelligence agency", None)
    } else {
        ("news agency", None)
    };
    let mut out = format!(
        "[[source]]\nid = \"s{s:04}\"\nname = \"Source {s} — Agência Nº{s} 통신\"\nkind = \"{kind}\"\nreliability = \"{reliability}\"\n"
    );
    if let Some(up) = part_of {
        let _ = writeln!(out, "part_of = \"s{up:04}\"");
    }
    out.push('\n');
    out
}

/// The catalog: every source and topic, shared by the report files (no `[report]`).
fn catalog(topics: usize) -> String {
    let mut out = String::from("# Sources and topics shared by every generated report.\n\n");
    for s in 0..SOURCES {
        out.push_str(&source_table(s));
    }
    for t in 0..topics {
        if t % 2 == 0 {
            let _ = write!(
                out,
                "[[topic]]\nid = \"t{t:06}\"\nquestion = \"How many troops moved in sector {t} (병력)?\"\nunit = \"troops\"\ntolerance = 0.05\n"
            );
        } else {
            let _ = write!(
                out,
                "[[topic]]\nid = \"t{t:06}\"\nquestion = \"Did units cross the line in sector {t}? ¿Sí o no?\"\n"
            );
        }
        // One topic in four compares only claims within some weeks of each other.
        if t % 8 == 1 || t % 8 == 2 {
            let _ = writeln!(out, "window = {}", 7 * (1 + t % 9));
        }
        out.push('\n');
    }
    out
}

/// Day `day` from 2023-01-01, as written in claim files.
fn date(day: usize) -> jiff::civil::Date {
    jiff::civil::date(2023, 1, 1)
        .checked_add(jiff::Span::new().days(day as i64))
        .expect("a date within range")
}

/// Write `claims` claims in `files` report files (plus a catalog of shared sources and topics)
/// to `out`.
pub fn generate(out: &Path, claims: usize, files: usize) -> io::Result<Generated> {
    std::fs::create_dir_all(out)?;
    let files = files.max(1);
    let topics = claims.div_ceil(CLAIMS_PER_TOPIC).max(1);
    let mut rng = Rng(0x5EED);
    std::fs::write(out.join("catalog.claims.toml"), catalog(topics))?;

    let mut claim_ids = Vec::with_capacity(claims);
    // The claims written so far on each topic, with their day: what a claim may supersede.
    let mut earlier: Vec<Vec<(u32, u32)>> = vec![Vec::new(); topics];
    let (mut superseding, mut drafts) = (0, 0);
    let per_file = claims.div_ceil(files);
    for f in 0..files {
        let first = f * per_file;
        let last = ((f + 1) * per_file).min(claims);
        if first >= last {
            break;
        }
        let published = f * DAYS / files;
        let mut toml = String::with_capacity((last - first) * 360);
        let mut text = String::with_capacity((last - first) * 330);
        let _ = write!(
            toml,
            "[report]\nid = \"gen-r{f:05}\"\ntitle = \"Generated report {f} — «Überblick» 보고서\"\noutlet = \"example.org\"\nurl = \"https://example.org/reports/{f}\"\npublished = {}\ntext = \"r{f:05}.txt\"\n\n",
            date(published)
        );
        // One report in ten declares a source again, exactly as the catalog has it, so that it
        // can be checked on its own.
        if f % 10 == 0 {
            toml.push_str(&source_table(f % SOURCES));
        }
        let _ = writeln!(text, "Generated report {f}\n");
        for c in first..last {
            // Every topic gets a claim first, then they are drawn at random.
            let topic = if c < topics { c } else { rng.below(topics) };
            let source = rng.below(SOURCES);
            let id = format!("c{c:07}");
            // A numeric claim's quote states its figure with the hedge its form asks for, as
            // `check` expects of a real annotation.
            let numeric = topic % 2 == 0;
            let v = (1_000.0 + (topic % 50) as f64 * 100.0) * (0.9 + rng.below(21) as f64 / 100.0);
            let (figure, said) = match c % 5 {
                0 => (format!("{v:.0}"), format!("{v:.0} troops")),
                1 => (
                    format!("{{ about = {v:.0} }}"),
                    format!("about {v:.0} troops"),
                ),
                2 => (
                    format!("{{ at_least = {:.0} }}", v * 0.8),
                    format!("at least {:.0} troops", v * 0.8),
                ),
                3 => (
                    format!("{{ at_most = {:.1} }}", v * 1.2),
                    format!("up to {:.1} troops", v * 1.2),
                ),
                _ => (
                    format!("{{ low = {:.0}, high = {:.0} }}", v * 0.95, v * 1.05),
                    format!("between {:.0} and {:.0} troops", v * 0.95, v * 1.05),
                ),
            };
            let quote = if numeric {
                format!(
                    "Source {source} said that {said} moved near the river in sector {topic} — 병력"
                )
            } else {
                format!(
                    "Source {source} said that sector {topic} saw movement “{c}” near the river — 병력 {}",
                    c % 997
                )
            };
            let _ = write!(
                toml,
                "[[claim]]\nid = \"{id}\"\ntopic = \"t{topic:06}\"\nsource = \"s{source:04}\"\n"
            );
            // Most claims came through one outlet, some through two, some first hand.
            match rng.below(10) {
                0..=2 => {}
                3 => {
                    let _ = writeln!(
                        toml,
                        "via = [\"s{:04}\", \"s{:04}\"]",
                        OUTLETS + rng.below(SOURCES - OUTLETS),
                        OUTLETS + rng.below(SOURCES - OUTLETS)
                    );
                }
                _ => {
                    let _ = writeln!(
                        toml,
                        "via = [\"s{:04}\"]",
                        OUTLETS + rng.below(SOURCES - OUTLETS)
                    );
                }
            }
            let _ = writeln!(toml, "quote = \"{quote}\"");
            // A claim's day is when it was stated (a few days before its report) or else its
            // report's.
            let day = if rng.chance(STATED_PERCENT) {
                let day = published.saturating_sub(rng.below(4));
                let _ = writeln!(toml, "stated = {}", date(day));
                day
            } else {
                published
            };
            // Admiralty grades, mostly 2-4, "confirmed" rarely (an uncorroborated 1 is warned).
            let credibility = match rng.below(1000) {
                0..=2 => Some(1),
                3..=300 => Some(2),
                301..=600 => Some(3),
                601..=800 => Some(4),
                801..=850 => Some(5),
                851..=900 => Some(6),
                _ => None,
            };
            if let Some(grade) = credibility {
                let _ = writeln!(toml, "credibility = {grade}");
            }
            if numeric {
                let _ = writeln!(toml, "figure = {figure}");
            } else {
                let stance = ["affirms", "affirms", "denies", "unconfirmed"][c % 4];
                let _ = writeln!(toml, "stance = \"{stance}\"");
            }
            // A correction or update of an earlier-dated claim on the same topic.
            let before = &earlier[topic];
            if rng.chance(SUPERSEDING_PERCENT) {
                let targets: Vec<u32> = before
                    .iter()
                    .rev()
                    .filter(|&&(_, d)| (d as usize) < day)
                    .map(|&(claim, _)| claim)
                    .take(2)
                    .collect();
                if let Some(&target) = targets.get(rng.below(targets.len())) {
                    let _ = writeln!(toml, "supersedes = [\"c{target:07}\"]");
                    superseding += 1;
                }
            }
            let draft = rng.chance(DRAFT_PERCENT);
            if draft {
                toml.push_str("draft = true\n");
                drafts += 1;
            } else {
                earlier[topic].push((c as u32, day as u32));
            }
            toml.push('\n');
            // The report text holds the quote amid other sentences, with its own line breaks.
            let _ = write!(
                text,
                "{} {}\n{}\n\n",
                FILLER[c % FILLER.len()],
                quote.replacen(' ', "\n", 1),
                FILLER[(c + 3) % FILLER.len()]
            );
            claim_ids.push(id);
        }
        std::fs::write(out.join(format!("r{f:05}.claims.toml")), toml)?;
        std::fs::write(out.join(format!("r{f:05}.txt")), text)?;
    }
    Ok(Generated {
        dir: out.to_path_buf(),
        claims,
        files,
        claim_ids,
        superseding,
        drafts,
    })
}

/// A journal of `n` format-1 decisions (no fingerprints) by one reviewer over `claim_ids`.
pub fn journal(path: &Path, claim_ids: &[String], n: usize) -> io::Result<()> {
    let mut out = String::with_capacity(n * 140);
    for i in 0..n {
        let claim = &claim_ids[i % claim_ids.len().max(1)];
        let status = ["verified", "disputed", "unreviewed"][i % 3];
        let note = if i % 4 == 0 {
            format!("note = \"checked against source {i} — 확인\"\n")
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "[[decision]]\nclaim = \"{claim}\"\nstatus = \"{status}\"\n{note}reviewer = \"bench\"\nat = 2026-11-26T{:02}:{:02}:{:02}Z\n\n",
            (i / 3600) % 24,
            (i / 60) % 60,
            i % 60
        );
    }
    std::fs::write(path, out)
}

/// What [`reviews`] wrote.
#[derive(Debug, Default)]
pub struct Reviewed {
    pub decisions: usize,
    /// Decisions whose fingerprint is of an earlier version of the claim.
    pub stale: usize,
    /// Claims with at least one decision.
    pub claims: usize,
}

/// The names of `n` reviewers.
pub fn reviewer_names(n: usize) -> Vec<String> {
    const NAMES: [&str; 6] = ["kim", "ana", "lee", "omar", "ines", "jo"];
    (0..n.max(1))
        .map(|r| match NAMES.get(r) {
            Some(name) => name.to_string(),
            None => format!("reviewer{r}"),
        })
        .collect()
}

/// A journal of `n` decisions by `reviewers` reviewers over the claims loaded from `dir`, as
/// crosscheck appends them (`store::journal::render`), with each claim's fingerprint.
///
/// Each reviewer works through the non-draft claims in an order of their own; one decision in
/// ten goes back to a claim they decided a little earlier (a change of mind), one in fifty
/// clears a decision (`unreviewed`), and one in fifty was made on an earlier version of the
/// claim (stale). Reviewers agree on nine claims in ten; a quarter of the decisions have a note.
pub fn reviews(path: &Path, dir: &Path, n: usize, reviewers: usize) -> io::Result<Reviewed> {
    use crosscheck::decision::{Decision, Status};
    use crosscheck::fingerprint;

    let loaded = crosscheck::load::load(&[dir.to_path_buf()]);
    if loaded.has_errors() {
        return Err(io::Error::other(format!(
            "{} has errors: {}",
            dir.display(),
            loaded.written.summary(&loaded.diagnostics)
        )));
    }
    let model = &loaded.model;
    let open: Vec<usize> = (0..model.claims.len())
        .filter(|&c| !model.claims[c].draft)
        .collect();
    let names = reviewer_names(reviewers);
    let reviewers = names.len();
    let mut rng = Rng(0xDEC1DE);
    // Each reviewer's place in their own pass over the claims (a stride coprime to the count).
    let stride = {
        let mut s = open.len() / 3 + 1;
        while gcd(s, open.len().max(1)) != 1 {
            s += 1;
        }
        s
    };
    let mut taken = vec![0usize; reviewers];
    let mut decided = vec![false; model.claims.len()];
    let mut written = Reviewed::default();
    let start = jiff::Timestamp::from_second(1_793_520_000).expect("a time"); // 2026-11-01T08:00Z
    let mut out = String::with_capacity(n * 190);
    for i in 0..n {
        if open.is_empty() {
            break;
        }
        let r = i % reviewers;
        let k = if taken[r] > 0 && rng.chance(10) {
            taken[r] - 1 - rng.below(taken[r].min(50))
        } else {
            taken[r] += 1;
            taken[r] - 1
        };
        let claim = open[(r * open.len() / reviewers + k * stride) % open.len()];
        // What the claim is, as the desk would find: verified seven times in ten.
        let truth = (claim.wrapping_mul(2_654_435_761) >> 7) % 10 < 7;
        let agrees = !rng.chance(10);
        let status = if rng.chance(2) {
            Status::Unreviewed
        } else if truth == agrees {
            Status::Verified
        } else {
            Status::Disputed
        };
        let note = rng.chance(25).then(|| {
            format!(
                "checked against report {} — 확인 {i}",
                model.claims[claim].report
            )
        });
        let (mut print, mut fields) = (
            fingerprint::of(model, claim),
            fingerprint::fields(model, claim),
        );
        if rng.chance(2) {
            // Decided before the quote was corrected.
            print ^= 0x5EED;
            fields[3] ^= 0x5EED;
            written.stale += 1;
        }
        let decision = Decision {
            claim: model.claims[claim].id.clone(),
            status,
            note,
            reviewer: names[r].clone(),
            fingerprint: Some(print),
            fields: Some(fields),
            at: start
                .checked_add(jiff::SignedDuration::from_secs(2 * i as i64))
                .expect("a time"),
        };
        out.push_str(&crosscheck::store::journal::render(&decision));
        written.decisions += 1;
        if !decided[claim] {
            decided[claim] = true;
            written.claims += 1;
        }
    }
    std::fs::write(path, out)?;
    Ok(written)
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}
