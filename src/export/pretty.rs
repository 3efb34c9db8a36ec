//! JSON written by hand in serde_json's pretty layout (two spaces a level): the summary's
//! topics, a hundred thousand claims of two dozen fields each, are written this way because
//! serde's field-by-field calls and per-byte escaping cost more than the rest of an export
//! (the summary's tests compare every byte with serde_json's own output).

/// A JSON value being written, `depth` levels in.
pub struct Pretty<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    /// Whether the object or array being written has a value yet (as serde_json's formatter
    /// keeps it: one flag, set by every value).
    has_value: bool,
}

/// `,` and a line break, then indentation for sixteen levels (the summary goes seven deep).
const LINE: &[u8; 2 + 2 * 16] = b",\n                                ";

/// `"name": `, an object's key as [`Pretty::key`] takes it, made when compiled.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\": ")
    };
}
pub(crate) use key;

impl<'o> Pretty<'o> {
    pub fn at(out: &'o mut Vec<u8>, depth: usize) -> Self {
        Pretty {
            out,
            depth,
            has_value: false,
        }
    }

    /// A new line at the current depth, after a `,` unless `first`: the whole of [`LINE`] (a
    /// copy of a size known when compiled, which takes a few instructions), cut to its depth.
    #[inline(always)]
    fn line(&mut self, first: bool) {
        let start = self.out.len();
        let (line, len): (&[u8], usize) = if first {
            (&LINE[1..], 1 + 2 * self.depth)
        } else {
            (&LINE[..], 2 + 2 * self.depth)
        };
        self.out.extend_from_slice(line);
        if len <= line.len() {
            self.out.truncate(start + len);
        } else {
            self.out.resize(start + len, b' ');
        }
    }

    /// `{` or `[`.
    #[inline(always)]
    pub fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    /// `}` or `]`, on a line of its own unless nothing was written inside.
    #[inline(always)]
    pub fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.has_value {
            self.line(true);
        }
        self.out.push(bracket);
        self.has_value = true;
    }

    /// An object's key, before its value: `quoted` is the key as written, `"name": ` (see
    /// [`key!`]; plain ASCII, as every key of the summary is).
    #[inline(always)]
    pub fn key(&mut self, first: bool, quoted: &str) {
        self.line(first);
        self.out.extend_from_slice(quoted.as_bytes());
    }

    /// An array's item, before its value.
    #[inline(always)]
    pub fn item(&mut self, first: bool) {
        self.line(first);
    }

    /// A string, escaped as serde_json escapes: `"`, `\` and control characters (with their
    /// short forms where JSON has them), nothing else.
    #[inline(always)]
    pub fn str(&mut self, s: &str) {
        if !self.short(s.as_bytes()) {
            self.long(s);
        }
    }

    /// [`Pretty::str`] past [`Pretty::short`]'s reach.
    #[inline(never)]
    fn long(&mut self, s: &str) {
        let bytes = s.as_bytes();
        if plain(bytes) {
            return self.ascii(s);
        }
        self.out.push(b'"');
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                0x00..=0x1F => b"",
                _ => continue,
            };
            self.out.extend_from_slice(&bytes[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.extend_from_slice(b"\\u00");
                self.out.push(HEX[usize::from(b >> 4)]);
                self.out.push(HEX[usize::from(b & 0xF)]);
            } else {
                self.out.extend_from_slice(escape);
            }
            start = i + 1;
        }
        self.out.extend_from_slice(&bytes[start..]);
        self.out.push(b'"');
        self.has_value = true;
    }

    /// A string of up to 16 bytes (an id, a name: most of a summary's strings) with nothing to
    /// escape, judged and copied in two overlapping pieces, each of a size known when compiled:
    /// no loop and no call to `memcpy`. False, with nothing written, when it is longer or has
    /// something to escape.
    #[inline(always)]
    fn short(&mut self, bytes: &[u8]) -> bool {
        let n = bytes.len();
        if n > 16 {
            return false;
        }
        // `"`, the string, `"`, and what is left of the 18 bytes cut off after.
        let mut quoted = [b'"'; 18];
        if n < 4 {
            if n > 0 {
                // The first, middle and last bytes (some the same) are all of them; what is
                // judged is padded with spaces, which need no escape.
                let (first, middle, last) = (bytes[0], bytes[n / 2], bytes[n - 1]);
                let padded = [first, middle, last, b' ', b' ', b' ', b' ', b' '];
                if !plain_word(u64::from_le_bytes(padded)) {
                    return false;
                }
                quoted[1] = first;
                quoted[1 + n / 2] = middle;
                quoted[n] = last;
            }
        } else if n >= 8 {
            let (head, tail) = (word::<8>(bytes, 0), word::<8>(bytes, n - 8));
            if !plain_word(u64::from_le_bytes(head)) || !plain_word(u64::from_le_bytes(tail)) {
                return false;
            }
            quoted[1..9].copy_from_slice(&head);
            quoted[n - 7..n + 1].copy_from_slice(&tail);
        } else {
            let (head, tail) = (word::<4>(bytes, 0), word::<4>(bytes, n - 4));
            let both =
                u64::from(u32::from_le_bytes(head)) | u64::from(u32::from_le_bytes(tail)) << 32;
            if !plain_word(both) {
                return false;
            }
            quoted[1..5].copy_from_slice(&head);
            quoted[n - 3..n + 1].copy_from_slice(&tail);
        }
        quoted[n + 1] = b'"';
        let start = self.out.len();
        self.out.extend_from_slice(&quoted);
        self.out.truncate(start + n + 2);
        self.has_value = true;
        true
    }

    /// A string made by the program that has nothing to escape: a name from a fixed list, a
    /// date, a time, hexadecimal digits. Never text from a file.
    #[inline(always)]
    pub fn ascii(&mut self, s: &str) {
        debug_assert!(plain(s.as_bytes()), "{s:?} has something to escape");
        self.out.push(b'"');
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b'"');
        self.has_value = true;
    }

    pub fn opt_ascii(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.ascii(s),
            None => self.null(),
        }
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// A time, a date or a fingerprint: its bytes copied as they are, a size known when compiled.
    #[inline(always)]
    pub fn made<const N: usize>(&mut self, text: &crate::format::Ascii<N>) {
        match text.as_fixed() {
            Some(bytes) => {
                self.out.push(b'"');
                self.out.extend_from_slice(bytes);
                self.out.push(b'"');
                self.has_value = true;
            }
            None => self.str(text),
        }
    }

    pub fn opt_made<const N: usize>(&mut self, text: Option<&crate::format::Ascii<N>>) {
        match text {
            Some(text) => self.made(text),
            None => self.null(),
        }
    }

    #[inline(always)]
    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
        self.has_value = true;
    }

    #[inline(always)]
    pub fn bool(&mut self, b: bool) {
        self.out
            .extend_from_slice(if b { b"true" } else { b"false" });
        self.has_value = true;
    }

    pub fn uint(&mut self, n: u64) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        self.has_value = true;
    }

    pub fn opt_uint(&mut self, n: Option<u64>) {
        match n {
            Some(n) => self.uint(n),
            None => self.null(),
        }
    }

    /// Any other value, as serde_json writes it (numbers that are not whole, say).
    pub fn value<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> std::io::Result<()> {
        serde_json::to_writer(&mut *self.out, value).map_err(std::io::Error::from)?;
        self.has_value = true;
        Ok(())
    }
}

/// Whether `bytes` hold nothing that JSON escapes (`"`, `\\`, control characters), as nearly
/// every string of a summary does: judged 32 bytes at a time without stopping early, so that
/// the compiler checks them in vector registers, and what is left (most strings are short) 8
/// bytes at a time in one integer.
fn plain(bytes: &[u8]) -> bool {
    let mut long = bytes.chunks_exact(32);
    let plain_long = long.by_ref().all(|chunk| {
        chunk.iter().fold(true, |plain, &b| {
            plain & (b >= 0x20) & (b != b'"') & (b != b'\\')
        })
    });
    plain_long
        && long.remainder().chunks(8).all(|word| {
            // Padded with spaces, which need no escape.
            let mut padded = [b' '; 8];
            for (to, &b) in padded.iter_mut().zip(word) {
                *to = b;
            }
            plain_word(u64::from_le_bytes(padded))
        })
}

/// `N` bytes of `bytes` from `at` (which the caller keeps in range).
#[inline(always)]
fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    bytes
        .get(at..at + N)
        .and_then(|w| w.try_into().ok())
        .unwrap_or([b' '; N])
}

/// Whether no byte of `x` is below a space, a `"` or a `\\` (the classic tests for a byte
/// below `n` or equal to zero in a word: exact as to whether there is one).
fn plain_word(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let below_space = below(x, 0x20);
    let quote = below(x ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(x ^ (ONES * u64::from(b'\\')), 1);
    below_space | quote | backslash == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Strings are escaped byte for byte as serde_json escapes them.
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in "(\\PC|[\\x00-\\x1f\\x7f\"\\\\/])*") {
            let mut out = Vec::new();
            Pretty::at(&mut out, 0).str(&s);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn whole_numbers_are_written_as_serde_json_writes_them(n in proptest::num::u64::ANY) {
            let mut out = Vec::new();
            Pretty::at(&mut out, 0).uint(n);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    proptest::proptest! {
        /// Short strings (taken two words at a time) too, at every length around the words'.
        #[test]
        fn short_strings_are_escaped_as_serde_json_escapes_them(
            s in "(\\PC|[\\x00-\\x1f\\x7f\"\\\\/]){0,20}",
            plain in "[a-z0-9\\-é]{0,20}",
            at in 0usize..20,
        ) {
            // A plain string of any length, and that string with something to escape at `at`.
            let mut spoiled = plain.clone();
            let place = plain.char_indices().nth(at).map_or(plain.len(), |(i, _)| i);
            spoiled.insert(place, '"');
            for s in [&s, &plain, &spoiled] {
                let mut out = b"[".to_vec();
                Pretty::at(&mut out, 0).str(s);
                out.push(b']');
                let want = format!("[{}]", serde_json::to_string(s).unwrap());
                proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), want);
            }
        }
    }

    proptest::proptest! {
        /// The word-at-a-time judgement agrees with one byte at a time, whatever the bytes.
        #[test]
        fn plain_is_judged_as_byte_by_byte(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..80)) {
            let by_byte = bytes.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\');
            proptest::prop_assert_eq!(plain(&bytes), by_byte);
        }
    }

    #[test]
    fn lines_deeper_than_the_prepared_indentation_are_indented_alike() {
        let deep = (0..24).fold(
            serde_json::json!("x"),
            |v, _| serde_json::json!([v, {"k": 1}]),
        );
        let mut out = Vec::new();
        write_json(&mut Pretty::at(&mut out, 0), &deep);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }

    /// Any JSON value written through `Pretty`, as the summary's writer does.
    fn write_json(p: &mut Pretty<'_>, v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => p.str(s),
            serde_json::Value::Array(items) => {
                p.open(b'[');
                for (i, item) in items.iter().enumerate() {
                    p.item(i == 0);
                    write_json(p, item);
                }
                p.close(b']');
            }
            serde_json::Value::Object(fields) => {
                p.open(b'{');
                for (i, (k, item)) in fields.iter().enumerate() {
                    p.key(i == 0, &format!("{}: ", serde_json::to_string(k).unwrap()));
                    write_json(p, item);
                }
                p.close(b'}');
            }
            other => p.value(other).unwrap(),
        }
    }

    #[test]
    fn every_control_character_is_escaped_as_serde_json_escapes_it() {
        for b in 0u8..0x80 {
            let s = format!("a{}b", char::from(b));
            let mut out = Vec::new();
            Pretty::at(&mut out, 0).str(&s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }
    }
}
