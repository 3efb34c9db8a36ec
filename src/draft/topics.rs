//! What a figure counts, and the topic it is proposed on: figures that count the same thing
//! ("troops", "soldiers"; "deaths", "people killed", "the death toll") share a numeric topic
//! with a question a reviewer edits; a catalog's topic is reused when its unit counts the same.

use std::ops::Range;

use crate::draft::Catalog;
use crate::numbers::Found;

/// A proposed topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposed {
    pub id: String,
    pub question: String,
    /// What the figures count; `None` for a yes/no topic.
    pub unit: Option<String>,
    /// Declared in a catalog given with `--catalog`: used, not declared again.
    pub from_catalog: bool,
}

/// What happened to those counted, read from the words around the figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Killed,
    Injured,
    Missing,
    Displaced,
    Captured,
    Affected,
}

impl Outcome {
    fn word(self) -> &'static str {
        match self {
            Outcome::Killed => "killed",
            Outcome::Injured => "injured",
            Outcome::Missing => "missing",
            Outcome::Displaced => "displaced",
            Outcome::Captured => "captured",
            Outcome::Affected => "affected",
        }
    }
}

fn outcome_of(word: &str) -> Option<Outcome> {
    Some(match word {
        "killed" | "dead" | "died" | "deaths" | "death" | "fatalities" | "perished" | "bodies"
        | "corpses" | "killing" | "toll" | "lives" => Outcome::Killed,
        "injured" | "wounded" | "injuries" | "injuring" | "wounding" | "hurt" => Outcome::Injured,
        "missing" => Outcome::Missing,
        "displaced" | "homeless" | "fled" | "evacuated" | "uprooted" => Outcome::Displaced,
        "captured" | "detained" | "arrested" | "abducted" | "kidnapped" => Outcome::Captured,
        "affected" => Outcome::Affected,
        _ => return None,
    })
}

/// Nouns for people in general: "people killed" counts deaths.
#[rustfmt::skip]
const PEOPLE: &[&str] = &[
    "people", "person", "persons", "individuals", "individual", "civilians", "residents",
    "citizens", "inhabitants", "others", "victims", "lives",
];

/// Nouns for soldiers: one topic counts them all.
const TROOPS: &[&str] = &[
    "troops",
    "soldiers",
    "soldier",
    "personnel",
    "servicemen",
    "servicemembers",
    "forces",
    "troopers",
];

const CURRENCIES: &[(char, &str)] = &[
    ('$', "dollars"),
    ('€', "euros"),
    ('£', "pounds"),
    ('¥', "yen"),
    ('₹', "rupees"),
    ('₽', "roubles"),
    ('₴', "hryvnias"),
    ('₩', "won"),
    ('₪', "shekels"),
];

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What the figure counts, as a topic's unit: "deaths", "troops", "soldiers killed",
/// "percent", "dollars", "magnitude".
pub fn unit(text: &str, found: &Found, clause: &Range<usize>) -> String {
    if found.percent {
        return "percent".into();
    }
    if let Some(c) = found.currency {
        return CURRENCIES
            .iter()
            .find(|(s, _)| *s == c)
            .map_or("money", |(_, u)| u)
            .into();
    }
    let before = text
        .get(clause.start.min(found.span.start)..found.span.start)
        .unwrap_or("");
    let after_end = (found.span.end + 60).min(clause.end.max(found.span.end));
    let mut after_end = after_end.min(text.len());
    while !text.is_char_boundary(after_end) {
        after_end -= 1;
    }
    let after = text.get(found.span.end..after_end).unwrap_or("");
    let before_words = words_of(before);
    let after_words = words_of(after);
    let near_before: Vec<&String> = before_words.iter().rev().take(3).collect();
    let figure_text = found.text(text).to_lowercase();
    if near_before.iter().any(|w| w.as_str() == "magnitude")
        || after_words
            .iter()
            .take(3)
            .any(|w| w.contains("magnitude") || w == "richter")
        || figure_text.contains("magnitude")
    {
        return "magnitude".into();
    }
    // A verb read as a noun ("1,750 requested asylum") counts nothing.
    let noun = found
        .noun_text(text)
        .map(words_of)
        .unwrap_or_default()
        .into_iter()
        .filter(|w| !(w.ends_with("ed") && outcome_of(w).is_none() && w.len() > 4))
        .collect::<Vec<_>>();
    // The head of a compound is its last noun ("special forces"), before any participle.
    let head = noun
        .iter()
        .position(|w| outcome_of(w).is_some())
        .filter(|&i| i > 0)
        .map_or(noun.last(), |i| noun.get(i - 1))
        .cloned();
    // What happened to them: the noun's participle, the verb after it, the toll before it.
    let after_noun: Vec<String> = match &found.noun {
        Some(n) => words_of(text.get(n.end..after_end.max(n.end)).unwrap_or("")),
        None => after_words.clone(),
    };
    let clause_words: Vec<String> = {
        // The words after the noun, up to the clause's next comma or stop.
        let from = found.noun.as_ref().map_or(found.span.end, |n| n.end);
        let rest = text.get(from..after_end.max(from)).unwrap_or("");
        let rest = rest.split([',', ';', '.', ':']).next().unwrap_or("");
        words_of(rest).into_iter().take(6).collect()
    };
    let _ = &after_noun;
    // What happened to them: the noun's participle ("people killed"), the verb just before
    // ("killing about 19,500 people"), the words after ("were injured"), the deaths before
    // ("Of the deaths, 17,388"), the toll ("the death toll rose to 60").
    let verb_before = near_before.iter().take(2).find_map(|w| match w.as_str() {
        "killing" | "killed" => Some(Outcome::Killed),
        "injuring" | "wounding" | "injured" => Some(Outcome::Injured),
        "displacing" | "displaced" => Some(Outcome::Displaced),
        _ => None,
    });
    let deaths_before = || {
        let clause_before = text
            .get(clause.start.min(found.span.start)..found.span.start)
            .unwrap_or("");
        let last_part = clause_before.rsplit([';', ':']).next().unwrap_or("");
        words_of(last_part).iter().rev().take(4).find_map(|w| {
            matches!(
                w.as_str(),
                "deaths" | "dead" | "injured" | "wounded" | "missing"
            )
            .then(|| outcome_of(w))
            .flatten()
        })
    };
    let toll = || {
        let toll = before_words
            .windows(2)
            .any(|w| w[0] == "death" && w[1] == "toll")
            || before_words.iter().any(|w| w == "toll");
        (toll && head.as_deref().is_none_or(|h| PEOPLE.contains(&h))).then_some(Outcome::Killed)
    };
    let outcome = noun
        .iter()
        .find_map(|w| outcome_of(w))
        .or(verb_before)
        .or_else(|| clause_words.iter().find_map(|w| outcome_of(w)))
        .or_else(deaths_before)
        .or_else(toll);
    let subject = head
        .as_deref()
        .filter(|h| outcome_of(h).is_none())
        .map(|h| {
            if PEOPLE.contains(&h) {
                "people".to_string()
            } else if TROOPS.contains(&h) {
                "troops".to_string()
            } else {
                h.to_string()
            }
        });
    match (subject.as_deref(), outcome) {
        (None | Some("people"), Some(Outcome::Killed)) => "deaths".into(),
        (None | Some("people"), Some(o)) => o.word().into(),
        (Some("troops"), Some(o)) => format!("soldiers {}", o.word()),
        (Some(s), Some(o)) => format!("{s} {}", o.word()),
        (Some(s), None) => s.into(),
        (None, None) => "count".into(),
    }
}

/// The question a proposed numeric topic asks, for a reviewer to make precise (where, when).
pub fn question(unit: &str) -> String {
    match unit {
        "deaths" => "How many people died?".into(),
        "injured" => "How many people were injured?".into(),
        "missing" => "How many people are missing?".into(),
        "displaced" | "captured" | "affected" => format!("How many people were {unit}?"),
        "magnitude" => "What was the magnitude?".into(),
        "percent" => "What share, in percent?".into(),
        "count" => "How many?".into(),
        u if CURRENCIES.iter().any(|(_, c)| *c == u) || u == "money" => {
            format!("How much, in {u}?")
        }
        u => match u.rsplit_once(' ') {
            Some((who, what)) if outcome_of(what).is_some() => {
                let verb = if what == "missing" { "are" } else { "were" };
                format!("How many {who} {verb} {what}?")
            }
            _ => format!("How many {u}?"),
        },
    }
}

/// Words that count the same thing, for matching a catalog's units.
fn canonical(word: &str) -> &str {
    if TROOPS.contains(&word) {
        return "troops";
    }
    if PEOPLE.contains(&word) {
        return "people";
    }
    match outcome_of(word) {
        Some(o) => o.word(),
        None => match word {
            "per" | "cent" | "%" => "percent",
            "$" | "usd" => "dollars",
            w => w,
        },
    }
}

fn unit_words(unit: &str) -> Vec<String> {
    let mut ws: Vec<String> = words_of(unit)
        .iter()
        .map(|w| canonical(w).to_string())
        .filter(|w| w != "people")
        .collect();
    if ws.is_empty() {
        ws.push("people".into());
    }
    ws.sort();
    ws.dedup();
    ws
}

/// The catalog topic that counts what `unit` counts: every word of one unit is in the other
/// (`troops` and "troops"; "deaths" and "soldiers killed"); the closest such unit wins.
pub fn catalog_topic<'c>(
    unit: &str,
    catalog: &'c Catalog,
) -> Option<&'c crate::draft::CatalogTopic> {
    let mine = unit_words(unit);
    catalog
        .topics
        .iter()
        .filter_map(|t| {
            let theirs = unit_words(t.unit.as_deref()?);
            let inside =
                mine.iter().all(|w| theirs.contains(w)) || theirs.iter().all(|w| mine.contains(w));
            let extra = theirs.len().abs_diff(mine.len());
            inside.then_some((extra, t))
        })
        .min_by_key(|(extra, _)| *extra)
        .map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers;

    fn unit_of(text: &str) -> String {
        let found = numbers::read(text);
        unit(text, &found[0], &(0..text.len()))
    }

    #[test]
    fn units_from_the_noun_and_what_happened() {
        for (text, want) in [
            ("19,136 people died and 42,397 were injured", "deaths"),
            ("42,397 were injured in the quake", "injured"),
            ("the death toll has risen to 60", "deaths"),
            ("killing about 19,500 people", "deaths"),
            ("12,000 troops were sent", "troops"),
            ("159 soldiers were killed", "soldiers killed"),
            ("66 students were killed in the quake", "students killed"),
            ("more than 85 percent of houses", "percent"),
            ("the $300 million it needs", "dollars"),
            ("the magnitude 7.6 quake", "magnitude"),
            ("measured 6.9 on the Richter scale", "magnitude"),
            ("Over 300 aftershocks have rocked the region", "aftershocks"),
            ("more than 300 others are missing", "missing"),
        ] {
            assert_eq!(unit_of(text), want, "{text}");
        }
    }

    #[test]
    fn questions_read() {
        assert_eq!(
            question("soldiers killed"),
            "How many soldiers were killed?"
        );
        assert_eq!(question("troops"), "How many troops?");
        assert_eq!(question("dollars"), "How much, in dollars?");
    }

    #[test]
    fn catalog_topics_are_matched_by_what_they_count() {
        let topic = |id: &str, unit: &str| crate::draft::CatalogTopic {
            id: id.into(),
            question: String::new(),
            unit: Some(unit.into()),
        };
        let catalog = Catalog {
            sources: vec![],
            topics: vec![
                topic("nkr-troops-sent", "troops"),
                topic("nkr-killed", "soldiers killed"),
                topic("nkr-casualties", "casualties"),
            ],
        };
        let id = |u: &str| catalog_topic(u, &catalog).map(|t| t.id.as_str());
        assert_eq!(id("troops"), Some("nkr-troops-sent"));
        assert_eq!(id("soldiers killed"), Some("nkr-killed"));
        assert_eq!(id("deaths"), Some("nkr-killed"));
        assert_eq!(id("dollars"), None);
    }
}
