//! Small text utilities shared by every stage: escaping, anchors and numbers. They import
//! nothing of the crate, so any stage may use them.

use std::collections::HashSet;

pub mod urls;

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

/// `base`, or `base-2`, `base-3`... whichever is not used yet; marks it used.
pub fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 1;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
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
    fn escapes_for_xml_and_for_markdown_text() {
        let text = r#"a*b_[c]`d\ <&> "'"#;
        assert_eq!(escape_xml(text), r"a*b_[c]`d\ &lt;&amp;&gt; &quot;&#39;");
        assert_eq!(
            escape_markdown_inline(text),
            r#"a\*b\_\[c\]\`d\\ &lt;&amp;&gt; "'"#
        );
    }
}
