pub fn fold(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            0x09..=0x0D | b' ' => {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
                i += 1;
            }
            0xC2 | 0xE1..=0xE3 => {
                let c = s[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                if c.is_whitespace() {
                    if !in_space {
                        out.push(' ');
                    }
                    in_space = true;
                } else {
                    in_space = false;
                    out.push(fold_char(c));
                }
            }
            _ => {
                let run = bytes[i..]
                    .iter()
                    .position(|&b| matches!(b, 0x09..=0x0D | b' ' | 0xC2 | 0xE1..=0xE3))
                    .map_or(bytes.len(), |n| i + n);
                out.push_str(&s[i..run]);
                in_space = false;
                i = run;
            }
        }
    }
    out
}

pub fn locate(text: &str, quote: &str) -> Option<std::ops::Range<usize>> {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let f = if c.is_whitespace() {
            if in_space {
                continue;
            }
            in_space = true;
            ' '
        } else {
            in_space = false;
            fold_char(c)
        };
        for _ in 0..f.len_utf8() {
            origin.push(i);
        }
        folded.push(f);
    }
    origin.push(text.len());
    let needle = fold(quote);
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let start = folded.find(needle)?;
    let end = start + needle.len();
    let last = origin[end - 1];
    let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
    Some(origin[start]..last + last_len)
}

pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c,
    }
}

pub fn missing(text: &str, quotes: &[&str]) -> Vec<usize> {
    let mut from = 0;
    let mut folded: Option<String> = None;
    let mut missing = Vec::new();
    for (i, quote) in quotes.iter().enumerate() {
        let quote = fold(quote);
        let quote = quote.trim();
        let found = match find_direct(text, quote, from) {
            Direct::Found(at) => {
                from = at;
                true
            }
            Direct::Absent => false,
            Direct::Undecided => {
                let folded = folded.get_or_insert_with(|| fold(text));
                !quote.is_empty()
                    && memchr::memmem::find(folded.as_bytes(), quote.as_bytes()).is_some()
            }
        };
        if !found {
            missing.push(i);
        }
    }
    missing
}

enum Direct {
    Found(usize),
    Absent,
    Undecided,
}

fn find_direct(text: &str, needle: &str, from: usize) -> Direct {
    const CANDIDATES: usize = 64;
    let Some(first) = needle.bytes().next() else {
        return Direct::Absent;
    };
    if !first.is_ascii() || matches!(first, b'"' | b'\'' | b'-') {
        return Direct::Undecided;
    }
    let bytes = text.as_bytes();
    let from = from.min(bytes.len());
    let after = memchr::memchr_iter(first, &bytes[from..]).map(|at| from + at);
    let before = memchr::memchr_iter(first, &bytes[..from]);
    for (n, at) in after.chain(before).enumerate() {
        if n == CANDIDATES {
            return Direct::Undecided;
        }
        if folded_match_at(&text[at..], needle) {
            return Direct::Found(at);
        }
    }
    Direct::Absent
}

fn folded_match_at(text: &str, needle: &str) -> bool {
    let mut text = text.chars().peekable();
    for n in needle.chars() {
        let Some(t) = text.next() else { return false };
        if n == ' ' {
            if !t.is_whitespace() {
                return false;
            }
            while text.peek().is_some_and(|c| c.is_whitespace()) {
                text.next();
            }
        } else if t.is_whitespace() || fold_char(t) != n {
            return false;
        }
    }
    true
}
