//! A page's template context together with its fingerprint.
//!
//! Every value a page's template receives goes through [`Context::insert`], which hands it to
//! tera and feeds its serialized form into a hash, or, for large values whose hash is known
//! already, through [`Context::insert_shared`], [`Context::insert_fingerprinted`] or
//! [`Context::insert_later`], which feed that hash instead. Two pages (or the same page in two builds)
//! whose contexts hash alike render alike, so a rebuild can skip rendering a page whose
//! fingerprint is unchanged: `tally build` links the previous file, `tally serve` keeps the
//! previous bytes. The hash is the one the charts use for the same purpose (std's
//! `DefaultHasher`, whose keys are fixed, as in `text::fingerprint`), so it is the same from
//! one run to the next.

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io;

use serde::Serialize;

/// A value shared by many pages (a folder's page list), with its fingerprint computed once, so
/// that each page that shows it hashes eight bytes instead of the whole list.
#[derive(Debug, Clone)]
pub struct Shared {
    value: tera::Value,
    fingerprint: u64,
}

impl Shared {
    /// The template value of `value`, and its fingerprint.
    pub fn new<T: Serialize + ?Sized>(value: &T) -> Self {
        let mut hasher = DefaultHasher::new();
        hash_serialized(&mut hasher, value);
        Self {
            value: tera::Value::from_serializable(value),
            fingerprint: hasher.finish(),
        }
    }
}

/// tera's context, and a hash of everything put into it.
#[derive(Debug, Clone)]
pub struct Context {
    values: tera::Context,
    hasher: DefaultHasher,
    /// Values counted in the fingerprint but not made yet: (key, narrative index). They are
    /// made only when the page is rendered (see [`Context::insert_later`]).
    pending: Vec<(Cow<'static, str>, usize)>,
}

impl Default for Context {
    fn default() -> Self {
        Self::new()
    }
}

impl Context {
    /// An empty context.
    pub fn new() -> Self {
        Self {
            values: tera::Context::new(),
            hasher: DefaultHasher::new(),
            pending: Vec::new(),
        }
    }

    /// Puts `value` under `key`, for the template and into the fingerprint.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: impl Into<Cow<'static, str>>, value: &T) {
        let key = key.into();
        key.hash(&mut self.hasher);
        hash_serialized(&mut self.hasher, value);
        self.forget_pending(&key);
        self.values.insert(key, value);
    }

    /// Counts a value in the fingerprint by `fingerprint` now, and leaves making it for when
    /// the page is rendered: `index` names the narrative whose HTML the value needs. A page
    /// whose fingerprint is unchanged is taken over without it, so that narrative's markdown
    /// is never rendered.
    pub fn insert_later(
        &mut self,
        key: impl Into<Cow<'static, str>>,
        fingerprint: u64,
        index: usize,
    ) {
        let key = key.into();
        key.hash(&mut self.hasher);
        fingerprint.hash(&mut self.hasher);
        self.forget_pending(&key);
        self.pending.push((key, index));
    }

    /// The values left for later, in the order they were put; none are left afterwards.
    pub fn take_pending(&mut self) -> Vec<(Cow<'static, str>, usize)> {
        std::mem::take(&mut self.pending)
    }

    /// Puts a value that was counted in the fingerprint already (by [`Context::insert_later`]).
    pub fn insert_counted<T: Serialize + ?Sized>(&mut self, key: Cow<'static, str>, value: &T) {
        self.values.insert(key, value);
    }

    /// A value put under `key` replaces one left for later under it.
    fn forget_pending(&mut self, key: &str) {
        self.pending.retain(|(k, _)| k != key);
    }

    /// Puts `value` under `key` for the template, counted in the fingerprint by `fingerprint`,
    /// which the caller computed to cover all of it (from hashes already known for its large
    /// parts, such as a narrative's HTML or a chart's drawing).
    pub fn insert_fingerprinted<T: Serialize + ?Sized>(
        &mut self,
        key: impl Into<Cow<'static, str>>,
        value: &T,
        fingerprint: u64,
    ) {
        let key = key.into();
        key.hash(&mut self.hasher);
        fingerprint.hash(&mut self.hasher);
        self.forget_pending(&key);
        self.values.insert(key, value);
    }

    /// Puts a shared value under `key`: the template gets the value, the fingerprint its hash.
    pub fn insert_shared(&mut self, key: impl Into<Cow<'static, str>>, shared: &Shared) {
        let key = key.into();
        key.hash(&mut self.hasher);
        shared.fingerprint.hash(&mut self.hasher);
        self.forget_pending(&key);
        self.values.insert_value(key, shared.value.clone());
    }

    /// Whether a value was put under `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.values.contains_key(key)
    }

    /// What the template receives.
    pub fn values(&self) -> &tera::Context {
        &self.values
    }

    /// The hash of every key and value put so far, in order.
    pub fn fingerprint(&self) -> u64 {
        self.hasher.finish()
    }
}

/// The hash of `value`'s JSON form, as [`Context::insert`] counts it.
pub fn fingerprint_of<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    hash_serialized(&mut hasher, value);
    hasher.finish()
}

/// Feeds `value`'s JSON form into `hasher`. JSON is complete for our page values: every value
/// is plain data (strings, numbers, lists, structs and ordered maps).
fn hash_serialized<T: Serialize + ?Sized>(hasher: &mut DefaultHasher, value: &T) {
    let mut writer = HashWriter {
        hasher,
        buffer: Vec::with_capacity(HASH_BUFFER),
    };
    // Serializing plain data into a writer that cannot fail cannot fail either; should a value
    // ever refuse to serialize, the marker below makes its fingerprint differ from any value
    // that serialized, so the page is rendered (and tera reports the problem).
    let failed = serde_json::to_writer(&mut writer, value).is_err();
    writer.drain();
    if failed {
        u64::MAX.hash(writer.hasher);
    }
    // A separator, so that `"ab"` then `"c"` hashes unlike `"a"` then `"bc"`.
    0xffu8.hash(writer.hasher);
}

/// How many bytes the hashing writer gathers before hashing them: JSON arrives in many small
/// pieces (a narrative's HTML is cut at every line break it escapes), and the hash is much
/// faster over long runs of bytes than over short ones.
const HASH_BUFFER: usize = 8192;

/// An `io::Write` that feeds a hasher, in long runs.
struct HashWriter<'a> {
    hasher: &'a mut DefaultHasher,
    buffer: Vec<u8>,
}

impl HashWriter<'_> {
    fn drain(&mut self) {
        self.hasher.write(&self.buffer);
        self.buffer.clear();
    }
}

impl io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.buffer.len() + bytes.len() > HASH_BUFFER {
            self.drain();
        }
        if bytes.len() >= HASH_BUFFER {
            self.hasher.write(bytes);
        } else {
            self.buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprint_of(pairs: &[(&'static str, &str)]) -> u64 {
        let mut context = Context::new();
        for (key, value) in pairs {
            context.insert(*key, value);
        }
        context.fingerprint()
    }

    #[test]
    fn the_same_values_give_the_same_fingerprint() {
        let a = fingerprint_of(&[("title", "Sprint 23"), ("root", "../")]);
        assert_eq!(
            a,
            fingerprint_of(&[("title", "Sprint 23"), ("root", "../")])
        );
    }

    #[test]
    fn a_changed_value_key_or_split_changes_it() {
        let a = fingerprint_of(&[("title", "Sprint 23"), ("root", "../")]);
        assert_ne!(
            a,
            fingerprint_of(&[("title", "Sprint 24"), ("root", "../")])
        );
        assert_ne!(
            a,
            fingerprint_of(&[("heading", "Sprint 23"), ("root", "../")])
        );
        assert_ne!(
            fingerprint_of(&[("a", "xy"), ("b", "z")]),
            fingerprint_of(&[("a", "x"), ("b", "yz")])
        );
    }

    #[test]
    fn a_shared_value_counts_by_its_own_fingerprint() {
        let list = |title: &str| Shared::new(&vec![title.to_string()]);
        let with = |shared: &Shared| {
            let mut context = Context::new();
            context.insert_shared("section_pages", shared);
            context.fingerprint()
        };
        assert_eq!(with(&list("Plan")), with(&list("Plan")));
        assert_ne!(with(&list("Plan")), with(&list("Plans")));
        let mut context = Context::new();
        context.insert_shared("section_pages", &list("Plan"));
        assert!(context.values().contains_key("section_pages"));
    }
}
