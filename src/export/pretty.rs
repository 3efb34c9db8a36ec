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

const SPACES: &[u8; 64] = &[b' '; 64];

impl<'o> Pretty<'o> {
    pub fn at(out: &'o mut Vec<u8>, depth: usize) -> Self {
        Pretty {
            out,
            depth,
            has_value: false,
        }
    }

    fn indent(&mut self) {
        let mut n = 2 * self.depth;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.out.extend_from_slice(&SPACES[..k]);
            n -= k;
        }
    }

    /// `{` or `[`.
    pub fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    /// `}` or `]`, on a line of its own unless nothing was written inside.
    pub fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.has_value {
            self.out.push(b'\n');
            self.indent();
        }
        self.out.push(bracket);
        self.has_value = true;
    }

    /// An object's key (plain ASCII, as every key of the summary is), before its value.
    pub fn key(&mut self, first: bool, key: &str) {
        self.out
            .extend_from_slice(if first { b"\n" } else { b",\n" });
        self.indent();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// An array's item, before its value.
    pub fn item(&mut self, first: bool) {
        self.out
            .extend_from_slice(if first { b"\n" } else { b",\n" });
        self.indent();
    }

    /// A string, escaped as serde_json escapes: `"`, `\` and control characters (with their
    /// short forms where JSON has them), nothing else.
    pub fn str(&mut self, s: &str) {
        self.out.push(b'"');
        let bytes = s.as_bytes();
        // Nearly every string has nothing to escape: judged 32 bytes at a time, without
        // stopping early, so that the compiler checks them in vector registers.
        let plain = bytes.chunks(32).all(|chunk| {
            chunk.iter().fold(true, |plain, &b| {
                plain & (b >= 0x20) & (b != b'"') & (b != b'\\')
            })
        });
        if plain {
            self.out.extend_from_slice(bytes);
            self.out.push(b'"');
            self.has_value = true;
            return;
        }
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

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
        self.has_value = true;
    }

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
