//! The room's web server: a thin edge on a thread of its own (hyper's
//! HTTP/1 on a current-thread tokio runtime). It never touches the editor:
//! a request that changes the room goes to the one event loop through a
//! bounded queue (as the input thread hands over keys) and waits for the
//! loop's answer; pages are rendered from the last [`RoomView`] the loop
//! handed over. Limits, since nothing in a LAN full of phones is safe by
//! default: [`MAX_BODY`] per request, headers within hyper's smallest
//! buffer, [`HEADER_TIMEOUT`] to send them, [`CONNECTION_TIMEOUT`] for the
//! whole exchange, [`MAX_CONNECTIONS`] at once (more are closed at once).

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming as Body};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request as HttpRequest, Response, StatusCode};
use tokio::sync::{Notify, Semaphore, oneshot};

use super::page::{self, Done, Flash};
use super::state::{Ask, Refusal, Request};
use super::view::RoomView;

/// The most a request body may hold.
pub const MAX_BODY: usize = 4096;
/// Headers must arrive within this.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// A whole request and its answer must be done within this.
pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a request waits for the editor to take it.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once; more are closed as they come.
pub const MAX_CONNECTIONS: usize = 64;
/// Requests waiting for the editor at most; more are told to send again.
pub const QUEUE: usize = 512;
/// Ports tried after the configured one when it is taken.
const PORT_TRIES: u16 = 20;
/// The cookie that tells one browser from another (a random token).
const COOKIE: &str = "vpcanvas_room";
/// Nothing from elsewhere, no inline script or style.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   form-action 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Wakes the event loop when a request is waiting.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// The way back to a page waiting for its answer.
type Reply = oneshot::Sender<Result<(), Refusal>>;

/// A request waiting for the editor, with the way back to its page.
pub struct Incoming {
    pub request: Request,
    reply: oneshot::Sender<Result<(), Refusal>>,
}

/// Where and how to listen.
#[derive(Clone)]
pub struct ServerOptions {
    /// The interface to listen on (unspecified: all).
    pub bind: IpAddr,
    /// The first port to try.
    pub port: u16,
    /// Called when a request is queued (none: the loop looks on its own).
    pub wake: Option<Wake>,
}

struct Shared {
    key: String,
    view: RwLock<Arc<RoomView>>,
    inbox: SyncSender<Incoming>,
    wake: Option<Wake>,
    /// A wake is on its way and the inbox not yet drained.
    woken: AtomicBool,
}

/// The running server, owned by the event loop's side.
pub struct RoomServer {
    shared: Arc<Shared>,
    inbox: Receiver<Incoming>,
    /// Answers taken by the loop, sent once the snapshot that shows them is out.
    answers: Vec<(Reply, Result<(), Refusal>)>,
    waiting: HashMap<u64, Reply>,
    next_ticket: u64,
    stop: Arc<Notify>,
    thread: Option<JoinHandle<()>>,
    /// The join address: `http://ADDRESS:PORT/KEY/`.
    pub url: String,
    pub port: u16,
}

impl std::fmt::Debug for RoomServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomServer")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// A random room key: 96 bits in capital hex (so the whole address fits a
/// QR code's compact alphanumeric mode), new each time the room opens.
pub fn new_key() -> std::io::Result<String> {
    Ok(random_hex::<12>()?.to_uppercase())
}

/// A browser's token: 128 random bits in hex.
fn new_token() -> std::io::Result<String> {
    random_hex::<16>()
}

fn random_hex<const N: usize>() -> std::io::Result<String> {
    let mut bytes = [0u8; N];
    let mut filled = 0;
    while filled < bytes.len() {
        filled +=
            rustix::rand::getrandom(&mut bytes[filled..], rustix::rand::GetRandomFlags::empty())
                .map_err(std::io::Error::from)?;
    }
    Ok(bytes.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    }))
}

/// The machine's address on the local network, found without sending a
/// packet: connecting a UDP socket only picks the route (and with it the
/// interface's address). `None` without a network.
pub fn lan_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(10, 254, 254, 254), 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

fn bind(options: &ServerOptions) -> std::io::Result<TcpListener> {
    let mut last = None;
    for port in options.port..=options.port.saturating_add(PORT_TRIES) {
        match TcpListener::bind(SocketAddr::new(options.bind, port)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no port free")))
}

impl RoomServer {
    /// Starts listening (the configured port, else the next free one) and
    /// serving `view` until [`RoomServer::close`].
    pub fn start(options: &ServerOptions, view: RoomView) -> std::io::Result<RoomServer> {
        let listener = bind(options)?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let host = if options.bind.is_unspecified() {
            lan_address().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
        } else {
            options.bind
        };
        let key = new_key()?;
        let url = match host {
            IpAddr::V6(v6) => format!("http://[{v6}]:{port}/{key}/"),
            IpAddr::V4(v4) => format!("http://{v4}:{port}/{key}/"),
        };
        let (send, inbox) = sync_channel(QUEUE);
        let shared = Arc::new(Shared {
            key,
            view: RwLock::new(Arc::new(view)),
            inbox: send,
            wake: options.wake.clone(),
            woken: AtomicBool::new(false),
        });
        let stop = Arc::new(Notify::new());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let (thread_shared, thread_stop) = (shared.clone(), stop.clone());
        let thread = std::thread::Builder::new()
            .name("vpcanvas-room".to_owned())
            .spawn(move || runtime.block_on(serve(listener, thread_shared, thread_stop)))?;
        Ok(RoomServer {
            shared,
            inbox,
            answers: Vec::new(),
            waiting: HashMap::new(),
            next_ticket: 0,
            stop,
            thread: Some(thread),
            url,
            port,
        })
    }

    /// The requests waiting, each with a ticket to answer it by.
    pub fn take_requests(&mut self) -> Vec<(u64, Request)> {
        self.shared.woken.store(false, Ordering::SeqCst);
        let mut out = Vec::new();
        while let Ok(incoming) = self.inbox.try_recv() {
            self.next_ticket += 1;
            self.waiting.insert(self.next_ticket, incoming.reply);
            out.push((self.next_ticket, incoming.request));
        }
        out
    }

    /// Answers a request; the answer leaves with the next [`RoomServer::publish`].
    pub fn answer(&mut self, ticket: u64, result: Result<(), Refusal>) {
        if let Some(reply) = self.waiting.remove(&ticket) {
            self.answers.push((reply, result));
        }
    }

    /// Hands the server a new snapshot (if any), then sends the answers
    /// waiting for it, so a page that reloads after its answer sees its change.
    pub fn publish(&mut self, view: Option<RoomView>) {
        if let Some(view) = view
            && let Ok(mut slot) = self.shared.view.write()
        {
            *slot = Arc::new(view);
        }
        for (reply, result) in self.answers.drain(..) {
            let _ = reply.send(result);
        }
    }

    /// Stops the server: it listens no more, and open connections end.
    pub fn close(&mut self) {
        self.stop.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for RoomServer {
    fn drop(&mut self) {
        self.close();
    }
}

/// The accept loop: each connection on its own task, within the limits.
async fn serve(listener: TcpListener, shared: Arc<Shared>, stop: Arc<Notify>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = tokio::select! {
            () = stop.notified() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
        };
        // Over the cap, the connection is closed at once: a flood costs the
        // editor nothing, and a phone's browser tries again.
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(handle(req, &shared).await) }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(8192)
                .keep_alive(false)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_TIMEOUT, connection).await;
            drop(slot);
        });
    }
}

type Answer = Response<Full<Bytes>>;

fn respond(status: StatusCode, kind: &str, body: impl Into<Bytes>) -> Answer {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(kind).unwrap_or(HeaderValue::from_static("text/plain")),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    r
}

fn not_found() -> Answer {
    respond(
        StatusCode::NOT_FOUND,
        "text/plain; charset=utf-8",
        "Not found\n",
    )
}

fn redirect(to: &str) -> Answer {
    let mut r = respond(StatusCode::SEE_OTHER, "text/plain; charset=utf-8", "");
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// One request: the room's key first (anything else is a plain 404), then
/// its route.
async fn handle(req: HttpRequest<Body>, shared: &Shared) -> Answer {
    let path = req.uri().path().to_owned();
    let Some(rest) = path
        .strip_prefix('/')
        .and_then(|p| p.strip_prefix(shared.key.as_str()))
    else {
        return not_found();
    };
    let token = cookie_token(&req);
    match (req.method(), rest) {
        (&Method::GET, "") => redirect(&format!("/{}/", shared.key)),
        (&Method::GET, "/") => {
            let flash = req
                .uri()
                .query()
                .and_then(|q| form_value(q.as_bytes(), "m"))
                .and_then(|m| Flash::from_code(&m));
            page_for(shared, token, flash).await
        }
        (&Method::GET, "/version") => {
            let version = current(shared).version;
            respond(
                StatusCode::OK,
                "text/plain; charset=utf-8",
                version.to_string(),
            )
        }
        (&Method::GET, "/room.js") => respond(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            page::SCRIPT,
        ),
        (&Method::GET, "/room.css") => {
            respond(StatusCode::OK, "text/css; charset=utf-8", page::STYLE)
        }
        (&Method::POST, "/do") => post(req, shared, token).await,
        (_, "/" | "/do" | "/version" | "/room.js" | "/room.css") => respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "Method not allowed\n",
        ),
        _ => not_found(),
    }
}

fn current(shared: &Shared) -> Arc<RoomView> {
    match shared.view.read() {
        Ok(v) => v.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

/// The page; a browser new to the room comes in first (and gets its cookie).
async fn page_for(shared: &Shared, token: Option<String>, flash: Option<Flash>) -> Answer {
    let (token, fresh) = match token {
        Some(t) => (t, false),
        None => match new_token() {
            Ok(t) => (t, true),
            Err(_) => {
                return respond(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "text/plain",
                    "No randomness\n",
                );
            }
        },
    };
    let mut flash = flash;
    let inside = if current(shared).knows(&token) {
        true
    } else {
        match ask(shared, &token, Ask::Join).await {
            Ok(()) => true,
            Err(refusal) => {
                flash.get_or_insert(Flash::Refused(refusal));
                false
            }
        }
    };
    let nonce = u64::from_str_radix(&new_token().unwrap_or_default()[..12], 16).unwrap_or(0);
    let view = current(shared);
    let html = page::render(&view, inside.then_some(token.as_str()), flash, nonce);
    let mut r = respond(StatusCode::OK, "text/html; charset=utf-8", html);
    if fresh
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400"
        ))
    {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// Hands a request to the event loop and waits for its answer.
async fn ask(shared: &Shared, token: &str, ask: Ask) -> Result<(), Refusal> {
    let (reply, answer) = oneshot::channel();
    let incoming = Incoming {
        request: Request {
            token: token.to_owned(),
            ask,
        },
        reply,
    };
    match shared.inbox.try_send(incoming) {
        Ok(()) => {}
        Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => return Err(Refusal::Busy),
    }
    if !shared.woken.swap(true, Ordering::SeqCst)
        && let Some(wake) = &shared.wake
    {
        wake();
    }
    match tokio::time::timeout(ANSWER_TIMEOUT, answer).await {
        Ok(Ok(result)) => result,
        _ => Err(Refusal::Busy),
    }
}

/// A form: read (within [`MAX_BODY`]), handed over, answered with a
/// redirect back to the page that says how it went.
async fn post(req: HttpRequest<Body>, shared: &Shared, token: Option<String>) -> Answer {
    let too_big = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BODY as u64);
    if too_big {
        return respond(
            StatusCode::PAYLOAD_TOO_LARGE,
            "text/plain; charset=utf-8",
            "A request may hold at most 4 KiB.\n",
        );
    }
    let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            return respond(
                StatusCode::PAYLOAD_TOO_LARGE,
                "text/plain; charset=utf-8",
                "A request may hold at most 4 KiB.\n",
            );
        }
    };
    let Some(token) = token else {
        // No cookie: the page was not loaded first; start there.
        return redirect("./");
    };
    let flash = match form_ask(&body) {
        Some((ask_for, done)) => match ask(shared, &token, ask_for).await {
            Ok(()) => Flash::Done(done),
            Err(refusal) => Flash::Refused(refusal),
        },
        None => Flash::Refused(Refusal::Malformed),
    };
    redirect(&format!("./?m={}", flash.code()))
}

/// What a form asks for.
fn form_ask(body: &[u8]) -> Option<(Ask, Done)> {
    let field = |name: &str| form_value(body, name);
    let number = |name: &str| field(name).and_then(|v| v.trim().parse::<u32>().ok());
    Some(match field("do")?.as_str() {
        "write" => (
            Ask::Write {
                text: field("text")?,
                nonce: field("nonce").and_then(|n| n.parse().ok()),
            },
            Done::Added,
        ),
        "edit" => (
            Ask::Edit {
                note: number("note")?,
                text: field("text")?,
            },
            Done::Saved,
        ),
        "delete" => (
            Ask::Delete {
                note: number("note")?,
            },
            Done::Deleted,
        ),
        "dot" => (
            Ask::Dot {
                item: number("item")?,
            },
            Done::Dotted,
        ),
        "undot" => (
            Ask::Undot {
                item: number("item")?,
            },
            Done::Undotted,
        ),
        _ => return None,
    })
}

/// The browser's token from its cookie, if it looks like one we gave.
fn cookie_token(req: &HttpRequest<Body>) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            pair.trim()
                .strip_prefix(COOKIE)?
                .strip_prefix('=')
                .map(str::to_owned)
        })
        .find(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The value of `name` in a form body or query (`application/x-www-form-urlencoded`).
pub fn form_value(body: &[u8], name: &str) -> Option<String> {
    body.split(|b| *b == b'&').find_map(|pair| {
        let mut parts = pair.splitn(2, |b| *b == b'=');
        let key = decode(parts.next()?);
        (key == name).then(|| decode(parts.next().unwrap_or_default()))
    })
}

/// Percent-decoding, `+` as a space; invalid UTF-8 becomes U+FFFD.
fn decode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[path = "server_tests.rs"]
mod tests;
