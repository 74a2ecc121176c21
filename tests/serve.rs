//! `tally serve` against a temporary site: pages, the reload signal after an edit, the error
//! overlay on broken input (with the server still up), and paths that try to leave the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;

struct Server {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `tally serve --port 0` and reads the address it prints.
fn start() -> Server {
    start_with(|_| {})
}

/// Like [`start`], after `prepare` changed the site.
fn start_with(prepare: impl FnOnce(&Path)) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::copy_dir(&common::fixture("valid/small"), &root);
    prepare(&root);
    let mut child = Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.split("http://").nth(1) {
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
    }
}

/// A plain HTTP/1.0 GET: (status, headers, body). `path` is sent exactly as given.
fn get(address: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
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
    let sprint = server.root.join("content/data/sprints/S1.toml");
    let good = std::fs::read_to_string(&sprint).unwrap();
    std::fs::write(&sprint, good.replace("team = \"app\"", "team = \"ap\"")).unwrap();
    wait_for(&stream, "broken");
    let body = eventually_contains(&server.address, "/", "role=\"alert\"");
    assert!(body.contains("tally could not rebuild the site"));
    assert!(body.contains("error: unknown team `ap`"));
    assert!(body.contains("content/data/sprints/S1.toml:18:8"), "{body}");
    assert!(body.contains("team = &quot;ap&quot;"));
    // Still up, still serving the last good pages.
    let (status, _, page) = get(&server.address, "/teams/");
    assert_eq!(status, 200);
    assert!(page.contains("Payments"));
    std::fs::write(&sprint, good).unwrap();
    wait_for(&stream, "reload");
    let body = eventually_contains(&server.address, "/", "<h1>");
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut clean = !body.contains("role=\"alert\"");
    while !clean && Instant::now() < deadline {
        clean = !get(&server.address, "/").2.contains("role=\"alert\"");
    }
    assert!(clean, "the overlay stayed after a good save");
}
