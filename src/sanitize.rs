//! The one sanitiser for untrusted text (claim files, report texts, journal notes, toml's own
//! messages): terminal escape sequences, C0/C1 controls and bidi overrides never leave it.

use std::borrow::Cow;

/// Clean text for one line of output: escape sequences are dropped, newlines and tabs become
/// spaces, other controls and bidi controls are dropped.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// Clean multi-line text: like [`line`], but newlines are kept (CRLF becomes LF).
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// True when `c` would be dropped or replaced by the sanitiser.
fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidi embeddings, overrides and isolates (Trojan-source), plus the invisible marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` holds anything the sanitiser removes, judged on its UTF-8 bytes: C0 controls and
/// DEL, C1 controls (C2 80..9F), U+061C (D8 9C) and the bidi controls U+200E/F, U+202A..E and
/// U+2066..9 (E2 80 8E/8F/AA..AE, E2 81 A6..A9). Typographic quotes and dashes (also E2 …) pass
/// without decoding a character, which keeps clean text — nearly all of it — fast.
///
/// Sixteen places at a time are judged together, each from its byte and the two after it, in
/// comparisons the compiler turns into vector instructions; the last places are judged as the
/// last window (overlapping the one before), or, in a string shorter than a window, as the
/// string padded with plain bytes.
fn has_unsafe(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    let mut at = 0;
    while let Some(window) = b.get(at..).and_then(<[u8]>::first_chunk::<WINDOW>) {
        if unsafe_in(window) {
            return true;
        }
        at += PLACES;
    }
    if at == n {
        return false;
    }
    match b.last_chunk::<WINDOW>() {
        // The window's last two places have their look-ahead past the end: one by one.
        Some(last) => unsafe_in(last) || unsafe_at(b, n - 2) || unsafe_at(b, n - 1),
        None => {
            let mut padded = [b'a'; WINDOW];
            padded[..n].copy_from_slice(b);
            unsafe_in(&padded) || (n > PLACES && unsafe_at(b, PLACES))
        }
    }
}

/// The places judged together, and the bytes they are judged from.
const PLACES: usize = 16;
const WINDOW: usize = PLACES + 2;

/// Whether a character the sanitiser removes begins at one of the first sixteen places of
/// `w`: the byte rules of [`unsafe_at`], written without branches.
#[inline]
fn unsafe_in(w: &[u8; WINDOW]) -> bool {
    let mut any = false;
    for k in 0..PLACES {
        let (c0, c1, c2) = (w[k], w[k + 1], w[k + 2]);
        let bidi = (c1 == 0x80) & ((c2.wrapping_sub(0x8E) < 2) | (c2.wrapping_sub(0xAA) < 5))
            | (c1 == 0x81) & (c2.wrapping_sub(0xA6) < 4);
        any |= (c0 < 0x20)
            | (c0 == 0x7F)
            | (c0 == 0xC2) & (c1.wrapping_sub(0x80) < 0x20)
            | (c0 == 0xD8) & (c1 == 0x9C)
            | (c0 == 0xE2) & bidi;
    }
    any
}

/// Whether a character the sanitiser removes begins at `b[i]` (false past the end).
#[inline]
fn unsafe_at(b: &[u8], i: usize) -> bool {
    let Some(&first) = b.get(i) else {
        return false;
    };
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    match first {
        0x00..=0x1F | 0x7F => true,
        0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
        0xD8 => at(i + 1) == 0x9C,
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x8E | 0x8F | 0xAA..=0xAE),
            0x81 => matches!(at(i + 2), 0xA6..=0xA9),
            _ => false,
        },
        _ => false,
    }
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !has_unsafe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI, OSC, DCS, SOS, PM, APC introduce sequences just like their ESC forms.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: CSI (`ESC [`), string sequences (`ESC ] P X ^ _`), or a two-character escape.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        _ => {}
    }
}

/// Parameters and intermediates up to the final byte `@`..`~`.
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || c == '\n' {
            break;
        }
    }
}

/// Up to BEL, ST (`ESC \` or U+009C), or the end of the line.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' | '\n' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// The URL when it is a web address (`http:` or `https:` with a host, nothing that could end
/// a link or a field): only such a URL becomes a link or a URL field. `javascript:`, `data:`,
/// `file:` and the like are shown as text or refused.
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let host_ends = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let clean = |c: char| {
        !c.is_control() && !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '`' | '\\')
    };
    (host_ends > 0 && url.chars().all(clean)).then_some(url)
}

/// Today's implementation, kept verbatim as the reference the faster one is tested against.
#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    /// Escape sequence parts, every kind of control, bidi controls and their near neighbours
    /// (same lead bytes), typographic characters and letters.
    const TRICKY: &[char] = &[
        'a', 'm', '0', ';', '@', '~', '[', ']', 'P', 'X', '^', '_', '\\', ' ', '\u{1b}', '\u{7}',
        '\u{0}', '\u{1F}', '\u{7F}', '\n', '\r', '\t', '\u{80}', '\u{85}', '\u{90}', '\u{98}',
        '\u{9B}', '\u{9C}', '\u{9D}', '\u{9E}', '\u{9F}', '\u{A0}', '\u{BF}', '\u{61B}', '\u{61C}',
        '\u{200D}', '\u{200E}', '\u{200F}', '\u{2014}', '\u{201C}', '\u{2029}', '\u{202A}',
        '\u{202E}', '\u{202F}', '\u{2065}', '\u{2066}', '\u{2069}', '\u{206A}', '\u{3000}', '병',
        '😀',
    ];

    fn agrees(s: &str) {
        for (ours, theirs) in [(line(s), reference::line(s)), (text(s), reference::text(s))] {
            assert_eq!(ours, theirs, "{s:?}");
            assert_eq!(
                matches!(ours, Cow::Borrowed(_)),
                matches!(theirs, Cow::Borrowed(_)),
                "{s:?}"
            );
        }
        assert_eq!(has_unsafe(s), reference::has_unsafe(s), "{s:?}");
    }

    /// The branch-free window agrees with the byte rules at every place, for every byte pair
    /// and, after E2, every third byte.
    #[test]
    fn the_window_agrees_with_the_byte_rules() {
        let all: Vec<u8> = (0..=255).collect();
        let some = [0x00, 0x80, 0x8E, 0x9C, 0xA6, 0xAA, 0xFF];
        for &c0 in &all {
            for &c1 in &all {
                for &c2 in if c0 == 0xE2 { &all[..] } else { &some[..] } {
                    for place in [0, 7, PLACES - 1] {
                        let mut w = [b'a'; WINDOW];
                        w[place..place + 3].copy_from_slice(&[c0, c1, c2]);
                        let expected = (0..PLACES).any(|k| unsafe_at(&w, k));
                        assert_eq!(unsafe_in(&w), expected, "{c0:x} {c1:x} {c2:x} at {place}");
                    }
                }
            }
        }
    }

    /// 200,000 seeded strings (40,000 in a debug build; splitmix64), from empty to a few hundred
    /// bytes, mostly plain text with a tricky character or sequence here and there, against the
    /// reference.
    #[test]
    fn seeded_cases_agree_with_the_reference() {
        let mut state: u64 = 0x5EED_5A71;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as usize
        };
        let plain: Vec<char> = "Source 52 said that 1040 troops — “병력” "
            .chars()
            .collect();
        // Fewer in a debug build (CI's plain `cargo test`), where each costs several times more.
        for _ in 0..200_000 / if cfg!(debug_assertions) { 5 } else { 1 } {
            let len = next() % 80;
            let tricky_every = 1 + next() % 40;
            let s: String = (0..len)
                .map(|_| {
                    if next() % tricky_every == 0 {
                        TRICKY[next() % TRICKY.len()]
                    } else {
                        plain[next() % plain.len()]
                    }
                })
                .collect();
            agrees(&s);
        }
    }

    #[test]
    fn every_character_alone_and_amid_text_agrees_with_the_reference() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            agrees(&c.to_string());
        }
        for c in (0..0x3100u32)
            .chain(0xFE00..0xFF00)
            .filter_map(char::from_u32)
        {
            for pad in 0..18 {
                let s = format!("{}{c}{}", "a".repeat(pad), "b".repeat(17 - pad));
                agrees(&s);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn anything_agrees_with_the_reference(
            s in proptest::collection::vec(proptest::sample::select(TRICKY), 0..60),
        ) {
            let s: String = s.into_iter().collect();
            agrees(&s);
        }

        #[test]
        fn any_string_agrees_with_the_reference(s in "\\PC*|.*") {
            agrees(&s);
        }
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(line("12,000 troops — 병력"), Cow::Borrowed(_)));
    }

    #[test]
    fn csi_sequences_are_dropped_whole() {
        assert_eq!(line("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(line("x\u{9b}2Jy"), "xy");
    }

    #[test]
    fn osc_title_change_is_dropped_with_either_terminator() {
        assert_eq!(line("NIS\u{1b}]0;pwned\u{7} ok"), "NIS ok");
        assert_eq!(line("NIS\u{1b}]2;pwned\u{1b}\\ ok"), "NIS ok");
        assert_eq!(line("NIS\u{9d}0;pwned\u{9c} ok"), "NIS ok");
    }

    #[test]
    fn controls_and_bidi_overrides_are_dropped() {
        assert_eq!(line("a\u{0}b\u{7}c\u{85}d"), "abcd");
        assert_eq!(line("admin\u{202E}txt.exe"), "admintxt.exe");
        assert_eq!(line("a\u{2066}b\u{2069}"), "ab");
    }

    #[test]
    fn line_turns_breaks_into_spaces_and_text_keeps_them() {
        assert_eq!(line("a\nb\tc\r\nd"), "a b c  d");
        assert_eq!(text("a\r\nb\rc\nd"), "a\nb\nc\nd");
    }

    #[test]
    fn the_byte_check_agrees_with_the_character_check() {
        // Every character up to U+3000 and a few beyond, alone and amid text.
        for c in (0..0x3100u32)
            .chain([0xFEFF, 0x1F680, 0xE0001])
            .filter_map(char::from_u32)
        {
            let alone = c.to_string();
            let amid = format!("a “{c}” —");
            assert_eq!(has_unsafe(&alone), is_unsafe(c), "{:?}", c);
            assert_eq!(has_unsafe(&amid), is_unsafe(c), "{:?}", c);
        }
    }

    #[test]
    fn an_unterminated_sequence_ends_at_the_text_end() {
        assert_eq!(line("ok\u{1b}]0;never ends"), "ok");
        assert_eq!(line("ok\u{1b}"), "ok");
    }

    #[test]
    fn only_http_and_https_addresses_are_web_urls() {
        for good in [
            "https://www.novinite.com/articles/1",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/a?b=c#d",
        ] {
            assert_eq!(web_url(good), Some(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "vbscript:x",
            "https://",
            "http:///path",
            "https://a.example/<script>",
            "https://a.example/\u{1b}[31m",
            "https://a.example/ b",
            "//example.org",
            "",
        ] {
            assert_eq!(web_url(bad), None, "{bad:?}");
        }
    }
}
