//! Live reload: the script `serve` adds to every page, the error overlay, and the Server-Sent
//! Events stream that tells open pages to reload after a good rebuild or to show the error
//! after a broken one.
//!
//! None of this reaches the built site on disk: it is added to each page as it is served.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tiny_http::Request;

use super::hub::Hub;
use crate::text::escape_xml;

/// Where the reload signal is served.
pub const EVENTS_PATH: &str = "/__tally/events";

/// The script `serve` injects into every page (never into the built site on disk).
const RELOAD_SCRIPT: &str = "<script>(function(){var s=new EventSource(\"/__tally/events\");\
s.addEventListener(\"reload\",function(){location.reload()});\
s.addEventListener(\"broken\",function(e){var d=document.getElementById(\"tally-error\");\
if(d){d.remove()}document.body.insertAdjacentHTML(\"beforeend\",e.data)});})();</script>";

/// The page served for every address while the site has never built: the overlay and the
/// reload script are added to it like to any page.
pub(super) const ERROR_PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>The site could not be built</title>\n</head>\n<body>\n</body>\n</html>\n";

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

/// Adds the reload script (and the error overlay, when the last rebuild failed) before `</body>`.
pub(super) fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
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
pub(super) fn events(hub: &Hub, request: Request) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Content-Type-Options: nosniff\r\nCross-Origin-Resource-Policy: same-origin\r\n\
                Connection: keep-alive\r\n\r\n: connected\n\n";
    if send(&mut writer, head).is_err() {
        return;
    }
    let mut seen = hub.lock().version;
    loop {
        let (version, error) = next_change(hub, seen);
        if hub.stopping.load(Ordering::SeqCst) {
            return;
        }
        let message = if version == seen {
            ": ping\n\n".to_string()
        } else {
            seen = version;
            event(error.as_deref())
        };
        if send(&mut writer, &message).is_err() {
            return;
        }
    }
}

/// Waits (at most 15 seconds) for a version other than `seen` or for the server to stop; the
/// version then and the last error.
fn next_change(hub: &Hub, seen: u64) -> (u64, Option<String>) {
    let state = hub.lock();
    let (state, _) = hub
        .changed
        .wait_timeout_while(state, Duration::from_secs(15), |s| {
            s.version == seen && !hub.stopping.load(Ordering::SeqCst)
        })
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    (state.version, state.error.clone())
}

/// The event after a rebuild: `reload`, or `broken` with the overlay for its error.
fn event(error: Option<&str>) -> String {
    match error {
        None => "event: reload\ndata: ok\n\n".to_string(),
        Some(report) => {
            let html = overlay(report);
            let data: String = html.lines().map(|l| format!("data: {l}\n")).collect();
            format!("event: broken\n{data}\n")
        }
    }
}

/// Writes and flushes one piece of the stream.
fn send(writer: &mut impl Write, text: &str) -> std::io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let html = inject(b"<html><body><p>x</p></body></html>", None);
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("<p>x</p><script>"));
        assert!(html.ends_with("</script></body></html>"));
        let broken = String::from_utf8(inject(b"<body></body>", Some("error: <bad>"))).unwrap();
        assert!(broken.contains("error: &lt;bad&gt;"));
    }
}
