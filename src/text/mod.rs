//! Small text utilities shared by every stage: escaping, anchors, numbers and fingerprints.
//! They import nothing of the crate, so any stage may use them.

use std::collections::HashSet;

pub mod html;
pub mod urls;

/// A fingerprint of `value`: std's `DefaultHasher`, whose keys are fixed, so the same value
/// gives the same fingerprint from one run to the next (charts, pages and narratives are
/// taken over from a previous build when their fingerprint is unchanged).
pub fn fingerprint<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Escapes text for XML and HTML.
pub fn escape_xml(text: &str) -> String {
    escape_each(text, |c| {
        html_entity(c).or(match c {
            '"' => Some("&quot;"),
            '\'' => Some("&#39;"),
            _ => None,
        })
    })
}

/// Escapes text inserted into markdown: HTML's `&`, `<` and `>` (quotes need no escape in
/// markdown's text), and markdown's emphasis, link and code marks.
pub fn escape_markdown_inline(text: &str) -> String {
    escape_each(text, |c| {
        html_entity(c).or(match c {
            '*' => Some("\\*"),
            '_' => Some("\\_"),
            '[' => Some("\\["),
            ']' => Some("\\]"),
            '`' => Some("\\`"),
            '\\' => Some("\\\\"),
            _ => None,
        })
    })
}

/// The entity for a character that HTML text cannot hold as it is.
fn html_entity(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    }
}

/// `text` with each character that `replacement` names replaced.
fn escape_each(text: &str, replacement: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replacement(c) {
            Some(replaced) => out.push_str(replaced),
            None => out.push(c),
        }
    }
    out
}

/// The inside of a double-quoted CSS string, for text written into a `<style>` element
/// (where HTML entities are not decoded): `\` and `"` escaped, line breaks and other control
/// characters and `<` (so no `</style>` can end the element) as hexadecimal escapes, NUL as
/// the replacement character.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '\0' => out.push('\u{fffd}'),
            c if c.is_control() || c == '<' => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A lowercase, dash-separated anchor: `What we ask for` → `what-we-ask-for`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    slug
}

/// A heading's anchor as GitHub makes it, which is what authors and their docs link to: lower
/// case; letters (any script), digits, `-` and `_` kept; every space a `-`; everything else
/// (punctuation, symbols, emoji) dropped. `Linking to Node.js` → `linking-to-nodejs`,
/// `fs.open(path[, flags])` → `fsopenpath-flags`.
pub fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphabetic() || is_combining_mark(c) => Some(c),
            c if c.is_numeric() && !is_other_number(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Combining marks (accents written as a separate character), which GitHub keeps.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Superscript and subscript digits, fractions and circled numbers, which GitHub drops (unlike
/// the digits of any script).
fn is_other_number(c: char) -> bool {
    matches!(c, '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}' | '\u{2070}'..='\u{209f}'
        | '\u{2150}'..='\u{215f}' | '\u{2460}'..='\u{24ff}' | '\u{2776}'..='\u{2793}')
}

/// `base`, or `base-1`, `base-2`... whichever is not used yet, as GitHub numbers repeated
/// headings; marks it used.
pub fn unique_heading_id(base: String, used: &mut HashSet<String>) -> String {
    first_unused(base, 1, used)
}

/// `base`, or `base-2`, `base-3`... whichever is not used yet; marks it used.
pub fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    first_unused(base, 2, used)
}

/// `base`, or `base-<first>`, `base-<first + 1>`... whichever is not used yet; marks it used.
fn first_unused(base: String, first: usize, used: &mut HashSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = first;
    while used.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// `1234567` → `1,234,567` (keeps a leading minus sign).
pub fn group_thousands(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        assert_eq!(css_string("Plain · text"), "Plain · text");
        assert_eq!(css_string(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(css_string("</style><script>"), "\\3c /style>\\3c script>");
        assert_eq!(css_string("two\nlines\u{1b}"), "two\\a lines\\1b ");
        assert_eq!(css_string("nul\0"), "nul\u{fffd}");
    }

    #[test]
    fn heading_anchors_are_github_s() {
        let cases = [
            (
                "Linking to libraries included with Node.js",
                "linking-to-libraries-included-with-nodejs",
            ),
            (
                "fs.open(path[, flags[, mode]], callback)",
                "fsopenpath-flags-mode-callback",
            ),
            ("options.config", "optionsconfig"),
            ("--legacy-bundling", "--legacy-bundling"),
            ("snake_case and  two spaces", "snake_case-and--two-spaces"),
            (
                "What's new? 🎉 Ünïcode café Ελληνικά 日本語",
                "whats-new--ünïcode-café-ελληνικά-日本語",
            ),
            ("x² ½ ①", "x--"),
        ];
        for (heading, id) in cases {
            assert_eq!(github_slug(heading), id, "{heading}");
        }
        let mut used: HashSet<String> = ["main".to_string()].into();
        let ids: Vec<String> = ["intro", "intro", "intro-1", "main", "intro"]
            .map(|b| unique_heading_id(b.to_string(), &mut used))
            .into();
        assert_eq!(ids, ["intro", "intro-1", "intro-1-1", "main-1", "intro-2"]);
    }

    #[test]
    fn escapes_for_xml_and_for_markdown_text() {
        let text = r#"a*b_[c]`d\ <&> "'"#;
        assert_eq!(escape_xml(text), r"a*b_[c]`d\ &lt;&amp;&gt; &quot;&#39;");
        assert_eq!(
            escape_markdown_inline(text),
            r#"a\*b\_\[c\]\`d\\ &lt;&amp;&gt; "'"#
        );
    }
}
