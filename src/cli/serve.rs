//! `tally serve`: write the report with the page beside you.

use std::net::{IpAddr, SocketAddr};

use tally::Error;
use tally::serve::{ServeOptions, serve};

use super::RootArg;

/// Arguments of `tally serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. The default, 127.0.0.1, is reachable from this machine only;
    /// 0.0.0.0 makes it reachable from others by IP address (the server answers only requests
    /// addressed to an IP address or `localhost`, never to another name).
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    open: bool,
    /// Also show narratives marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

/// Serves until Ctrl-C.
pub fn run(args: Args) -> Result<(), Error> {
    let options = ServeOptions {
        root: args.root.root,
        address: SocketAddr::new(args.bind, args.port),
        drafts: args.drafts,
    };
    let open = args.open;
    serve(options, move |address| {
        let url = format!("http://{address}/");
        eprintln!("Serving the site at {url} (Ctrl-C to stop). Pages reload when you save.");
        if open {
            open_browser(&url);
        }
    })?;
    eprintln!("Stopped.");
    Ok(())
}

/// Asks the operating system to open `url`; a failure only prints the address again.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(command.0)
        .args(&command.1)
        .spawn()
        .is_err()
    {
        eprintln!("Could not open a browser; open {url} yourself.");
    }
}
