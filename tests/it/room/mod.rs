//! The room (SPEC §11) tried as a facilitator does: the real binary in a
//! real terminal (tmux) with the room open on the loopback address, phones
//! as HTTP clients (and as real Chromium instances in `browser`), the keys
//! of the panel, and the canvas file read back.

#![allow(clippy::unwrap_used)]

mod browser;
mod flow;
mod qr;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::tmux::{Launch, Tmux};
use crate::wait;

/// A canvas with a few items on it, in the tmux harness's data folder.
pub fn canvas(t: &Tmux) -> PathBuf {
    let mut c = vpcanvas::canvas::Canvas::new("Room test");
    c.segment = "Freelance designers".into();
    c.push(vpcanvas::canvas::Section::Jobs, "Get paid on time");
    c.push(vpcanvas::canvas::Section::Pains, "Chasing late payers");
    c.push(vpcanvas::canvas::Section::Gains, "Predictable cash flow");
    let path = t.data.join("room.ron");
    fs::write(&path, vpcanvas::canvas::file::to_ron(&c)).unwrap();
    path
}

/// Listens on the loopback address only, on a port the system picks.
pub fn loopback_config(t: &Tmux) {
    let dir = t.root().join("xdg-config").join("vpcanvas");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("config.ron"),
        "(room: (bind: \"127.0.0.1\", port: 0))",
    )
    .unwrap();
}

/// Starts `vpcanvas room FILE` in window `name`; returns the join address.
pub fn open_room(t: &mut Tmux, name: &str, file: &Path) -> Room {
    t.launch(
        name,
        &Launch {
            file: Some(file),
            args: "room",
            ..Launch::default()
        },
    );
    let screen = t.wait_screen(name, "http://127.0.0.1:");
    let at = screen.find("http://127.0.0.1:").unwrap();
    let url: String = screen[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '│')
        .collect();
    Room::from_url(&url)
}

/// The address of an open room.
#[derive(Clone, Debug)]
pub struct Room {
    pub port: u16,
    /// `/KEY/`.
    pub base: String,
}

impl Room {
    pub fn from_url(url: &str) -> Room {
        let rest = url.strip_prefix("http://127.0.0.1:").unwrap();
        let (port, base) = rest.split_at(rest.find('/').unwrap());
        assert!(base.ends_with('/'), "{url}");
        Room {
            port: port.parse().unwrap(),
            base: base.to_owned(),
        }
    }

    /// A phone comes in: its cookie.
    pub fn join(&self) -> String {
        let r = get(self.port, &self.base, None);
        assert_eq!(r.status, 200, "{}", r.head);
        r.cookie()
    }

    /// Sends a form as a phone without JavaScript does; returns the `m=`
    /// code of the redirect.
    pub fn form(&self, cookie: &str, body: &str) -> String {
        let r = post(self.port, &format!("{}do", self.base), cookie, body);
        assert_eq!(r.status, 303, "{} {}", r.head, r.body);
        let location = r
            .head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("location: ./?m=")
                    .map(str::to_owned)
            })
            .unwrap();
        location.trim().to_owned()
    }

    pub fn write(&self, cookie: &str, text: &str) -> String {
        self.form(cookie, &format!("do=write&text={}", encode(text)))
    }
}

pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    pub fn cookie(&self) -> String {
        let line = self
            .head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
            .unwrap();
        let pair = line.split_once(':').unwrap().1.split(';').next().unwrap();
        pair.trim().to_owned()
    }
}

/// One HTTP exchange on a fresh connection; status 0 when nothing answered.
/// The body is read as long as its length says (or to the last chunk), so a
/// server that keeps the connection open answers at once.
pub fn http(port: u16, raw: &[u8]) -> Reply {
    let nothing = || Reply {
        status: 0,
        head: String::new(),
        body: String::new(),
    };
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return nothing();
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let _ = stream.write_all(raw);
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(end) = complete(&bytes) {
            bytes.truncate(end);
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return nothing();
    };
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// Where a response in `bytes` ends, once it is all there.
fn complete(bytes: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(bytes);
    let head_end = text.find("\r\n\r\n")? + 4;
    let head = text[..head_end].to_ascii_lowercase();
    if let Some(len) = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        return (bytes.len() >= head_end + len).then_some(head_end + len);
    }
    if head.contains("transfer-encoding: chunked") {
        return text[head_end..]
            .contains("0\r\n\r\n")
            .then_some(bytes.len());
    }
    None
}

pub fn get(port: u16, path: &str, cookie: Option<&str>) -> Reply {
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    http(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\n{cookie}\r\n").as_bytes(),
    )
}

pub fn post(port: u16, path: &str, cookie: &str, body: &str) -> Reply {
    http(
        port,
        format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

/// Waits until the canvas file holds `needle`; returns its text.
pub fn wait_file(path: &Path, needle: &str) -> String {
    wait::until(
        crate::tmux::DEADLINE,
        || fs::read_to_string(path).ok().filter(|s| s.contains(needle)),
        || {
            format!(
                "{} never held {needle:?}: {:?}",
                path.display(),
                fs::read_to_string(path)
            )
        },
    )
}
