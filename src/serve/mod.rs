//! `tally serve`: the site in memory, served on loopback, rebuilt as the author types.
//!
//! The built site lives in memory (the output folder is never written). A watcher rebuilds on
//! change, debounced; an edit to one narrative re-renders only its page when its title, date and
//! address are unchanged. Open pages hold a Server-Sent Events connection (a small script that
//! only `serve` injects) and reload after a good rebuild; after a broken one they show the error,
//! exactly as the CLI reports it, over the last good page. A site that is broken when `serve`
//! starts shows that error on every page until it builds.
//!
//! The parts, each only importing those listed before it:
//! - `hub`: the state the builder and the connections share;
//! - `session`: building in memory, fully or only the edited narratives;
//! - `watch`: watching the inputs and rebuilding on change;
//! - `http`: which requests are answered (host, origin, method, path) and common headers;
//! - `reload`: the injected script, the error overlay and the event stream;
//! - this module: the server loop and the answer to each request.

mod http;
mod hub;
mod reload;
mod session;
mod watch;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tiny_http::{Method, Request, Response, Server};

pub use http::{AllowedHosts, content_type, resolve};
pub use reload::EVENTS_PATH;

use crate::error::Error;
use http::{header, path_of, refusal, respond_text, with_common_headers};
use hub::Hub;
use session::Session;

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

/// Runs the server until Ctrl-C. Prints the address when ready.
pub fn serve(options: ServeOptions, on_ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    let mut session = Session::new(options.root.clone(), options.drafts);
    let hub = Arc::new(Hub::default());
    match session.full() {
        Ok(files) => hub.publish(Some(files), None),
        Err(error) => {
            hub.publish_error(&error);
            eprintln!("Every page shows this error until the site builds; fix it and save.");
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
    let watcher = watch::watch(&options.root, session, Arc::clone(&hub))?;
    stop_on_ctrl_c(&server, &hub)?;
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

/// On Ctrl-C: ends the event streams and the server loop.
fn stop_on_ctrl_c(server: &Arc<Server>, hub: &Arc<Hub>) -> Result<(), Error> {
    let server = Arc::clone(server);
    let hub = Arc::clone(hub);
    ctrlc::set_handler(move || {
        hub.stopping.store(true, Ordering::SeqCst);
        hub.changed.notify_all();
        server.unblock();
    })
    .map_err(|e| Error::Refused(format!("could not handle Ctrl-C: {e}")))
}

/// What the built site holds for a path.
enum Lookup {
    /// A folder with an index page: redirect to its address with a slash.
    Folder,
    /// The file (if any), the not-found page (if any), the last error, and whether the site has
    /// never built.
    File {
        found: Option<Arc<[u8]>>,
        not_found: Option<Arc<[u8]>>,
        error: Option<String>,
        never_built: bool,
    },
}

fn look_up(hub: &Hub, path: &str) -> Lookup {
    let state = hub.lock();
    let found = state.files.get(path).cloned();
    if found.is_none() && state.files.contains_key(&format!("{path}/index.html")) {
        return Lookup::Folder;
    }
    Lookup::File {
        found,
        not_found: state.files.get("404.html").cloned(),
        error: state.error.clone(),
        never_built: state.files.is_empty(),
    }
}

fn respond(hub: &Hub, hosts: &AllowedHosts, request: Request) {
    if let Some((status, text)) = refusal(&request, hosts) {
        respond_text(request, status, text);
        return;
    }
    let url = request.url().to_string();
    if path_of(&url) == EVENTS_PATH {
        if request.method() == &Method::Head {
            let _ = request.respond(with_common_headers(
                Response::empty(200).with_header(header("Content-Type", "text/event-stream")),
            ));
        } else {
            reload::events(hub, request);
        }
        return;
    }
    let path = match resolve(&url) {
        Ok(path) => path,
        Err(400) => return respond_text(request, 400, "That address is not valid UTF-8."),
        Err(code) => return respond_text(request, code, "Forbidden: that path leaves the site."),
    };
    let (found, not_found, error, never_built) = match look_up(hub, &path) {
        Lookup::Folder => {
            // Built from the checked path, not the request: `//name` must not redirect to
            // another host.
            let location = format!("/{}/", crate::text::urls::encode_path(&path));
            let response = with_common_headers(
                Response::empty(301).with_header(header("Location", &location)),
            );
            let _ = request.respond(response);
            return;
        }
        Lookup::File {
            found,
            not_found,
            error,
            never_built,
        } => (found, not_found, error, never_built),
    };
    let (status, path, bytes) = match (found, not_found) {
        (Some(bytes), _) => (200, path, bytes),
        // No good build yet: every page is the error, and reloads once the site builds.
        (None, _) if never_built && error.is_some() => (
            503,
            "error.html".to_string(),
            Arc::from(reload::ERROR_PAGE.as_bytes()),
        ),
        (None, Some(page)) => (404, "404.html".to_string(), page),
        (None, None) => (404, "404.txt".to_string(), Arc::from(&b"Not found"[..])),
    };
    let body: Vec<u8> = if path.ends_with(".html") {
        reload::inject(&bytes, error.as_deref())
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
