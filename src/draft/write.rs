//! The proposals as a claim file of drafts (format 2, every claim `draft = true`, written with
//! `toml_edit` so that strings are escaped as TOML wants), or as JSON.

use serde::Serialize;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value, value};

use crate::draft::{Draft, Proposal, stance_of};
use crate::model::{Figure, Topic};

/// The `[report]` of the claim file.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// The article, as `text` names it: relative to the claim file's directory, or absolute.
    pub text: &'a str,
}

/// The source of claims the article attributes to no one: the report itself, until a person
/// says who.
fn unattributed_id(report: &Report<'_>) -> String {
    format!("{}.unattributed", report.id)
}

/// A number as TOML writes it: whole numbers as integers.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

fn figure_item(f: &Figure) -> Item {
    let table = |pairs: &[(&str, f64)]| {
        let mut t = InlineTable::new();
        for (k, v) in pairs {
            t.insert(*k, number(*v));
        }
        value(t)
    };
    match *f {
        Figure::Exact(v) => value(number(v)),
        Figure::About(v) => table(&[("about", v)]),
        Figure::AtLeast(v) => table(&[("at_least", v)]),
        Figure::AtMost(v) => table(&[("at_most", v)]),
        Figure::Range { low, high } => table(&[("low", low), ("high", high)]),
    }
}

/// The part of a claim id that says what it claims: `12000`, `6.9`, `10000-20000`, `denies`.
fn what(p: &Proposal) -> String {
    let n = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    };
    let s = match (p.figure(), stance_of(p)) {
        (Some(Figure::Range { low, high }), _) => format!("{}-{}", n(*low), n(*high)),
        (Some(f), _) => n(f.value().unwrap_or(0.0)),
        (None, Some(s)) => s.as_str().to_string(),
        (None, None) => "claim".into(),
    };
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

/// Ids for the claims: `<report>.<source>-<what>`, unique.
pub fn claim_ids(draft: &Draft, report: &Report<'_>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(draft.claims.len());
    let mut seen = std::collections::HashSet::new();
    for p in &draft.claims {
        let who = p.source.map_or("report", |s| draft.sources[s].id.as_str());
        let base = format!("{}.{}-{}", report.id, who, what(p));
        let mut id = base.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    ids
}

/// The claim file: `[report]`, the sources and topics the claims use (those of a catalog are
/// used, not declared), and every claim as a draft.
pub fn claim_file(draft: &Draft, text: &str, report: &Report<'_>, article: &str) -> String {
    let mut doc = DocumentMut::new();
    let mut head = Table::new();
    head.insert("id", value(report.id));
    head.insert("title", value(report.title));
    head.insert("text", value(report.text));
    let figures = draft.figures();
    let mut intro = format!(
        "# Drafted by `crosscheck draft` from {article}: {} proposed ({} with a figure).\n\
         # Every claim is a proposal (`draft = true`): check it against the text, fix its source,\n\
         # figure or topic, and remove `draft = true` to accept it (or delete the claim).\n",
        crate::format::count(draft.claims.len(), "claim", "claims"),
        figures
    );
    if figures == 0 {
        intro.push_str("# No figures were found in the article.\n");
    }
    head.decor_mut().set_prefix(intro);
    doc.insert("report", Item::Table(head));

    // Sources: in the order the claims first use them.
    let mut used: Vec<usize> = Vec::new();
    let mut unattributed = false;
    for p in &draft.claims {
        match p.source {
            Some(s) => used.push(s),
            None => unattributed = true,
        }
        used.extend(p.via.iter().copied());
    }
    let mut order: Vec<usize> = Vec::new();
    for s in used {
        if !order.contains(&s) && !draft.sources[s].from_catalog {
            order.push(s);
        }
    }
    let mut sources = ArrayOfTables::new();
    if unattributed {
        let mut t = Table::new();
        t.insert("id", value(unattributed_id(report)));
        t.insert(
            "name",
            value(format!("{} (no source named in the text)", report.title)),
        );
        t.decor_mut().set_prefix(
            "\n# Claims the article makes without naming a source: replace with who said it.\n",
        );
        sources.push(t);
    }
    for (n, &s) in order.iter().enumerate() {
        let src = &draft.sources[s];
        let mut t = Table::new();
        t.insert("id", value(&src.id));
        t.insert("name", value(&src.name));
        if src.outlet {
            t.insert("kind", value("news outlet"));
        }
        t.decor_mut().set_prefix(if n == 0 && !unattributed {
            "\n# Sources named in the article.\n"
        } else {
            "\n"
        });
        sources.push(t);
    }
    if !sources.is_empty() {
        doc.insert("source", Item::ArrayOfTables(sources));
    }

    let mut topics = ArrayOfTables::new();
    let mut first = true;
    for t in draft.topics.iter().filter(|t| !t.from_catalog) {
        if !draft
            .claims
            .iter()
            .any(|p| draft.topics[p.topic].id == t.id)
        {
            continue;
        }
        let mut table = Table::new();
        table.insert("id", value(&t.id));
        table.insert("question", value(&t.question));
        if let Some(u) = &t.unit {
            table.insert("unit", value(u));
        }
        table.decor_mut().set_prefix(if first {
            "\n# Proposed topics: make each question say what, where and when.\n"
        } else {
            "\n"
        });
        first = false;
        topics.push(table);
    }
    if !topics.is_empty() {
        doc.insert("topic", Item::ArrayOfTables(topics));
    }

    let ids = claim_ids(draft, report);
    let mut claims = ArrayOfTables::new();
    for (p, id) in draft.claims.iter().zip(&ids) {
        let mut t = Table::new();
        t.insert("id", value(id));
        t.insert("topic", value(&draft.topics[p.topic].id));
        let source = p
            .source
            .map_or_else(|| unattributed_id(report), |s| draft.sources[s].id.clone());
        t.insert("source", value(source));
        if !p.via.is_empty() {
            let via: Array = p
                .via
                .iter()
                .map(|&v| draft.sources[v].id.as_str())
                .collect();
            t.insert("via", value(via));
        }
        t.insert("quote", value(&text[p.quote.clone()]));
        match (p.figure(), stance_of(p)) {
            (Some(f), _) => {
                t.insert("figure", figure_item(f));
            }
            (None, Some(s)) => {
                t.insert("stance", value(s.as_str()));
            }
            (None, None) => {}
        }
        t.insert("draft", value(true));
        t.decor_mut().set_prefix("\n");
        claims.push(t);
    }
    if !claims.is_empty() {
        doc.insert("claim", Item::ArrayOfTables(claims));
    }
    let mut out = doc.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct FigureOut {
    form: &'static str,
    value: Option<serde_json::Number>,
    low: Option<serde_json::Number>,
    high: Option<serde_json::Number>,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    quote: &'a str,
    start: usize,
    end: usize,
    figure: Option<FigureOut>,
    stance: Option<&'static str>,
    unit: Option<&'a str>,
    source_name: Option<&'a str>,
    via_names: Vec<&'a str>,
    topic: &'a str,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    name: &'a str,
    /// Declared in a catalog given with `--catalog`.
    catalog: bool,
}

#[derive(Serialize)]
struct TopicOut<'a> {
    id: &'a str,
    question: &'a str,
    unit: Option<&'a str>,
    catalog: bool,
}

#[derive(Serialize)]
struct Out<'a> {
    claims: Vec<ClaimOut<'a>>,
    sources: Vec<SourceOut<'a>>,
    topics: Vec<TopicOut<'a>>,
}

/// The proposals as JSON: every claim with its quote's byte offsets in the article, its figure
/// in the JSON summary's shape (form, value, and the interval compared at the default
/// tolerance), stance, unit, source and relays by name, topic; the sources and topics used.
pub fn json(draft: &Draft, text: &str) -> String {
    let num = crate::export::json::number;
    let claims = draft
        .claims
        .iter()
        .map(|p| {
            let figure = p.figure().map(|f| {
                let i = f.interval(Topic::DEFAULT_TOLERANCE);
                FigureOut {
                    form: f.form(),
                    value: f.value().map(num),
                    low: i.low.map(num),
                    high: i.high.map(num),
                }
            });
            ClaimOut {
                quote: &text[p.quote.clone()],
                start: p.quote.start,
                end: p.quote.end,
                figure,
                stance: stance_of(p).map(|s| s.as_str()),
                unit: p.unit.as_deref(),
                source_name: p.source.map(|s| draft.sources[s].name.as_str()),
                via_names: p
                    .via
                    .iter()
                    .map(|&v| draft.sources[v].name.as_str())
                    .collect(),
                topic: &draft.topics[p.topic].id,
            }
        })
        .collect();
    let out = Out {
        claims,
        sources: draft
            .sources
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                draft
                    .claims
                    .iter()
                    .any(|p| p.source == Some(*i) || p.via.contains(i))
            })
            .map(|(_, s)| SourceOut {
                id: &s.id,
                name: &s.name,
                catalog: s.from_catalog,
            })
            .collect(),
        topics: draft
            .topics
            .iter()
            .map(|t| TopicOut {
                id: &t.id,
                question: &t.question,
                unit: t.unit.as_deref(),
                catalog: t.from_catalog,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
}
