//! A small reader of HTML start tags, for the link check and for the anchors a narrative's own
//! HTML declares. It reads tags only where a browser would (never in text, where `<` is
//! written `&lt;`, nor in comments or inside `<script>` and `<style>`), so that `href="` shown
//! in a code block is not taken for a link.

/// One start tag: its name in lower case and its attributes as written (values not decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element<'a> {
    /// `a`, `img`, `h2`...
    pub name: String,
    /// (name in lower case, value as written; empty for an attribute without a value).
    pub attributes: Vec<(String, &'a str)>,
}

impl<'a> Element<'a> {
    /// The value of the attribute `name`, if the tag has it.
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
    }
}

/// Every start tag of `html`, in order.
pub fn elements(html: &str) -> Vec<Element<'_>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = html[at..].find('<') {
        let start = at + i;
        let rest = &html[start..];
        at = if rest.starts_with("<!--") {
            skip_past(html, start + 4, "-->")
        } else if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            skip_past(html, start + 2, ">")
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let (element, end) = start_tag(html, start + 1);
            let raw_text = matches!(element.name.as_str(), "script" | "style");
            let close = format!("</{}", element.name);
            found.push(element);
            if raw_text {
                find_ascii_case_insensitive(html, end, &close).unwrap_or(html.len())
            } else {
                end
            }
        } else {
            start + 1
        };
    }
    found
}

/// Every id a page declares: `id` attributes, and the `name` of `<a name="...">` anchors.
pub fn declared_ids(html: &str) -> Vec<&str> {
    elements(html)
        .into_iter()
        .flat_map(|e| {
            let name = if e.name == "a" {
                e.attribute("name")
            } else {
                None
            };
            [e.attribute("id"), name]
        })
        .flatten()
        .filter(|id| !id.is_empty())
        .collect()
}

/// The byte after the first `end` at or after `from`, or the end of `html`.
fn skip_past(html: &str, from: usize, end: &str) -> usize {
    html.get(from..)
        .and_then(|rest| rest.find(end))
        .map_or(html.len(), |i| from + i + end.len())
}

fn find_ascii_case_insensitive(html: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = html.as_bytes();
    let needle = needle.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Reads the tag whose name starts at `from`; returns it and the byte after its `>`.
fn start_tag(html: &str, from: usize) -> (Element<'_>, usize) {
    let bytes = html.as_bytes();
    let mut i = from;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let mut element = Element {
        name: html[from..i].to_ascii_lowercase(),
        attributes: Vec::new(),
    };
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (element, i);
        }
        if bytes[i] == b'>' {
            return (element, i + 1);
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = "";
        if j < bytes.len() && bytes[j] == b'=' {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let (v, after) = attribute_value(html, j);
            value = v;
            i = after;
        }
        element.attributes.push((name, value));
    }
}

/// A quoted or bare attribute value starting at `at`, and the byte after it.
fn attribute_value(html: &str, at: usize) -> (&str, usize) {
    let bytes = html.as_bytes();
    match bytes.get(at) {
        Some(&quote @ (b'"' | b'\'')) => {
            let end = html[at + 1..]
                .find(quote as char)
                .map_or(html.len(), |e| at + 1 + e);
            (&html[at + 1..end], (end + 1).min(html.len()))
        }
        _ => {
            let end = html[at..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .map_or(html.len(), |e| at + e);
            (&html[at..end], end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_tags_are_read() {
        let html = "<p>See <a href=\"a/index.html\" class=x>a</a> and <img alt='' src='b.png'>.</p>\
            <pre><code>&lt;a href=\"{{ user.url }}\"&gt; href=\"c\"</code></pre>\
            <!-- <a href=\"d\"> --><script>if (a<b) { x = '<a href=\"e\">' }</script>\
            <A NAME=\"top\"></A><div data-href=\"f\" id=\"g\"></div> 1 < 2";
        let links: Vec<(String, Option<&str>)> = elements(html)
            .iter()
            .map(|e| (e.name.clone(), e.attribute("href").or(e.attribute("src"))))
            .collect();
        assert_eq!(
            links,
            [
                ("p".to_string(), None),
                ("a".into(), Some("a/index.html")),
                ("img".into(), Some("b.png")),
                ("pre".into(), None),
                ("code".into(), None),
                ("script".into(), None),
                ("a".into(), None),
                ("div".into(), None),
            ]
        );
        assert_eq!(declared_ids(html), ["top", "g"]);
    }

    #[test]
    fn unclosed_tags_end_the_reading_without_a_panic() {
        for html in [
            "<a href=\"x",
            "<a href=",
            "<a",
            "<!-- x",
            "<script>",
            "<",
            "<img src='y",
        ] {
            let _ = elements(html);
        }
        assert_eq!(elements("<a href=\"x")[0].attribute("href"), Some("x"));
    }
}
