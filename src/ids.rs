//! A table of ids, each held once in one string and found by its text: how the loader declares
//! ids and a journal's claims are gathered. Made for hundreds of thousands of ids: one string
//! instead of an allocation each, so that looking one up touches little memory.

use std::hash::BuildHasher;

use hashbrown::HashTable;

#[derive(Clone, Debug, Default)]
pub struct IdTable {
    /// The ids in the order added, one after another; `ends[i]` is where the i-th ends.
    text: String,
    ends: Vec<usize>,
    /// Where each id is in `ends`, hashed by the id. Four bytes an entry: a small table is what
    /// keeps lookups among hundreds of thousands of ids in the caches (measured: wider entries
    /// holding the id's place cost more than the extra read they save).
    index: HashTable<u32>,
    /// The ids from this one on are not in `index` yet ([`IdTable::push_unindexed`]).
    unindexed: usize,
}

fn hash(id: &[u8]) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// Whether `a` and `b` are the same bytes: ids of up to 16 bytes (nearly all are) compared in
/// two overlapping words, not by a call to `memcmp`.
#[inline(always)]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let n = a.len();
    let long = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let short =
        |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        8..=16 => long(a, 0) == long(b, 0) && long(a, n - 8) == long(b, n - 8),
        4..=7 => short(a, 0) == short(b, 0) && short(a, n - 4) == short(b, n - 4),
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

/// The bytes of the i-th id, if there is one.
fn bytes_at<'t>(text: &'t str, ends: &[usize], i: u32) -> Option<&'t [u8]> {
    let i = i as usize;
    let start = i.checked_sub(1).map_or(Some(0), |j| ends.get(j).copied())?;
    text.as_bytes().get(start..*ends.get(i)?)
}

impl IdTable {
    /// The i-th id added.
    pub fn get(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j]);
        &self.text[start..self.ends[i]]
    }

    /// Where `id` is, if it was added.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.found(hash(id.as_bytes()), id).or_else(|| {
            (self.unindexed..self.len()).find(|&i| same(self.get(i).as_bytes(), id.as_bytes()))
        })
    }

    /// Add `id`, known to differ from every id added, without indexing it yet (a snapshot's
    /// ids read back): the index is made when an id is next inserted, so that a table only
    /// read by position never hashes its ids.
    pub fn push_unindexed(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    /// Index the ids added by [`IdTable::push_unindexed`].
    fn index_all(&mut self) {
        if self.unindexed == self.len() {
            return;
        }
        let (text, ends) = (&self.text, &self.ends);
        let rehash = |&i: &u32| hash(bytes_at(text, ends, i).unwrap_or_default());
        let _ = self.index.try_reserve(ends.len() - self.unindexed, rehash);
        for i in self.unindexed..ends.len() {
            let Ok(i32) = u32::try_from(i) else { break };
            let h = hash(bytes_at(text, ends, i32).unwrap_or_default());
            self.index.insert_unique(h, i32, rehash);
        }
        self.unindexed = ends.len();
    }

    fn found(&self, hash: u64, id: &str) -> Option<usize> {
        let (text, ends) = (&self.text, &self.ends);
        self.index
            .find(hash, |&i| {
                bytes_at(text, ends, i).is_some_and(|held| same(held, id.as_bytes()))
            })
            .map(|&i| i as usize)
    }

    /// Add `id`: where it now is, or, when it was added before, `Err` with where it is.
    pub fn insert(&mut self, id: &str) -> Result<usize, usize> {
        self.index_all();
        let h = hash(id.as_bytes());
        if let Some(i) = self.found(h, id) {
            return Err(i);
        }
        let at = self.ends.len();
        self.text.push_str(id);
        self.ends.push(self.text.len());
        self.unindexed = self.ends.len();
        // Past four billion ids (far more than memory holds) an id is added but not found.
        let Ok(at32) = u32::try_from(at) else {
            return Ok(at);
        };
        let (text, ends) = (&self.text, &self.ends);
        self.index.insert_unique(h, at32, |&i| {
            hash(bytes_at(text, ends, i).unwrap_or_default())
        });
        Ok(at)
    }

    /// Room for `more` ids of `bytes` bytes in all, made at once (the table is not rehashed
    /// at each doubling). A hint: when the memory cannot be had, the table grows as ids come.
    pub fn reserve(&mut self, more: usize, bytes: usize) {
        let _ = self.text.try_reserve(bytes);
        let _ = self.ends.try_reserve(more);
        let (text, ends) = (&self.text, &self.ends);
        let _ = self
            .index
            .try_reserve(more, |&i| hash(bytes_at(text, ends, i).unwrap_or_default()));
    }

    /// Look for each of `ids` in the table, all at once, before they are inserted one by one
    /// (a file's claim ids): with a table of a million ids, each lookup misses the processor's
    /// caches, and lookups that do not wait for one another's answers go to memory together,
    /// where inserts one at a time would each wait in turn. A hint: it changes nothing.
    pub fn touch<'i>(&self, ids: impl Iterator<Item = &'i str>) {
        for id in ids {
            // Whether it is there is not needed: only what a lookup reads (the slots probed,
            // the id's place and its text), now in the cache.
            std::hint::black_box(self.find(std::hint::black_box(id)));
        }
    }

    /// Where `id` is, added if it was not.
    pub fn intern(&mut self, id: &str) -> usize {
        match self.insert(id) {
            Ok(i) | Err(i) => i,
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every id, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_held_once_and_found_by_their_text() {
        let mut ids = IdTable::default();
        assert_eq!(ids.insert("nis"), Ok(0));
        assert_eq!(ids.insert(""), Ok(1));
        assert_eq!(ids.insert("nis-troops"), Ok(2));
        assert_eq!(ids.insert("nis"), Err(0));
        assert_eq!(ids.intern("budanov"), 3);
        assert_eq!(ids.intern("nis-troops"), 2);
        assert_eq!(ids.find("nis-troops"), Some(2));
        assert_eq!(ids.find(""), Some(1));
        assert_eq!(ids.find("ni"), None);
        assert_eq!(
            ids.iter().collect::<Vec<_>>(),
            ["nis", "", "nis-troops", "budanov"]
        );
        assert_eq!(ids.len(), 4);
    }

    #[test]
    fn ids_added_unindexed_are_found_before_and_after_they_are_indexed() {
        let mut ids = IdTable::default();
        ids.insert("a").unwrap();
        ids.push_unindexed("b");
        ids.push_unindexed("c");
        assert_eq!(
            (ids.find("b"), ids.find("c"), ids.find("d")),
            (Some(1), Some(2), None)
        );
        // Inserting indexes them: a second "c" is the first one.
        assert_eq!(ids.insert("c"), Err(2));
        assert_eq!(ids.insert("d"), Ok(3));
        assert_eq!(ids.find("b"), Some(1));
        ids.push_unindexed("e");
        assert_eq!(ids.intern("e"), 4);
        assert_eq!(ids.iter().collect::<Vec<_>>(), ["a", "b", "c", "d", "e"]);
    }

    proptest::proptest! {
        #[test]
        fn the_table_finds_what_a_map_finds(ids in proptest::collection::vec("[a-c]{0,3}", 0..200)) {
            let mut table = IdTable::default();
            let mut map = std::collections::HashMap::new();
            for (k, id) in ids.iter().enumerate() {
                // Touching what comes next changes nothing.
                table.touch(ids[k..].iter().take(8).map(String::as_str));
                let expected = match map.get(id) {
                    Some(&i) => Err(i),
                    None => {
                        map.insert(id.clone(), map.len());
                        Ok(map.len() - 1)
                    }
                };
                proptest::prop_assert_eq!(table.insert(id), expected);
            }
            for (id, &i) in &map {
                proptest::prop_assert_eq!(table.find(id), Some(i));
                proptest::prop_assert_eq!(table.get(i), id.as_str());
            }
        }
    }

    #[test]
    fn ids_compared_by_words_are_compared_byte_for_byte() {
        for len in 0..24 {
            let a: Vec<u8> = (0..len as u8).map(|b| b'a' + b).collect();
            assert!(same(&a, &a.clone()), "{len}");
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 1;
                assert!(!same(&a, &b), "{len} bytes, differing at {at}");
            }
            let mut longer = a.clone();
            longer.push(0);
            assert!(!same(&a, &longer), "{len}");
        }
    }
}
