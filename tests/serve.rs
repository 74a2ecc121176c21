//! `tally serve` against a temporary site: pages, the reload signal after an edit, the error
//! overlay on broken input (with the server still up), and paths that try to leave the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

mod common;
use common::assert_contains_all;

struct Server {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// Everything the server printed so far.
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The small fixture's first sprint file.
const S1: &str = "content/data/sprints/S1.toml";

/// Breaks the sprint file `S1` (a row names the unknown team `ap`); returns its good text.
fn break_s1(root: &Path) -> String {
    let sprint = root.join(S1);
    let good = std::fs::read_to_string(&sprint).unwrap();
    std::fs::write(&sprint, good.replace("team = \"app\"", "team = \"ap\"")).unwrap();
    good
}

/// Starts `tally serve --port 0` and reads the address it prints.
fn start() -> Server {
    start_with(|_| {})
}

/// Like [`start`], after `prepare` changed the site.
fn start_with(prepare: impl FnOnce(&Path)) -> Server {
    let (dir, root) = common::copy_fixture("valid/small");
    prepare(&root);
    let mut child = common::tally_process()
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    let printed = Arc::new(Mutex::new(String::new()));
    let log = Arc::clone(&printed);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            log.lock().unwrap().push_str(&format!("{line}\n"));
            if let Some(rest) = line.split("Serving the site at http://").nth(1) {
                let _ = sender.send(rest.split('/').next().unwrap_or_default().to_string());
            }
        }
    });
    let address = receiver
        .recv_timeout(Duration::from_secs(20))
        .expect("the server starts");
    Server {
        child,
        address,
        _dir: dir,
        root,
        stderr: printed,
    }
}

/// A plain HTTP/1.0 GET: (status, headers, body). `path` is sent exactly as given.
fn get(address: &str, path: &str) -> (u16, String, String) {
    send(
        address,
        &format!("GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n"),
    )
}

/// Sends `raw` as it is and reads the whole answer: (status, headers, body).
fn send(address: &str, raw: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// Opens the reload stream and returns a receiver of its event names.
fn events(address: &str) -> mpsc::Receiver<String> {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET /__tally/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(name) = line.strip_prefix("event: ")
                && sender.send(name.to_string()).is_err()
            {
                break;
            }
            if line.starts_with(": connected") {
                let _ = sender.send("connected".to_string());
            }
        }
    });
    assert_eq!(
        receiver.recv_timeout(Duration::from_secs(10)).unwrap(),
        "connected"
    );
    receiver
}

fn wait_for(receiver: &mpsc::Receiver<String>, wanted: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        match receiver.recv_timeout(Duration::from_millis(200)) {
            Ok(event) if event == wanted => return,
            _ => {}
        }
    }
    panic!("no `{wanted}` event");
}

/// Waits until the page at `path` contains `text` (the rebuild is quick but not instant).
fn eventually_contains(address: &str, path: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (_, _, body) = get(address, path);
        if body.contains(text) || Instant::now() > deadline {
            return body;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_pages_with_the_reload_script_and_content_types() {
    let server = start();
    let (status, head, body) = get(&server.address, "/sprints/S1/");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("new EventSource(\"/__tally/events\")"));
    let (status, head, _) = get(&server.address, "/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/css"), "{head}");
    // A folder without its slash is redirected, so relative links keep working.
    let (status, head, _) = get(&server.address, "/sprints");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /sprints/"), "{head}");
    // The built site on disk never exists, let alone contains the script.
    assert!(!server.root.join("public").exists());
}

#[test]
fn unknown_and_escaping_paths_get_404_and_403() {
    let server = start();
    let (status, _, body) = get(&server.address, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("This page does not exist"));
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/sprints/..%2f..%2f..%2fetc/passwd",
        "/a%5c..%5cb",
    ] {
        let (status, _, body) = get(&server.address, path);
        assert_eq!(status, 403, "{path}");
        assert!(!body.contains("root:"), "{path}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_pointing_outside_the_site_are_not_served() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "top secret").unwrap();
    let server = start_with(|root| {
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::os::unix::fs::symlink(&secret, root.join("static/secret.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/outside")).unwrap();
    });
    for path in ["/secret.txt", "/outside/secret.txt"] {
        let (status, _, body) = get(&server.address, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("top secret"), "{path}");
    }
}

#[test]
fn an_edit_reloads_every_open_page_with_the_new_content() {
    let server = start();
    let first = events(&server.address);
    let second = events(&server.address);
    let page = server.root.join("content/guides/how.md");
    let text = std::fs::read_to_string(&page).unwrap() + "\nA sentence added while serving.\n";
    std::fs::write(&page, text).unwrap();
    wait_for(&first, "reload");
    wait_for(&second, "reload");
    let body = eventually_contains(
        &server.address,
        "/guides/how/",
        "A sentence added while serving.",
    );
    assert!(body.contains("A sentence added while serving."));
}

#[test]
fn broken_input_shows_the_error_over_the_page_and_the_next_good_save_clears_it() {
    let server = start();
    let stream = events(&server.address);
    let good = break_s1(&server.root);
    wait_for(&stream, "broken");
    let body = eventually_contains(&server.address, "/", "role=\"alert\"");
    assert_contains_all(
        &body,
        &[
            "tally could not rebuild the site",
            "error: unknown team `ap`",
            "content/data/sprints/S1.toml:18:8",
            "team = &quot;ap&quot;",
        ],
    );
    // Still up, still serving the last good pages.
    let (status, _, page) = get(&server.address, "/teams/");
    assert_eq!(status, 200);
    assert!(page.contains("Payments"));
    std::fs::write(server.root.join(S1), good).unwrap();
    wait_for(&stream, "reload");
    let body = eventually_contains(&server.address, "/", "<h1>");
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut clean = !body.contains("role=\"alert\"");
    while !clean && Instant::now() < deadline {
        clean = !get(&server.address, "/").2.contains("role=\"alert\"");
    }
    assert!(clean, "the overlay stayed after a good save");
}

/// The port part of a server's `127.0.0.1:PORT`.
fn port_of(address: &str) -> &str {
    address.rsplit(':').next().unwrap()
}

/// An HTTP/1.1 request for `path` with `headers` (each ending in `\r\n`), closed after the answer.
fn with_headers(address: &str, method: &str, path: &str, headers: &str) -> (u16, String, String) {
    send(
        address,
        &format!("{method} {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"),
    )
}

#[test]
fn requests_that_name_another_host_are_refused() {
    let server = start();
    let port = port_of(&server.address);
    // DNS rebinding: a page of another site that points its own name at 127.0.0.1.
    for host in [
        format!("rebind.attacker.example:{port}"),
        "rebind.attacker.example".to_string(),
        format!("localhost.attacker.example:{port}"),
        format!("127.0.0.1.attacker.example:{port}"),
        "localhost".to_string(),
        format!("localhost:{}", port.parse::<u16>().unwrap().wrapping_add(1)),
        format!("localhost:{port}x"),
        String::new(),
    ] {
        for path in ["/data/accounts.json", "/", "/__tally/events"] {
            let (status, _, body) =
                with_headers(&server.address, "GET", path, &format!("Host: {host}\r\n"));
            assert_eq!(status, 421, "{host} {path}");
            assert!(body.contains("answers only to its own address"), "{body}");
            assert!(!body.contains("sprints"), "{host} {path}: {body}");
        }
    }
    // HTTP/1.1 without a Host, or with two.
    let (status, _, _) = with_headers(&server.address, "GET", "/data/accounts.json", "");
    assert_eq!(status, 400);
    let (status, _, _) = with_headers(
        &server.address,
        "GET",
        "/",
        &format!("Host: {}\r\nHost: evil.example\r\n", server.address),
    );
    assert_eq!(status, 400);
    // Its own names, any case, with the port.
    for host in [
        server.address.clone(),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, _, body) = with_headers(
            &server.address,
            "GET",
            "/data/accounts.json",
            &format!("Host: {host}\r\n"),
        );
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("\"sprints\""), "{host}");
    }
}

#[test]
fn only_get_and_head_are_answered() {
    let server = start();
    let host = format!("Host: {}\r\n", server.address);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"] {
        for path in ["/", "/data/accounts.json", "/__tally/events", "/no/such/"] {
            let (status, head, body) = with_headers(&server.address, method, path, &host);
            assert_eq!(status, 405, "{method} {path}");
            assert!(head.contains("Allow: GET, HEAD"), "{method} {path}: {head}");
            assert!(!body.contains("<html"), "{method} {path}");
        }
    }
    // HEAD: the headers of GET, no body; also for a missing page and the event stream.
    let (_, get_head, _) = with_headers(&server.address, "GET", "/sprints/S1/", &host);
    let (status, head, body) = with_headers(&server.address, "HEAD", "/sprints/S1/", &host);
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(get_head.contains("Content-Type: text/html; charset=utf-8"));
    assert_eq!(body, "");
    let (status, _, body) = with_headers(&server.address, "HEAD", "/no/such/page/", &host);
    assert_eq!(status, 404);
    assert_eq!(body, "");
    let (status, head, body) = with_headers(&server.address, "HEAD", "/__tally/events", &host);
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");
    assert_eq!(body, "");
}

#[test]
fn pages_of_other_sites_cannot_read_the_site_or_its_events() {
    let server = start();
    let host = format!("Host: {}\r\n", server.address);
    for path in ["/__tally/events", "/search-index.js", "/data/accounts.json"] {
        for extra in [
            "Origin: http://evil.example\r\n".to_string(),
            "Origin: null\r\n".to_string(),
            format!("Origin: https://{}\r\n", server.address),
            "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: no-cors\r\n".to_string(),
            "Sec-Fetch-Site: same-site\r\nSec-Fetch-Mode: cors\r\n".to_string(),
        ] {
            let (status, _, body) =
                with_headers(&server.address, "GET", path, &format!("{host}{extra}"));
            assert_eq!(status, 403, "{path} {extra}");
            assert!(!body.contains("TALLY_SEARCH"), "{path} {extra}");
        }
    }
    // A link followed from another site opens the page; its own pages read it.
    let (status, head, _) = with_headers(
        &server.address,
        "GET",
        "/",
        &format!("{host}Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\n"),
    );
    assert_eq!(status, 200);
    // Browsers refuse to hand its files to other sites' pages, and never guess their type.
    assert_contains_all(
        &head,
        &[
            "Cross-Origin-Resource-Policy: same-origin",
            "X-Content-Type-Options: nosniff",
        ],
    );
    let (status, _, _) = with_headers(
        &server.address,
        "GET",
        "/search-index.js",
        &format!(
            "{host}Origin: http://{}\r\nSec-Fetch-Site: same-origin\r\n",
            server.address
        ),
    );
    assert_eq!(status, 200);
}

#[test]
fn odd_request_targets_are_refused_and_redirects_stay_on_the_site() {
    let server = start();
    let host = format!("Host: {}\r\n", server.address);
    // `//sprints` is a folder of the site, not the host `sprints`.
    let (status, head, _) = with_headers(&server.address, "GET", "//sprints", &host);
    assert_eq!(status, 301);
    assert!(
        head.contains("Location: /sprints/\r\n") || head.ends_with("Location: /sprints/"),
        "{head}"
    );
    // The absolute form would name a host of its own.
    let (status, _, body) = with_headers(
        &server.address,
        "GET",
        "http://evil.example/data/accounts.json",
        &host,
    );
    assert_eq!(status, 400);
    assert!(!body.contains("sprints"));
    let long = format!("/{}", "a".repeat(10_000));
    let (status, _, _) = with_headers(&server.address, "GET", &long, &host);
    assert_eq!(status, 414);
    // A query string does not change the page.
    let (status, _, body) = with_headers(&server.address, "GET", "/sprints/S1/?utm=x#y", &host);
    assert_eq!(status, 200);
    assert!(body.contains("S1"));
}

#[test]
fn a_site_broken_at_start_shows_its_error_on_every_page_until_it_builds() {
    let mut good = String::new();
    let server = start_with(|root| good = break_s1(root));
    // The terminal shows the report, as `tally build` would.
    let printed = server.stderr.lock().unwrap().clone();
    assert_contains_all(
        &printed,
        &[
            "error: unknown team `ap`",
            "content/data/sprints/S1.toml:18:8",
        ],
    );
    // Every page is the error, with the reload script.
    for path in ["/", "/teams/", "/sprints/S1/", "/no/such/page/"] {
        let (status, head, body) = get(&server.address, path);
        assert_eq!(status, 503, "{path}");
        assert!(head.contains("Content-Type: text/html"), "{path}: {head}");
        assert!(body.contains("role=\"alert\""), "{path}");
        assert!(body.contains("error: unknown team `ap`"), "{path}: {body}");
        assert!(
            body.contains("new EventSource(\"/__tally/events\")"),
            "{path}"
        );
    }
    // Fixing the file builds the site, and the open page reloads into it.
    let stream = events(&server.address);
    std::fs::write(server.root.join(S1), &good).unwrap();
    wait_for(&stream, "reload");
    let (status, _, body) = get(&server.address, "/teams/");
    assert_eq!(status, 200);
    assert!(body.contains("Payments"));
    assert!(!body.contains("role=\"alert\""));
}

#[test]
fn a_broken_rebuild_is_reported_in_the_terminal_too() {
    let server = start();
    let stream = events(&server.address);
    break_s1(&server.root);
    wait_for(&stream, "broken");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !server.stderr.lock().unwrap().contains("unknown team `ap`") && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let printed = server.stderr.lock().unwrap().clone();
    assert!(printed.contains("error: unknown team `ap`"), "{printed}");
}

#[test]
fn the_not_found_page_links_to_this_server_not_the_published_site() {
    let server = start_with(|root| {
        common::add_to_site_toml(root, "base_url = \"https://published.example/r/\"");
    });
    let (status, _, body) = get(&server.address, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("href=\"/sprints/index.html\""), "{body}");
    assert!(!body.contains("published.example"), "{body}");
}

#[test]
fn a_data_edit_renders_again_only_the_pages_whose_values_changed() {
    let server = start();
    let effort = || {
        let (status, _, body) = get(&server.address, "/data/accounts.json");
        assert_eq!(status, 200);
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        json["sprints"][1]["effort"].as_f64().unwrap()
    };
    let before = effort();
    let stream = events(&server.address);
    common::replace_first(
        &server.root,
        "content/data/sprints/S2.toml",
        "effort = 12",
        "effort = 13",
    );
    wait_for(&stream, "reload");
    let deadline = Instant::now() + Duration::from_secs(10);
    let rebuilt = loop {
        let printed = server.stderr.lock().unwrap().clone();
        if let Some(line) = printed.lines().find(|l| l.starts_with("Rebuilt after")) {
            break line.to_string();
        }
        assert!(Instant::now() < deadline, "no rebuild line: {printed}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let rendered: usize = rebuilt
        .split(" ms (")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{rebuilt}"));
    // The sprint, its team, the summaries... but not the guides or the other sprint.
    assert!(rebuilt.contains("pages rendered)"), "{rebuilt}");
    assert!(rendered > 0 && rendered < 15, "{rebuilt}");
    // What is served is the new figure.
    assert_eq!(effort(), before + 1.0);
}

#[test]
fn a_rebuild_takes_over_a_narratives_html_only_while_its_file_is_unchanged() {
    let server = start();
    let stream = events(&server.address);
    let guide = server.root.join("content/guides/how.md");
    let original = std::fs::read_to_string(&guide).unwrap();
    // An edit to the guide alone re-renders its page...
    std::fs::write(&guide, format!("{original}\nVersion two of the guide.\n")).unwrap();
    wait_for(&stream, "reload");
    eventually_contains(&server.address, "/guides/how/", "Version two");
    // ...then a data edit rebuilds everything and must keep the guide's latest text.
    common::replace_first(&server.root, S1, "effort = ", "effort = 1");
    wait_for(&stream, "reload");
    let (_, _, page) = get(&server.address, "/guides/how/");
    assert!(page.contains("Version two"), "{page}");
    // A data edit and a guide edit saved together: the guide is rendered again, not taken over.
    common::replace_first(&server.root, S1, "effort = 1", "effort = ");
    std::fs::write(&guide, format!("{original}\nVersion three of the guide.\n")).unwrap();
    wait_for(&stream, "reload");
    let page = eventually_contains(&server.address, "/guides/how/", "Version three");
    assert!(page.contains("Version three"), "{page}");
    assert!(!page.contains("Version two"), "{page}");
}
