//! Page addresses as they appear in links: a file's name may hold spaces, accents or emoji,
//! which a link, the sitemap and the feed carry percent-encoded.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Bytes of a path segment that a link must encode: everything but letters, digits and the
/// punctuation that is safe in a path. `/` is kept (it separates segments); `%` is encoded, so
/// a file named `100%.md` links as itself; `&` and `'` are encoded so that HTML escaping never
/// changes a link. Non-ASCII bytes are always encoded.
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes an address (`guides/my file ü/`) for a link (`guides/my%20file%20%C3%BC/`),
/// keeping its `/`s.
pub fn encode_path(address: &str) -> String {
    utf8_percent_encode(address, PATH_SEGMENT).to_string()
}

/// The link from a page whose way back to the root is `root` (`../../`) to the page at
/// `address`: `{root}{address}index.html`, encoded.
pub fn page_href(root: &str, address: &str) -> String {
    format!("{root}{}index.html", encode_path(address))
}

/// Decodes a path written percent-encoded in a link (`my%20file.md`) to the file's real name;
/// a link whose escapes do not decode to UTF-8 is kept as written.
pub fn decode_path(path: &str) -> std::borrow::Cow<'_, str> {
    let decoded = percent_encoding::percent_decode_str(path);
    match decoded.decode_utf8() {
        Ok(text) => text,
        Err(_) => std::borrow::Cow::Borrowed(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_encoded_but_keep_their_slashes() {
        assert_eq!(encode_path("sprints/2026-S23/"), "sprints/2026-S23/");
        assert_eq!(
            encode_path("guides/my file ü/"),
            "guides/my%20file%20%C3%BC/"
        );
        assert_eq!(encode_path("party 🎉/"), "party%20%F0%9F%8E%89/");
        assert_eq!(encode_path("100%/a#b?c/"), "100%25/a%23b%3Fc/");
        assert_eq!(encode_path("it's & co/"), "it%27s%20%26%20co/");
        assert_eq!(page_href("../", "a b/"), "../a%20b/index.html");
        assert_eq!(page_href("", ""), "index.html");
    }

    #[test]
    fn encoded_paths_decode_to_the_real_name() {
        assert_eq!(decode_path("my%20file%20%C3%BC.md"), "my file ü.md");
        assert_eq!(decode_path(&encode_path("100%/ü 🎉/")), "100%/ü 🎉/");
        assert_eq!(decode_path("bad%FF.md"), "bad%FF.md");
    }
}
