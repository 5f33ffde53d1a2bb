#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::mpsc;
use std::time::Instant;

use super::*;
use crate::canvas::{Canvas, Section};
use crate::room::state::Room;

/// A stand-in for the event loop: applies what the server hands over to a
/// room and publishes the snapshot, as the editor does.
struct Fake {
    url: String,
    port: u16,
    stop: mpsc::Sender<()>,
    done: Option<std::thread::JoinHandle<Room>>,
}

impl Fake {
    fn start(room: Room) -> Fake {
        let (wake_send, wake) = mpsc::channel::<()>();
        let wake_send = std::sync::Mutex::new(wake_send);
        let options = ServerOptions {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            wake: Some(Arc::new(move || {
                let _ = wake_send.lock().unwrap().send(());
            })),
        };
        let canvas = Canvas::new("Room test");
        let mut server =
            RoomServer::start(&options, RoomView::of(&room, &canvas, false, 0)).unwrap();
        let (url, port) = (server.url.clone(), server.port);
        let (stop, stopped) = mpsc::channel::<()>();
        let done = std::thread::spawn(move || {
            let mut room = room;
            let mut version = 0;
            while stopped.try_recv().is_err() {
                let _ = wake.recv_timeout(Duration::from_millis(50));
                let requests = server.take_requests();
                if requests.is_empty() {
                    continue;
                }
                for (ticket, request) in requests {
                    server.answer(ticket, room.apply(&request));
                }
                version += 1;
                server.publish(Some(RoomView::of(&room, &canvas, false, version)));
            }
            server.close();
            room
        });
        Fake {
            url,
            port,
            stop,
            done: Some(done),
        }
    }

    fn key_path(&self) -> String {
        let at = self.url.find(&format!(":{}/", self.port)).unwrap();
        self.url[at + format!(":{}", self.port).len()..].to_owned()
    }

    fn finish(mut self) -> Room {
        self.stop.send(()).unwrap();
        self.done.take().unwrap().join().unwrap()
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn cookie(&self) -> String {
        let line = self
            .head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
            .unwrap();
        line.split_once(':')
            .unwrap()
            .1
            .split(';')
            .next()
            .unwrap()
            .trim()
            .to_owned()
    }
}

fn http(port: u16, raw: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(raw).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
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

fn get(port: u16, path: &str, cookie: Option<&str>) -> Reply {
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    http(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\n{cookie}\r\n").as_bytes(),
    )
}

fn post(port: u16, path: &str, cookie: &str, body: &str) -> Reply {
    http(
        port,
        format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

fn writing() -> Room {
    let mut room = Room::default();
    room.start_write(Section::Pains);
    room
}

#[test]
fn without_the_key_everything_is_a_plain_404() {
    let fake = Fake::start(writing());
    let key = fake.key_path();
    assert_eq!(key.len(), 26, "a 96-bit key: {key}");
    for path in [
        "/",
        "/room.js",
        "/0123/",
        "/favicon.ico",
        &key[..key.len() - 2],
    ] {
        let r = get(fake.port, path, None);
        assert_eq!((r.status, r.body.as_str()), (404, "Not found\n"), "{path}");
    }
    let wrong = format!("/{}/", "F".repeat(24));
    assert_eq!(get(fake.port, &wrong, None).status, 404);
    let r = get(fake.port, &key, None);
    assert_eq!(r.status, 200);
    assert!(
        r.head
            .contains("content-security-policy: default-src 'none'"),
        "{}",
        r.head
    );
    fake.finish();
}

#[test]
fn a_note_goes_in_through_a_plain_form_and_only_its_writer_sees_it() {
    let fake = Fake::start(writing());
    let key = fake.key_path();
    let me = get(fake.port, &key, None).cookie();
    let you = get(fake.port, &key, None).cookie();
    assert_ne!(me, you);
    let r = post(
        fake.port,
        &format!("{key}do"),
        &me,
        "do=write&nonce=5&text=Clients+pay+%3Cb%3Elate%3C%2Fb%3E",
    );
    assert_eq!(r.status, 303);
    assert!(
        r.head.to_ascii_lowercase().contains("location: ./?m=added"),
        "{}",
        r.head
    );
    let mine = get(fake.port, &format!("{key}?m=added"), Some(&me));
    assert!(mine.body.contains("Note added."));
    assert!(
        mine.body.contains("Clients pay &lt;b&gt;late&lt;/b&gt;"),
        "{}",
        mine.body
    );
    let theirs = get(fake.port, &key, Some(&you));
    assert!(!theirs.body.contains("Clients pay"));
    let room = fake.finish();
    assert_eq!(room.counts().people, 2);
    assert_eq!(
        room.clone().reveal().unwrap().1,
        ["Clients pay <b>late</b>"]
    );
}

#[test]
fn oversized_and_over_long_input_is_refused_and_nothing_is_added() {
    let fake = Fake::start(writing());
    let key = fake.key_path();
    let me = get(fake.port, &key, None).cookie();
    let big = format!("do=write&text={}", "a".repeat(5000));
    assert_eq!(post(fake.port, &format!("{key}do"), &me, &big).status, 413);
    let long = format!("do=write&text={}", "a".repeat(281));
    let r = post(fake.port, &format!("{key}do"), &me, &long);
    assert!(r.head.contains("m=too-long"), "{}", r.head);
    let r = post(fake.port, &format!("{key}do"), &me, "do=nonsense");
    assert!(r.head.contains("m=malformed"), "{}", r.head);
    // A body that lies about its length (chunked, over the limit).
    let chunk = "a".repeat(5000);
    let raw = format!(
        "POST {key}do HTTP/1.1\r\nHost: x\r\nCookie: {me}\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    assert_eq!(http(fake.port, raw.as_bytes()).status, 413);
    let room = fake.finish();
    assert_eq!(room.counts().notes, 0);
}

#[test]
fn slow_clients_never_hold_up_the_others() {
    let fake = Fake::start(writing());
    let key = fake.key_path();
    // Clients that start a request and never finish it.
    let mut stalled = Vec::new();
    for _ in 0..20 {
        let mut s = TcpStream::connect(("127.0.0.1", fake.port)).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .unwrap();
        stalled.push(s);
    }
    let started = Instant::now();
    let r = get(fake.port, &key, None);
    assert_eq!(r.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // And they are let go once their time is up.
    let mut first = stalled.remove(0);
    first
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut buf = Vec::new();
    let _ = first.read_to_end(&mut buf);
    assert!(started.elapsed() >= HEADER_TIMEOUT.checked_sub(Duration::from_secs(1)).unwrap());
    fake.finish();
}

#[test]
fn forty_phones_posting_ten_notes_each_land_exactly_once() {
    let fake = Fake::start(writing());
    let key = fake.key_path();
    let port = fake.port;
    let phones: Vec<_> = (0..40)
        .map(|phone| {
            let key = key.clone();
            std::thread::spawn(move || {
                let me = get(port, &key, None).cookie();
                for n in 0..10 {
                    let body = format!("do=write&nonce={n}&text=phone+{phone}+note+{n}");
                    let r = post(port, &format!("{key}do"), &me, &body);
                    assert!(r.head.contains("m=added"), "{}", r.head);
                }
            })
        })
        .collect();
    for p in phones {
        p.join().unwrap();
    }
    let room = fake.finish();
    let (_, texts) = room.clone().reveal().unwrap();
    assert_eq!(texts.len(), 400);
    let distinct: std::collections::BTreeSet<_> = texts.iter().collect();
    assert_eq!(distinct.len(), 400);
    assert_eq!(room.counts().people, 40);
}

#[test]
fn form_values_decode_percent_and_plus() {
    assert_eq!(
        form_value(b"a=1&text=caf%C3%A9+%26+more", "text").unwrap(),
        "café & more"
    );
    assert_eq!(form_value(b"text=%zz%4", "text").unwrap(), "%zz%4");
    assert_eq!(form_value(b"x=1", "text"), None);
}
