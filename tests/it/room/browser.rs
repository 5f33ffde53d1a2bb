//! Real Chromium instances as phones, driven through `chromedriver`
//! (`WebDriver` is plain HTTP and JSON: a few requests, no new crate): one
//! with JavaScript off (plain forms, a redirect after each), one with it on
//! (forms sent in the background, the page updating itself). The room is the
//! real binary's, in tmux.

use std::process::{Child, Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

use super::*;

/// A `chromedriver` on a free port, stopped on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn call(port: u16, method: &str, path: &str, body: &Value) -> Value {
    let body = if method == "GET" || method == "DELETE" {
        String::new()
    } else {
        body.to_string()
    };
    let raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let reply = http(port, raw.as_bytes());
    // chromedriver may answer in chunks: the JSON is between the outer braces.
    let (Some(start), Some(end)) = (reply.body.find('{'), reply.body.rfind('}')) else {
        return Value::Null;
    };
    serde_json::from_str(&reply.body[start..=end]).unwrap_or(Value::Null)
}

impl Driver {
    fn start() -> Driver {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (scripts/test-prereqs installs it)");
        let driver = Driver { child, port };
        wait::holds(
            Duration::from_secs(20),
            || call(port, "GET", "/status", &Value::Null)["value"]["ready"] == json!(true),
            || "chromedriver never became ready".to_owned(),
        );
        driver
    }

    fn phone(&self, javascript: bool, profile: &Path) -> Phone {
        let mut args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--no-first-run".to_owned(),
            "--window-size=412,915".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        if !javascript {
            args.push("--blink-settings=scriptEnabled=false".to_owned());
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}
        }}});
        let made = call(self.port, "POST", "/session", &caps);
        let id = made["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {made}"))
            .to_owned();
        Phone {
            port: self.port,
            id,
        }
    }
}

struct Phone {
    port: u16,
    id: String,
}

impl Drop for Phone {
    fn drop(&mut self) {
        call(
            self.port,
            "DELETE",
            &format!("/session/{}", self.id),
            &Value::Null,
        );
    }
}

impl Phone {
    fn call(&self, method: &str, what: &str, body: &Value) -> Value {
        call(
            self.port,
            method,
            &format!("/session/{}{what}", self.id),
            body,
        )["value"]
            .clone()
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", &json!({ "url": url }));
    }

    fn element(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            &json!({"using": "css selector", "value": css}),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no {css}: {found}\n{}", self.source()))
            .to_owned()
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.call(
            "POST",
            &format!("/element/{e}/value"),
            &json!({ "text": text }),
        );
    }

    fn click(&self, css: &str) {
        let e = self.element(css);
        self.call("POST", &format!("/element/{e}/click"), &json!({}));
    }

    fn source(&self) -> String {
        self.call("GET", "/source", &Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn script(&self, js: &str) -> Value {
        self.call("POST", "/execute/sync", &json!({"script": js, "args": []}))
    }

    fn wait_source(&self, needle: &str) -> String {
        wait::until(
            Duration::from_secs(10),
            || Some(self.source()).filter(|s| s.contains(needle)),
            || format!("the page never showed {needle:?}:\n{}", self.source()),
        )
    }
}

/// Sets the facilitator's room up: a write round on pains.
fn writing_on_pains(t: &mut Tmux, file: &Path) -> Room {
    let room = open_room(t, "r", file);
    t.keys("r", &["Escape"]);
    t.wait_gone("r", "Join on the same");
    t.keys("r", &["5", "R"]);
    t.wait_screen("r", "Join on the same");
    t.keys("r", &["w"]);
    t.wait_screen("r", "Writing on pains");
    room
}

#[test]
fn chromium_phones_write_and_vote_with_and_without_javascript() {
    let mut t = Tmux::new();
    loopback_config(&t);
    let file = canvas(&t);
    let room = writing_on_pains(&mut t, &file);
    let url = format!("http://127.0.0.1:{}{}", room.port, room.base);
    let driver = Driver::start();
    let plain = driver.phone(false, &t.root().join("phone-plain"));
    let smart = driver.phone(true, &t.root().join("phone-smart"));
    // Without JavaScript: a plain form, a redirect, the note shown as text.
    plain.open(&url);
    plain.wait_source("What gets in their way");
    plain.type_into("#note", "Typed on a phone <i>");
    plain.click("#write button");
    plain.wait_source("Note added.");
    plain.wait_source("Typed on a phone &lt;i&gt;");
    // With JavaScript: sent in the background; the page never reloads.
    smart.open(&url);
    smart.wait_source("What gets in their way");
    smart.script("window.stayed = 42;");
    smart.type_into("#note", "Written with script on");
    smart.click("#write button");
    smart.wait_source("Note added.");
    smart.wait_source("Written with script on");
    assert_eq!(
        smart.script("return window.stayed;"),
        json!(42),
        "the page reloaded"
    );
    t.wait_screen("r", "2 notes from 2 people");
    t.keys("r", &["r"]);
    wait_file(&file, "Written with script on");
    // A vote: the page with script on updates itself within two seconds.
    t.keys("r", &["v"]);
    t.wait_screen("r", "A dot vote");
    t.keys("r", &["Enter"]);
    t.wait_screen("r", "Voting on pains");
    let started = Instant::now();
    smart.wait_source("Vote on pains");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(smart.script("return window.stayed;"), json!(42));
    smart.click("ul.vote form button");
    smart.wait_source("Dot placed.");
    smart.wait_source("2 of 3");
    plain.open(&url);
    plain.wait_source("Vote on pains");
    plain.click("ul.vote form button");
    plain.wait_source("Dot placed.");
    t.wait_screen("r", "2 people have voted");
    t.keys("r", &["c"]);
    t.wait_screen("r", "The vote on pains");
    // Closed: the page that updates itself says so.
    t.keys("r", &["X"]);
    t.wait_screen("r", "The room is closed");
    wait::holds(
        Duration::from_secs(10),
        || smart.script("return document.getElementById('closed').hidden;") == json!(false),
        || format!("the page never said the room closed:\n{}", smart.source()),
    );
}
