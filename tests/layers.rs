//! The house rules of `src/`, checked from the code's own `crate::` and `super::` paths:
//!
//! - each top-level folder is a stage, and a stage imports only the stages below it (see
//!   [`STAGES`], the same order as the doc comment of `src/lib.rs`);
//! - no two modules import each other, directly or around a loop, and no module imports from
//!   the module that declares it (its parent uses it, so that would be a loop too: shared items
//!   go into a module of their own);
//! - no file in `src/` passes 700 lines.
//!
//! Test modules (`#[cfg(test)]` to the end of a file) are left out: a test may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages from the bottom up. A module may import its own stage and any stage of a lower
/// rank; modules of the same rank (the tools) may not import each other.
const STAGES: &[(&str, u8)] = &[
    ("diagnostics", 0),
    ("text", 0),
    ("error", 1),
    ("load", 2),
    ("accounts", 3),
    ("words", 4),
    ("charts", 5),
    ("prose", 6),
    ("pages", 7),
    ("site", 8),
    ("serve", 9),
    ("import", 9),
    ("scaffold", 9),
];

/// The longest file the house accepts: a longer one has two jobs.
const MAX_LINES: usize = 700;

/// A module's path inside the crate, e.g. `["site", "links"]`.
type ModulePath = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every library source file (the binary's `main.rs` and `cli/` are left out) with its module
/// path.
fn library_modules() -> BTreeMap<ModulePath, PathBuf> {
    let root = src();
    let mut modules = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.expect("src/ is readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&root).expect("inside src/");
        let mut parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        // The binary and test modules kept in files of their own (`tests.rs`) are left out.
        if parts[0] == "cli"
            || parts == ["main.rs"]
            || parts.last().is_some_and(|p| p == "tests.rs")
        {
            continue;
        }
        let file = parts.pop().expect("a file name");
        match file.as_str() {
            "lib.rs" | "mod.rs" => {}
            name => parts.push(name.trim_end_matches(".rs").to_string()),
        }
        modules.insert(parts, path.to_path_buf());
    }
    modules
}

/// The text of a file up to its test module.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a readable source file");
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Each path the code names, as written after `crate::` or as `super::...` resolved, with the
/// names inside `{...}` groups of `use` lines expanded one level.
fn named_paths(module: &ModulePath, code: &str) -> Vec<ModulePath> {
    let mut paths = Vec::new();
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{' || c == ','))
        .filter(|w| !w.is_empty())
        .collect();
    for word in words {
        for start in ["crate::", "super::"] {
            let mut rest = word;
            while let Some(at) = rest.find(start) {
                let tail = &rest[at..];
                paths.extend(resolve(module, tail));
                rest = &rest[at + start.len()..];
            }
        }
    }
    paths
}

/// `crate::a::b::{c, d}` or `super::x` from `module`, as absolute module paths (one per name in
/// a group).
fn resolve(module: &ModulePath, text: &str) -> Vec<ModulePath> {
    let (head, group) = match text.split_once('{') {
        Some((head, group)) => (head, Some(group)),
        None => (text, None),
    };
    let mut segments: Vec<&str> = head.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: ModulePath = Vec::new();
    match segments.first() {
        Some(&"crate") => {
            segments.remove(0);
        }
        Some(&"super") => {
            base = module.clone();
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop();
            }
        }
        _ => return Vec::new(),
    }
    base.extend(segments.iter().map(|s| s.to_string()));
    match group {
        None => vec![base],
        Some(group) => {
            let names: Vec<String> = group
                .split([',', '}'])
                .map(|name| name.trim().split("::").next().unwrap_or("").to_string())
                .filter(|name| !name.is_empty())
                .collect();
            names
                .iter()
                .map(|name| {
                    let mut path = base.clone();
                    if name != "self" {
                        path.push(name.clone());
                    }
                    path
                })
                .collect()
        }
    }
}

/// The module a path lands in: its longest prefix that is a module of the crate.
fn owning_module<'a>(
    modules: &'a BTreeMap<ModulePath, PathBuf>,
    path: &ModulePath,
) -> Option<&'a ModulePath> {
    (1..=path.len())
        .rev()
        .find_map(|n| modules.get_key_value(&path[..n]).map(|(k, _)| k))
}

fn rank(stage: &str) -> Option<u8> {
    STAGES.iter().find(|(s, _)| *s == stage).map(|(_, r)| *r)
}

/// Module → the other modules it imports.
fn import_graph() -> BTreeMap<ModulePath, BTreeSet<ModulePath>> {
    let modules = library_modules();
    let mut graph = BTreeMap::new();
    for (module, path) in &modules {
        let code = code_of(path);
        let imports: BTreeSet<ModulePath> = named_paths(module, &code)
            .iter()
            .filter_map(|p| owning_module(&modules, p))
            .filter(|target| *target != module && !target.is_empty())
            // A module may name its own children (that is how it declares them).
            .filter(|target| !target.starts_with(module))
            .cloned()
            .collect();
        graph.insert(module.clone(), imports);
    }
    graph
}

#[test]
fn every_top_level_module_is_a_known_stage() {
    for module in library_modules().keys() {
        if let Some(stage) = module.first() {
            assert!(
                rank(stage).is_some(),
                "src/{stage} is not in STAGES: give it its place in the pipeline (tests/layers.rs and the doc comment of src/lib.rs)"
            );
        }
    }
}

#[test]
fn a_stage_imports_only_the_stages_below_it() {
    let mut problems = Vec::new();
    for (module, imports) in import_graph() {
        let Some(from) = module.first().and_then(|s| rank(s)) else {
            continue;
        };
        for target in imports {
            let Some(to) = target.first().and_then(|s| rank(s)) else {
                continue;
            };
            let same_stage = module.first() == target.first();
            if !same_stage && to >= from {
                problems.push(format!(
                    "{} imports {} (a stage that is not below it)",
                    module.join("::"),
                    target.join("::")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_module_imports_from_the_module_that_declares_it() {
    let mut problems = Vec::new();
    for (module, imports) in import_graph() {
        for target in imports.iter().filter(|t| module.starts_with(t)) {
            problems.push(format!(
                "{} imports from {}, which declares it: move what they share into a module of its own",
                module.join("::"),
                target.join("::")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_two_modules_import_each_other() {
    let graph: BTreeMap<ModulePath, BTreeSet<ModulePath>> = import_graph()
        .into_iter()
        .map(|(module, imports)| {
            let others = imports
                .into_iter()
                .filter(|t| !module.starts_with(t))
                .collect();
            (module, others)
        })
        .collect();
    let mut problems = BTreeSet::new();
    for start in graph.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack: Vec<(ModulePath, Vec<ModulePath>)> = vec![(start.clone(), vec![])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                let mut trail = trail.clone();
                trail.push(next.clone());
                if next == start {
                    let mut cycle: Vec<String> = vec![start.join("::")];
                    cycle.extend(trail.iter().map(|m| m.join("::")));
                    let mut key = cycle.clone();
                    key.pop();
                    key.sort();
                    if problems.insert(key.join(" ")) {
                        eprintln!("loop: {}", cycle.join(" → "));
                    }
                } else if seen.insert(next.clone()) {
                    stack.push((next.clone(), trail));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "import loops (see the lines above): {problems:?}"
    );
}

#[test]
fn no_source_file_passes_the_line_limit() {
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.expect("src/ is readable");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let lines = std::fs::read_to_string(entry.path())
                .expect("a readable source file")
                .lines()
                .count();
            if lines > MAX_LINES {
                long.push(format!("{} ({lines} lines)", entry.path().display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines have more than one job: {long:?}"
    );
}

#[test]
fn the_checker_sees_imports_and_resolves_super() {
    let module: ModulePath = vec!["site".into(), "links".into()];
    let found = named_paths(
        &module,
        "use crate::load::narratives::{Content, self};\nuse super::output::OutputFile;",
    );
    assert!(found.contains(&vec!["load".into(), "narratives".into(), "Content".into()]));
    assert!(found.contains(&vec!["site".into(), "output".into(), "OutputFile".into()]));
}
