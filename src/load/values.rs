//! Reading single values (ids, strings, dates, numbers, figures, references, grades,
//! stances), each with a message that says what was expected.

use crate::diagnostic::Diagnostic;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::load::tree::{Table, Value};

use crate::load::raw::At;
use crate::load::unit::Checker;
use crate::model::{Date, Figure, Reliability, Stance};
use crate::suggest;

pub(super) const FIGURE_KEYS: &[&str] = &["about", "at_least", "at_most", "low", "high"];
const FIGURE: crate::load::tree::Allowed = crate::load::tree::Allowed::new(FIGURE_KEYS);

impl Checker<'_> {
    /// The table's `id`, checked against the id grammar. Without one the table is skipped.
    pub(super) fn id(
        &mut self,
        t: &Table<'_>,
        header: &Range<usize>,
        what: &str,
    ) -> Option<At<String>> {
        let Some(v) = t.get("id") else {
            self.error(
                header.clone(),
                format!("{what} has no `id`"),
                "declared here",
                Some(format!(
                    "add `id = \"...\"` (lowercase letters, digits, `.`, `_`, `-`) to this {what}"
                )),
            );
            return None;
        };
        let Value::String(s) = v.get_ref() else {
            self.error(
                v.span(),
                format!("`id` must be a string, found {}", v.get_ref().type_str()),
                "expected a string",
                Some("ids are quoted: `id = \"nis\"`".into()),
            );
            return None;
        };
        let id = At {
            value: s.to_string(),
            span: v.span(),
        };
        if !is_valid_id(&id.value) {
            let fixed = fix_id(&id.value);
            let help = if fixed.is_empty() {
                "ids match [a-z0-9][a-z0-9._-]*: lowercase letters, digits, `.`, `_`, `-`"
                    .to_string()
            } else {
                format!("ids match [a-z0-9][a-z0-9._-]*; try `{fixed}`")
            };
            self.error(
                id.span.clone(),
                format!("invalid {what} id `{}`", id.value),
                "not a valid id",
                Some(help),
            );
        }
        Some(id)
    }

    pub(super) fn string(
        &mut self,
        t: &Table<'_>,
        key: &str,
        required: bool,
        what: &str,
    ) -> Option<At<String>> {
        let Some(v) = t.get(key) else {
            if required {
                self.missing(t, key, what);
            }
            return None;
        };
        match v.get_ref() {
            Value::String(s) => Some(At {
                value: s.to_string(),
                span: v.span(),
            }),
            other => {
                self.error(
                    v.span(),
                    format!("`{key}` must be a string, found {}", other.type_str()),
                    "expected a string",
                    Some(format!("quote it: `{key} = \"...\"`")),
                );
                None
            }
        }
    }

    /// The report's `url`: any string is kept, but one that is no http or https address is
    /// warned about — it is shown as text, never made a link or a published URL.
    pub(super) fn report_url(&mut self, t: &Table<'_>) -> Option<String> {
        let url = self.string(t, "url", false, "report")?;
        if crate::sanitize::web_url(&url.value).is_none() && !self.quiet {
            let d = Diagnostic::warning(
                &self.unit.path,
                "`url` is not an http or https address; exports show it as text, never as a link",
            )
            .at(self.label(url.span.clone(), "not a web address"))
            .help("give the report's web address, starting with https://");
            self.unit.push(d);
        }
        Some(url.value)
    }

    fn missing(&mut self, t: &Table<'_>, key: &str, what: &str) {
        if self.quiet {
            return;
        }
        // Point at the table's id when it has one: that names which table lacks the key.
        let span = t.get("id").map(|v| v.span()).unwrap_or(0..0);
        let id = t
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .unwrap_or("?");
        self.error(
            span,
            format!("{what} `{id}` has no `{key}`"),
            &format!("this {what}"),
            Some(if what == "report" {
                format!("`{key}` is required in [report]")
            } else {
                format!("`{key}` is required in every [[{what}]]")
            }),
        );
    }

    pub(super) fn date(&mut self, t: &Table<'_>, key: &str) -> Option<Date> {
        let v = t.get(key)?;
        let help = Some(format!("write a date without quotes: `{key} = 2024-10-18`"));
        match v.get_ref() {
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => Some(Date {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                }),
                _ => {
                    self.error(
                        v.span(),
                        format!("`{key}` must be a date, found a date-time or time"),
                        "expected a date like 2024-10-18",
                        help,
                    );
                    None
                }
            },
            other => {
                self.error(
                    v.span(),
                    format!("`{key}` must be a date, found {}", other.type_str()),
                    "expected a date like 2024-10-18",
                    help,
                );
                None
            }
        }
    }

    /// A finite number, integer or float.
    fn number(&mut self, t: &Table<'_>, key: &str) -> Option<At<f64>> {
        let v = t.get(key)?;
        self.finite(v.get_ref(), v.span(), key)
    }

    fn finite(&mut self, v: &Value<'_>, span: Range<usize>, key: &str) -> Option<At<f64>> {
        let value = match v {
            Value::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => n as f64,
                Err(_) => {
                    self.error(
                        span,
                        format!("`{key}` is too large"),
                        "out of range",
                        Some("integers must fit in 64 bits".into()),
                    );
                    return None;
                }
            },
            Value::Float(f) => f.as_str().parse::<f64>().unwrap_or(f64::NAN),
            Value::String(s) => {
                let digits: String = s
                    .chars()
                    .filter(|c| !matches!(c, ',' | '_' | ' '))
                    .collect();
                let help = if digits.parse::<f64>().is_ok() {
                    format!("write the number without quotes or separators: `{key} = {digits}`")
                } else {
                    "write a number without quotes; TOML allows `12_000`".into()
                };
                self.error(
                    span,
                    format!("`{key}` must be a number, found string"),
                    "expected a number",
                    Some(help),
                );
                return None;
            }
            other => {
                self.error(
                    span,
                    format!("`{key}` must be a number, found {}", other.type_str()),
                    "expected a number",
                    None,
                );
                return None;
            }
        };
        if !value.is_finite() {
            self.error(span, format!("`{key}` is not a finite number"), "NaN and infinities cannot be compared", Some("write the figure as stated; for an open bound use `{ at_least = ... }` or `{ at_most = ... }`".into()));
            return None;
        }
        Some(At { value, span })
    }

    pub(super) fn reference(
        &mut self,
        t: &Table<'_>,
        key: &str,
        header: &Range<usize>,
    ) -> Option<At<String>> {
        let Some(v) = t.get(key) else {
            let id = t
                .get("id")
                .and_then(|v| v.get_ref().as_str())
                .unwrap_or("?");
            self.error(
                header.clone(),
                format!("claim `{id}` has no `{key}`"),
                "this claim",
                Some(format!("add `{key} = \"...\"` naming a declared {key}")),
            );
            return None;
        };
        match v.get_ref() {
            Value::String(s) => Some(At {
                value: s.to_string(),
                span: v.span(),
            }),
            other => {
                self.error(
                    v.span(),
                    format!(
                        "`{key}` must be a {key} id (a string), found {}",
                        other.type_str()
                    ),
                    "expected a string",
                    Some(format!("`{key} = \"...\"`")),
                );
                None
            }
        }
    }

    /// A claim's relays: source ids, nearest the source first.
    pub(super) fn via(&mut self, t: &Table<'_>) -> Vec<At<String>> {
        self.id_list(t, "via", "source", "yonhap")
    }

    /// The claims a claim corrects or updates.
    pub(super) fn supersedes(&mut self, t: &Table<'_>) -> Vec<At<String>> {
        self.id_list(t, "supersedes", "claim", "nis-troops-12000")
    }

    /// An array of ids of `kind` under `key` (`example` shows one in the hints).
    fn id_list(&mut self, t: &Table<'_>, key: &str, kind: &str, example: &str) -> Vec<At<String>> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        let items = match v.get_ref() {
            Value::Array(items) => items,
            Value::String(s) => {
                self.error(
                    v.span(),
                    format!("`{key}` must be an array of {kind} ids"),
                    "a single string",
                    Some(format!("write `{key} = [\"{s}\"]`")),
                );
                return Vec::new();
            }
            other => {
                self.error(
                    v.span(),
                    format!(
                        "`{key}` must be an array of {kind} ids, found {}",
                        other.type_str()
                    ),
                    "expected an array",
                    Some(if key == "via" {
                        format!("write `via = [\"{example}\"]`, nearest the source first")
                    } else {
                        format!("write `{key} = [\"{example}\"]`")
                    }),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                Value::String(s) => out.push(At {
                    value: s.to_string(),
                    span: item.span(),
                }),
                other => self.error(
                    item.span(),
                    format!("`{key}` lists {kind} ids, found {}", other.type_str()),
                    "expected a string",
                    Some(format!("quote each {kind} id")),
                ),
            }
        }
        out
    }

    /// A topic's `window`: whole days, more than 0.
    pub(super) fn window(&mut self, t: &Table<'_>) -> Option<u32> {
        let v = t.get("window")?;
        let help = Some(
            "`window = 7` compares only claims at most 7 days apart; remove it to compare all"
                .to_string(),
        );
        let parsed = match v.get_ref() {
            Value::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        };
        match parsed {
            Some(n @ 1..=36_500) => Some(n as u32),
            Some(n) => {
                self.error(
                    v.span(),
                    format!("window {n} is out of range"),
                    "expected whole days, more than 0",
                    help,
                );
                None
            }
            None => {
                self.error(
                    v.span(),
                    format!(
                        "`window` must be a whole number of days, found {}",
                        v.get_ref().type_str()
                    ),
                    "expected whole days, more than 0",
                    help,
                );
                None
            }
        }
    }

    /// A claim's `draft` flag: `true` when a program proposed it and no person accepted it yet.
    pub(super) fn draft(&mut self, t: &Table<'_>) -> bool {
        let Some(v) = t.get("draft") else {
            return false;
        };
        match v.get_ref() {
            Value::Boolean(b) => *b,
            other => {
                self.error(
                    v.span(),
                    format!("`draft` must be true or false, found {}", other.type_str()),
                    "expected a boolean",
                    Some("write `draft = true` (no quotes), or remove it once a person accepts the claim".into()),
                );
                false
            }
        }
    }

    /// A source's `part_of`: the id of the source it belongs to.
    pub(super) fn part_of(&mut self, t: &Table<'_>) -> Option<At<String>> {
        self.string(t, "part_of", false, "source")
    }

    pub(super) fn credibility(&mut self, t: &Table<'_>) -> Option<u8> {
        let v = t.get("credibility")?;
        let help = Some("Admiralty information grades: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged".to_string());
        let Value::Integer(i) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "`credibility` must be an integer from 1 to 6, found {}",
                    v.get_ref().type_str()
                ),
                "expected 1 to 6",
                help,
            );
            return None;
        };
        match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n @ 1..=6) => Some(n as u8),
            _ => {
                self.error(
                    v.span(),
                    format!("credibility {} is out of range", i.as_str()),
                    "expected 1 to 6",
                    help,
                );
                None
            }
        }
    }

    pub(super) fn figure(&mut self, v: &Value<'_>, span: Range<usize>) -> Option<At<Figure>> {
        let t = match v {
            Value::Table(t) => t,
            other => {
                let n = self.finite(other, span.clone(), "figure")?;
                return Some(At {
                    value: Figure::Exact(n.value),
                    span,
                });
            }
        };
        self.unknown_keys(t, &FIGURE, "in a figure");
        let forms_help = "a figure is a number, or one of `{ about = n }`, `{ at_least = n }`, `{ at_most = n }`, `{ low = n, high = n }`";
        let present: Vec<&str> = FIGURE_KEYS
            .iter()
            .copied()
            .filter(|k| t.contains_key(k))
            .collect();
        let get = |this: &mut Self, key: &str| {
            let v = t.get(key)?;
            this.finite(v.get_ref(), v.span(), key).map(|a| a.value)
        };
        let figure = match present.as_slice() {
            ["about"] => Figure::About(get(self, "about")?),
            ["at_least"] => Figure::AtLeast(get(self, "at_least")?),
            ["at_most"] => Figure::AtMost(get(self, "at_most")?),
            ["low", "high"] => {
                let (low, high) = (get(self, "low"), get(self, "high"));
                let (low, high) = (low?, high?);
                if low > high {
                    self.error(
                        span,
                        format!("range low {low} is greater than high {high}"),
                        "low > high",
                        Some(format!("swap them: `{{ low = {high}, high = {low} }}`")),
                    );
                    return None;
                }
                Figure::Range { low, high }
            }
            ["low"] | ["high"] => {
                self.error(span, "a range needs both `low` and `high`".into(), "incomplete range", Some("write `{ low = n, high = n }`, or `{ at_least = n }` / `{ at_most = n }` for an open bound".into()));
                return None;
            }
            [] => {
                if t.is_empty() {
                    self.error(
                        span,
                        "empty figure".into(),
                        "no form",
                        Some(forms_help.into()),
                    );
                }
                return None;
            }
            forms => {
                self.error(
                    span,
                    format!("two figure forms at once: {}", forms.join(", ")),
                    "one form only",
                    Some(forms_help.into()),
                );
                return None;
            }
        };
        Some(At {
            value: figure,
            span,
        })
    }

    pub(super) fn stance(&mut self, t: &Table<'_>) -> Option<At<Stance>> {
        let v = t.get("stance")?;
        let Value::String(s) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "`stance` must be a string, found {}",
                    v.get_ref().type_str()
                ),
                "expected affirms, denies or unconfirmed",
                Some("write `stance = \"affirms\"`".into()),
            );
            return None;
        };
        match Stance::parse(s) {
            Some(stance) => Some(At {
                value: stance,
                span: v.span(),
            }),
            None => {
                let names: Vec<&str> = Stance::ALL.iter().map(|s| s.as_str()).collect();
                let help = suggest::hint(s, &names)
                    .unwrap_or_else(|| "a stance is one of affirms, denies, unconfirmed".into());
                self.error(
                    v.span(),
                    format!("unknown stance `{s}`"),
                    "expected affirms, denies or unconfirmed",
                    Some(help),
                );
                None
            }
        }
    }

    /// The report text's path, resolved against the claim file's directory.
    pub(super) fn report_text(&mut self, t: &Table<'_>) -> Option<At<PathBuf>> {
        let text = self.string(t, "text", false, "report")?;
        if text.value.trim().is_empty() {
            self.error(
                text.span,
                "`text` is empty".into(),
                "expected a file name",
                Some(
                    "name the report's text file, relative to this claim file, or remove `text`"
                        .into(),
                ),
            );
            return None;
        }
        let dir = self.unit.path.parent().unwrap_or(Path::new(""));
        Some(At {
            value: dir.join(&text.value),
            span: text.span,
        })
    }

    /// A source's Admiralty reliability grade, A to F.
    pub(super) fn reliability(&mut self, t: &Table<'_>) -> Option<Reliability> {
        let a = self.string(t, "reliability", false, "source")?;
        let grade = Reliability::parse(&a.value);
        if grade.is_none() {
            let upper = a.value.trim().to_ascii_uppercase();
            let help = match Reliability::parse(&upper) {
                Some(_) => format!("grades are capital letters: `reliability = \"{upper}\"`"),
                None => "Admiralty source grades: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged".into(),
            };
            self.error(
                a.span,
                format!("unknown reliability grade `{}`", a.value),
                "expected one of A B C D E F",
                Some(help),
            );
        }
        grade
    }

    /// A topic's unit; an empty one is reported but kept (the topic stays numeric).
    pub(super) fn topic_unit(&mut self, t: &Table<'_>) -> Option<String> {
        let unit = self.string(t, "unit", false, "topic")?;
        if unit.value.trim().is_empty() {
            self.error(
                unit.span,
                "`unit` is empty".into(),
                "expected a unit such as \"troops\"",
                Some("a numeric topic names its unit; remove `unit` for a yes/no topic".into()),
            );
        }
        Some(unit.value)
    }

    /// A numeric topic's tolerance, a fraction from 0 up to 1.
    pub(super) fn tolerance(&mut self, t: &Table<'_>, numeric: bool) -> Option<f64> {
        let tol = self.number(t, "tolerance")?;
        if !numeric {
            self.error(
                tol.span,
                "`tolerance` on a yes/no topic".into(),
                "only numeric topics compare figures",
                Some("add `unit` to make the topic numeric, or remove `tolerance`".into()),
            );
            return None;
        }
        if !(0.0..1.0).contains(&tol.value) {
            self.error(
                tol.span,
                format!("tolerance {} is out of range", tol.value),
                "expected 0 <= tolerance < 1",
                Some("tolerance is a fraction: 0.05 means ±5%".into()),
            );
            return None;
        }
        Some(tol.value)
    }

    /// A claim's quote: required, and not empty.
    pub(super) fn quote(&mut self, t: &Table<'_>) -> Option<At<String>> {
        let q = self.string(t, "quote", true, "claim")?;
        if q.value.trim().is_empty() {
            self.error(
                q.span,
                "`quote` is empty".into(),
                "expected the words of the report",
                Some("copy the claim verbatim from the report".into()),
            );
            return None;
        }
        Some(q)
    }
}

pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// A nearby valid id, for the hint: lowercase, runs of other characters as `-`.
fn fix_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(|c| matches!(c, '-' | '.' | '_'))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_grammar() {
        for ok in ["nis", "0", "nk-troops.total_2"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "NIS", "-nis", ".x", "nis troops", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert_eq!(fix_id("NIS Troops!"), "nis-troops");
    }
}
