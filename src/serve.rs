//! `tally serve`: the site in memory, served on loopback, rebuilt as the author types.
//!
//! The built site lives in memory (the output folder is never written). A watcher rebuilds on
//! change, debounced; an edit to one narrative re-renders only its page when its title, date and
//! address are unchanged. Open pages hold a Server-Sent Events connection (a small script that
//! only `serve` injects) and reload after a good rebuild; after a broken one they show the error,
//! exactly as the CLI reports it, over the last good page.

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Request, Response, Server};

use crate::Error;
use crate::charts::escape_xml;
use crate::site::{BuildOptions, OutputFile, Prepared, Site};

/// Where the reload signal is served.
pub const EVENTS_PATH: &str = "/__tally/events";

/// Options of `tally serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// The address to listen on (loopback unless told otherwise); port 0 picks a free one.
    pub address: SocketAddr,
    /// Include drafts.
    pub drafts: bool,
}

/// What every connection reads: the built files, the last error, and a version that changes
/// with every rebuild.
#[derive(Default)]
struct Shared {
    files: HashMap<String, Arc<[u8]>>,
    error: Option<String>,
    version: u64,
}

struct Hub {
    state: Mutex<Shared>,
    changed: Condvar,
    stopping: AtomicBool,
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        // A panicking reader cannot leave the map half-written: recover the data.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn publish(&self, files: Option<HashMap<String, Arc<[u8]>>>, error: Option<String>) {
        let mut state = self.lock();
        if let Some(files) = files {
            state.files = files;
        }
        state.error = error;
        state.version += 1;
        self.changed.notify_all();
    }

    fn patch(&self, files: Vec<OutputFile>) {
        let mut state = self.lock();
        for file in files {
            state.files.insert(file.path, Arc::from(file.bytes));
        }
        state.error = None;
        state.version += 1;
        self.changed.notify_all();
    }
}

/// The builder's state between rebuilds.
struct Session {
    root: PathBuf,
    options: BuildOptions,
    built: Option<(Site, Prepared)>,
}

impl Session {
    /// A full build in memory.
    fn full(&mut self) -> Result<HashMap<String, Arc<[u8]>>, Error> {
        // Charts whose data did not change are reused from the last good build.
        let previous = self
            .built
            .take()
            .map(|(_, prepared)| prepared.charts)
            .unwrap_or_default();
        let site = Site::load(&self.root, &self.options)?;
        let prepared = site.prepare(previous)?;
        let files = render_all(&site, &prepared)?;
        self.built = Some((site, prepared));
        Ok(files)
    }

    /// Re-renders after `changed` files: only the edited narratives' pages when possible.
    fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Error> {
        let narratives_only = changed.iter().all(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.starts_with(crate::content::CONTENT_DIR)
                && !p.starts_with(crate::ledger::DATA_DIR)
                && self.root.join(p).is_file()
        });
        if narratives_only && let Some((site, prepared)) = self.built.as_mut() {
            let mut files = Vec::new();
            let mut complete = true;
            for path in changed {
                match site.update_narrative(prepared, path, self.options.drafts) {
                    Ok(Some(changed_files)) => files.extend(changed_files),
                    Ok(None) => {
                        complete = false;
                        break;
                    }
                    Err(error) => {
                        self.built = None;
                        return Err(error);
                    }
                }
            }
            if complete {
                return Ok(Update::Patch(files));
            }
        }
        self.full().map(Update::Replace)
    }
}

enum Update {
    Patch(Vec<OutputFile>),
    Replace(HashMap<String, Arc<[u8]>>),
}

fn render_all(site: &Site, prepared: &Prepared) -> Result<HashMap<String, Arc<[u8]>>, Error> {
    let jobs: Vec<_> = prepared.jobs.iter().collect();
    let mut files = site.render_pages(prepared, &jobs)?;
    files.extend(site.data_files(prepared)?);
    Ok(files
        .into_iter()
        .map(|f| (f.path, Arc::from(f.bytes)))
        .collect())
}

/// The overlay shown over the page when the input is broken: the CLI's report, as text.
fn overlay(report: &str) -> String {
    format!(
        "<div id=\"tally-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;\
         background:rgba(20,23,28,.96);color:#f3f4f6;padding:2rem;font:14px/1.45 ui-monospace,monospace\">\
         <p style=\"font:600 18px system-ui,sans-serif;margin:0 0 1rem\">tally could not rebuild the site</p>\
         <pre style=\"white-space:pre-wrap;margin:0\">{}</pre>\
         <p style=\"font:15px system-ui,sans-serif\">Fix it and save: this page reloads by itself.</p></div>",
        escape_xml(report)
    )
}

/// The script `serve` injects into every page (never into the built site on disk).
const RELOAD_SCRIPT: &str = "<script>(function(){var s=new EventSource(\"/__tally/events\");\
s.addEventListener(\"reload\",function(){location.reload()});\
s.addEventListener(\"broken\",function(e){var d=document.getElementById(\"tally-error\");\
if(d){d.remove()}document.body.insertAdjacentHTML(\"beforeend\",e.data)});})();</script>";

/// Runs the server until Ctrl-C. Prints the address when ready.
pub fn serve(options: ServeOptions, on_ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    let root = options.root.clone();
    let mut session = Session {
        root: root.clone(),
        options: BuildOptions {
            drafts: options.drafts,
            base_url: None,
            timings: false,
        },
        built: None,
    };
    let hub = Arc::new(Hub {
        state: Mutex::new(Shared::default()),
        changed: Condvar::new(),
        stopping: AtomicBool::new(false),
    });
    match session.full() {
        Ok(files) => hub.publish(Some(files), None),
        Err(error) => hub.publish(None, Some(crate::diagnostics::report_text(&error))),
    }
    let server = Server::http(options.address).map_err(|e| {
        Error::Refused(format!(
            "could not listen on {}: {e}; pass another --port (or --port 0 for any free one)",
            options.address
        ))
    })?;
    let server = Arc::new(server);
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Refused("the server has no IP address".into()))?;
    let watcher = watch(&root, session, Arc::clone(&hub))?;
    {
        let server = Arc::clone(&server);
        let hub = Arc::clone(&hub);
        ctrlc::set_handler(move || {
            hub.stopping.store(true, Ordering::SeqCst);
            hub.changed.notify_all();
            server.unblock();
        })
        .map_err(|e| Error::Refused(format!("could not handle Ctrl-C: {e}")))?;
    }
    on_ready(address);
    for request in server.incoming_requests() {
        let hub = Arc::clone(&hub);
        std::thread::spawn(move || respond(&hub, request));
    }
    drop(watcher);
    Ok(())
}

/// How long the inputs must be quiet before a rebuild: editors write a file in several steps.
const QUIET: Duration = Duration::from_millis(20);

/// Watches the site's inputs and rebuilds on change.
fn watch(
    root: &Path,
    mut session: Session,
    hub: Arc<Hub>,
) -> Result<notify::RecommendedWatcher, Error> {
    let (sender, receiver) = std::sync::mpsc::channel::<()>();
    // Reading a file raises an access event on some systems; rebuilding reads every file, so
    // only changes count, or every rebuild would trigger the next.
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
        {
            let _ = sender.send(());
        }
    })
    .map_err(|e| Error::Refused(format!("could not watch the site's files: {e}")))?;
    for watched in ["site.toml", "content", "themes", "templates", "static"] {
        let path = root.join(watched);
        if path.exists() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| {
                    Error::Refused(format!("could not watch `{}`: {e}", path.display()))
                })?;
        }
    }
    let root = root.to_path_buf();
    let mut known = snapshot(&root);
    std::thread::spawn(move || {
        while receiver.recv().is_ok() {
            // Debounce: wait until nothing has changed for a moment.
            while receiver.recv_timeout(QUIET).is_ok() {}
            // Only a file whose size or modification time changed, or that appeared or
            // vanished, counts as an edit (a save that changed nothing does not rebuild).
            let now = snapshot(&root);
            let changed = changed_files(&known, &now);
            known = now;
            if changed.is_empty() {
                continue;
            }
            let started = Instant::now();
            match session.update(&changed) {
                Ok(Update::Patch(files)) => hub.patch(files),
                Ok(Update::Replace(files)) => hub.publish(Some(files), None),
                Err(error) => hub.publish(None, Some(crate::diagnostics::report_text(&error))),
            }
            eprintln!(
                "Rebuilt after a change to {} in {} ms",
                changed[0].display(),
                started.elapsed().as_millis()
            );
        }
    });
    Ok(watcher)
}

/// Size and modification time of every input file, relative to the site root.
type Snapshot = std::collections::BTreeMap<PathBuf, (Option<std::time::SystemTime>, u64)>;

fn snapshot(root: &Path) -> Snapshot {
    let mut files = Snapshot::new();
    for watched in ["site.toml", "content", "themes", "templates", "static"] {
        for entry in walkdir::WalkDir::new(root.join(watched))
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            if is_noise(&relative) {
                continue;
            }
            if let Ok(meta) = entry.metadata() {
                files.insert(relative, (meta.modified().ok(), meta.len()));
            }
        }
    }
    files
}

fn changed_files(before: &Snapshot, after: &Snapshot) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = after
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .map(|(path, _)| path.clone())
        .collect();
    changed.extend(before.keys().filter(|p| !after.contains_key(*p)).cloned());
    changed.sort();
    changed
}

/// Editor swap files, backups and hidden files do not trigger rebuilds.
fn is_noise(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// The file a URL path names, or why not: `Err(403)` for paths that try to leave the site.
pub fn resolve(url: &str) -> Result<String, u16> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| 400u16)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return Err(403);
    }
    let trimmed = decoded.trim_start_matches('/');
    let leaves = trimmed
        .split('/')
        .any(|segment| segment == "." || segment == "..");
    if leaves
        || Path::new(trimmed)
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(403);
    }
    if trimmed.is_empty() || trimmed.ends_with('/') {
        Ok(format!("{trimmed}index.html"))
    } else {
        Ok(trimmed.to_string())
    }
}

/// The content type of a file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    // Both are ASCII constants or checked paths; a bad header is skipped rather than panicking.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Tally"[..], &b"1"[..]).expect("constant header")
    })
}

fn respond(hub: &Hub, request: Request) {
    let url = request.url().to_string();
    if url == EVENTS_PATH || url.starts_with(&format!("{EVENTS_PATH}?")) {
        events(hub, request);
        return;
    }
    let path = match resolve(&url) {
        Ok(path) => path,
        Err(code) => {
            let _ = request.respond(
                Response::from_string("Forbidden: that path leaves the site.")
                    .with_status_code(code),
            );
            return;
        }
    };
    let (found, not_found, error) = {
        let state = hub.lock();
        let found = state.files.get(&path).cloned();
        let is_folder = found.is_none() && state.files.contains_key(&format!("{path}/index.html"));
        if is_folder {
            drop(state);
            let location = format!("{}/", url.split(['?', '#']).next().unwrap_or("/"));
            let response = Response::empty(301).with_header(header("Location", &location));
            let _ = request.respond(response);
            return;
        }
        (
            found,
            state.files.get("404.html").cloned(),
            state.error.clone(),
        )
    };
    let (status, path, bytes) = match (found, not_found) {
        (Some(bytes), _) => (200, path, bytes),
        (None, Some(page)) => (404, "404.html".to_string(), page),
        (None, None) => (404, "404.txt".to_string(), Arc::from(&b"Not found"[..])),
    };
    let body: Vec<u8> = if path.ends_with(".html") {
        inject(&bytes, error.as_deref())
    } else {
        bytes.to_vec()
    };
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type(&path)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

/// Adds the reload script (and the error overlay, when the last rebuild failed) before `</body>`.
fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::from(RELOAD_SCRIPT);
    if let Some(report) = error {
        extra.push_str(&overlay(report));
    }
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

/// A Server-Sent Events stream: `reload` after a good rebuild, `broken` with the overlay after a
/// failed one, and a comment every 15 seconds to notice closed tabs.
fn events(hub: &Hub, request: Request) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    let mut seen = hub.lock().version;
    loop {
        let (version, error) = {
            let state = hub.lock();
            let (state, _) = hub
                .changed
                .wait_timeout_while(state, Duration::from_secs(15), |s| {
                    s.version == seen && !hub.stopping.load(Ordering::SeqCst)
                })
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            (state.version, state.error.clone())
        };
        if hub.stopping.load(Ordering::SeqCst) {
            return;
        }
        let message = if version == seen {
            ": ping\n\n".to_string()
        } else {
            seen = version;
            match error {
                None => "event: reload\ndata: ok\n\n".to_string(),
                Some(report) => {
                    let html = overlay(&report);
                    let data: String = html.lines().map(|l| format!("data: {l}\n")).collect();
                    format!("event: broken\n{data}\n")
                }
            }
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(resolve("/"), Ok("index.html".into()));
        assert_eq!(
            resolve("/sprints/S1/?x=1"),
            Ok("sprints/S1/index.html".into())
        );
        assert_eq!(resolve("/style.css"), Ok("style.css".into()));
        assert_eq!(resolve("/../etc/passwd"), Err(403));
        assert_eq!(resolve("/%2e%2e/etc/passwd"), Err(403));
        assert_eq!(resolve("/a/%2E%2E/%2E%2E/x"), Err(403));
        assert_eq!(resolve("/a/..%2f..%2fx"), Err(403));
        assert_eq!(resolve("/a%5c..%5cx"), Err(403));
        assert_eq!(resolve("/a/./b"), Err(403));
    }

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let html = inject(b"<html><body><p>x</p></body></html>", None);
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("<p>x</p><script>"));
        assert!(html.ends_with("</script></body></html>"));
        let broken = String::from_utf8(inject(b"<body></body>", Some("error: <bad>"))).unwrap();
        assert!(broken.contains("error: &lt;bad&gt;"));
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("data/x.csv"), "text/csv; charset=utf-8");
    }
}
