//! Quotes are checked against the report text after folding white space runs to one space and
//! typographic quotes and dashes to ASCII, as format 1 specifies; otherwise the match is exact.

/// The folded form of `s` that quotes and report texts are compared in.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out`.
fn fold_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut in_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            // ASCII white space, folded in the same loop: text is mostly words and spaces.
            0x09..=0x0D | b' ' => {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
                i += 1;
            }
            // Lead bytes of the other white space and of typographic quotes and dashes.
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
            // Everything else folds to itself: copy up to the next byte that may not.
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
}

/// Where `quote` occurs in `text`, as a byte range of the original `text` (for showing the
/// quote in its context), using the same folding as the check.
pub fn locate(text: &str, quote: &str) -> Option<std::ops::Range<usize>> {
    // Fold the text, remembering where each folded byte came from.
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
    // The end maps to the start of the folded character after the quote.
    let last = origin[end - 1];
    let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
    Some(origin[start]..last + last_len)
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c,
    }
}

/// The indices of the `quotes` that do not occur in `text` (both folded), in order. Annotators
/// cite a report in reading order, so each quote is first looked for after the previous one,
/// which makes checking a whole file one pass over its text; anywhere else in the text is still
/// found.
///
/// A quote is found when its folded and trimmed form is a substring of the folded text; neither
/// is folded to find it (see [`find_direct`]) unless a quote has too many near misses or is far
/// from the previous one. Those quotes are then looked for all at once (see [`absent_folded`]),
/// so that many of them cost one pass over the folded text, not one each.
pub fn missing(text: &str, quotes: &[&str]) -> Vec<usize> {
    missing_within(text, quotes, SCAN)
}

/// How many bytes of the text [`find_direct`] looks through for one quote before it leaves the
/// quote to [`absent_folded`]: without a bound, quotes whose first byte is rare in the text
/// (absent, or out of reading order) would each scan the whole text.
const SCAN: usize = 64 * 1024;

/// [`missing`], with `scan` for [`SCAN`] (tests make it small to send quotes the slow way).
fn missing_within(text: &str, quotes: &[&str], scan: usize) -> Vec<usize> {
    // Where in the text the last quote found is.
    let mut previous = 0..0;
    let mut missing = Vec::new();
    // The quotes the direct search leaves undecided, decided together afterwards.
    let mut undecided = Vec::new();
    for (i, quote) in quotes.iter().enumerate() {
        match find_direct(text.as_bytes(), quote.as_bytes(), &previous, scan) {
            Direct::Found(at) => previous = at,
            Direct::Absent => missing.push(i),
            Direct::Undecided => undecided.push(i),
        }
    }
    if !undecided.is_empty() {
        let absent = absent_folded(text, undecided.iter().map(|&i| quotes[i]));
        missing.extend(absent.into_iter().map(|k| undecided[k]));
        missing.sort_unstable();
    }
    missing
}

/// The positions among `quotes` (counted from 0, in order) of those whose folded and trimmed
/// form is empty or does not occur in the folded `text`: all looked for in one pass over it (see
/// [`together::occur`]), however many they are.
fn absent_folded<'q>(text: &str, quotes: impl Iterator<Item = &'q str>) -> Vec<usize> {
    let mut absent = Vec::new();
    // The folded and trimmed quotes, one buffer for them all, and their positions.
    let mut folded = String::new();
    let mut needles = Vec::new();
    for (k, quote) in quotes.enumerate() {
        let start = folded.len();
        fold_into(quote, &mut folded);
        let quote = &folded[start..];
        let from = start + (quote.len() - quote.trim_start().len());
        match quote.trim().len() {
            0 => absent.push(k),
            len => needles.push((from..from + len, k)),
        }
    }
    if needles.is_empty() {
        return absent;
    }
    let slices: Vec<&[u8]> = needles
        .iter()
        .map(|(r, _)| &folded.as_bytes()[r.clone()])
        .collect();
    let occur = together::occur(fold(text).as_bytes(), &slices);
    absent.extend(
        needles
            .iter()
            .zip(occur)
            .filter(|(_, found)| !found)
            .map(|((_, k), _)| *k),
    );
    absent.sort_unstable();
    absent
}

enum Direct {
    /// Where in the text.
    Found(std::ops::Range<usize>),
    Absent,
    /// Too many near misses, or too far to look: fold the text and search.
    Undecided,
}

/// The raw `quote` in the raw `text`, both compared folded as they go, so that neither need be
/// folded. Candidates are the places of the byte the folded quote begins with (or of the
/// typographic spellings of a leading `"`, `'` or `-`): after the `previous` quote found first
/// (quotes come in reading order), then within it (quotes may overlap), then before it. After a
/// few dozen near misses, or `scan` bytes looked through, it gives up and lets a real substring
/// search decide, so that hostile text cannot make it quadratic.
fn find_direct(
    text: &[u8],
    quote: &[u8],
    previous: &std::ops::Range<usize>,
    scan: usize,
) -> Direct {
    const CANDIDATES: usize = 64;
    // The folded quote is trimmed: it starts after the leading white space.
    let start = spaces(quote, 0);
    let Some(&first) = quote.get(start) else {
        return Direct::Absent;
    };
    // The bytes a place must begin with, at most eight: those before the first that may be
    // folded (white space, `"`, `'`, `-`, and lead bytes of what folds), as the quote has them.
    let plain = quote[start..]
        .iter()
        .take(8)
        .take_while(
            |&&b| !matches!(b, 0x09..=0x0D | b' ' | b'"' | b'\'' | b'-' | 0xC2 | 0xE1..=0xE3),
        )
        .count();
    let prefix = Prefix::new(&quote[start..start + plain]);
    let end = text.len();
    let (after, before) = (previous.end.min(end), previous.start.min(end));
    let passes = [after..end, before..after, 0..before];
    let mut tried = 0;
    // The bytes still to be looked through.
    let mut budget = scan;
    // A folded `"`, `'` or `-` (0x22, 0x27, 0x2D) is also spelled typographically: E2 80 xx.
    let typographic = match folded_char(quote, start) {
        (c @ (0x22 | 0x27 | 0x2D), _) => Some(c as u8),
        _ => None,
    };
    for pass in passes {
        let mut at = pass.start;
        while at < pass.end {
            let until = pass.end.min(at.saturating_add(budget));
            let hay = &text[at..until];
            let next = match typographic {
                None => memchr::memchr(first, hay),
                Some(ascii) => memchr::memchr2(ascii, 0xE2, hay),
            };
            let Some(next) = next else {
                if until < pass.end {
                    return Direct::Undecided;
                }
                budget -= until - at;
                break;
            };
            // The candidate's byte is looked through too (`next < until - at <= budget`).
            budget -= next + 1;
            at += next;
            if tried == CANDIDATES {
                return Direct::Undecided;
            }
            tried += 1;
            if prefix.at(text, at)
                && let Some(found) = matches_at(text, at, quote, start)
            {
                return Direct::Found(at..found);
            }
            at += 1;
        }
    }
    Direct::Absent
}

/// Up to eight bytes a place must begin with, compared at once.
struct Prefix {
    bytes: u64,
    mask: u64,
}

impl Prefix {
    fn new(bytes: &[u8]) -> Prefix {
        let mut word = [0; 8];
        let n = bytes.len().min(8);
        word[..n].copy_from_slice(&bytes[..n]);
        Prefix {
            bytes: u64::from_le_bytes(word),
            mask: u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0),
        }
    }

    /// Whether `text[at..]` begins with the bytes (or may: near the end it leaves it to the match).
    fn at(&self, text: &[u8], at: usize) -> bool {
        match text.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            Some(word) => (u64::from_le_bytes(*word) ^ self.bytes) & self.mask == 0,
            None => true,
        }
    }
}

/// Where `quote` from `i` on (where its folded form starts) ends in `text` if it occurs at
/// `text[j..]`, comparing both folded: a white space run matches a white space run, typographic
/// quotes and dashes match their ASCII forms, anything else only itself; white space ending the
/// quote is trimmed. Identical bytes are compared eight at a time, and only where they differ
/// (a line break for a space, a curly quote for a straight one) or a white space run may go on
/// is a character folded.
fn matches_at(text: &[u8], mut j: usize, quote: &[u8], mut i: usize) -> Option<usize> {
    let start = i;
    loop {
        let same = common_prefix(
            quote.get(i..).unwrap_or_default(),
            text.get(j..).unwrap_or_default(),
        );
        i += same;
        j += same;
        if i >= quote.len() {
            return Some(j);
        }
        // Back to the start of the character that differs (the same length on both sides).
        while i > start && quote.get(i).is_some_and(|&b| b & 0xC0 == 0x80) {
            i -= 1;
            j -= 1;
        }
        // A white space run begun alike on both sides may go on on either side.
        if ends_in_space(quote.get(start..i).unwrap_or_default()) {
            i = spaces(quote, i);
            j = spaces(text, j);
            if i >= quote.len() {
                return Some(j);
            }
        }
        if space_len(quote, i) > 0 {
            // A white space run of the quote: one of the text, unless it ends the quote.
            i = spaces(quote, i);
            if i >= quote.len() {
                return Some(j);
            }
            let after = spaces(text, j);
            if after == j {
                return None;
            }
            j = after;
        } else {
            // One character each, folded (the quote's is no white space, so neither may be).
            let (q, q_len) = folded_char(quote, i);
            let (t, t_len) = folded_char(text, j);
            if t_len == 0 || q_len == 0 || q != t {
                return None;
            }
            i += q_len;
            j += t_len;
        }
    }
}

/// How many bytes `a` and `b` begin with alike, compared eight at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (words_a, _) = a.as_chunks::<8>();
    let (words_b, _) = b.as_chunks::<8>();
    for (k, (x, y)) in words_a.iter().zip(words_b).enumerate() {
        let differ = u64::from_le_bytes(*x) ^ u64::from_le_bytes(*y);
        if differ != 0 {
            return k * 8 + (differ.trailing_zeros() / 8) as usize;
        }
    }
    // The last few bytes as the last word, which overlaps bytes known to be alike.
    match (a.last_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(x), Some(y)) => {
            let differ = u64::from_le_bytes(*x) ^ u64::from_le_bytes(*y);
            n - 8 + (differ.trailing_zeros() / 8).min(8) as usize
        }
        _ => a.iter().zip(b).take_while(|(x, y)| x == y).count(),
    }
}

/// The length of the white space character at `s[i..]` (`char::is_whitespace`), 0 if there is
/// none: ASCII 09..0D and space, U+0085 and U+00A0 (C2 85, C2 A0), U+1680 (E1 9A 80),
/// U+2000..U+200A, U+2028, U+2029, U+202F (E2 80 80..8A, A8, A9, AF), U+205F (E2 81 9F) and
/// U+3000 (E3 80 80).
fn space_len(s: &[u8], i: usize) -> usize {
    let at = |k: usize| s.get(i + k).copied().unwrap_or(0);
    match at(0) {
        0x09..=0x0D | b' ' => 1,
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        0xE2 => match (at(1), at(2)) {
            (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F) => 3,
            _ => 0,
        },
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// Where the white space run at `s[i..]` ends (`i` when there is none).
fn spaces(s: &[u8], mut i: usize) -> usize {
    loop {
        match space_len(s, i) {
            0 => return i,
            n => i += n,
        }
    }
}

/// Whether the last character of `s` is white space.
fn ends_in_space(s: &[u8]) -> bool {
    let n = s.len();
    match s.last() {
        None => false,
        Some(&last) if last < 0x80 => matches!(last, 0x09..=0x0D | b' '),
        // The other white space is two or three bytes long.
        Some(_) => (n >= 2 && space_len(s, n - 2) == 2) || (n >= 3 && space_len(s, n - 3) == 3),
    }
}

/// The character at `s[i..]` folded, as a number that tells folded characters apart (the
/// ASCII byte, or the character's UTF-8 bytes), and its length in `s`; length 0 at the end.
fn folded_char(s: &[u8], i: usize) -> (u32, usize) {
    let Some(&lead) = s.get(i) else {
        return (0, 0);
    };
    if lead < 0x80 {
        return (u32::from(lead), 1);
    }
    let len = match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    };
    let Some(bytes) = s.get(i..i + len) else {
        return (0, 0);
    };
    let folded = match bytes {
        [0xE2, 0x80, 0x98 | 0x99] => b'\'',
        [0xE2, 0x80, 0x9C | 0x9D] => b'"',
        [0xE2, 0x80, 0x93 | 0x94] => b'-',
        _ => return (bytes.iter().fold(0, |n, &b| n << 8 | u32::from(b)), len),
    };
    (u32::from(folded), len)
}

/// Today's implementation, kept verbatim as the reference the faster one is tested against.
#[cfg(test)]
pub(crate) mod reference;

/// The one pass that decides the quotes the direct search leaves undecided.
mod together;

#[cfg(test)]
mod tests {
    use super::*;

    fn contains(text: &str, quote: &str) -> bool {
        missing(text, &[quote]).is_empty()
    }

    #[test]
    fn white_space_runs_fold_to_one_space() {
        let t = "has committed\n  12,000\ttroops";
        assert!(contains(t, "has committed 12,000 troops"));
        assert!(contains(t, "  has committed\n12,000 "));
    }

    #[test]
    fn typographic_quotes_and_dashes_fold_to_ascii() {
        assert!(contains(
            "a \u{201C}serious threat\u{201D} \u{2014} it\u{2019}s",
            "a \"serious threat\" - it's"
        ));
        assert!(contains("a \"b\" - c", "a \u{201C}b\u{201D} \u{2013} c"));
    }

    #[test]
    fn many_quotes_are_checked_at_once_even_when_they_overlap() {
        let text = "North Korea has committed 12,000 troops to Russia.";
        let quotes = [
            "committed 12,000",
            "12,000 troops",
            "North Korea has committed 12,000 troops",
            "13,000",
            "",
            "Russia.",
        ];
        assert_eq!(missing(text, &quotes), vec![3, 4]);
    }

    #[test]
    fn locate_gives_the_range_in_the_original_text() {
        let text = "He said \u{201C}12,000\n   troops\u{201D} today.";
        let r = locate(text, "\"12,000 troops\"").unwrap();
        assert_eq!(&text[r], "\u{201C}12,000\n   troops\u{201D}");
        assert_eq!(locate(text, "absent"), None);
    }

    #[test]
    fn every_kind_of_white_space_folds() {
        let spaces = "a\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2003}\u{2028}\u{202F}\u{205F}\u{3000}b";
        assert_eq!(fold(spaces), "a b");
        assert_eq!(fold("병력 — “12,000”"), "병력 - \"12,000\"");
    }

    #[test]
    fn quotes_out_of_order_and_after_many_near_misses_are_found() {
        let text = format!("{}target here, then the start", "t ".repeat(500));
        assert!(missing(&text, &["the start", "target here", "t t t"]).is_empty());
        assert_eq!(missing(&text, &["the end", "target"]), vec![0]);
    }

    /// Characters that fold, that nearly fold (same lead bytes, other characters), controls,
    /// multi-byte letters: every branch of the folding and of the byte-wise matching.
    const TRICKY: &[char] = &[
        'a', 'b', 'S', ' ', ' ', ' ', '\n', '\t', '\r', '\u{0B}', '\u{0C}', '\u{1C}', '\u{1F}',
        '\u{0}', '\u{7F}', '\u{85}', '\u{A0}', '\u{A1}', '\u{C2}', '\u{E2}', '\u{1680}',
        '\u{1681}', '\u{2000}', '\u{200A}', '\u{200B}', '\u{2012}', '\u{2013}', '\u{2014}',
        '\u{2015}', '\u{2017}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201C}', '\u{201D}',
        '\u{201E}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{2060}', '\u{3000}',
        '\u{3001}', '\u{FEFF}', '"', '\'', '-', '병', '력', 'é', '😀', '\u{80}', '\u{9C}',
    ];

    /// A small deterministic generator (splitmix64): seeded runs need no extra dependency.
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
            (self.next() % n as u64) as usize
        }

        fn string(&mut self, alphabet: &[char], len: usize) -> String {
            (0..len)
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect()
        }
    }

    /// A quote for `text`: a piece of it, a piece respelled (other white space, curly or straight
    /// quotes and dashes), a piece with one character changed, or anything.
    fn quote_for(rng: &mut Rng, text: &str, alphabet: &[char]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let start = rng.below(chars.len() + 1);
        let len = rng.below(16);
        let mut piece: Vec<char> = chars.iter().skip(start).take(len).copied().collect();
        match rng.below(6) {
            0 | 1 => {}
            2 | 3 => {
                for c in &mut piece {
                    let swaps: &[char] = match *c {
                        c if c.is_whitespace() => &[' ', '\n', '\u{A0}', '\u{3000}', '\t'],
                        '"' | '\u{201C}' | '\u{201D}' => &['"', '\u{201C}', '\u{201D}'],
                        '\'' | '\u{2018}' | '\u{2019}' => &['\'', '\u{2018}', '\u{2019}'],
                        '-' | '\u{2013}' | '\u{2014}' => &['-', '\u{2013}', '\u{2014}'],
                        _ => &[],
                    };
                    if !swaps.is_empty() && rng.below(2) == 0 {
                        *c = swaps[rng.below(swaps.len())];
                    }
                }
                if rng.below(3) == 0 {
                    piece.insert(0, ' ');
                }
                if rng.below(3) == 0 {
                    piece.push('\n');
                }
            }
            4 => {
                if !piece.is_empty() {
                    let at = rng.below(piece.len());
                    piece[at] = alphabet[rng.below(alphabet.len())];
                }
            }
            _ => {
                let len = rng.below(8);
                return rng.string(alphabet, len);
            }
        }
        piece.into_iter().collect()
    }

    fn agrees(text: &str, quotes: &[&str]) {
        assert_eq!(
            missing(text, quotes),
            reference::missing(text, quotes),
            "{quotes:?} in {text:?}"
        );
        for quote in quotes {
            assert_eq!(fold(quote), reference::fold(quote), "{quote:?}");
            assert_eq!(
                locate(text, quote),
                reference::locate(text, quote),
                "{quote:?} in {text:?}"
            );
        }
        assert_eq!(fold(text), reference::fold(text), "{text:?}");
    }

    /// 150,000 seeded cases (30,000 in a debug build): short texts over the tricky alphabet,
    /// several quotes each (pieces of the text, respelled, altered, random), against the
    /// reference.
    #[test]
    fn seeded_cases_agree_with_the_reference() {
        let mut rng = Rng(0x5EED_0001);
        // Fewer in a debug build (CI's plain `cargo test`), where each costs several times more.
        for _ in 0..150_000 / if cfg!(debug_assertions) { 5 } else { 1 } {
            let len = rng.below(48);
            let text = rng.string(TRICKY, len);
            let quotes: Vec<String> = (0..1 + rng.below(5))
                .map(|_| quote_for(&mut rng, &text, TRICKY))
                .collect();
            let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
            agrees(&text, &quotes);
        }
    }

    /// Long texts over few characters, so that quotes have many near misses (past the candidate
    /// limit) and are found before or after the previous quote.
    #[test]
    fn seeded_long_texts_with_many_near_misses_agree_with_the_reference() {
        let alphabets: [&[char]; 4] = [
            &['a', ' '],
            &['a', 'b', ' ', '\n', '\u{A0}'],
            &['"', '\u{201C}', '\u{201D}', ' ', 'a', '-', '\u{2014}'],
            &['병', '력', ' ', '\u{3000}', '\u{3001}', '\u{2014}'],
        ];
        let mut rng = Rng(0x5EED_0002);
        for _ in 0..3_000 {
            let alphabet = alphabets[rng.below(alphabets.len())];
            let len = 100 + rng.below(400);
            let text = rng.string(alphabet, len);
            let quotes: Vec<String> = (0..1 + rng.below(8))
                .map(|_| {
                    let mut q = quote_for(&mut rng, &text, alphabet);
                    for _ in 0..rng.below(4) {
                        q.push(alphabet[rng.below(alphabet.len())]);
                    }
                    q
                })
                .collect();
            let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
            agrees(&text, &quotes);
        }
    }

    /// The generated data's shape: hard-wrapped paragraphs, quotes in reading order that span
    /// the line breaks, with dashes and curly quotes respelled.
    #[test]
    fn wrapped_report_texts_agree_with_the_reference() {
        let mut rng = Rng(0x5EED_0003);
        for _ in 0..200 {
            let mut text = String::new();
            let mut quotes = Vec::new();
            for n in 0..20 {
                let sentence = format!(
                    "Source\n{} said that sector {n} saw movement \u{201C}{n}\u{201D} near the river \u{2014} 병력 {n}\n",
                    rng.below(500)
                );
                text.push_str(&sentence);
                text.push_str("Analysts cautioned that\u{A0}verification remains difficult. ");
                let quote = sentence
                    .replace('\n', " ")
                    .replace('\u{201C}', "\"")
                    .replace('\u{2014}', if rng.below(2) == 0 { "-" } else { "\u{2014}" });
                // Quotes that overlap the one before: its beginning, a piece inside, its end.
                let chars: Vec<char> = quote.chars().collect();
                let cut = rng.below(chars.len());
                let overlapping: String = match rng.below(4) {
                    0 => chars[..cut].iter().collect(),
                    1 => chars[cut / 2..cut].iter().collect(),
                    2 => chars[cut..].iter().collect(),
                    _ => String::new(),
                };
                quotes.push(if rng.below(10) == 0 {
                    quote.replace("river", "rivers")
                } else {
                    quote
                });
                if !overlapping.is_empty() {
                    quotes.push(overlapping);
                }
                // Now and then one from earlier in the text.
                if n > 3 && rng.below(8) == 0 {
                    quotes.push(quotes[rng.below(quotes.len())].clone());
                }
            }
            if rng.below(2) == 0 {
                quotes.reverse();
            }
            let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
            agrees(&text, &quotes);
        }
    }

    #[test]
    fn common_prefix_counts_the_bytes_alike() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len as u8).collect();
            assert_eq!(common_prefix(&a, &a), len);
            assert_eq!(common_prefix(&a, &a[..len / 2]), len / 2);
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x80;
                assert_eq!(common_prefix(&a, &b), at);
                assert_eq!(common_prefix(&b[..at + 1], &a), at);
            }
        }
    }

    /// The byte-wise white space and folding agree with `char::is_whitespace` and `fold_char`
    /// for every character, alone and amid text.
    #[test]
    fn byte_wise_character_checks_agree_with_char_for_every_character() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let space = if c.is_whitespace() { c.len_utf8() } else { 0 };
            let alone = c.to_string();
            let amid = format!("a{c}b");
            assert_eq!(space_len(alone.as_bytes(), 0), space, "{c:?}");
            assert_eq!(space_len(amid.as_bytes(), 1), space, "{c:?}");
            assert_eq!(ends_in_space(alone.as_bytes()), c.is_whitespace(), "{c:?}");
            assert_eq!(
                ends_in_space(&amid.as_bytes()[..amid.len() - 1]),
                c.is_whitespace()
            );
            let (key, len) = folded_char(amid.as_bytes(), 1);
            assert_eq!(len, c.len_utf8(), "{c:?}");
            assert_eq!(
                folded_char(fold_char(c).to_string().as_bytes(), 0).0,
                key,
                "{c:?}"
            );
        }
        // Folded characters that differ have keys that differ.
        let keys: std::collections::HashSet<u32> = (0..0x11_0000u32)
            .filter_map(char::from_u32)
            .filter(|&c| fold_char(c) == c)
            .map(|c| folded_char(c.to_string().as_bytes(), 0).0)
            .collect();
        assert_eq!(
            keys.len(),
            (0..0x11_0000u32).filter_map(char::from_u32).count() - 6
        );
    }

    proptest::proptest! {
        /// The direct search agrees with folding both sides and looking for a substring.
        #[test]
        fn direct_search_agrees_with_folding_everything(
            text in "[ab \n\t\u{a0}\u{201c}\u{201d}\"'\u{2014}-]{0,40}",
            start in 0usize..40,
            len in 0usize..12,
            other in "[ab \u{201c}\"-]{0,6}",
        ) {
            let chars: Vec<char> = text.chars().collect();
            let piece: String = chars.iter().skip(start).take(len).collect();
            for quote in [piece.as_str(), other.as_str()] {
                let expected = {
                    let q = fold(quote);
                    let q = q.trim();
                    !q.is_empty() && fold(&text).contains(q)
                };
                proptest::prop_assert_eq!(missing(&text, &[quote]).is_empty(), expected, "{:?} in {:?}", quote, text);
            }
        }

        /// Any text and quotes over the tricky alphabet: the same missing quotes, in the same
        /// order, the same folding and the same located ranges as the reference.
        #[test]
        fn everything_agrees_with_the_reference(
            text in proptest::collection::vec(proptest::sample::select(TRICKY), 0..40),
            quotes in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(TRICKY), 0..10), 0..5),
            pieces in proptest::collection::vec((0usize..40, 0usize..12), 0..4),
        ) {
            let text: String = text.into_iter().collect();
            let chars: Vec<char> = text.chars().collect();
            let mut quotes: Vec<String> = quotes.into_iter().map(|q| q.into_iter().collect()).collect();
            for (start, len) in pieces {
                quotes.push(chars.iter().skip(start).take(len).collect());
            }
            let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
            agrees(&text, &quotes);
        }
    }

    /// Characters for texts where a quote's first byte recurs past the candidate limit: mostly
    /// `a`, with white space, quotes and dashes in both spellings, and a multi-byte letter.
    const NEAR: &[char] = &[
        'a', 'a', 'a', 'a', 'b', ' ', ' ', '\n', '\u{A0}', '"', '\u{201C}', '-', '\u{2014}', '병',
    ];

    proptest::proptest! {
        /// Many quotes at once, most of them left to the pass that looks for them all together
        /// (by near misses past the candidate limit, or by a scan bound of a few bytes): pieces
        /// of the text, pieces with a character more, alike quotes, random ones and ones empty
        /// once folded. The same missing quotes as the reference, which looks for each alone.
        #[test]
        fn quotes_decided_together_agree_with_the_reference(
            text in proptest::collection::vec(proptest::sample::select(NEAR), 0..400),
            random in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(NEAR), 0..8), 0..20),
            pieces in proptest::collection::vec(
                (0usize..400, 0usize..24, proptest::option::of(proptest::sample::select(NEAR))),
                0..40),
            scan in proptest::sample::select(vec![0, 1, 7, 64, 300, SCAN]),
        ) {
            let text: String = text.into_iter().collect();
            let chars: Vec<char> = text.chars().collect();
            let mut quotes: Vec<String> = random.into_iter().map(|q| q.into_iter().collect()).collect();
            for (start, len, more) in pieces {
                let mut quote: String = chars.iter().skip(start).take(len).collect();
                quote.extend(more);
                quotes.push(quote);
            }
            if let Some(quote) = quotes.last().cloned() {
                quotes.push(quote);
            }
            let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(
                missing_within(&text, &quotes, scan),
                reference::missing(&text, &quotes),
                "{:?} in {:?}", quotes, text
            );
        }
    }

    /// Quotes past the scan bound, and many that share all but their ends, are decided by the
    /// pass over the folded text.
    #[test]
    fn far_quotes_and_many_alike_ones_agree_with_the_reference() {
        let text = format!(
            "{}Zed said\n\u{201C}so\u{201D}{}",
            "abc ".repeat(20_000),
            " z1 z12 z123 z9".repeat(100)
        );
        assert_eq!(
            missing(
                &text,
                &["Zed said \"so\"", "abc Zed", "Zed said no", "zzz", "abc"]
            ),
            vec![2, 3]
        );
        let quotes: Vec<String> = (0..2_000).map(|i| format!("z{i}")).collect();
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let missing = missing(&text, &quotes);
        assert_eq!(missing, reference::missing(&text, &quotes));
        assert_eq!(missing.len(), 2_000 - 4);
    }

    #[test]
    fn otherwise_the_match_is_exact() {
        let t = "North Korea has committed 12,000 troops";
        assert!(!contains(t, "north korea has committed 12,000 troops"));
        assert!(!contains(t, "12000 troops"));
        assert!(!contains(t, "   "));
    }
}
