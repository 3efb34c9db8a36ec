//! The quote for a figure: the shortest clause of its sentence that holds the figure and its
//! hedge and reads as a claim. The sentence is cut at semicolons, dashes, brackets, quotation
//! marks that open or close a quote, commas before "but", "which", "according to" and the like,
//! and at the attribution cues (their words are the source, not the claim); a list of figures
//! is cut between them, keeping a predicate they share ("159 soldiers and 26 guerrillas were
//! killed").

use std::ops::Range;

use crate::draft::text::{Kind, Token, is_quote_mark};

/// Words after a comma that start another clause.
#[rustfmt::skip]
const CLAUSE_WORDS: &[&str] = &[
    "but", "while", "however", "and", "which", "who", "whom", "whose", "where", "when",
    "although", "though", "as", "after", "before", "because", "adding", "saying", "according",
    "with", "including", "making", "leaving", "bringing", "even", "yet", "so", "or", "nor",
    "since", "until", "despite", "amid", "up", "down", "compared", "against", "than", "if",
    "whereas", "raising", "pushing", "taking", "killing", "injuring", "wounding", "displacing",
    "forcing", "prompting", "sparking", "causing", "destroying", "triggering",
];

/// Words a clause does not start with once cut: "that 12,000 died" is "12,000 died".
const LEADING: &[&str] = &[
    "that", "and", "but", "while", "however", "so", "yet", "or", "whereas", "where", "which",
];

/// Words that make a clause a statement.
#[rustfmt::skip]
const PREDICATES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "may", "might", "can", "must", "should", "died", "killed", "dead", "injured",
    "wounded", "missing", "fled", "left", "remain", "remains", "rose", "risen", "reached",
    "stands", "stood", "include", "includes", "included", "drew", "showed", "arrived",
    "rallied", "marched", "protested", "perished", "lost", "need", "needs",
];

/// A quote longer than this is cut to the words around its figure.
const MAX_QUOTE: usize = 300;

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}')
}

/// What a sentence is cut at, as byte ranges: the marks and the cues' words.
fn cuts(text: &str, toks: &[Token], cues: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = cues.to_vec();
    let word = |i: usize| {
        toks.get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text(text).to_lowercase())
    };
    for (i, t) in toks.iter().enumerate() {
        let Kind::Punct(c) = t.kind else { continue };
        let spaced_before = i == 0 || toks[i - 1].end < t.start;
        let spaced_after = toks.get(i + 1).is_none_or(|n| n.start > t.end);
        let cut = match c {
            ';' | '(' | ')' | '[' | ']' => true,
            ':' => spaced_after,
            '\u{2014}' => true,
            c if is_dash(c) => {
                spaced_before && spaced_after
                    || toks.get(i + 1).is_some_and(|n| n.kind == Kind::Punct('-'))
            }
            ',' => word(i + 1).is_some_and(|w| CLAUSE_WORDS.contains(&w.as_str())),
            c if is_quote_mark(c) => {
                // A quote opens or closes here: at the sentence's edges, or beside a comma,
                // colon or full stop (not a scare quote inside a clause).
                let prev = i.checked_sub(1).map(|p| toks[p].kind);
                let next = toks.get(i + 1).map(|n| n.kind);
                i == 0
                    || i + 1 == toks.len()
                    || matches!(prev, Some(Kind::Punct(',' | ':' | '.' | '!' | '?')))
                    || matches!(next, Some(Kind::Punct(',' | '.')))
                    || (c == '\u{201C}' && spaced_before && prev.is_some_and(|p| p != Kind::Word))
            }
            _ => false,
        };
        if cut {
            out.push(t.start..t.end);
        }
    }
    // "… showed that there may be only 2,300 survivors": the claim is what follows "that".
    for (i, t) in toks.iter().enumerate() {
        if word(i).as_deref() == Some("that")
            && word(i.wrapping_sub(1)).is_some_and(|v| THAT_VERBS.contains(&v.as_str()))
        {
            out.push(toks[i - 1].start..t.end);
        }
    }
    out
}

/// Verbs whose "that" starts the clause claimed.
#[rustfmt::skip]
const THAT_VERBS: &[&str] = &[
    "showed", "shows", "show", "found", "finds", "find", "means", "meant", "suggests",
    "suggested", "indicates", "indicated", "believe", "believes", "believed", "learned",
    "learnt", "estimates", "estimated", "feared", "fears", "warned", "warns", "insisting",
    "insisted", "confirmed", "confirms", "concluded", "concludes", "noted", "argued", "knows",
];

/// Whether words (outside the figure) make a statement: a verb or a participle.
fn has_predicate(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let l = w.to_lowercase();
            PREDICATES.contains(&l.as_str()) || (l.len() > 4 && l.ends_with("ed"))
        })
}

/// Separators between two figures of a list: ", ", " and ", " or ".
fn separator(text: &str, from: usize, to: usize, last: bool) -> Option<Range<usize>> {
    let piece = text.get(from..to)?;
    let seps = [", and ", ", or ", " and ", " or ", ", ", " while ", " but "];
    let mut best: Option<Range<usize>> = None;
    for s in seps {
        let found = if last { piece.rfind(s) } else { piece.find(s) };
        if let Some(at) = found {
            let r = from + at..from + at + s.len();
            let better = match &best {
                None => true,
                Some(b) => {
                    if last {
                        r.start > b.start || (r.start == b.start && r.len() > b.len())
                    } else {
                        r.start < b.start || (r.start == b.start && r.len() > b.len())
                    }
                }
            };
            if better {
                best = Some(r);
            }
        }
    }
    best
}

/// Whether at most a few words stand between a list's separator and the figure after it:
/// "7,797 children, 4,959 women" is a list; "20,000 soldiers and police arrived in the area with
/// 30,000 more" is one clause.
fn near(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_some_and(|between| between.split_whitespace().count() <= 3)
}

/// The quote of figure `me` among the `figures` of a sentence (`extent`: each figure's span
/// with its noun), as a byte range of `text`.
pub fn quote(
    text: &str,
    sentence: &Range<usize>,
    toks: &[Token],
    cue_spans: &[Range<usize>],
    figures: &[Range<usize>],
    me: usize,
) -> Range<usize> {
    let f = figures[me].clone();
    // A figure read across the end of a sentence cut for length still gets a quote holding it.
    let mut start = sentence.start.min(f.start);
    let mut end = sentence.end.max(f.end);
    for cut in cuts(text, toks, cue_spans) {
        if cut.end <= f.start {
            start = start.max(cut.end);
        } else if cut.start >= f.end {
            end = end.min(cut.start);
        }
    }
    // Figures of a list, or of clauses joined by "and": cut between them.
    let coordinated = |sep: &Range<usize>, before: &str, after: &str| {
        let mark = text.get(sep.clone()).unwrap_or("");
        matches!(mark.trim_matches([' ', ',']), "and" | "but" | "while")
            && has_predicate(before)
            && has_predicate(after)
    };
    let before = figures
        .iter()
        .filter(|g| g.end <= f.start && g.end >= start)
        .map(|g| g.end)
        .max();
    if let Some(prev) = before
        && let Some(sep) = separator(text, prev, f.start, true)
    {
        let slice = |r: Range<usize>| text.get(r).unwrap_or("");
        let after_sep = format!("{} {}", slice(sep.end..f.start), slice(f.end..end));
        if near(text, sep.end, f.start) || coordinated(&sep, slice(prev..sep.start), &after_sep) {
            start = sep.end;
        }
    }
    let after: Vec<&Range<usize>> = figures
        .iter()
        .filter(|g| g.start >= f.end && g.start < end)
        .collect();
    if let Some(next) = after.first()
        && let Some(sep) = separator(text, f.end, next.start, true)
    {
        // The figure's own words up to the separator, its noun included ("19,136 people
        // died").
        let own = text.get(start..sep.start).unwrap_or("").to_string();
        if near(text, sep.end, next.start) {
            if has_predicate(&own) {
                end = sep.start;
            } else {
                // "159 soldiers and 26 guerrillas were killed": go on to the predicate they
                // share.
                let mut to = end;
                for (k, g) in after.iter().enumerate() {
                    let stop = after
                        .get(k + 1)
                        .and_then(|n| separator(text, g.end, n.start, false))
                        .map_or(end, |s| s.start);
                    if has_predicate(text.get(g.end..stop).unwrap_or("")) {
                        to = stop;
                        break;
                    }
                }
                end = if to == end && !has_predicate(text.get(f.end..end).unwrap_or("")) {
                    sep.start
                } else {
                    to
                };
            }
        } else if coordinated(&sep, &own, text.get(sep.end..next.start).unwrap_or("")) {
            // "one soldier was killed and contact had been lost with 150 troops".
            end = sep.start;
        }
    }
    tidy(text, start..end, &f)
}

/// Trim a quote: white space, leading joining words, trailing commas and dashes, unmatched
/// quotation marks; cut to the words around the figure when it is long; never lose the figure.
fn tidy(text: &str, r: Range<usize>, f: &Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (r.start.min(f.start), r.end.max(f.end));
    if end - start > MAX_QUOTE {
        start = start.max(f.start.saturating_sub(MAX_QUOTE / 3));
        end = end.min(f.end + MAX_QUOTE / 2);
        while start < f.start && !text.is_char_boundary(start) {
            start += 1;
        }
        while end > f.end && !text.is_char_boundary(end) {
            end -= 1;
        }
        // Whole words.
        if let Some(sp) = text[start..f.start].find(char::is_whitespace)
            && start > r.start
        {
            start += sp;
        }
        if let Some(sp) = text[f.end..end].rfind(char::is_whitespace)
            && end < r.end
        {
            end = f.end + sp;
        }
    }
    loop {
        let piece = &text[start..end];
        let trimmed = piece.trim_start();
        start += piece.len() - trimmed.len();
        let piece = &text[start..end];
        let trimmed = piece.trim_end();
        end -= piece.len() - trimmed.len();
        let piece = &text[start..end];
        let mut changed = false;
        if start < f.start {
            if let Some(c) = piece.chars().next()
                && (matches!(c, ',' | ';' | ':' | '.')
                    || is_dash(c)
                    || is_quote_mark(c) && unmatched(piece, c))
            {
                start += c.len_utf8();
                changed = true;
            } else if let Some(w) = piece.split_whitespace().next()
                && LEADING.contains(&w.to_lowercase().as_str())
                && start + w.len() <= f.start
            {
                start += w.len();
                changed = true;
            }
        }
        let piece = &text[start..end];
        if end > f.end
            && let Some(c) = piece.chars().last()
            && (matches!(c, ',' | ';' | ':' | '(')
                || is_dash(c)
                || is_quote_mark(c) && unmatched(piece, c))
        {
            end -= c.len_utf8();
            changed = true;
        }
        if !changed {
            break;
        }
    }
    // A quote opened inside the clause closes just after it: take the closing mark.
    let piece = &text[start..end];
    let open_straight = piece.matches('"').count() % 2 == 1;
    let open_curly = piece.matches('\u{201C}').count() > piece.matches('\u{201D}').count();
    match text[end..].chars().next() {
        Some('"') if open_straight => end += 1,
        Some('\u{201D}') if open_curly => end += '\u{201D}'.len_utf8(),
        _ => {}
    }
    start.min(f.start)..end.max(f.end)
}

/// A quotation mark with no partner in the piece.
fn unmatched(piece: &str, c: char) -> bool {
    let count = |set: &[char]| piece.chars().filter(|x| set.contains(x)).count();
    match c {
        '"' => count(&['"']) % 2 == 1,
        '\u{201C}' | '\u{201D}' => count(&['\u{201C}']) != count(&['\u{201D}']),
        '\'' | '\u{2018}' | '\u{2019}' => {
            piece.matches(['\'', '\u{2018}', '\u{2019}']).count() % 2 == 1
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::text::tokens;

    fn quotes(sentence: &str, figures: &[&str], cue: &[&str]) -> Vec<String> {
        let toks = tokens(sentence, 0..sentence.len());
        let spans: Vec<Range<usize>> = figures
            .iter()
            .map(|f| {
                let at = sentence.find(f).unwrap();
                at..at + f.len()
            })
            .collect();
        let cues: Vec<Range<usize>> = cue
            .iter()
            .map(|c| {
                let at = sentence.find(c).unwrap();
                at..at + c.len()
            })
            .collect();
        (0..spans.len())
            .map(|i| {
                sentence[quote(sentence, &(0..sentence.len()), &toks, &cues, &spans, i)].to_string()
            })
            .collect()
    }

    #[test]
    fn the_clause_of_the_figure() {
        assert_eq!(
            quotes(
                "The death toll in Gaza is still more than 35,000, but the ministry has updated its breakdown, the United Nations said on Monday.",
                &["more than 35,000"],
                &["the United Nations said on Monday"]
            ),
            vec!["The death toll in Gaza is still more than 35,000"]
        );
        assert_eq!(
            quotes(
                "Interior minister Aftab Khan Sherpao said 19,136 people died and 42,397 were injured in Saturday's quake.",
                &["19,136 people", "42,397"],
                &["Interior minister Aftab Khan Sherpao said"]
            ),
            vec![
                "19,136 people died",
                "42,397 were injured in Saturday's quake."
            ]
        );
    }

    #[test]
    fn lists_are_cut_between_figures_keeping_a_shared_predicate() {
        assert_eq!(
            quotes(
                "Haq said those figures were for identified bodies - 7,797 children, 4,959 women, and 10,006 men - adding: \u{201C}It is ongoing.\u{201D}",
                &["7,797 children", "4,959 women", "10,006 men"],
                &["Haq said"]
            ),
            vec!["7,797 children", "4,959 women", "10,006 men"]
        );
        assert_eq!(
            quotes(
                "A statement said 159 soldiers and 26 guerrillas were killed in the gun battle and 50 troops were captured.",
                &["159 soldiers", "26 guerrillas", "50 troops"],
                &["A statement said"]
            ),
            vec![
                "159 soldiers and 26 guerrillas were killed in the gun battle",
                "26 guerrillas were killed in the gun battle",
                "50 troops were captured."
            ]
        );
    }

    #[test]
    fn quotes_and_cues_are_cut_out() {
        assert_eq!(
            quotes(
                "\u{201C}There were about 220 soldiers there, of which 72 were in contact,\u{201D} one senior army officer said.",
                &["about 220 soldiers", "72"],
                &["one senior army officer said"]
            ),
            vec![
                "There were about 220 soldiers there",
                "of which 72 were in contact"
            ]
        );
        assert_eq!(
            quotes(
                "According to the newspaper, approximately 1,800 troops will be deployed to Texas, 1,700 to Arizona and 1,500 to California.",
                &["approximately 1,800 troops", "1,700", "1,500"],
                &["According to the newspaper"]
            ),
            vec![
                "approximately 1,800 troops will be deployed to Texas",
                "1,700 to Arizona",
                "1,500 to California."
            ]
        );
    }
}
