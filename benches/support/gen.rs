//! A generator of valid format-1 datasets for benchmarks: shared sources and topics, report
//! texts holding every quote, every figure form and stance, Unicode text. Deterministic.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

pub struct Generated {
    pub dir: PathBuf,
    pub claims: usize,
    pub files: usize,
    pub claim_ids: Vec<String>,
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
}

const SOURCES: usize = 500;
const CLAIMS_PER_TOPIC: usize = 10;
const FILLER: &[&str] = &[
    "Officials did not comment on the figures, citing operational security.",
    "Analysts cautioned that independent verification remains difficult in the region.",
    "Le ministère a refusé de confirmer ces chiffres, évoquant la sécurité opérationnelle.",
    "북한군의 이동 규모는 아직 독립적으로 확인되지 않았다.",
    "Die Angaben ließen sich zunächst nicht unabhängig überprüfen.",
    "Satellite imagery reviewed by researchers showed increased activity near the border.",
    "Другие источники называли иные цифры, ссылаясь на данные разведки.",
];

/// Write `claims` claims in `files` claim files (plus one file of shared declarations) to `out`.
pub fn generate(out: &Path, claims: usize, files: usize) -> io::Result<Generated> {
    std::fs::create_dir_all(out)?;
    let files = files.max(1);
    let topics = claims.div_ceil(CLAIMS_PER_TOPIC).max(1);
    let mut rng = Rng(0x5EED);
    let mut shared = String::from(
        "# Sources and topics shared by every generated file.\n[report]\nid = \"gen-shared\"\ntitle = \"Shared declarations\"\n\n",
    );
    for s in 0..SOURCES {
        let reliability = ["A", "B", "C", "D", "E", "F"][s % 6];
        let _ = write!(
            shared,
            "[[source]]\nid = \"s{s:04}\"\nname = \"Source {s} — Agência Nº{s} 통신\"\nkind = \"news agency\"\nreliability = \"{reliability}\"\n\n"
        );
    }
    for t in 0..topics {
        if t % 2 == 0 {
            let _ = write!(
                shared,
                "[[topic]]\nid = \"t{t:06}\"\nquestion = \"How many troops moved in sector {t} (병력)?\"\nunit = \"troops\"\ntolerance = 0.05\n\n"
            );
        } else {
            let _ = write!(
                shared,
                "[[topic]]\nid = \"t{t:06}\"\nquestion = \"Did units cross the line in sector {t}? ¿Sí o no?\"\n\n"
            );
        }
    }
    std::fs::write(out.join("shared.claims.toml"), shared)?;

    let mut claim_ids = Vec::with_capacity(claims);
    let per_file = claims.div_ceil(files);
    for f in 0..files {
        let first = f * per_file;
        let last = ((f + 1) * per_file).min(claims);
        if first >= last {
            break;
        }
        let mut toml = String::with_capacity((last - first) * 320);
        let mut text = String::with_capacity((last - first) * 330);
        let _ = write!(
            toml,
            "[report]\nid = \"gen-r{f:05}\"\ntitle = \"Generated report {f} — «Überblick» 보고서\"\noutlet = \"example.org\"\nurl = \"https://example.org/reports/{f}\"\npublished = 2024-{:02}-{:02}\ntext = \"r{f:05}.txt\"\n\n",
            1 + f % 12,
            1 + f % 28
        );
        let _ = writeln!(text, "Generated report {f}\n");
        for c in first..last {
            // Every topic gets a claim first, then they are drawn at random.
            let topic = if c < topics { c } else { rng.below(topics) };
            let source = rng.below(SOURCES);
            let relay = rng.below(SOURCES);
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
                "[[claim]]\nid = \"{id}\"\ntopic = \"t{topic:06}\"\nsource = \"s{source:04}\"\nvia = [\"s{relay:04}\"]\nquote = \"{quote}\"\nstated = 2024-{:02}-{:02}\ncredibility = {}\n",
                1 + c % 12,
                1 + c % 28,
                1 + c % 6
            );
            if numeric {
                let _ = writeln!(toml, "figure = {figure}\n");
            } else {
                let stance = ["affirms", "affirms", "denies", "unconfirmed"][c % 4];
                let _ = writeln!(toml, "stance = \"{stance}\"\n");
            }
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
    })
}

/// A journal of `n` decisions over `claim_ids`, in the format crosscheck appends.
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
