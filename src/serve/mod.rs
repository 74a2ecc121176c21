//! `tally serve`: the site in memory, served on loopback, rebuilt as the author types.
//!
//! The built site lives in memory (the output folder is never written). A watcher rebuilds on
//! change, debounced; an edit to one narrative re-renders only its page when its title, date and
//! address are unchanged. Open pages hold a Server-Sent Events connection (a small script that
//! only `serve` injects) and reload after a good rebuild; after a broken one they show the error,
//! exactly as the CLI reports it, over the last good page. A site that is broken when `serve`
//! starts shows that error on every page until it builds.
//!
//! Only this machine's browser may read it: the server answers GET and HEAD, only to requests
//! addressed to it by its own address or `localhost` (so a page whose domain was rebound to
//! 127.0.0.1 gets 421), and refuses requests that other sites' pages make (by `Origin` and
//! `Sec-Fetch-Site`).

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{HTTPVersion, Header, Method, Request, Response, Server};

use crate::error::Error;
use crate::site::{BuildOptions, OutputFile, Prepared, Site};
use crate::text::escape_xml;

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
                && p.starts_with(crate::load::narratives::CONTENT_DIR)
                && !p.starts_with(crate::load::ledger::DATA_DIR)
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
            // The not-found page links to this server's root, not the published site.
            base_url: Some("/".to_string()),
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
        Err(error) => {
            print_report(&error);
            eprintln!("Every page shows this error until the site builds; fix it and save.");
            hub.publish(None, Some(crate::diagnostics::report_text(&error)));
        }
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
    let hosts = Arc::new(AllowedHosts::new(address));
    on_ready(address);
    for request in server.incoming_requests() {
        let hub = Arc::clone(&hub);
        let hosts = Arc::clone(&hosts);
        std::thread::spawn(move || respond(&hub, &hosts, request));
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
                Err(error) => {
                    print_report(&error);
                    hub.publish(None, Some(crate::diagnostics::report_text(&error)));
                }
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

/// The names a request's `Host` may give: the address the server listens on and the loopback
/// names, with its port.
///
/// A web page that rebinds its own domain name to 127.0.0.1 reaches the server with its own
/// name in `Host`; answering only known names keeps such a page from reading the site. An IP
/// address cannot be rebound, so on an unspecified address (`--bind 0.0.0.0`, to be seen from
/// other machines) any IP address is accepted; names other than `localhost` never are.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    bound: IpAddr,
    port: u16,
}

/// A `Host` header's name, split from its port.
#[derive(Debug, PartialEq, Eq)]
enum HostName {
    Ip(IpAddr),
    Name(String),
}

impl AllowedHosts {
    /// The hosts a server listening on `address` answers to.
    pub fn new(address: SocketAddr) -> Self {
        Self {
            bound: address.ip(),
            port: address.port(),
        }
    }

    /// Whether a `Host` header (`127.0.0.1:1111`, `localhost:1111`, `[::1]:1111`) names this
    /// server. Without a port, the host means port 80.
    pub fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        if port.unwrap_or(80) != self.port {
            return false;
        }
        match name {
            HostName::Name(name) => name.eq_ignore_ascii_case("localhost"),
            HostName::Ip(ip) => ip.is_loopback() || ip == self.bound || self.bound.is_unspecified(),
        }
    }

    /// Whether an `Origin` header (`http://127.0.0.1:1111`) is a page of this server.
    fn allows_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.allows(host))
    }
}

/// Splits `host[:port]` (or `[v6]:port`); `None` when it is neither a name nor an address.
fn split_host(host: &str) -> Option<(HostName, Option<u16>)> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip: std::net::Ipv6Addr = inside.parse().ok()?;
        let port = match after {
            "" => None,
            after => Some(after.strip_prefix(':')?),
        };
        (HostName::Ip(IpAddr::V6(ip)), port)
    } else {
        let (name, port) = match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        };
        let name = match name.parse::<std::net::Ipv4Addr>() {
            Ok(ip) => HostName::Ip(IpAddr::V4(ip)),
            Err(_) if !name.is_empty() => HostName::Name(name.to_string()),
            Err(_) => return None,
        };
        (name, port)
    };
    let port = match port {
        Some(port) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            Some(port.parse().ok()?)
        }
        Some(_) => return None,
        None => None,
    };
    Some((name, port))
}

/// Longer addresses than this are refused (414): no page of a site has one.
const LONGEST_URL: usize = 8 * 1024;

/// The methods the server answers; any other gets 405 with this list in `Allow`.
const ALLOWED_METHODS: &str = "GET, HEAD";

/// Why a request is refused before it is looked at: its status and a short body.
fn refusal(request: &Request, hosts: &AllowedHosts) -> Option<(u16, &'static str)> {
    let url = request.url();
    if url.len() > LONGEST_URL {
        return Some((414, "That address is too long."));
    }
    let values = |name: &'static str| {
        request
            .headers()
            .iter()
            .filter(move |h| h.field.equiv(name))
            .map(|h| h.value.as_str())
    };
    let mut host = values("Host");
    match (host.next(), host.next()) {
        (Some(_), Some(_)) => return Some((400, "A request names one host.")),
        (Some(host), None) if !hosts.allows(host) => {
            return Some((
                421,
                "This server answers only to its own address (localhost or the address it listens on).",
            ));
        }
        (None, _) if request.http_version() != &HTTPVersion(1, 0) => {
            return Some((400, "A request must name its host."));
        }
        _ => {}
    }
    // A page of another site may ask for a file (a script, an event stream), but never read it.
    if values("Origin").any(|origin| !hosts.allows_origin(origin)) {
        return Some((403, "Pages of other sites cannot read this one."));
    }
    let cross_site = values("Sec-Fetch-Site").any(|s| s == "cross-site" || s == "same-site");
    let navigation = values("Sec-Fetch-Mode").any(|m| m == "navigate");
    if cross_site && !navigation {
        return Some((403, "Pages of other sites cannot read this one."));
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return Some((405, "Only GET and HEAD are answered."));
    }
    if !url.starts_with('/') {
        return Some((400, "Ask for a path, like /index.html."));
    }
    None
}

/// Headers on every answer: never cached (the site changes as the author types), and never
/// readable by other sites' pages, nor guessed as another type.
fn with_common_headers<R: Read>(response: Response<R>) -> Response<R> {
    response
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Cross-Origin-Resource-Policy", "same-origin"))
}

fn respond_text(request: Request, status: u16, text: &str) {
    let mut response = with_common_headers(
        Response::from_string(text)
            .with_status_code(status)
            .with_header(header("Content-Type", "text/plain; charset=utf-8")),
    );
    if status == 405 {
        response = response.with_header(header("Allow", ALLOWED_METHODS));
    }
    let _ = request.respond(response);
}

fn respond(hub: &Hub, hosts: &AllowedHosts, request: Request) {
    if let Some((status, text)) = refusal(&request, hosts) {
        respond_text(request, status, text);
        return;
    }
    let url = request.url().to_string();
    let path_only = url.split(['?', '#']).next().unwrap_or("/");
    if path_only == EVENTS_PATH {
        if request.method() == &Method::Head {
            let _ = request.respond(with_common_headers(
                Response::empty(200).with_header(header("Content-Type", "text/event-stream")),
            ));
        } else {
            events(hub, request);
        }
        return;
    }
    let path = match resolve(&url) {
        Ok(path) => path,
        Err(400) => return respond_text(request, 400, "That address is not valid UTF-8."),
        Err(code) => return respond_text(request, code, "Forbidden: that path leaves the site."),
    };
    let (found, not_found, error, never_built) = {
        let state = hub.lock();
        let found = state.files.get(&path).cloned();
        let is_folder = found.is_none() && state.files.contains_key(&format!("{path}/index.html"));
        if is_folder {
            drop(state);
            // Built from the checked path, not the request: `//name` must not redirect to
            // another host.
            let location = format!("/{}/", crate::text::urls::encode_path(&path));
            let response = with_common_headers(
                Response::empty(301).with_header(header("Location", &location)),
            );
            let _ = request.respond(response);
            return;
        }
        (
            found,
            state.files.get("404.html").cloned(),
            state.error.clone(),
            state.files.is_empty(),
        )
    };
    let (status, path, bytes) = match (found, not_found) {
        (Some(bytes), _) => (200, path, bytes),
        // No good build yet: every page is the error, and reloads once the site builds.
        (None, _) if never_built && error.is_some() => (
            503,
            "error.html".to_string(),
            Arc::from(ERROR_PAGE.as_bytes()),
        ),
        (None, Some(page)) => (404, "404.html".to_string(), page),
        (None, None) => (404, "404.txt".to_string(), Arc::from(&b"Not found"[..])),
    };
    let body: Vec<u8> = if path.ends_with(".html") {
        inject(&bytes, error.as_deref())
    } else {
        bytes.to_vec()
    };
    let response = with_common_headers(
        Response::from_data(body)
            .with_status_code(status)
            .with_header(header("Content-Type", content_type(&path))),
    );
    let _ = request.respond(response);
}

/// The page served for every address while the site has never built: the overlay and the
/// reload script are added to it like to any page.
const ERROR_PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>The site could not be built</title>\n</head>\n<body>\n</body>\n</html>\n";

/// Prints an error in the terminal as the CLI does, in colour when it is a terminal.
fn print_report(error: &Error) {
    let color = std::io::stderr().is_terminal();
    eprintln!("{}", crate::diagnostics::report_with(error, color));
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
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Content-Type-Options: nosniff\r\nCross-Origin-Resource-Policy: same-origin\r\n\
                Connection: keep-alive\r\n\r\n: connected\n\n";
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
    fn hosts_are_the_bound_address_and_loopback_names_with_the_port() {
        let loopback = AllowedHosts::new("127.0.0.1:1111".parse().unwrap());
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
        ] {
            assert!(loopback.allows(host), "{host}");
        }
        for host in [
            "evil.example:1111",
            "localhost",
            "localhost:80",
            "localhost:1112",
            "localhost.:1111",
            "127.1:1111",
            "192.168.1.5:1111",
            "[::1]",
            "[::1]x:1111",
            "[nope]:1111",
            ":1111",
            "localhost:+1111",
            "localhost:99999",
            "",
        ] {
            assert!(!loopback.allows(host), "{host}");
        }
        let port_80 = AllowedHosts::new("127.0.0.1:80".parse().unwrap());
        assert!(port_80.allows("localhost"));
        assert!(port_80.allows("127.0.0.1"));
        // Bound to one address of the machine: that address and the loopback names.
        let lan = AllowedHosts::new("192.168.1.5:1111".parse().unwrap());
        assert!(lan.allows("192.168.1.5:1111"));
        assert!(lan.allows("localhost:1111"));
        assert!(!lan.allows("192.168.1.6:1111"));
        assert!(!lan.allows("mybox.local:1111"));
        // Bound to every address: any IP address (it cannot be rebound), never another name.
        let any = AllowedHosts::new("0.0.0.0:1111".parse().unwrap());
        assert!(any.allows("192.168.1.6:1111"));
        assert!(any.allows("[fe80::1]:1111"));
        assert!(!any.allows("mybox.local:1111"));
        assert!(!any.allows("evil.example:1111"));
        assert!(loopback.allows_origin("http://localhost:1111"));
        assert!(!loopback.allows_origin("https://localhost:1111"));
        assert!(!loopback.allows_origin("null"));
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
