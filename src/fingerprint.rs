//! A claim's fingerprint: a digest of what a reviewer judges — its topic, source, relays, quote,
//! figure (form and numbers) or stance, and stated date — written with every decision, so that a
//! decision whose claim has changed since is known to be stale.
//!
//! Stable across versions: the first 8 bytes of SHA-256 over the fields joined by the unit
//! separator (U+001F), each as written: ids, the quote as loaded, `exact:12000`,
//! `range:1100:1200`, `stance:affirms`, `stated:2024-10-18` (empty when absent). Numbers are
//! written in Rust's shortest round-trip form (`12000`, `0.5`). Documented in docs/format.md.

use sha2::{Digest, Sha256};

use crate::model::{Assertion, Figure, Model};

/// What a reviewer judges of a claim, as written: what its fingerprint is made of. `via`
/// yields the relays' ids, nearest the source first.
pub struct Judged<'a, V> {
    pub topic: &'a str,
    pub source: &'a str,
    pub via: V,
    pub quote: &'a str,
    pub assertion: Assertion,
    pub stated: Option<crate::model::Date>,
}

/// What a reviewer judges of claim `claim` of the model.
fn judged(model: &Model, claim: usize) -> Judged<'_, impl Iterator<Item = &str>> {
    let c = &model.claims[claim];
    Judged {
        topic: &model.topics[c.topic].id,
        source: &model.sources[c.source].id,
        via: c.via.iter().map(|&s| model.sources[s].id.as_str()),
        quote: &c.quote,
        assertion: c.assertion,
        stated: c.stated,
    }
}

/// Write the fields of `judged` into `out`: `next` is called before each field after the
/// first.
fn write_judged<'a, W: std::io::Write>(
    judged: Judged<'a, impl Iterator<Item = &'a str>>,
    out: &mut W,
    mut next: impl FnMut(&mut W),
) {
    // Writing into a hasher or a buffer cannot fail.
    let _ = out.write_all(judged.topic.as_bytes());
    next(out);
    let _ = out.write_all(judged.source.as_bytes());
    next(out);
    for (i, id) in judged.via.enumerate() {
        if i > 0 {
            let _ = out.write_all(b",");
        }
        let _ = out.write_all(id.as_bytes());
    }
    next(out);
    let _ = out.write_all(judged.quote.as_bytes());
    next(out);
    let _ = match judged.assertion {
        Assertion::Figure(Figure::Range { low, high }) => out
            .write_all(b"range:")
            .and_then(|()| write_number(out, low))
            .and_then(|()| out.write_all(b":"))
            .and_then(|()| write_number(out, high)),
        Assertion::Figure(
            f @ (Figure::Exact(v) | Figure::About(v) | Figure::AtLeast(v) | Figure::AtMost(v)),
        ) => out
            .write_all(f.form().as_bytes())
            .and_then(|()| out.write_all(b":"))
            .and_then(|()| write_number(out, v)),
        Assertion::Stance(s) => out
            .write_all(b"stance:")
            .and_then(|()| out.write_all(s.as_str().as_bytes())),
    };
    next(out);
    if let Some(d) = judged.stated {
        let _ = write_date(out, d);
    }
}

/// `v` as Rust's `Display` writes it (`12000`, `0.5`, `-0`): whole numbers, nearly every
/// figure, by `itoa`; the rest by `core::fmt`, which costs more than hashing the claim.
fn write_number<W: std::io::Write>(out: &mut W, v: f64) -> std::io::Result<()> {
    // Below 2^53 a whole number converts to an integer exactly. -0 is written with its sign.
    if v.fract() == 0.0 && v.abs() < 9.0e15 && !(v == 0.0 && v.is_sign_negative()) {
        return out.write_all(itoa::Buffer::new().format(v as i64).as_bytes());
    }
    write!(out, "{v}")
}

/// A date as `Date`'s `Display` writes it (`2024-10-18`, `0007-01-09`).
fn write_date<W: std::io::Write>(out: &mut W, d: crate::model::Date) -> std::io::Result<()> {
    match d.digits() {
        Some(text) => out.write_all(&text),
        None => write!(out, "{d}"),
    }
}

/// The fingerprint of claim `claim` (an index into the model's claims).
pub fn of(model: &Model, claim: usize) -> u64 {
    of_with(model, claim, &mut Vec::new())
}

/// [`of`]: as the loader computed it, else computed now, the fields written into `buf` first
/// and hashed at once (one call of the hasher costs less than a dozen small ones). A caller
/// fingerprinting many claims passes the same `buf` each time.
pub fn of_with(model: &Model, claim: usize, buf: &mut Vec<u8>) -> u64 {
    model.claims[claim]
        .fingerprint
        .unwrap_or_else(|| computed(model, claim, buf))
}

/// The fingerprint of claim `claim`, computed from its fields.
fn computed(model: &Model, claim: usize, buf: &mut Vec<u8>) -> u64 {
    of_judged(judged(model, claim), buf)
}

/// The fingerprint of a claim as written (what [`of`] gives once it is loaded): the loader
/// computes it while the claim's text is at hand. `buf` as for [`of_with`].
pub fn of_judged<'a>(judged: Judged<'a, impl Iterator<Item = &'a str>>, buf: &mut Vec<u8>) -> u64 {
    buf.clear();
    write_judged(judged, buf, |b| b.extend_from_slice(SEPARATOR));
    first_bytes(buf)
}

/// Between fields: the unit separator, U+001F.
const SEPARATOR: &[u8] = "\u{1f}".as_bytes();

/// The first 8 bytes of the SHA-256 of `fields`.
fn first_bytes(fields: &[u8]) -> u64 {
    let digest = Sha256::digest(fields);
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// The names of the fields, in the order [`Fields`] keeps them.
pub const FIELD_NAMES: [&str; 6] = [
    "topic",
    "source",
    "relays",
    "quote",
    "figure or stance",
    "date",
];

/// A short digest of each field (the first 2 bytes of its SHA-256), written beside the
/// fingerprint so that a stale decision can say what changed.
pub type Fields = [u16; 6];

/// The field digests of claim `claim`.
pub fn fields(model: &Model, claim: usize) -> Fields {
    let mut out = [0u16; 6];
    let mut at = 0;
    let short = |hasher: &mut Sha256| {
        let digest = std::mem::take(hasher).finalize();
        u16::from_be_bytes([digest[0], digest[1]])
    };
    let mut hasher = Sha256::new();
    write_judged(judged(model, claim), &mut hasher, |h| {
        out[at] = short(h);
        at += 1;
    });
    out[at] = short(&mut hasher);
    out
}

/// As written in journals: six groups of 4 hex digits joined by `.`.
pub fn fields_hex(fields: &Fields) -> String {
    fields
        .iter()
        .map(|f| format!("{f:04x}"))
        .collect::<Vec<_>>()
        .join(".")
}

/// Field digests as written, if they are.
pub fn parse_fields(text: &str) -> Option<Fields> {
    // `hhhh.hhhh.hhhh.hhhh.hhhh.hhhh`: 6 groups of 4 hex digits, a `.` after each but the last.
    let b: &[u8; 29] = text.as_bytes().try_into().ok()?;
    if [b[4], b[9], b[14], b[19], b[24]] != [b'.'; 5] {
        return None;
    }
    let group = |i: usize| {
        HEX[usize::from(b[i])] << 12
            | HEX[usize::from(b[i + 1])] << 8
            | HEX[usize::from(b[i + 2])] << 4
            | HEX[usize::from(b[i + 3])]
    };
    let groups = [
        group(0),
        group(5),
        group(10),
        group(15),
        group(20),
        group(25),
    ];
    // An invalid digit leaves a bit above the group's 16.
    if groups.iter().fold(0, |all, g| all | g) >> 16 != 0 {
        return None;
    }
    Some(groups.map(|g| g as u16))
}

/// What each byte is worth as a hex digit (either case); for any other byte, a bit that no
/// shift by up to 7 digits moves out of a `u64`, or into the low 32 bits.
const HEX: [u64; 256] = {
    let mut table = [1 << 32; 256];
    let mut i = 0;
    while i < 16 {
        table[b"0123456789abcdef"[i] as usize] = i as u64;
        table[b"0123456789ABCDEF"[i] as usize] = i as u64;
        i += 1;
    }
    table
};

/// Eight hex digits, with a bit at 32 or above when one is not a digit.
fn hex8(b: &[u8]) -> u64 {
    b.iter()
        .take(8)
        .fold(0, |value, &digit| value << 4 | HEX[usize::from(digit)])
}

/// The names of the fields that differ (a change can, rarely, keep a field's short digest:
/// then fewer are named than changed).
pub fn changed(before: &Fields, now: &Fields) -> Vec<&'static str> {
    FIELD_NAMES
        .iter()
        .zip(before.iter().zip(now))
        .filter(|(_, (a, b))| a != b)
        .map(|(name, _)| *name)
        .collect()
}

/// As written in journals and exports: 16 lowercase hex digits.
pub fn hex(fingerprint: u64) -> crate::format::Ascii<16> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    // Sixteen ASCII digits, held in place (an export writes one for each claim).
    crate::format::Ascii::fixed(std::array::from_fn(|i| {
        DIGITS[(fingerprint >> (60 - 4 * i) & 0xF) as usize]
    }))
}

/// A fingerprint as written, if it is one.
pub fn parse(text: &str) -> Option<u64> {
    let digits: &[u8; 16] = text.as_bytes().try_into().ok()?;
    let (high, low) = (hex8(&digits[..8]), hex8(&digits[8..]));
    ((high | low) >> 32 == 0).then_some(high << 32 | low)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::tiny_model;

    #[test]
    fn the_fingerprint_is_stable_and_changes_with_what_a_reviewer_judges() {
        let model = tiny_model();
        let base = of(&model, 0);
        // Pinned: a change here would make every decision written before it stale.
        assert_eq!(hex(base), hex(of(&tiny_model(), 0)));
        assert_eq!(parse(&hex(base)), Some(base));
        let changed = |f: &dyn Fn(&mut Model)| {
            let mut m = tiny_model();
            f(&mut m);
            of(&m, 0)
        };
        assert_ne!(changed(&|m| m.claims[0].quote = "other".into()), base);
        assert_ne!(
            changed(&|m| m.claims[0].assertion = Assertion::Figure(Figure::Exact(1.0))),
            base
        );
        assert_ne!(
            changed(&|m| m.claims[0].stated = Some(crate::model::Date {
                year: 2024,
                month: 1,
                day: 1
            })),
            base
        );
        // What a reviewer does not judge leaves it alone: the claim's id, its grade, its place.
        assert_eq!(changed(&|m| m.claims[0].id = "renamed".into()), base);
        assert_eq!(changed(&|m| m.claims[0].credibility = Some(2)), base);
        // Two claims that read the same have the same fingerprint.
        assert_eq!(of(&model, 1), base);
    }

    #[test]
    fn field_digests_say_which_fields_changed() {
        let model = tiny_model();
        let before = fields(&model, 0);
        assert_eq!(parse_fields(&fields_hex(&before)), Some(before));
        let mut m = tiny_model();
        m.claims[0].quote = "other".into();
        m.claims[0].assertion = Assertion::Figure(Figure::Exact(1.0));
        assert_eq!(
            changed(&before, &fields(&m, 0)),
            ["quote", "figure or stance"]
        );
        assert_eq!(parse_fields("1.2.3"), None);
        assert_eq!(parse_fields("0000.0000.0000.0000.0000.0000.0000"), None);
        assert_eq!(parse_fields("0000.0000.0000.0000.0000"), None);
        assert_eq!(parse_fields("000g.0000.0000.0000.0000.0000"), None);
        assert_eq!(
            parse_fields("0000.ffff.FFFF.1234.abcd.9a0B"),
            Some([0, 0xffff, 0xffff, 0x1234, 0xabcd, 0x9a0b])
        );
        for bad in [
            "",
            "0000.0000.0000.0000.0000",
            "0000.0000.0000.0000.0000.0000.",
            "0000.0000.0000.0000.0000.00000",
            "0000.0000.0000.0000.0000:0000",
            "0000.0000.0000.0000.00000000.",
            "00000.000.0000.0000.0000.0000",
            "0000.0000.0000.0000.0000.+000",
            "0000.0000.0000.0000.0000.é00",
        ] {
            assert_eq!(parse_fields(bad), None, "{bad}");
        }
        let good = "0123.4567.89ab.cdef.ABCD.EF00";
        assert_eq!(
            parse_fields(good),
            Some([0x0123, 0x4567, 0x89ab, 0xcdef, 0xabcd, 0xef00])
        );
        for at in 0..good.len() {
            for bad in ['g', '/', ':', '@', '`', '.', '0'] {
                let mut text: Vec<char> = good.chars().collect();
                if text[at] == bad || (bad == '0' && text[at] != '.') {
                    continue;
                }
                text[at] = bad;
                let text: String = text.into_iter().collect();
                assert_eq!(parse_fields(&text), None, "{text:?}");
            }
        }
    }

    /// The digests as first defined: the fields as strings, joined by U+001F.
    fn reference(model: &Model, claim: usize) -> (u64, Fields) {
        let c = &model.claims[claim];
        let via: Vec<&str> = c
            .via
            .iter()
            .map(|&s| model.sources[s].id.as_str())
            .collect();
        let assertion = match c.assertion {
            Assertion::Figure(Figure::Range { low, high }) => format!("range:{low}:{high}"),
            Assertion::Figure(f) => format!("{}:{}", f.form(), f.value().unwrap()),
            Assertion::Stance(s) => format!("stance:{}", s.as_str()),
        };
        let texts = [
            model.topics[c.topic].id.clone(),
            model.sources[c.source].id.clone(),
            via.join(","),
            c.quote.clone(),
            assertion,
            c.stated.map(|d| d.to_string()).unwrap_or_default(),
        ];
        let digest = Sha256::digest(texts.join("\u{1f}").as_bytes());
        let whole = u64::from_be_bytes(digest[..8].try_into().unwrap());
        let fields = texts.map(|t| {
            let d = Sha256::digest(t.as_bytes());
            u16::from_be_bytes([d[0], d[1]])
        });
        (whole, fields)
    }

    #[test]
    fn digests_are_those_of_the_fields_joined_by_the_unit_separator() {
        let mut model = tiny_model();
        // Pinned: a change here would make every decision written before it stale.
        assert_eq!(hex(of(&model, 0)), hex(reference(&model, 0).0));
        model.sources.push(crate::model::Source {
            id: "relay".into(),
            ..model.sources[0].clone()
        });
        let variants: [&dyn Fn(&mut crate::model::Claim); 18] = [
            &|c| c.via = vec![1, 0],
            &|c| {
                c.assertion = Assertion::Figure(Figure::Range {
                    low: 1100.0,
                    high: 1200.5,
                })
            },
            &|c| c.assertion = Assertion::Figure(Figure::AtLeast(10000.0)),
            &|c| c.quote = "«about» 12 000 — troops".into(),
            &|c| {
                c.stated = Some(crate::model::Date {
                    year: 2024,
                    month: 10,
                    day: 18,
                })
            },
            &|c| c.assertion = Assertion::Figure(Figure::Exact(-0.0)),
            &|c| c.assertion = Assertion::Figure(Figure::About(-12.0)),
            &|c| c.assertion = Assertion::Figure(Figure::AtMost(0.0)),
            &|c| c.assertion = Assertion::Figure(Figure::Exact(1e15)),
            &|c| c.assertion = Assertion::Figure(Figure::Exact(999_999_999_999_999.0)),
            &|c| c.assertion = Assertion::Figure(Figure::Exact(1e300)),
            &|c| c.assertion = Assertion::Figure(Figure::Exact(0.1 + 0.2)),
            &|c| c.assertion = Assertion::Figure(Figure::Exact(-8_999_999_999_999_999.0)),
            &|c| c.assertion = Assertion::Figure(Figure::Exact(9.0e15)),
            &|c| c.assertion = Assertion::Figure(Figure::Exact(-1e-7)),
            &|c| {
                c.assertion = Assertion::Figure(Figure::Range {
                    low: -3.0,
                    high: 1e22,
                })
            },
            &|c| {
                c.stated = Some(crate::model::Date {
                    year: 65535,
                    month: 255,
                    day: 0,
                })
            },
            &|c| {
                c.stated = Some(crate::model::Date {
                    year: 7,
                    month: 1,
                    day: 9,
                })
            },
        ];
        for (i, change) in variants.iter().enumerate() {
            change(&mut model.claims[1]);
            assert_eq!(
                (of(&model, 1), fields(&model, 1)),
                reference(&model, 1),
                "after change {i}"
            );
        }
    }

    proptest::proptest! {
        /// Numbers and dates are written as `Display` writes them, whole or not.
        #[test]
        fn numbers_and_dates_are_written_as_display_writes_them(
            whole in proptest::num::i64::ANY,
            any in proptest::num::f64::ANY,
            year in 0u16..=u16::MAX,
            month in 0u8..=u8::MAX,
            day in 0u8..=u8::MAX,
        ) {
            for v in [whole as f64, (whole % 100_000) as f64, any, -any, any.trunc()] {
                let mut out = Vec::new();
                write_number(&mut out, v).unwrap();
                proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), v.to_string());
            }
            let d = crate::model::Date { year, month, day };
            let mut out = Vec::new();
            write_date(&mut out, d).unwrap();
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), d.to_string());
            proptest::prop_assert_eq!(d.text().to_string(), d.to_string());
        }

        /// A fingerprint is written as sixteen lowercase hexadecimal digits, and read back.
        #[test]
        fn fingerprints_are_written_in_sixteen_hexadecimal_digits(f in proptest::num::u64::ANY) {
            proptest::prop_assert_eq!(hex(f).to_string(), format!("{f:016x}"));
            proptest::prop_assert_eq!(parse(&hex(f)), Some(f));
        }
    }

    #[test]
    fn fingerprints_computed_as_claims_load_are_those_of_the_loaded_claims() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["data", "tests/fixtures/exports-v2", "tests/fixtures/ui-v2"] {
            let loaded = crate::load::load(&[root.join(dir)]);
            let model = &loaded.model;
            for (i, claim) in model.claims.iter().enumerate() {
                let Some(f) = claim.fingerprint else {
                    continue;
                };
                assert_eq!(f, computed(model, i, &mut Vec::new()), "{}", claim.id);
                checked += 1;
            }
            let unprinted = crate::load::load_with(&[root.join(dir)], false);
            assert!(
                unprinted
                    .model
                    .claims
                    .iter()
                    .all(|c| c.fingerprint.is_none())
            );
        }
        assert!(checked > 20, "{checked}");
    }

    #[test]
    fn only_sixteen_hex_digits_parse() {
        assert_eq!(parse("9f2c4e1a0b7d3e55"), Some(0x9f2c_4e1a_0b7d_3e55));
        for bad in [
            "",
            "9f2c",
            "9f2c4e1a0b7d3e5g",
            "9f2c4e1a0b7d3e551",
            "+f2c4e1a0b7d3e55",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(parse("0123456789ABCDEF"), Some(0x0123_4567_89ab_cdef));
        assert_eq!(parse("ffffffffffffffff"), Some(u64::MAX));
        // Whatever is not a hex digit, wherever it is, in either half.
        for at in 0..16 {
            for bad in ['g', 'G', '/', ':', '@', '`', ' ', '.', '\0'] {
                let mut text: Vec<char> = "9f2c4e1a0b7d3e55".chars().collect();
                text[at] = bad;
                let text: String = text.into_iter().collect();
                assert_eq!(parse(&text), None, "{text:?}");
            }
        }
    }
}
