//! A fuzz-style test: the example site's TOML and markdown, mutated (byte flips, truncation,
//! deleted, doubled and swapped lines, extreme numbers and dates), through the same in-process
//! check `tally check` runs (load, validate, compute, render every page and data file, check
//! links, and render the error reports). Whatever the input, nothing may panic.
//!
//! A few hundred seeded iterations run in `cargo test`; set `TALLY_FUZZ_ITERATIONS` (and
//! optionally `TALLY_FUZZ_SEED`) for a deeper run:
//!
//! ```text
//! TALLY_FUZZ_ITERATIONS=20000 cargo test --release --test fuzz -- --nocapture
//! ```

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

mod common;

/// Iterations in a plain `cargo test`.
const DEFAULT_ITERATIONS: u64 = 250;

/// Numbers that have broken number handling somewhere: huge, tiny, negative zero, not a
/// number, integers at and past the 64-bit limits, and the edges of tally's ceilings.
const NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "1e-300",
    "5e-324",
    "-0",
    "-0.0",
    "0",
    "0.0",
    "inf",
    "-inf",
    "nan",
    "+nan",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "1e15",
    "0.000001",
    "0.0000009",
    "0.00001",
    "100000",
    "100000.0001",
    "10000000",
    "1000000",
    "4294967295",
    "4294967296",
    "1200",
    "-1",
    "24",
    "25",
    "\"12\"",
    "true",
];

/// Dates at the calendar's edges and a few awkward ones.
const DATES: &[&str] = &[
    "0001-01-01",
    "0000-01-01",
    "9999-12-31",
    "9999-12-20",
    "9999-12-01",
    "2026-02-29",
    "2028-02-29",
    "1970-01-01",
    "2026-11-02T10:00:00",
    "2026-13-01",
    "\"9999-12-31\"",
];

/// Lines that add keys the example leaves out, at their extremes.
const LINES: &[&str] = &[
    "working_days = 4294967295",
    "working_days = 1",
    "useful_life_months = 1200",
    "in_service = 2026-06-01\nuseful_life_months = 1200",
    "in_service = 9999-12-31",
    "cap_start = 0001-01-01",
    "target = 0001-01-01",
    "capitalizable = true",
    "[[capacity]]\nteam = \"payments\"\neffort = 0.000001",
    "[[capacity]]\nteam = \"payments\"\neffort = 100000",
    "[[work]]\nteam = \"payments\"\neffort = 100000\ninitiative = \"checkout-v2\"",
    "[[work]]\nteam = \"mobile\"\neffort = 0.000001\ninitiative = \"pg-upgrade\"",
    "[[initiative.scope_change]]\nsprint = \"2026-S23\"\nscope = 10000000",
    "effort_unit = \"hours\"\nhours_per_day = 1",
    "day_cost = 1000000",
    "people = 0",
    "{{ value(metric=\"share\", category=\"ktlo\", last=1e308) }}",
    "{{ chart(name=\"burn_up\", initiative=\"checkout-v2\") }}",
    "{{ chart(name=\"debt_map\") }}",
];

/// Splitmix64: a small, fast, deterministic generator; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to `n - 1` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The byte ranges of the numbers in `text` (a digit run, with a sign, a point and an exponent).
fn number_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit() && (i == 0 || !text[i - 1].is_ascii_alphanumeric()) {
            let start = if i > 0 && matches!(text[i - 1], b'-' | b'+') {
                i - 1
            } else {
                i
            };
            let mut end = i;
            while end < text.len()
                && (text[end].is_ascii_digit() || matches!(text[end], b'.' | b'e' | b'E' | b'_'))
            {
                end += 1;
            }
            spans.push((start, end));
            i = end;
        } else {
            i += 1;
        }
    }
    spans
}

/// The byte ranges of `YYYY-MM-DD` dates in `text`.
fn date_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let shape = |w: &[u8]| {
        w.iter().enumerate().all(|(k, b)| match k {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
    };
    text.windows(10)
        .enumerate()
        .filter(|(_, w)| shape(w))
        .map(|(i, _)| (i, i + 10))
        .collect()
}

/// Line starts and ends (without the newline).
fn lines(text: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in text.iter().enumerate() {
        if *b == b'\n' {
            spans.push((start, i));
            start = i + 1;
        }
    }
    if start < text.len() {
        spans.push((start, text.len()));
    }
    spans
}

fn splice(text: &[u8], (start, end): (usize, usize), with: &[u8]) -> Vec<u8> {
    [&text[..start], with, &text[end..]].concat()
}

/// `text` with one of `spans`, picked at random, replaced by one of `with`; `text` as it is
/// when there is no span. (The span is picked before the replacement, so that a seed gives
/// the same edits as before.)
fn replace_a_span(rng: &mut Rng, text: &[u8], spans: &[(usize, usize)], with: &[&str]) -> Vec<u8> {
    if spans.is_empty() {
        return text.to_vec();
    }
    let span = spans[rng.below(spans.len())];
    splice(text, span, rng.pick(with).as_bytes())
}

/// One random edit of `text`.
fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    if text.is_empty() {
        return rng.pick(NUMBERS).as_bytes().to_vec();
    }
    match rng.below(10) {
        0 => {
            let mut out = text.to_vec();
            let at = rng.below(out.len());
            out[at] = (rng.next() & 0xff) as u8;
            out
        }
        1 => {
            // A flipped bit keeps most of the text readable.
            let mut out = text.to_vec();
            let at = rng.below(out.len());
            out[at] ^= 1 << rng.below(8);
            out
        }
        2 => text[..rng.below(text.len())].to_vec(),
        3 | 4 => replace_a_span(rng, text, &number_spans(text), NUMBERS),
        5 => replace_a_span(rng, text, &date_spans(text), DATES),
        6 => {
            let all = lines(text);
            let line = all[rng.below(all.len())];
            splice(text, (line.0, (line.1 + 1).min(text.len())), b"")
        }
        7 => {
            let all = lines(text);
            let (start, end) = all[rng.below(all.len())];
            let copy = [&text[start..end], b"\n"].concat();
            splice(text, (start, start), &copy)
        }
        8 => {
            let all = lines(text);
            let (start, _) = all[rng.below(all.len())];
            let line = format!("{}\n", rng.pick(LINES));
            splice(text, (start, start), line.as_bytes())
        }
        _ => {
            let all = lines(text);
            let a = all[rng.below(all.len())];
            let b = all[rng.below(all.len())];
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first == second {
                return text.to_vec();
            }
            [
                &text[..first.0],
                &text[second.0..second.1],
                &text[first.1..second.0],
                &text[first.0..first.1],
                &text[second.1..],
            ]
            .concat()
        }
    }
}

/// The example site's TOML and markdown files, relative to the site root.
fn inputs(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .filter(|p| p.extension().is_some_and(|x| x == "toml" || x == "md"))
        .collect();
    files.sort();
    files
}

/// Everything `tally check` does in process, including rendering the reports.
fn check(root: &Path) -> &'static str {
    let options = tally::site::BuildOptions {
        drafts: true,
        base_url: None,
        timings: false,
    };
    match tally::site::check(root, &options) {
        Ok((_, warnings)) => {
            for warning in &warnings {
                let _ = warning.render(false);
            }
            "ok"
        }
        Err(tally::Error::Invalid(diagnostics)) => {
            assert!(!diagnostics.is_empty(), "an invalid site with no report");
            for diagnostic in &diagnostics {
                assert!(!diagnostic.render(false).is_empty());
            }
            "invalid"
        }
        Err(other) => {
            if std::env::var_os("TALLY_FUZZ_VERBOSE").is_some() {
                eprintln!("other error: {other}");
            }
            "other error"
        }
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn mutated_example_sites_never_panic() {
    let iterations = env_number("TALLY_FUZZ_ITERATIONS").unwrap_or(DEFAULT_ITERATIONS);
    let seed = env_number("TALLY_FUZZ_SEED").unwrap_or(0x0007_A117);
    let (_dir, root) = common::copy_example();
    let files = inputs(&root);
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(root.join(f)).unwrap())
        .collect();
    assert_eq!(check(&root), "ok", "the example site must check cleanly");
    let mut rng = Rng(seed);
    let mut outcomes = std::collections::BTreeMap::<&str, u64>::new();
    for iteration in 0..iterations {
        // One to three edits, to one or two files.
        let mut touched = Vec::new();
        for _ in 0..=rng.below(2) {
            let index = rng.below(files.len());
            let path = root.join(&files[index]);
            let text = std::fs::read(&path).unwrap();
            let mut edited = mutate(&mut rng, &text);
            if rng.below(3) == 0 {
                edited = mutate(&mut rng, &edited);
            }
            std::fs::write(&path, &edited).unwrap();
            touched.push((index, edited));
        }
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| check(&root)));
        if std::env::var_os("TALLY_FUZZ_VERBOSE").is_some() {
            eprintln!(
                "{iteration}: {:?} {:?}",
                outcome.as_ref().ok(),
                started.elapsed()
            );
        }
        match outcome {
            Ok(kind) => *outcomes.entry(kind).or_default() += 1,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let edits: Vec<String> = touched
                    .iter()
                    .map(|(i, text)| {
                        format!(
                            "--- {}\n{}",
                            files[*i].display(),
                            String::from_utf8_lossy(text)
                        )
                    })
                    .collect();
                panic!(
                    "iteration {iteration} (seed {seed:#x}) panicked: {message}\n{}",
                    edits.join("\n")
                );
            }
        }
        for (index, _) in touched {
            std::fs::write(root.join(&files[index]), &originals[index]).unwrap();
        }
    }
    eprintln!("fuzz: {iterations} iterations from seed {seed:#x} ran clean: {outcomes:?}");
}
