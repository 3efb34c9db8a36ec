//! Who is named as a source: the phrases attribution finds ("U.N. spokesperson Farhan Haq",
//! "Haq", "the agency", "he") become one source each, with a readable id. Later mentions by
//! surname, acronym, a definite description or a pronoun go to the source already named, and
//! sources declared in a catalog are reused rather than declared again.

use crate::draft::Catalog;

/// A source as the drafter proposes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposed {
    pub id: String,
    pub name: String,
    /// Declared in a catalog given with `--catalog`: used, not declared again.
    pub from_catalog: bool,
    /// A person (a name, or a title such as "spokesman"): what `he` and `she` refer to.
    pub person: bool,
    /// Many people or bodies ("officials", "organizers"): what `they` refers to.
    pub plural: bool,
    /// A news agency or an outlet: what "the agency" and "the newspaper" refer to.
    pub outlet: bool,
    /// Named by a document ("a Maoist statement", "U.N. data"): never what `he` refers to.
    pub document: bool,
}

/// News agencies and outlets, each with the names it goes by: every mention of one is one
/// source. `(id, name, aliases)`; an alias of capitals matches case-sensitively.
#[rustfmt::skip]
const OUTLETS: &[(&str, &str, &[&str])] = &[
    ("reuters", "Reuters", &["Reuters", "REUTERS"]),
    ("afp", "AFP", &["AFP", "Agence France-Presse", "Agence France Presse"]),
    ("ap", "The Associated Press", &["AP", "Associated Press"]),
    ("xinhua", "Xinhua", &["Xinhua"]),
    ("yonhap", "Yonhap", &["Yonhap"]),
    ("dpa", "dpa (German Press Agency)", &["dpa", "German Press Agency", "Deutsche Presse-Agentur"]),
    ("anadolu", "Anadolu Agency", &["Anadolu"]),
    ("kyodo", "Kyodo", &["Kyodo"]),
    ("tass", "TASS", &["TASS", "Tass"]),
    ("interfax", "Interfax", &["Interfax"]),
    ("efe", "EFE", &["EFE"]),
    ("ansa", "ANSA", &["ANSA"]),
    ("upi", "UPI", &["UPI"]),
    ("ians", "IANS", &["IANS"]),
    ("pti", "Press Trust of India", &["PTI", "Press Trust of India"]),
    ("ani", "ANI", &["ANI"]),
    ("bbc", "BBC", &["BBC"]),
    ("cnn", "CNN", &["CNN"]),
    ("al-jazeera", "Al Jazeera", &["Al Jazeera"]),
    ("bernama", "Bernama", &["Bernama"]),
    ("irna", "IRNA", &["IRNA"]),
];

/// Whether a word of a name at `i` is a person's title: "official" only as the name's last word
/// ("a senior defense official", not "the official Xinhua news agency").
fn title_at(ws: &[&str], i: usize) -> bool {
    let w = ws[i];
    if w.eq_ignore_ascii_case("official") {
        return i + 1 == ws.len();
    }
    in_list(PERSON_TITLES, w)
}

fn titled(ws: &[&str]) -> bool {
    (0..ws.len()).any(|i| title_at(ws, i))
}

/// Words that make a name a person's.
#[rustfmt::skip]
const PERSON_TITLES: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "official", "officer",
    "chief", "director", "adviser", "advisor", "administrator", "governor", "mayor", "secretary",
    "chairman", "chairwoman", "analyst", "commander", "researcher", "economist", "seismologist",
    "monk", "volunteer", "dr", "mr", "mrs", "ms", "gen", "maj", "col", "brig", "lt", "gov", "sen",
    "rep", "capt", "sgt", "lawmaker", "ambassador", "envoy", "general", "colonel", "major",
    "captain", "head", "prime", "premier", "king", "queen", "pope", "resident", "witness",
    "survivor", "doctor", "professor", "prof", "representative", "coordinator", "deputy",
    "correspondent", "reporter", "expert", "scientist", "leader", "secretary-general",
];

/// Words that make a name a body's, whatever else it holds ("Mayor Marty Walsh's office").
#[rustfmt::skip]
const BODY_WORDS: &[&str] = &[
    "office", "ministry", "government", "department", "agency", "council", "army", "police",
    "service", "services", "institute", "organization", "organisation", "committee", "commission",
    "bureau", "authority", "authorities", "nations", "union", "military", "forces", "force",
    "division", "media", "television", "radio", "newspaper", "times", "post", "journal",
    "tribune", "press", "news", "group", "groups", "front", "party", "administration",
    "university", "survey", "centre", "center", "red", "crescent", "cross", "programme",
    "program", "fund", "bank", "holdings", "company", "firm", "consultancy", "council",
    "association", "federation", "league", "coalition", "alliance", "pentagon", "kremlin",
    "ministry's", "statement", "report", "data", "figures", "secretariat", "commissioner",
];

/// Plural heads: "officials", "organizers".
#[rustfmt::skip]
const PLURAL_HEADS: &[&str] = &[
    "officials", "organizers", "organisers", "authorities", "groups", "agencies", "media",
    "rebels", "separatists", "sources", "officers", "services", "guerrillas", "militants",
    "forces", "insurgents", "activists", "witnesses", "residents", "villagers", "survivors",
    "experts", "researchers", "analysts", "economists", "insurers", "doctors", "medics",
    "scientists", "volunteers", "workers", "diplomats", "lawmakers", "people", "officials'",
    "figures", "estimates", "data", "police",
];

/// Words a definite description may name a source by: "the agency said".
const DESCRIPTIONS: &[&str] = &[
    "agency",
    "newspaper",
    "paper",
    "broadcaster",
    "ministry",
    "army",
    "military",
    "department",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "officer",
    "minister",
    "government",
    "office",
    "group",
    "organisation",
    "organization",
    "report",
    "police",
    "company",
    "firm",
];

/// Countries: a single capitalised word that is one is never what `he` refers to.
#[rustfmt::skip]
const COUNTRIES: &[&str] = &[
    "Afghanistan", "Algeria", "Argentina", "Australia", "Bangladesh", "Brazil", "Britain",
    "Burundi", "Canada", "Chad", "Chile", "China", "Colombia", "Congo", "Egypt", "Ethiopia",
    "France", "Gaza", "Georgia", "Germany", "Greece", "Haiti", "India", "Indonesia", "Iran",
    "Iraq", "Israel", "Italy", "Japan", "Jordan", "Kenya", "Kiev", "Kyiv", "Lebanon", "Libya",
    "Mali", "Mexico", "Moscow", "Myanmar", "Nepal", "Niger", "Nigeria", "Pakistan", "Palestine",
    "Philippines", "Poland", "Russia", "Rwanda", "Somalia", "Spain", "Sudan", "Syria", "Taiwan",
    "Tanzania", "Thailand", "Turkey", "Uganda", "Ukraine", "Venezuela", "Vietnam", "Washington",
    "Yemen", "Beijing", "Seoul", "Pyongyang", "Tokyo", "Delhi", "Islamabad", "Kabul", "Tehran",
];

/// Bodies often named by one word: never what `he` refers to.
#[rustfmt::skip]
const ORGANISATIONS: &[&str] = &[
    "Pentagon", "Kremlin", "Hamas", "Hezbollah", "Taliban", "Congress", "Parliament", "Senate",
    "Xinhua", "Reuters", "Interfax", "Moscow", "Washington", "Kiev", "Kyiv", "Seoul", "Beijing",
    "Tehran", "Brussels", "London", "Paris", "Berlin", "Tokyo", "Islamabad", "Delhi", "Manila",
];

/// Words dropped from ids: "the U.N. spokesperson" and "U.N. spokesperson" share theirs.
const ID_STOP_WORDS: &[&str] = &["the", "a", "an", "of", "and", "for", "in", "at", "on", "s"];

/// The sources named in an article, in the order first named.
#[derive(Debug, Default)]
pub struct Registry {
    pub sources: Vec<Proposed>,
    /// Source indices, the most recently mentioned last: what pronouns refer to.
    recent: Vec<usize>,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// The words of a name, without possessive endings: "Ukraine’s" is "Ukraine".
fn words(name: &str) -> Vec<&str> {
    name.split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '\u{2019}' | '-')))
        .map(|w| {
            let w = w.trim_matches(|c: char| matches!(c, '.' | '-' | '\'' | '\u{2019}'));
            w.strip_suffix("\u{2019}s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(w)
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    (2..=7).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.iter().any(|l| l.eq_ignore_ascii_case(w))
}

/// The initials of a name's capitalised words: "World Health Organization" is "WHO",
/// "U.N." is "UN".
fn initials(name: &str) -> String {
    let ws = words(name);
    if ws.len() == 1 && is_acronym(ws[0]) {
        return ws[0].replace('.', "");
    }
    ws.iter()
        .filter(|w| capitalised(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The name a phrase gives: leading articles and document words go ("the", "a statement
/// from"), the first letter is capitalised.
pub fn clean_name(phrase: &str) -> String {
    // An apposition is kept when it says who ("chairman of …"), not when it is a clause
    // ("fighting to topple …") or runs on.
    let phrase = match phrase.split_once(',') {
        Some((core, rest)) => {
            let rest_words: Vec<&str> = rest.split_whitespace().collect();
            let first = rest_words.first().copied().unwrap_or("");
            let clause = first.ends_with("ing") || first.ends_with("ed") || rest_words.len() > 10;
            if clause { core } else { phrase }
        }
        None => phrase,
    };
    let mut s = phrase
        .trim()
        .trim_matches(|c: char| {
            c == ',' || c == ':' || c.is_whitespace() || crate::draft::text::is_quote_mark(c)
        })
        .to_string();
    let documents = [
        "statement",
        "report",
        "survey",
        "study",
        "review",
        "estimate",
        "estimates",
        "figures",
        "data",
        "tally",
        "count",
        "statements",
        "reports",
    ];
    // "an unsigned statement from the rebels", "estimates from march organizers".
    loop {
        let ws: Vec<&str> = s.split_whitespace().collect();
        let at = ws.iter().position(|w| in_list(&documents, w));
        let Some(at) = at.filter(|&i| i <= 3) else {
            break;
        };
        let next = ws.get(at + 1).copied().unwrap_or("");
        if ["from", "by", "of"].contains(&next) && ws.len() > at + 2 {
            s = ws[at + 2..].join(" ");
            continue;
        }
        break;
    }
    // "a Maoist statement", "U.N. data": the words before a trailing document word.
    {
        let ws: Vec<&str> = s.split_whitespace().collect();
        if ws.len() >= 2 && ws.last().is_some_and(|w| in_list(&documents, w)) {
            let head = ws[..ws.len() - 1].join(" ");
            if head
                .split_whitespace()
                .any(|w| capitalised(w) && !in_list(&["A", "An", "The"], w))
            {
                s = head;
            } else if head.eq_ignore_ascii_case("official")
                || head.eq_ignore_ascii_case("the official")
            {
                s = "Officials".to_string();
            }
        }
    }
    // "the country's National Disaster … Council": the council.
    for generic in [
        "the country's ",
        "the country\u{2019}s ",
        "the nation's ",
        "the nation\u{2019}s ",
        "the state's ",
        "the state\u{2019}s ",
        "the city's ",
        "the city\u{2019}s ",
    ] {
        if s.len() > generic.len()
            && s.get(..generic.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(generic))
        {
            s = s[generic.len()..].to_string();
            break;
        }
    }
    for article in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = s.strip_prefix(article) {
            // Keep "a senior official": an article before a lowercase word says who it is not.
            if article.starts_with(['t', 'T']) || rest.starts_with(char::is_uppercase) {
                s = rest.to_string();
            }
            break;
        }
    }
    let s = s.trim().to_string();
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

/// A readable id for a name: an outlet's own, an acronym, a person's name, or the name's first
/// words, as a valid id.
fn id_for(name: &str, person: bool) -> String {
    let ws = words(name);
    if let Some((id, _, _)) = outlet_of(name) {
        return id.to_string();
    }
    // "UNHCR" in "U.N. High Commissioner for Refugees (UNHCR)"; "WMATA" in "Metro operator WMATA".
    if !person && let Some(a) = ws.iter().rev().find(|w| is_acronym(w) && w.len() > 1) {
        return slug(&a.replace('.', ""));
    }
    if person {
        // The last run of capitalised words of the name proper that are no titles: "Farhan Haq"
        // of "U.N. spokesperson Farhan Haq", "Kyrylo Budanov" of "Ukrainian Defense
        // Intelligence Chief Kyrylo Budanov".
        let core = words(name.split(',').next().unwrap_or(name));
        let is_title = |w: &str| w.split('-').any(|part| in_list(PERSON_TITLES, part));
        let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
        for w in &core {
            if capitalised(w) && !is_title(w) && !is_acronym(w) {
                if let Some(run) = runs.last_mut() {
                    run.push(w);
                }
            } else if runs.last().is_some_and(|r| !r.is_empty()) {
                runs.push(Vec::new());
            }
        }
        if let Some(run) = runs.iter().rev().find(|r| !r.is_empty()) {
            return slug(&run.join(" "));
        }
    }
    let kept: Vec<&str> = ws
        .iter()
        .copied()
        .filter(|w| !in_list(ID_STOP_WORDS, w))
        .take(5)
        .collect();
    slug(&kept.join(" "))
}

/// Lowercase ASCII letters and digits, other runs as `-`: a valid id, or `source`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() && c != '\'' && c != '\u{2019}' {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "source".to_string()
    } else {
        out
    }
}

/// Latin letters with accents as their base letter, for ids: "António" is "antonio".
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ş' | 'Ş' | 'š' | 'Š' => 's',
        'ğ' | 'Ğ' => 'g',
        'ı' | 'İ' => 'i',
        c => c,
    }
}

/// The outlet a name is, when it is one: "China's official Xinhua news agency" is Xinhua; a
/// person at an outlet ("BBC Nigeria analyst Bashir Abdullahi") is not.
fn outlet_of(name: &str) -> Option<(&'static str, &'static str, &'static [&'static str])> {
    let ws = words(name);
    if titled(&ws) {
        return None;
    }
    OUTLETS.iter().copied().find(|(_, _, aliases)| {
        aliases.iter().any(|alias| {
            let alias_words: Vec<&str> = alias.split(' ').collect();
            let exact = alias.chars().all(|c| !c.is_lowercase());
            ws.windows(alias_words.len()).any(|win| {
                win.iter().zip(&alias_words).all(|(w, a)| {
                    if exact {
                        w == a
                    } else {
                        w.eq_ignore_ascii_case(a)
                    }
                })
            })
        })
    })
}

/// A person's surname: the last capitalised word of the name proper that is no title.
fn surname(name: &str) -> Option<&str> {
    let core = name.split(',').next().unwrap_or(name);
    words(core)
        .into_iter()
        .rev()
        .find(|w| capitalised(w) && !in_list(PERSON_TITLES, w) && !is_acronym(w))
}

/// Whether a name is a person's, a plural body's, an outlet's. The name proper comes before an
/// apposition ("He Biao, director of the emergency office"): its last word says body or not;
/// titles count in either part.
fn classify(name: &str) -> (bool, bool, bool) {
    let core = name.split(',').next().unwrap_or(name);
    let ws = words(core);
    let all = words(name);
    let last = ws.last().copied().unwrap_or("");
    let outlet = outlet_of(name).is_some()
        || in_list(
            &["newspaper", "broadcaster", "television", "radio", "agency"],
            last,
        ) && ws
            .iter()
            .any(|w| in_list(&["news", "newspaper", "television", "radio"], w))
        || ws.iter().any(|w| {
            in_list(
                &[
                    "Times",
                    "Post",
                    "Journal",
                    "Tribune",
                    "Herald",
                    "Guardian",
                    "Telegraph",
                ],
                w,
            )
        });
    let body = in_list(BODY_WORDS, last) || outlet;
    let plural = in_list(PLURAL_HEADS, last) || in_list(PLURAL_HEADS, &lower(last));
    let titled = titled(&ws) || (all.len() > ws.len() && titled(&all[ws.len()..]));
    let names: Vec<&&str> = ws
        .iter()
        .filter(|w| capitalised(w) && !in_list(PERSON_TITLES, w) && !is_acronym(w))
        .collect();
    let named = names.len() >= 2
        && !ws.iter().any(|w| in_list(BODY_WORDS, w))
        && !names.iter().any(|w| in_list(COUNTRIES, w));
    let person = !body && !plural && (titled || named);
    (person, plural, outlet)
}

/// A word of a name that tells it apart ("Haq", "WMATA"), not one every name may have.
fn distinctive(w: &str) -> bool {
    const GENERIC: &[&str] = &[
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "in",
        "at",
        "on",
        "to",
        "national",
        "agency",
        "ministry",
        "office",
        "department",
        "state",
        "news",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "government",
        "senior",
        "top",
        "chief",
        "head",
        "deputy",
        "director",
        "official",
        "local",
        "international",
        "organization",
        "organisation",
        "council",
        "service",
        "group",
        "one",
        "another",
        "some",
        "said",
    ];
    !in_list(GENERIC, w) && w.chars().any(char::is_alphabetic)
}

impl Registry {
    /// The source a phrase names, adding it when it is new; `None` when the phrase names no
    /// one (empty after cleaning, or a pronoun with nothing before it to refer to).
    pub fn mention(&mut self, phrase: &str) -> Option<usize> {
        let raw = phrase.trim();
        let lw = lower(raw);
        if let Some(i) = self.pronoun(&lw) {
            return i;
        }
        if let Some(i) = self.description(&lw) {
            self.touch(i);
            return Some(i);
        }
        let name = clean_name(raw);
        if name.is_empty() || !name.chars().any(char::is_alphabetic) {
            return None;
        }
        let found = self.find(&name);
        let i = match found {
            Some(i) => {
                // A fuller name later ("Sherpao", then "Interior minister Aftab Khan Sherpao").
                let old = &self.sources[i];
                if !old.from_catalog
                    && outlet_of(&name).is_none()
                    && words(&old.name).len() == 1
                    && words(&name).len() > 1
                {
                    let (person, plural, outlet) = classify(&name);
                    let s = &mut self.sources[i];
                    s.name = name;
                    s.person = person;
                    s.plural = plural;
                    s.outlet = outlet;
                }
                i
            }
            None => {
                let i = self.add(&name);
                let documents = [
                    "statement",
                    "report",
                    "data",
                    "figures",
                    "survey",
                    "study",
                    "estimates",
                    "review",
                ];
                if words(raw).iter().any(|w| in_list(&documents, w)) {
                    let s = &mut self.sources[i];
                    s.document = true;
                    s.person = false;
                }
                i
            }
        };
        self.touch(i);
        Some(i)
    }

    fn add(&mut self, name: &str) -> usize {
        let (person, plural, outlet) = classify(name);
        let (id, name) = match outlet_of(name) {
            Some((id, canonical, _)) => (id.to_string(), canonical.to_string()),
            None => (id_for(name, person), name.to_string()),
        };
        let mut unique = id.clone();
        let mut n = 2;
        while self.sources.iter().any(|s| s.id == unique) {
            unique = format!("{id}-{n}");
            n += 1;
        }
        self.sources.push(Proposed {
            id: unique,
            name,
            from_catalog: false,
            person,
            plural,
            outlet,
            document: false,
        });
        self.sources.len() - 1
    }

    fn touch(&mut self, i: usize) {
        self.recent.retain(|&r| r != i);
        self.recent.push(i);
    }

    /// "he", "she", "it", "they": the latest source that fits. `Some(None)` for a pronoun with
    /// nothing to refer to.
    fn pronoun(&self, lw: &str) -> Option<Option<usize>> {
        let fits: fn(&Proposed) -> bool = match lw {
            "he" | "she" => |s| s.person,
            "it" => |s| !s.person && !s.plural,
            "they" => |s| s.plural || !s.person,
            "we" | "i" | "you" => return Some(None),
            _ => return None,
        };
        // "Sultan said … he said": a single name may be a person's too.
        let maybe_person = |s: &Proposed| {
            let ws = words(&s.name);
            ws.len() == 1
                && capitalised(ws[0])
                && !is_acronym(ws[0])
                && !in_list(COUNTRIES, ws[0])
                && !in_list(BODY_WORDS, ws[0])
                && !in_list(ORGANISATIONS, ws[0])
                && !s.outlet
                && !s.plural
                && !s.document
        };
        let person_pronoun = lw == "he" || lw == "she";
        let latest = self.recent.iter().rev().copied().find(|&i| {
            let s = &self.sources[i];
            fits(s) || person_pronoun && maybe_person(s)
        });
        Some(latest)
    }

    /// "the agency", "the army", "the official": the latest source of that kind, if any.
    fn description(&self, lw: &str) -> Option<usize> {
        let rest = lw.strip_prefix("the ")?;
        let head = rest.split_whitespace().last()?;
        if rest.split_whitespace().count() > 2 || !in_list(DESCRIPTIONS, head) {
            return None;
        }
        self.recent.iter().rev().copied().find(|&i| {
            let s = &self.sources[i];
            let ws = words(&s.name);
            ws.iter().any(|w| w.eq_ignore_ascii_case(head))
                || (s.outlet && matches!(head, "agency" | "newspaper" | "paper" | "broadcaster"))
        })
    }

    /// An earlier source with this name, surname or acronym.
    fn find(&self, name: &str) -> Option<usize> {
        if let Some((id, _, _)) = outlet_of(name) {
            return self.sources.iter().position(|s| s.id == id);
        }
        let key = lower(name);
        if let Some(i) = self.sources.iter().position(|s| lower(&s.name) == key) {
            return Some(i);
        }
        let ws = words(name);
        if ws.len() == 1 {
            let w = ws[0];
            // A surname: "Haq" after "U.N. spokesperson Farhan Haq".
            let by_surname = self.sources.iter().position(|s| {
                !is_acronym(w)
                    && s.person
                    && words(&s.name)
                        .iter()
                        .any(|x| x.eq_ignore_ascii_case(w) && capitalised(x))
            });
            if by_surname.is_some() {
                return by_surname;
            }
            // An acronym: "UN" and "United Nations", "WHO" and "World Health Organization".
            if is_acronym(w) {
                let bare = w.replace('.', "");
                return self.sources.iter().position(|s| {
                    !s.person
                        && (initials(&s.name) == bare
                            || words(&s.name).iter().any(|x| x.replace('.', "") == bare))
                });
            }
            return None;
        }
        // A full name for a source first named by surname: "Sherpao", then "... Aftab Khan
        // Sherpao" (only when the new name is a person's too).
        let (person, _, _) = classify(name);
        if person && let Some(last) = surname(name) {
            // "Brig Attahiru" after "Army spokesman Ibrahim Attahiru"; "… Sherpao" after
            // "Sherpao".
            return self.sources.iter().position(|s| {
                let sw = words(&s.name);
                (sw.len() == 1 && sw[0].eq_ignore_ascii_case(last))
                    || (s.person && surname(&s.name).is_some_and(|o| o.eq_ignore_ascii_case(last)))
            });
        }
        None
    }

    /// Reuse the catalog's sources: each proposed source that a catalog source matches takes
    /// its id and name and is not declared again.
    pub fn reuse(&mut self, catalog: &Catalog) {
        for s in &mut self.sources {
            if let Some(c) = catalog_match(s, catalog) {
                s.id = c.id.clone();
                s.name = c.name.clone();
                s.from_catalog = true;
            }
        }
    }
}

/// The catalog source a proposed one is, matched by its words and the catalog's name and id
/// words: an outlet's or an acronym's id, a person's surname, or every telling word.
fn catalog_match<'c>(
    s: &Proposed,
    catalog: &'c Catalog,
) -> Option<&'c crate::draft::CatalogSource> {
    let mine: Vec<String> = words(&s.name)
        .iter()
        .map(|w| lower(w).replace('.', ""))
        .collect();
    let telling: Vec<&String> = mine.iter().filter(|w| distinctive(w)).collect();
    let mut best: Option<(usize, &crate::draft::CatalogSource)> = None;
    for c in &catalog.sources {
        if c.id == s.id {
            return Some(c);
        }
        let theirs: Vec<String> = words(&c.name)
            .iter()
            .map(|w| lower(w).replace('.', ""))
            .chain(c.id.split(['-', '_', '.']).map(str::to_string))
            .collect();
        let shared = telling.iter().filter(|w| theirs.contains(w)).count();
        let surname = s.person
            && words(&s.name)
                .last()
                .is_some_and(|w| theirs.contains(&lower(w)));
        let acronym = (!s.person
            && initials(&s.name).len() > 1
            && lower(&initials(&c.name)) == lower(&initials(&s.name)))
            || words(&s.name)
                .iter()
                .any(|w| is_acronym(w) && theirs.contains(&lower(w).replace('.', "")));
        let all = !telling.is_empty() && shared == telling.len();
        let score = if surname || all {
            3
        } else if acronym {
            2
        } else if shared >= 2 {
            1
        } else {
            0
        };
        if score > 0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_given_readable_ids() {
        let mut r = Registry::default();
        let haq = r.mention("U.N. spokesperson Farhan Haq").unwrap();
        assert_eq!(r.sources[haq].id, "farhan-haq");
        assert!(r.sources[haq].person);
        assert_eq!(r.mention("Haq"), Some(haq));
        assert_eq!(r.mention("he"), Some(haq));
        let un = r.mention("the United Nations").unwrap();
        assert_eq!(r.sources[un].name, "United Nations");
        assert_eq!(r.sources[un].id, "united-nations");
        assert_eq!(r.mention("U.N."), Some(un));
        let x = r.mention("China's official Xinhua news agency").unwrap();
        assert_eq!(
            (r.sources[x].id.as_str(), r.sources[x].name.as_str()),
            ("xinhua", "Xinhua")
        );
        assert_eq!(r.mention("the agency"), Some(x));
        let w = r.mention("Metro operator WMATA").unwrap();
        assert_eq!(r.sources[w].id, "wmata");
        let rebels = r.mention("An unsigned statement from the rebels").unwrap();
        assert_eq!(r.sources[rebels].name, "Rebels");
        assert_eq!(r.mention("they"), Some(rebels));
    }

    #[test]
    fn a_surname_first_takes_the_full_name_later() {
        let mut r = Registry::default();
        let s = r.mention("Sherpao").unwrap();
        assert_eq!(r.mention("Interior minister Aftab Khan Sherpao"), Some(s));
        assert_eq!(r.sources[s].name, "Interior minister Aftab Khan Sherpao");
    }

    #[test]
    fn catalog_sources_are_reused_by_words() {
        let catalog = Catalog {
            sources: vec![
                crate::draft::CatalogSource {
                    id: "nk-nis".into(),
                    name: "National Intelligence Service (South Korea)".into(),
                },
                crate::draft::CatalogSource {
                    id: "singh".into(),
                    name: "Sabrina Singh, Deputy Pentagon Press Secretary".into(),
                },
            ],
            topics: vec![],
        };
        let mut r = Registry::default();
        r.mention("The National Intelligence Service");
        r.mention("Pentagon deputy press secretary Sabrina Singh");
        r.mention("Yonhap");
        r.reuse(&catalog);
        let ids: Vec<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["nk-nis", "singh", "yonhap"]);
        assert!(r.sources[0].from_catalog && !r.sources[2].from_catalog);
    }
}
