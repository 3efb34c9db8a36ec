//! A claim file's tables as the schema walk reads them: each key and value with its span.
//!
//! Most files are well-formed and shaped as claim files are: `[report]`, `[[source]]`,
//! `[[topic]]` and `[[claim]]` headers, plain keys, scalars, arrays of scalars and flat inline
//! tables. Those are built straight from the TOML parser's events ([`parse`]), without the
//! `toml` crate's general tree, whose maps, copies and drops cost more than the checks that
//! follow. Anything else — a syntax error, a duplicate or dotted key, a nested array, a key at
//! the top level — makes [`parse`] give up, and the file is read with the `toml` crate, whose
//! tree ([`from_de`]) also says what is wrong. Both give the same tables for the same file.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

/// A key as written, decoded, with its span.
#[derive(Debug)]
pub struct Key<'i> {
    name: Cow<'i, str>,
    span: Range<usize>,
    /// Which of the keys claim files have it is ([`known`]), or 0.
    known: u8,
}

/// The keys claim files have, each numbered from 1: a table finds these by number instead of
/// comparing names (a claim's table is looked into a dozen times).
const KNOWN: [&str; 31] = [
    "report",
    "source",
    "topic",
    "claim",
    "id",
    "title",
    "outlet",
    "url",
    "published",
    "text",
    "name",
    "kind",
    "reliability",
    "part_of",
    "question",
    "unit",
    "tolerance",
    "window",
    "via",
    "quote",
    "stated",
    "credibility",
    "figure",
    "stance",
    "supersedes",
    "draft",
    "about",
    "at_least",
    "at_most",
    "low",
    "high",
];

/// The number of a key of [`KNOWN`], or 0. Found by its length and first two bytes, then
/// compared whole once (a `match` on the names would compare a key with every name of its
/// length, and every key of every claim is looked up here).
#[inline(always)]
fn known(name: &str) -> u8 {
    let b = name.as_bytes();
    let (Some(&first), Some(&second)) = (b.first(), b.get(1)) else {
        return 0;
    };
    let n: u8 = match (b.len(), first, second) {
        (6, b'r', _) => 1,
        (6, b's', b'o') => 2,
        (5, b't', b'o') => 3,
        (5, b'c', _) => 4,
        (2, b'i', _) => 5,
        (5, b't', b'i') => 6,
        (6, b'o', _) => 7,
        (3, b'u', _) => 8,
        (9, b'p', _) => 9,
        (4, b't', _) => 10,
        (4, b'n', _) => 11,
        (4, b'k', _) => 12,
        (11, b'r', _) => 13,
        (7, b'p', _) => 14,
        (8, b'q', _) => 15,
        (4, b'u', _) => 16,
        (9, b't', _) => 17,
        (6, b'w', _) => 18,
        (3, b'v', _) => 19,
        (5, b'q', _) => 20,
        (6, b's', b't') if b.get(3) == Some(&b't') => 21,
        (11, b'c', _) => 22,
        (6, b'f', _) => 23,
        (6, b's', b't') => 24,
        (10, b's', _) => 25,
        (5, b'd', _) => 26,
        (5, b'a', _) => 27,
        (8, b'a', _) => 28,
        (7, b'a', _) => 29,
        (3, b'l', _) => 30,
        (4, b'h', _) => 31,
        _ => return 0,
    };
    if crate::ids::same(KNOWN[usize::from(n) - 1].as_bytes(), b) {
        n
    } else {
        0
    }
}

/// [`known`] at compile time, for [`KeySet::of`]: each name compared in turn.
const fn known_when_compiled(name: &str) -> u8 {
    let name = name.as_bytes();
    let mut i = 0;
    while i < KNOWN.len() {
        let k = KNOWN[i].as_bytes();
        if k.len() == name.len() {
            let mut j = 0;
            while j < k.len() && k[j] == name[j] {
                j += 1;
            }
            if j == k.len() {
                return i as u8 + 1;
            }
        }
        i += 1;
    }
    0
}

/// Some of the keys of [`KNOWN`], as bits of their numbers.
#[derive(Clone, Copy)]
pub struct KeySet(u64);

/// The keys a table may have: their names, for messages, and their set, made when compiled
/// (a claim's keys are checked against it and it is not remade for each).
pub struct Allowed {
    pub names: &'static [&'static str],
    pub set: KeySet,
}

impl Allowed {
    pub const fn new(names: &'static [&'static str]) -> Self {
        Allowed {
            names,
            set: KeySet::of(names),
        }
    }
}

impl KeySet {
    /// The keys of claim files among `names` (made when compiled: see [`Allowed`]).
    pub const fn of(names: &[&str]) -> Self {
        let mut set = 0u64;
        let mut i = 0;
        while i < names.len() {
            set |= 1 << known_when_compiled(names[i]);
            i += 1;
        }
        KeySet(set & !1)
    }

    /// Whether `key` is one of these (a key no claim file has never is).
    pub fn has(self, key: &Key<'_>) -> bool {
        self.0 & (1 << key.known) != 0
    }

    /// How many keys it holds.
    #[cfg(test)]
    pub fn count(self) -> u32 {
        self.0.count_ones()
    }
}

impl<'i> Key<'i> {
    fn new(name: Cow<'i, str>, span: Range<usize>) -> Self {
        Key {
            known: known(&name),
            name,
            span,
        }
    }
}

impl<'i> Key<'i> {
    pub fn get_ref(&self) -> &str {
        &self.name
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// A value with the span it was written at (for a table of the document: its header's).
#[derive(Debug)]
pub struct Item<'i> {
    value: Value<'i>,
    span: Range<usize>,
}

impl<'i> Item<'i> {
    pub fn get_ref(&self) -> &Value<'i> {
        &self.value
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// An integer as written, without its prefix and separators, and its radix.
#[derive(Debug)]
pub struct Integer<'i> {
    digits: Cow<'i, str>,
    radix: u32,
}

impl Integer<'_> {
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    pub fn radix(&self) -> u32 {
        self.radix
    }
}

/// A float as written, for Rust to parse.
#[derive(Debug)]
pub struct Float<'i>(Cow<'i, str>);

impl Float<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug)]
pub enum Value<'i> {
    String(Cow<'i, str>),
    Integer(Integer<'i>),
    Float(Float<'i>),
    Boolean(bool),
    Datetime(toml::value::Datetime),
    Array(Vec<Item<'i>>),
    Table(Table<'i>),
}

impl Value<'_> {
    /// What TOML calls this kind of value, as messages name it.
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(..) => "string",
            Value::Integer(..) => "integer",
            Value::Float(..) => "float",
            Value::Boolean(..) => "boolean",
            Value::Datetime(..) => "datetime",
            Value::Array(..) => "array",
            Value::Table(..) => "table",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(..))
    }
}

/// A table's keys and values, in the order written. A key of claim files is found by its
/// number; any other by comparing names (tables hold a dozen keys at most).
#[derive(Debug, Default)]
pub struct Table<'i> {
    entries: Vec<(Key<'i>, Item<'i>)>,
    /// For each key of [`KNOWN`] by its number, its place in `entries` plus one, or 0.
    places: [u8; KNOWN.len() + 1],
}

impl<'i> Table<'i> {
    fn with_capacity(n: usize) -> Self {
        Table {
            entries: Vec::with_capacity(n),
            places: [0; KNOWN.len() + 1],
        }
    }

    #[inline]
    pub fn get(&self, key: &str) -> Option<&Item<'i>> {
        let by_name = || self.entries.iter().position(|(k, _)| k.name == key);
        let i = match known(key) {
            0 => by_name()?,
            n => match self.places[usize::from(n)] {
                // Places past a byte's reach (only the `toml` crate's tables have so many
                // keys) are found by name.
                0 if self.entries.len() >= usize::from(u8::MAX) => by_name()?,
                place => usize::from(place).checked_sub(1)?,
            },
        };
        self.entries.get(i).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys, in the order the table holds them (from the `toml` crate: sorted).
    pub fn keys(&self) -> impl Iterator<Item = &Key<'i>> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Add a key read from events: no more than [`MAX_KEYS`] (larger tables are left to the
    /// `toml` crate, whose maps hold them without comparing each key with all the others).
    fn insert(&mut self, key: Key<'i>, item: Item<'i>) -> Result<(), Duplicate> {
        let taken = match key.known {
            0 => self
                .entries
                .iter()
                .any(|(k, _)| k.known == 0 && k.name == key.name),
            n => self.places[usize::from(n)] != 0,
        };
        if taken || self.entries.len() >= MAX_KEYS {
            return Err(Duplicate);
        }
        self.push(key, item);
        Ok(())
    }

    /// Add a key known not to be in the table yet.
    fn push(&mut self, key: Key<'i>, item: Item<'i>) {
        if let (n @ 1.., Ok(place)) = (key.known, u8::try_from(self.entries.len() + 1))
            && place < u8::MAX
        {
            self.places[usize::from(n)] = place;
        }
        self.entries.push((key, item));
    }
}

/// A key a table already has (or one too many for it).
struct Duplicate;

/// The most keys a table read from events has (a claim's table has a dozen).
const MAX_KEYS: usize = 64;

/// The tables of the `toml` crate's tree, as the walk reads them (for files [`parse`] leaves
/// to it).
pub fn from_de(table: DeTable<'_>) -> Table<'_> {
    let entries = table
        .into_iter()
        .map(|(key, value)| {
            let span = key.span();
            (Key::new(key.into_inner(), span), item_from_de(value))
        })
        .collect::<Vec<_>>();
    let mut table = Table::with_capacity(entries.len());
    // The `toml` crate's keys are distinct already.
    for (key, item) in entries {
        table.push(key, item);
    }
    table
}

fn item_from_de(item: toml::Spanned<DeValue<'_>>) -> Item<'_> {
    let span = item.span();
    let value = match item.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Integer(Integer {
            radix: i.radix(),
            digits: Cow::Owned(i.as_str().to_string()),
        }),
        DeValue::Float(f) => Value::Float(Float(Cow::Owned(f.as_str().to_string()))),
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(items) => Value::Array(items.into_iter().map(item_from_de).collect()),
        DeValue::Table(t) => Value::Table(from_de(t)),
    };
    Item { value, span }
}

/// The document's tables, built from the parser's events; `None` when the text is not valid
/// TOML or not of the plain shape this reads (then the `toml` crate reads it).
pub fn parse(text: &str) -> Option<Table<'_>> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut builder = Builder {
        source,
        root: Table::default(),
        current: None,
        header: None,
        key: None,
        nested: None,
        failed: false,
    };
    let mut errors: Option<ParseError> = None;
    toml_parser::parser::parse_document(&tokens, &mut builder, &mut errors);
    builder.finish_table();
    let unfinished = builder.header.is_some() || builder.key.is_some() || builder.nested.is_some();
    (errors.is_none() && !builder.failed && !unfinished).then_some(builder.root)
}

/// The header being read: `[` or `[[` seen, its key once read.
struct Header<'i> {
    array: bool,
    open: Span,
    key: Option<Key<'i>>,
}

/// A table of the document whose keys are being read.
struct Current<'i> {
    array: bool,
    key: Key<'i>,
    span: Range<usize>,
    table: Table<'i>,
}

/// A value's array or inline table being read (one level: nothing nests in claim files).
enum Nested<'i> {
    Array {
        open: Span,
        items: Vec<Item<'i>>,
    },
    Inline {
        open: Span,
        key: Option<Key<'i>>,
        table: Table<'i>,
    },
}

/// Builds the document from the parser's events; anything unusual sets `failed`, and from
/// then on every event is ignored.
struct Builder<'i> {
    source: Source<'i>,
    root: Table<'i>,
    current: Option<Current<'i>>,
    header: Option<Header<'i>>,
    /// A key read, waiting for its value.
    key: Option<Key<'i>>,
    nested: Option<Nested<'i>>,
    failed: bool,
}

/// A byte a basic string holds as itself (TOML's `basic-unescaped`: not a control character
/// other than tab, not `"`, not `\`). Bitwise, not short-circuit, for the vector check.
fn is_basic_unescaped(b: u8) -> bool {
    (b == b'\t') | ((b >= 0x20) & (b != b'"') & (b != b'\\') & (b != 0x7F))
}

/// Whether every byte is `basic-unescaped`, judged 32 at a time without stopping early, so
/// that the compiler checks them in vector registers (quotes are most of a claim file).
fn all_basic_unescaped(bytes: &[u8]) -> bool {
    bytes.chunks(32).all(|chunk| {
        chunk
            .iter()
            .fold(true, |all, &b| all & is_basic_unescaped(b))
    })
}

/// Decimal digits without a sign, separators or a leading zero: an integer as written.
fn is_plain_decimal(text: &str) -> bool {
    let b = text.as_bytes();
    !b.is_empty() && b.iter().all(u8::is_ascii_digit) && (b[0] != b'0' || b.len() == 1)
}

fn range(span: Span) -> Range<usize> {
    span.start()..span.end()
}

impl<'i> Builder<'i> {
    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'i> {
        let text = self.source.input().get(range(span)).unwrap_or("");
        Raw::new_unchecked(text, encoding, span)
    }

    /// The table read so far goes into the document: a `[name]` table once, a `[[name]]`
    /// table appended to the array of that name.
    fn finish_table(&mut self) {
        let Some(current) = self.current.take() else {
            return;
        };
        let item = Item {
            value: Value::Table(current.table),
            span: current.span,
        };
        if !current.array {
            if self.root.insert(current.key, item).is_err() {
                self.failed = true;
            }
            return;
        }
        let existing = self
            .root
            .entries
            .iter_mut()
            .find(|(k, _)| k.name == current.key.name);
        match existing {
            Some((
                _,
                Item {
                    value: Value::Array(items),
                    ..
                },
            )) => items.push(item),
            // `[name]` and then `[[name]]`: the `toml` crate says what is wrong.
            Some(_) => self.failed = true,
            None => {
                let span = item.span.clone();
                let array = Item {
                    value: Value::Array(vec![item]),
                    span,
                };
                self.root.push(current.key, array);
            }
        }
    }

    fn open_header(&mut self, array: bool, span: Span) {
        if self.failed {
            return;
        }
        self.finish_table();
        if self.key.is_some() || self.nested.is_some() {
            self.failed = true;
            return;
        }
        self.header = Some(Header {
            array,
            open: span,
            key: None,
        });
    }

    fn close_header(&mut self, array: bool, span: Span) {
        if self.failed {
            return;
        }
        let Some(Header {
            array: opened_as_array,
            open,
            key: Some(key),
        }) = self.header.take()
        else {
            self.failed = true;
            return;
        };
        // A second `[name]`, or `[name]` after `[[name]]`, is for the `toml` crate to report;
        // so is a table a claim file does not have (which also keeps the document's tables
        // few, however many headers a hostile file writes).
        let taken = self
            .root
            .get(&key.name)
            .is_some_and(|item| !array || !item.value.is_array());
        let top = matches!(key.known, 1..=4);
        if opened_as_array != array || taken || !top {
            self.failed = true;
            return;
        }
        self.current = Some(Current {
            array,
            key,
            span: open.start()..span.end(),
            // Room for a claim's keys, so that its table is allocated once.
            table: Table::with_capacity(8),
        });
    }

    fn decode_key(&mut self, span: Span, encoding: Option<Encoding>) -> Option<Key<'i>> {
        let raw = self.raw(span, encoding);
        let bare = encoding.is_none()
            && !raw.is_empty()
            && raw
                .as_bytes()
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        // A bare key is its own name (what the decoder would give, without its checks).
        let name = if bare {
            Cow::Borrowed(raw.as_str())
        } else {
            let mut name = Cow::Borrowed("");
            let mut error: Option<ParseError> = None;
            raw.decode_key(&mut name, &mut error);
            if error.is_some() {
                self.failed = true;
                return None;
            }
            name
        };
        Some(Key::new(name, range(span)))
    }

    /// A scalar's value. Basic strings without escapes and plain decimal integers — nearly
    /// every value of a claim file — are taken as written, exactly as the decoder would give
    /// them; the decoder reads the rest.
    fn decode_scalar(&mut self, span: Span, encoding: Option<Encoding>) -> Option<Value<'i>> {
        let raw = self.raw(span, encoding);
        let text = raw.as_str();
        match encoding {
            Some(Encoding::BasicString) => {
                if let Some(inner) = text
                    .strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"'))
                    .filter(|inner| all_basic_unescaped(inner.as_bytes()))
                {
                    return Some(Value::String(Cow::Borrowed(inner)));
                }
            }
            None if is_plain_decimal(text) => {
                return Some(Value::Integer(Integer {
                    digits: Cow::Borrowed(text),
                    radix: 10,
                }));
            }
            _ => {}
        }
        let mut decoded = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut decoded, &mut error);
        if error.is_some() {
            self.failed = true;
            return None;
        }
        let value = match kind {
            ScalarKind::String => Value::String(decoded),
            ScalarKind::Boolean(b) => Value::Boolean(b),
            ScalarKind::DateTime => match decoded.parse::<toml::value::Datetime>() {
                Ok(d) => Value::Datetime(d),
                Err(_) => {
                    self.failed = true;
                    return None;
                }
            },
            ScalarKind::Float => Value::Float(Float(decoded)),
            ScalarKind::Integer(radix) => Value::Integer(Integer {
                digits: decoded,
                radix: radix.value(),
            }),
        };
        Some(value)
    }

    /// A value read: into the open array or inline table, else under the key read before it.
    fn place(&mut self, item: Item<'i>) {
        match &mut self.nested {
            Some(Nested::Array { items, .. }) => {
                items.push(item);
                return;
            }
            Some(Nested::Inline { key, table, .. }) => {
                let inserted = key.take().map(|key| table.insert(key, item));
                if !matches!(inserted, Some(Ok(()))) {
                    self.failed = true;
                }
                return;
            }
            None => {}
        }
        let (Some(key), Some(current)) = (self.key.take(), self.current.as_mut()) else {
            // A key at the top level (before any header): not part of a claim file.
            self.failed = true;
            return;
        };
        if current.table.insert(key, item).is_err() {
            self.failed = true;
        }
    }

    fn open_nested(&mut self, nested: Nested<'i>) -> bool {
        if self.failed || self.nested.is_some() {
            // Nothing nests deeper in a claim file; the parser skips what follows without
            // recursing.
            self.failed = true;
            return false;
        }
        self.nested = Some(nested);
        true
    }
}

impl<'i> EventReceiver for Builder<'i> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(false, span);
    }

    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_header(false, span);
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(true, span);
    }

    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_header(true, span);
    }

    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open_nested(Nested::Inline {
            open: span,
            key: None,
            table: Table::default(),
        })
    }

    fn inline_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        if self.failed {
            return;
        }
        match self.nested.take() {
            Some(Nested::Inline {
                open,
                key: None,
                table,
            }) => self.place(Item {
                value: Value::Table(table),
                span: open.start()..span.end(),
            }),
            _ => self.failed = true,
        }
    }

    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open_nested(Nested::Array {
            open: span,
            items: Vec::new(),
        })
    }

    fn array_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        if self.failed {
            return;
        }
        match self.nested.take() {
            Some(Nested::Array { open, items }) => self.place(Item {
                value: Value::Array(items),
                span: open.start()..span.end(),
            }),
            _ => self.failed = true,
        }
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        if self.failed {
            return;
        }
        let Some(key) = self.decode_key(span, encoding) else {
            return;
        };
        let slot = match (&mut self.header, &mut self.nested) {
            (Some(header), None) => &mut header.key,
            (None, Some(Nested::Inline { key, .. })) => key,
            (None, None) => &mut self.key,
            _ => {
                self.failed = true;
                return;
            }
        };
        // A second key before a value or the header's end: a dotted key.
        if slot.replace(key).is_some() {
            self.failed = true;
        }
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // Dotted keys make tables a claim file does not have.
        self.failed = true;
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        if self.failed {
            return;
        }
        if let Some(value) = self.decode_scalar(span, encoding) {
            self.place(Item {
                value,
                span: range(span),
            });
        }
    }

    fn comment(&mut self, span: Span, error: &mut dyn ErrorSink) {
        // What the `toml` crate checks of comments and newlines (control characters, a bare CR).
        self.raw(span, None).decode_comment(error);
    }

    fn newline(&mut self, span: Span, error: &mut dyn ErrorSink) {
        self.raw(span, None).decode_newline(error);
    }

    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.failed = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables as text, keys sorted (the `toml` crate's tree holds them sorted, the
    /// events give them in the file's order), every span and value shown.
    fn canon(t: &Table<'_>) -> String {
        let mut entries: Vec<&(Key<'_>, Item<'_>)> = t.entries.iter().collect();
        entries.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        let items: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!("{:?}@{:?}={}", k.name, k.span, item(v)))
            .collect();
        format!("{{{}}}", items.join(", "))
    }

    fn item(i: &Item<'_>) -> String {
        let value = match &i.value {
            Value::Table(t) => canon(t),
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(item).collect();
                format!("[{}]", items.join(", "))
            }
            Value::String(s) => format!("string {s:?}"),
            Value::Integer(n) => format!("integer {:?} radix {}", n.as_str(), n.radix()),
            Value::Float(f) => format!("float {:?}", f.as_str()),
            Value::Boolean(b) => format!("boolean {b}"),
            Value::Datetime(d) => format!("datetime {d}"),
        };
        format!("{value}@{:?}", i.span)
    }

    fn by_toml(text: &str) -> Option<String> {
        let (root, errors) = DeTable::parse_recoverable(text);
        errors
            .is_empty()
            .then(|| canon(&from_de(root.into_inner())))
    }

    /// What the events give is what the `toml` crate gives, whenever the events give anything.
    fn agrees(text: &str) -> bool {
        match parse(text) {
            Some(quick) => {
                assert_eq!(Some(canon(&quick)), by_toml(text), "{text:?}");
                true
            }
            None => false,
        }
    }

    const PLAIN: &str = r#"# A report
[report]
id = "r1"
title = "Title \"quoted\" \u00e9"
published = 2024-10-18
text = 'r1.txt'

[[source]]
id = "nis"   # trailing comment
name = """
multi
line"""
reliability = "B"

[[topic]]
id = "t"
unit = "troops"
tolerance = 0.05
window = 0x1F

[[claim]]
id = "c1"
topic = "t"
source = "nis"
via = ["yonhap", 'reuters',
  "afp", # a comment in an array
]
figure = { about = 12_000 }
draft = false

[[claim]]
"id" = "c2"
topic = "t"
source = "nis"
figure = 1e4
stance = "affirms"
stated = 2024-10-18T10:00:00Z
"#;

    #[test]
    fn a_plain_claim_file_is_read_from_the_events_as_the_toml_crate_reads_it() {
        assert!(agrees(PLAIN));
        assert!(agrees("\u{feff}[report]\r\nid = \"x\"\r\n"));
        assert!(agrees("[[source]]\n[[source]]\nid = \"a\"\n"));
        assert!(agrees("[report]\nfigure = {}\nvia = []\n"));
    }

    #[test]
    fn every_kind_of_scalar_reads_alike() {
        for value in [
            r#""plain""#,
            "\"tab\there\"",
            r#""esc \" \u00e9 \n""#,
            r#""""#,
            r"'lit \ eral'",
            "\"\"\"\nml\"\"\"",
            "'''\nml lit'''",
            "0",
            "7",
            "1040",
            "99999999999999999999999",
            "+5",
            "-5",
            "1_000",
            "0x1F",
            "0o17",
            "0b101",
            "1.5",
            "-0.0",
            "1e23",
            "inf",
            "nan",
            "true",
            "false",
            "2024-10-18",
            "2024-10-18T10:00:00Z",
            "10:00:00",
            "2024-10-18 10:00:00+09:00",
            "\"é 병력 — “x”\"",
        ] {
            let text = format!("[report]\nv = {value}\nw = [{value}]\nf = {{ x = {value} }}\n");
            assert!(agrees(&text), "{text:?}");
        }
        for value in [
            "007",
            "\"bell \u{7}\"",
            "\"del \u{7f}\"",
            "1__0",
            "2024-02-30",
        ] {
            let text = format!("[report]\nv = {value}\n");
            assert!(parse(&text).is_none(), "{text:?}");
            assert!(by_toml(&text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn large_tables_are_left_to_the_toml_crate_and_found_in_full() {
        // More keys than a claim's table has: the events give up (comparing each new key with
        // the others would be quadratic), the `toml` crate reads it.
        let mut text = String::from("[report]\n");
        for i in 0..=MAX_KEYS {
            text.push_str(&format!("k{i} = {i}\n"));
        }
        assert!(parse(&text).is_none());
        // A table of the `toml` crate's with more keys than a byte counts: every key is found,
        // known ones past the 255th too.
        let mut text = String::from("[report]\n");
        for i in 0..300 {
            text.push_str(&format!("a{i:03} = {i}\n"));
        }
        text.push_str("zz = 1\ntitle = \"t\"\n");
        let (root, errors) = DeTable::parse_recoverable(&text);
        assert!(errors.is_empty());
        let root = from_de(root.into_inner());
        let Some(Value::Table(report)) = root.get("report").map(Item::get_ref) else {
            panic!("no report");
        };
        assert_eq!(report.keys().count(), 302);
        assert_eq!(
            report.get("title").and_then(|v| v.get_ref().as_str()),
            Some("t")
        );
        assert!(report.get("zz").is_some() && report.get("a299").is_some());
        assert!(report.get("id").is_none());
    }

    #[test]
    fn every_key_of_claim_files_has_its_number_and_no_other_name_has_one() {
        for (i, name) in KNOWN.iter().enumerate() {
            assert_eq!(usize::from(known(name)), i + 1, "{name}");
            // A name cut short has a number only if it is a key of claim files itself.
            for other in [&name[1..], &name[..name.len() - 1]] {
                assert_eq!(known(other) != 0, KNOWN.contains(&other), "{other}");
            }
            let mut changed = name.to_string();
            changed.push('x');
            assert_eq!(known(&changed), 0, "{changed}");
            let upper = name.to_uppercase();
            assert_eq!(known(&upper), 0, "{upper}");
        }
        for other in ["", "i", "ix", "stater", "stanced", "sourcx", "reportx", "x"] {
            assert_eq!(known(other), 0, "{other}");
        }
        // Numbered alike when compiled, for every name and every name one byte off.
        for name in KNOWN {
            assert_eq!(known_when_compiled(name), known(name), "{name}");
            for at in 0..name.len() {
                let mut bytes = name.as_bytes().to_vec();
                bytes[at] = b'z';
                let other = String::from_utf8(bytes).unwrap();
                assert_eq!(known_when_compiled(&other), known(&other), "{other}");
            }
        }
    }

    #[test]
    fn anything_else_is_left_to_the_toml_crate() {
        for text in [
            "top = 1\n[report]\n",
            "[report]\nid = 1\nid = 2\n",
            "[report]\n[report]\n",
            "[[claim]]\n[claim]\n",
            "[claim]\n[[claim]]\n",
            "[report.x]\n",
            "[report]\na.b = 1\n",
            "[report]\nf = { a = 1, a = 2 }\n",
            "[report]\nf = { a = { b = 1 } }\n",
            "[report]\nv = [[1], 2]\n",
            "[report]\nv = [{ a = 1 }]\n",
            "[report]\nid = \"\\q\"\n",
            "[report]\nd = 2024-13-45\n",
            "[report]\nid = \n",
            "[report\n",
            "[report]\n# \u{7} bell\n",
            "[report]\nid = \"x\"\rtitle = \"y\"\n",
            "[report]\nid = \"x\" title = \"y\"\n",
            "[[claim]]\nvia = [\"a\" \"b\"]\n",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn every_claim_file_of_the_fixtures_reads_alike_both_ways() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for dir in [
            "tests/fixtures",
            "fuzz/seeds/load",
            "fuzz/regressions/load",
            "data",
        ] {
            for entry in walk(&root.join(dir)) {
                let Ok(text) = std::fs::read_to_string(&entry) else {
                    continue;
                };
                if agrees(&text) {
                    read += 1;
                }
            }
        }
        assert!(
            read >= 40,
            "only {read} fixtures were plain enough to read from events"
        );
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else if path.to_string_lossy().ends_with(".toml") {
                out.push(path);
            }
        }
        out
    }

    /// A plain file with pieces of TOML spliced in at random places (a fixed seed): whenever
    /// the events give tables, the `toml` crate gives the same, and never an error. Enough of
    /// the spliced files stay valid for that to be tested on thousands of them.
    #[test]
    fn spliced_files_read_alike_or_are_left_to_the_toml_crate() {
        const PIECES: [&str; 26] = [
            "\n",
            "[[claim]]\n",
            "[report]\n",
            "[x]\n",
            " = ",
            "\"",
            "'",
            "=",
            "{",
            "}",
            "[",
            "]",
            ",",
            ".",
            "#",
            "\r",
            "\u{7}",
            "\\",
            "1",
            "2024-01-01",
            "a",
            "é",
            "\"\"\"",
            "\t",
            "x = 1\n",
            "y = [1, \"a\"]\n",
        ];
        let mut seed: u64 = 0x5eed;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let (mut quick, mut cases) = (0, 0);
        while cases < 10_000 {
            let mut text = PLAIN.to_string();
            for _ in 0..1 + next(3) {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + next(3)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, PIECES[next(PIECES.len())]);
            }
            cases += 1;
            quick += usize::from(agrees(&text));
        }
        assert!(
            quick > cases / 20,
            "only {quick} of {cases} read from events"
        );
    }
}
