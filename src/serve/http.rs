//! The HTTP side of `serve`: which requests are answered at all (host, origin, method, path),
//! which file a path names, and the headers on every answer.
//!
//! Only this machine's browser may read the site: the server answers GET and HEAD, only to
//! requests addressed to it by its own address or `localhost` (so a page whose domain was
//! rebound to 127.0.0.1 gets 421), and refuses requests that other sites' pages make (by
//! `Origin` and `Sec-Fetch-Site`).

use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path};

use tiny_http::{HTTPVersion, Header, Method, Request, Response};

/// The file a URL path names, or why not: `Err(403)` for paths that try to leave the site.
pub fn resolve(url: &str) -> Result<String, u16> {
    let path = path_of(url);
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

/// A URL without its query and fragment.
pub(super) fn path_of(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or("")
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

pub(super) fn header(name: &str, value: &str) -> Header {
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
pub(super) fn refusal(request: &Request, hosts: &AllowedHosts) -> Option<(u16, &'static str)> {
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
pub(super) fn with_common_headers<R: Read>(response: Response<R>) -> Response<R> {
    response
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Cross-Origin-Resource-Policy", "same-origin"))
}

/// Answers with a short text and a status (a refusal names the allowed methods on 405).
pub(super) fn respond_text(request: Request, status: u16, text: &str) {
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
    fn content_types_follow_extensions() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("data/x.csv"), "text/csv; charset=utf-8");
    }
}
