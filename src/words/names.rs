//! Names that survive any label: how a sentence names a category, whatever the author called it.
//!
//! A category's `phrase` in site.toml (`phrase = "running the business"`) is used as written,
//! mid-sentence and, capitalized, at the start of one. Without a phrase, the label is quoted as
//! the author wrote it, never lower-cased, and followed by "work" where a noun is needed: "the
//! time spent on Run the business work", "SRE work took 45%". The built-in categories carry
//! their lower-case labels as phrases.

use crate::load::config::Config;
use crate::words::figures::capitalize;

/// A category mid-sentence, after "on" or "the time spent on": `keeping the lights on`,
/// `Run the business work`, `uncategorized work`.
pub fn category_words(config: &Config, slot: usize) -> String {
    if slot == config.uncategorized_slot() {
        return "uncategorized work".to_string();
    }
    match config.category_phrase(slot) {
        Some(phrase) => phrase.to_string(),
        None => with_work(config.category_label(slot)),
    }
}

/// A category as the subject opening a sentence: `Keeping the lights on`, `Run the business
/// work`, `Uncategorized work`.
pub fn category_subject(config: &Config, slot: usize) -> String {
    if slot == config.uncategorized_slot() {
        return "Uncategorized work".to_string();
    }
    match config.category_phrase(slot) {
        Some(phrase) => capitalize(phrase),
        None => with_work(config.category_label(slot)),
    }
}

/// `Run the business` → `Run the business work`; a label already ending in "work" stays.
fn with_work(label: &str) -> String {
    let trimmed = label.trim_end();
    if trimmed.to_lowercase().ends_with("work") {
        trimmed.to_string()
    } else {
        format!("{trimmed} work")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    fn config(text: &str) -> Config {
        Config::parse(SourceFile::new(
            "site.toml",
            format!("title = \"t\"\n{text}"),
        ))
        .unwrap()
    }

    #[test]
    fn a_label_is_quoted_as_written_and_a_phrase_is_used() {
        let config = config(
            "[categories.run]\nlabel = \"Run the business\"\n\
             [categories.sre]\nlabel = \"SRE\"\n\
             [categories.grow]\nlabel = \"Grow the business\"\nphrase = \"growing the business\"\n\
             [categories.misc]\nlabel = \"Other work\"\n",
        );
        assert_eq!(category_words(&config, 0), "Run the business work");
        assert_eq!(category_subject(&config, 0), "Run the business work");
        assert_eq!(category_words(&config, 1), "SRE work");
        assert_eq!(category_words(&config, 2), "growing the business");
        assert_eq!(category_subject(&config, 2), "Growing the business");
        assert_eq!(category_words(&config, 3), "Other work");
        assert_eq!(category_words(&config, 4), "uncategorized work");
        assert_eq!(category_subject(&config, 4), "Uncategorized work");
    }

    #[test]
    fn the_built_in_categories_read_in_lower_case() {
        let config = config("");
        assert_eq!(category_words(&config, 3), "keeping the lights on");
        assert_eq!(category_subject(&config, 3), "Keeping the lights on");
    }

    #[test]
    fn an_empty_phrase_is_located() {
        let result = Config::parse(SourceFile::new(
            "site.toml",
            "title = \"t\"\n[categories.a]\nphrase = \"  \"\n",
        ));
        let Err(crate::error::Error::Invalid(diagnostics)) = result else {
            panic!("an empty phrase was accepted")
        };
        assert_eq!(diagnostics[0].line_col(), Some((3, 10)));
    }
}
