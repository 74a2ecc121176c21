//! Reading the files an author writes: bytes into checked text with spans.
//!
//! A file that is missing, not UTF-8, or holds an invisible control character is reported
//! here, once, so that every later step can trust the text it is given.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::error::Error;

/// Reads a file the user wrote. A missing or unreadable file is an error naming it; a file
/// that is not UTF-8 text or holds an invisible control character is a located error.
pub fn read_source(root: &Path, relative: &Path) -> Result<Arc<SourceFile>, Error> {
    let full = root.join(relative);
    let bytes = std::fs::read(&full).map_err(|source| Error::Io {
        action: "could not read",
        path: full.clone(),
        source,
    })?;
    decode_source(relative, bytes).map_err(|d| Error::Invalid(vec![d]))
}

/// The path of a walked directory entry relative to the site `root`, when the entry is a file
/// (the form every report and output map uses); `None` for folders and links to folders.
pub fn relative_file(root: &Path, entry: &walkdir::DirEntry) -> Option<PathBuf> {
    if !entry.file_type().is_file() {
        return None;
    }
    let path = entry.path();
    Some(path.strip_prefix(root).unwrap_or(path).to_path_buf())
}

/// Turns a file's bytes into text to check, shown as `path` in reports. Bytes that are not
/// UTF-8 are reported at the first bad one; so is the first control character (other than
/// tab, line feed and carriage return), which would reach pages and feeds unseen and make
/// the feed unreadable.
pub fn decode_source(path: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let file = SourceFile::new(path, text);
            let end = file.text[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8());
            return Err(
                Diagnostic::error(&file, at..end, "this file is not UTF-8 text")
                    .with_label("this byte is not UTF-8")
                    .with_help("save the file as UTF-8 (editors offer it under Save As or Encoding), or convert it, e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.new`"),
            );
        }
    };
    let file = SourceFile::new(path, text);
    match control_characters(&file.text) {
        None => Ok(file),
        Some((at, c, count)) => {
            let others = match count {
                1 => String::new(),
                2 => "; the file has 1 more".to_string(),
                n => format!("; the file has {} more", n - 1),
            };
            Err(
                Diagnostic::error(
                    &file,
                    at..at + c.len_utf8(),
                    format!("an invisible control character, {}, is in the text", control_name(c)),
                )
                .with_label(format!("here{others}"))
                .with_help(format!(
                    "remove the invisible character {} (it often comes from copying out of a terminal or another program); only tab and line breaks may be used",
                    control_name(c)
                )),
            )
        }
    }
}

/// A character reference in markdown (`&#27;`, `&#x1b;`) that stands for a forbidden control
/// character: the markdown parser decodes it, and raw HTML passes it on to the page and the
/// feed, so it is as unseen, and as fatal to the feed, as the character itself.
pub fn control_reference(file: &Arc<SourceFile>) -> Option<Diagnostic> {
    let text = &file.text;
    let mut from = 0;
    while let Some(found) = text[from..].find("&#") {
        let start = from + found;
        from = start + 2;
        let rest = &text[from..];
        let (digits, radix, skip) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 1),
            None => (rest, 10, 0),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 || !digits[len..].starts_with(';') {
            continue;
        }
        let forbidden = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32)
            .filter(|c| is_forbidden_control(*c));
        if let Some(c) = forbidden {
            let end = from + skip + len + 1;
            return Some(
                Diagnostic::error(
                    file,
                    start..end,
                    format!(
                        "this character reference stands for an invisible control character, {}",
                        control_name(c)
                    ),
                )
                .with_help(
                    "remove it: it would reach the page and the feed unseen; only tabs and line breaks may be used",
                ),
            );
        }
    }
    None
}

/// Whether a character is an invisible control character that has no place in a page: C0
/// except tab, line feed and carriage return, DEL, and C1.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// The first forbidden control character (byte offset and character) and how many there are.
fn control_characters(text: &str) -> Option<(usize, char, usize)> {
    // Most files have none: a pass over the bytes rules that out quickly. Every forbidden
    // character starts with one of these bytes (C1 controls are 0xC2 0x80 to 0xC2 0x9F).
    let bytes = text.as_bytes();
    let may_have = bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7f
            || (b == 0xc2
                && bytes
                    .get(i + 1)
                    .is_some_and(|next| (0x80..0xa0).contains(next)))
    });
    if !may_have {
        return None;
    }
    let mut found = text
        .char_indices()
        .filter(|(_, c)| is_forbidden_control(*c));
    let (at, c) = found.next()?;
    Some((at, c, 1 + found.count()))
}

/// `U+001B ESC`: a control character's code point and, for the common ones, its short name.
pub fn control_name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "FS", "GS", "RS", "US",
    ];
    let code = c as u32;
    let name = match code {
        0..=31 => Some(C0[code as usize]),
        0x7f => Some("DEL"),
        0x85 => Some("NEL"),
        _ => None,
    };
    match name {
        Some(name) => format!("U+{code:04X} {name}"),
        None => format!("U+{code:04X}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_and_control_characters_are_located() {
        let error = decode_source(Path::new("a.md"), b"ok\nab\xffc\n".to_vec()).unwrap_err();
        assert_eq!(error.message, "this file is not UTF-8 text");
        assert_eq!(error.position().as_deref(), Some("a.md:2:3"));
        let error = decode_source(Path::new("a.md"), "x\n\ty \u{1b}[1m\u{0}\n".into()).unwrap_err();
        assert!(error.message.contains("U+001B ESC"), "{}", error.message);
        assert_eq!(error.position().as_deref(), Some("a.md:2:4"));
        assert_eq!(error.label.as_deref(), Some("here; the file has 1 more"));
        for c in ['\u{7f}', '\u{85}', '\u{0}'] {
            assert!(
                decode_source(Path::new("a"), c.to_string().into()).is_err(),
                "{c:?}"
            );
        }
        assert!(decode_source(Path::new("a"), "\u{feff}tab\tcr\r\nü €\n".into()).is_ok());
    }
}
