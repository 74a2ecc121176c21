//! Reading the export files into [`Item`]s: each file decoded as UTF-8 text, parsed by its
//! tracker's reader, then checked as a whole (a key listed twice) and linked (numeric parent
//! ids resolved to keys, and every item's ancestors collected for `epic` rules).
//!
//! Every malformed record is a located [`Diagnostic`]; all of them are reported together.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::item::{Format, Item};
use super::rules::Rules;
use super::{github, jira, linear};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::error::Error;

/// Reads every export file of `format`: the items, in the files' order, with their parents
/// resolved. The rules say how Jira writes its dates and which columns hold estimates; `repo`
/// is `--repo`.
pub(super) fn read_items(
    format: Format,
    files: &[PathBuf],
    rules: &Rules,
    repo: Option<&str>,
) -> Result<Vec<Item>, Error> {
    let mut problems = Vec::new();
    let mut items = Vec::new();
    let estimate_columns = rules.estimate_columns.as_deref();
    for path in files {
        let file = read_export(path)?;
        items.extend(match format {
            Format::Jira => jira::parse(
                &file,
                &rules.jira_date_format,
                estimate_columns,
                &mut problems,
            ),
            Format::Linear => linear::parse(&file, estimate_columns, &mut problems),
            Format::Github => github::parse(&file, repo, &mut problems),
        });
    }
    check_duplicates(&items, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Export(problems));
    }
    resolve_parents(&mut items);
    Ok(items)
}

/// Reads an export; its path is shown as given.
pub(super) fn read_export(path: &Path) -> Result<Arc<SourceFile>, Error> {
    let bytes = std::fs::read(path).map_err(Error::io("could not read", path))?;
    crate::load::input::decode_source(path, bytes).map_err(|mut d| {
        if d.message == "this file is not UTF-8 text" {
            d.help = vec!["export it again as UTF-8, or convert it, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`".to_string()];
        }
        Error::Export(vec![d])
    })
}

fn check_duplicates(items: &[Item], problems: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Item> = HashMap::with_capacity(items.len());
    for item in items {
        if let Some(first) = seen.get(item.key.as_str()) {
            let (line, _) = first.origin.file.line_col(first.origin.span.start);
            problems.push(
                Diagnostic::error(
                    &item.origin.file,
                    item.origin.span.clone(),
                    format!("`{}` is in the export twice", item.key),
                )
                .with_label(format!(
                    "also at {}:{line}",
                    first.origin.file.path.display()
                ))
                .with_help(
                    "an export lists each item once: remove one of the two, or export again",
                ),
            );
        } else {
            seen.insert(&item.key, item);
        }
    }
}

/// Resolves numeric parent ids to keys (through the export's `Issue id`s) and collects every
/// item's ancestors: its parents, their parents, and so on.
fn resolve_parents(items: &mut [Item]) {
    let by_id: HashMap<&str, &str> = items
        .iter()
        .filter_map(|i| Some((i.id.as_deref()?, i.key.as_str())))
        .collect();
    let direct: Vec<(Vec<String>, Vec<String>)> = items
        .iter()
        .map(|item| {
            let mut keys: Vec<String> = Vec::new();
            let mut unresolved = Vec::new();
            for parent in &item.parents {
                let key = if parent.chars().all(|c| c.is_ascii_digit()) {
                    match by_id.get(parent.as_str()) {
                        Some(key) => (*key).to_string(),
                        None => {
                            unresolved.push(parent.clone());
                            continue;
                        }
                    }
                } else {
                    parent.clone()
                };
                if !keys.iter().any(|k| k.eq_ignore_ascii_case(&key)) {
                    keys.push(key);
                }
            }
            (keys, unresolved)
        })
        .collect();
    let by_key: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.key.to_lowercase(), i))
        .collect();
    for (i, item) in items.iter_mut().enumerate() {
        let mut ancestors: Vec<String> = Vec::new();
        let mut queue: VecDeque<&String> = direct[i].0.iter().collect();
        while let Some(key) = queue.pop_front() {
            if key.eq_ignore_ascii_case(&item.key)
                || ancestors.iter().any(|a| a.eq_ignore_ascii_case(key))
            {
                continue;
            }
            ancestors.push(key.clone());
            if let Some(&j) = by_key.get(&key.to_lowercase()) {
                queue.extend(direct[j].0.iter());
            }
        }
        // An id that is not in the export can still be named by an `epic` rule.
        ancestors.extend(direct[i].1.iter().cloned());
        item.ancestors = ancestors;
        item.unresolved_parents = direct[i].1.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    fn item(key: &str, id: &str, parents: &[&str]) -> Item {
        let origin = Location {
            file: SourceFile::new("x.csv", ""),
            span: 0..0,
        };
        Item {
            id: Some(id.to_string()),
            parents: parents.iter().map(|p| p.to_string()).collect(),
            ..Item::new(key.to_string(), String::new(), origin)
        }
    }

    #[test]
    fn parents_resolve_through_ids_and_keys_at_any_depth() {
        let mut items = vec![
            // A sub-task whose `Parent` is the story's numeric id.
            item("PAY-3", "103", &["102"]),
            // A story under an epic that is not in the export, by `Parent key` and `Epic Link`.
            item("PAY-2", "102", &["PAY-500", "pay-500"]),
            // Only a numeric parent that is not in the export.
            item("PAY-4", "104", &["999"]),
            // A cycle does not loop.
            item("A-1", "1", &["A-2"]),
            item("A-2", "2", &["1"]),
        ];
        resolve_parents(&mut items);
        assert_eq!(items[0].ancestors, ["PAY-2", "PAY-500"]);
        assert_eq!(items[1].ancestors, ["PAY-500"]);
        assert_eq!(items[2].ancestors, ["999"]);
        assert_eq!(items[2].unresolved_parents, ["999"]);
        assert_eq!(items[3].ancestors, ["A-2"]);
        assert_eq!(items[4].ancestors, ["A-1"]);
    }
}
