//! Connection limits on a real loopback socket, with short configured limits:
//! no client holds a connection forever (not even by never reading), a full
//! server makes room by closing its oldest idle connection and answers 503
//! only when every connection is busy, and shutdown closes idle connections
//! at once and waits only for requests in flight. The last tests run the
//! real binary with default flags.
// See: issue #16 (connections cannot be held forever; shutdown has a deadline).

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use careers::server::{AppState, Limits, serve};

use crate::support::{eventually, fixture, free_port, http_get, site};

/// A guard against a hung test, far above every configured limit.
const NEVER: Duration = Duration::from_secs(20);

struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

async fn start(limits: Limits) -> Running {
    start_with(limits, &fixture("site/roles")).await
}

async fn start_with(limits: Limits, roles: &std::path::Path) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("bind: {e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let (stop, stopped) = oneshot::channel::<()>();
    let state = AppState::new(site(roles));
    let task = tokio::spawn(serve(listener, state, limits, async {
        let _ = stopped.await;
    }));
    Running {
        addr,
        stop: Some(stop),
        task,
    }
}

fn short() -> Limits {
    Limits {
        header_read_timeout: Duration::from_millis(300),
        idle_timeout: Duration::from_millis(600),
        send_timeout: Duration::from_millis(300),
        max_connections: 16,
        shutdown_grace: Duration::from_millis(300),
    }
}

async fn connect(addr: SocketAddr) -> TcpStream {
    TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"))
}

/// Reads until the server closes the connection; what it sent.
async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let read = tokio::time::timeout(NEVER, stream.read_to_end(&mut out)).await;
    assert!(read.is_ok(), "the server must close the connection");
    String::from_utf8_lossy(&out).into_owned()
}

async fn get(addr: SocketAddr, path: &str) -> String {
    let mut stream = connect(addr).await;
    let request = format!("GET {path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .unwrap_or_else(|e| panic!("write: {e}"));
    read_to_close(&mut stream).await
}

#[tokio::test]
async fn a_trickling_client_is_cut_off_at_the_header_timeout() {
    let server = start(short()).await;
    let mut stream = connect(server.addr).await;
    let request = b"GET / HTTP/1.1\r\nhost: localhost\r\nx-slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let mut cut_after = None;
    for (i, byte) in request.iter().enumerate() {
        if stream.write_all(&[*byte]).await.is_err() {
            cut_after = Some(i);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        let mut probe = [0u8; 256];
        if let Ok(Ok(0)) =
            tokio::time::timeout(Duration::from_millis(1), stream.read(&mut probe)).await
        {
            cut_after = Some(i);
            break;
        }
    }
    let Some(sent) = cut_after else {
        panic!("the whole trickled request was accepted")
    };
    assert!(
        sent < request.len() - 1,
        "cut off mid-headers after {sent} bytes"
    );
    assert!(
        get(server.addr, "/").await.starts_with("HTTP/1.1 200"),
        "others are still served"
    );
}

// See: issue "connection hardening" (2,000 idle sockets made every visitor a 503).
#[tokio::test]
async fn at_the_cap_a_newcomer_closes_the_oldest_idle_connection() {
    let limits = Limits {
        header_read_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        max_connections: 8,
        ..short()
    };
    let server = start(limits).await;
    let mut idle = Vec::new();
    for _ in 0..11 {
        idle.push(connect(server.addr).await);
        // The server accepts in order, so the oldest is the first opened.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let answer = get(server.addr, "/").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    for stream in &mut idle[..4] {
        let sent = read_to_close(stream).await;
        assert!(
            sent.is_empty(),
            "the oldest idle sockets were closed without a response"
        );
    }
}

/// Opens a connection that asks for `path` over and over and never reads a
/// byte of the answers. Returns once the server has stopped taking requests
/// (a write of ours waited half a second: the server's output is stuck), or
/// closed the connection. The task holds the connection until it is aborted
/// or the server closes it.
async fn stalled_reader(addr: SocketAddr, path: &str) -> JoinHandle<()> {
    let socket = tokio::net::TcpSocket::new_v4().unwrap_or_else(|e| panic!("socket: {e}"));
    let _ = socket.set_recv_buffer_size(4096);
    let mut stream = socket
        .connect(addr)
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"));
    let request = format!("GET {path} HTTP/1.1\r\nhost: localhost\r\n\r\n").repeat(64);
    let (stalled, is_stalled) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut stalled = Some(stalled);
        for _ in 0..10_000 {
            let write = stream.write_all(request.as_bytes());
            tokio::pin!(write);
            match tokio::time::timeout(Duration::from_millis(500), &mut write).await {
                Ok(Ok(())) => continue,
                Ok(Err(_)) => return,
                Err(_) => {
                    if let Some(stalled) = stalled.take() {
                        let _ = stalled.send(());
                    }
                    if write.await.is_err() {
                        return;
                    }
                }
            }
        }
        std::future::pending::<()>().await;
    });
    let _ = tokio::time::timeout(NEVER, is_stalled).await;
    task
}

// See: issue "connection hardening" (950 clients that never read held the cap).
#[tokio::test]
async fn a_client_that_stops_reading_is_closed_at_the_send_timeout() {
    let limits = Limits {
        max_connections: 4,
        idle_timeout: Duration::from_secs(60),
        header_read_timeout: Duration::from_secs(60),
        ..short()
    };
    let server = start(limits).await;
    let mut stalled = Vec::new();
    for _ in 0..4 {
        stalled.push(stalled_reader(server.addr, "/").await);
    }
    let mut served = false;
    let deadline = tokio::time::Instant::now() + NEVER;
    while tokio::time::Instant::now() < deadline {
        if get(server.addr, "/").await.starts_with("HTTP/1.1 200") {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        served,
        "the stalled readers were closed and a visitor served"
    );
    for writing in stalled {
        writing.abort();
    }
}

// See: issue "connection hardening" (the 503 declared 29 bytes for a 30-byte
// body and carried no security headers).
#[tokio::test]
async fn a_full_server_of_busy_connections_answers_a_well_formed_503() {
    let limits = Limits {
        max_connections: 2,
        idle_timeout: Duration::from_secs(60),
        header_read_timeout: Duration::from_secs(60),
        send_timeout: Duration::from_secs(60),
        ..short()
    };
    let server = start(limits).await;
    let mut stalled = Vec::new();
    for _ in 0..2 {
        stalled.push(stalled_reader(server.addr, "/").await);
    }
    let mut over = String::new();
    let deadline = tokio::time::Instant::now() + NEVER;
    while tokio::time::Instant::now() < deadline {
        over = get(server.addr, "/").await;
        if over.starts_with("HTTP/1.1 503") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(over.starts_with("HTTP/1.1 503"), "{over}");
    let (head, body) = over.split_once("\r\n\r\n").unwrap_or((&over, ""));
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains(&format!("content-length: {}\r\n", body.len())),
        "{over}"
    );
    assert!(head.contains("\r\nretry-after: 1"), "{over}");
    assert!(head.contains("\r\ncontent-security-policy: "), "{over}");
    assert!(
        head.contains("\r\nx-content-type-options: nosniff"),
        "{over}"
    );
    for writing in stalled {
        writing.abort();
    }
}

#[tokio::test]
async fn a_kept_alive_connection_is_closed_when_idle() {
    let server = start(short()).await;
    let mut stream = connect(server.addr).await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: localhost\r\n\r\n")
        .await
        .unwrap_or_else(|e| panic!("write: {e}"));
    let text = read_to_close(&mut stream).await;
    assert!(
        text.starts_with("HTTP/1.1 200"),
        "answered, then closed: {text}"
    );
}

#[tokio::test]
async fn shutdown_waits_for_in_flight_requests_only_until_its_deadline() {
    let limits = Limits {
        header_read_timeout: Duration::from_secs(60),
        ..short()
    };
    let mut server = start(limits).await;
    let mut holding = connect(server.addr).await;
    holding
        .write_all(b"GET / HTTP/1.1\r\nhost: local")
        .await
        .unwrap_or_else(|e| panic!("write: {e}"));
    tokio::time::sleep(Duration::from_millis(50)).await;
    if let Some(stop) = server.stop.take() {
        let _ = stop.send(());
    }
    let finished = tokio::time::timeout(NEVER, &mut server.task).await;
    assert!(
        matches!(finished, Ok(Ok(Ok(())))),
        "serve returns once the grace period is over, though a client holds a half-sent request"
    );
    let cut = read_to_close(&mut holding).await;
    assert!(cut.is_empty(), "the held connection was cut: {cut}");
}

// See: issue #16 (a 304 carried `content-length: 0`; RFC 9110, 8.6).
#[tokio::test]
async fn a_304_over_the_wire_carries_no_content_length() {
    let server = start(short()).await;
    let first = get(server.addr, "/").await;
    let etag = first
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .unwrap_or_else(|| panic!("no etag in {first}"))
        .trim()
        .to_owned();
    let mut stream = connect(server.addr).await;
    let request = format!(
        "GET / HTTP/1.1\r\nhost: localhost\r\nif-none-match: {etag}\r\nconnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .await
        .unwrap_or_else(|e| panic!("write: {e}"));
    let answer = read_to_close(&mut stream).await.to_ascii_lowercase();
    assert!(answer.starts_with("http/1.1 304"), "{answer}");
    assert!(answer.contains(&format!("etag: {etag}")), "{answer}");
    assert!(!answer.contains("content-length"), "{answer}");
}

// See: issue "connection hardening" (one browser preconnect made SIGTERM
// wait out the whole grace period).
#[tokio::test]
async fn shutdown_closes_idle_connections_at_once() {
    let limits = Limits {
        header_read_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        shutdown_grace: Duration::from_secs(600),
        ..short()
    };
    let mut server = start(limits).await;
    let mut preconnect = connect(server.addr).await;
    let mut kept_alive = connect(server.addr).await;
    kept_alive
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: localhost\r\n\r\n")
        .await
        .unwrap_or_else(|e| panic!("write: {e}"));
    let mut answer = Vec::new();
    while !String::from_utf8_lossy(&answer).contains("roles listed") {
        let mut chunk = [0u8; 1024];
        match tokio::time::timeout(NEVER, kept_alive.read(&mut chunk)).await {
            Ok(Ok(n)) if n > 0 => answer.extend_from_slice(&chunk[..n]),
            other => panic!("no answer on the kept-alive connection: {other:?}"),
        }
    }
    if let Some(stop) = server.stop.take() {
        let _ = stop.send(());
    }
    let finished = tokio::time::timeout(NEVER, &mut server.task).await;
    assert!(
        matches!(finished, Ok(Ok(Ok(())))),
        "serve returned without waiting out the grace: nothing was in flight"
    );
    assert!(read_to_close(&mut preconnect).await.is_empty());
    assert!(read_to_close(&mut kept_alive).await.is_empty());
}

/// The real binary, run as the README says: from a folder holding `roles/`,
/// default flags but a free port; its log line by line.
struct Binary {
    child: std::process::Child,
    port: u16,
    log: std::sync::mpsc::Receiver<String>,
    _dir: tempfile::TempDir,
}

impl Binary {
    fn start(shell_prefix: Option<&str>) -> Binary {
        use std::io::BufRead;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let roles = dir.path().join("roles");
        std::fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
        let fixture = fixture("site/roles");
        for entry in std::fs::read_dir(&fixture).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if let Some(name) = path.file_name() {
                std::fs::copy(&path, roles.join(name)).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let port = free_port();
        let addr = format!("127.0.0.1:{port}");
        let binary = env!("CARGO_BIN_EXE_careers");
        let mut command = match shell_prefix {
            Some(prefix) => {
                let mut c = std::process::Command::new("sh");
                c.args([
                    "-c",
                    &format!("{prefix}; exec \"$0\" --addr \"$1\""),
                    binary,
                    &addr,
                ]);
                c
            }
            None => {
                let mut c = std::process::Command::new(binary);
                c.args(["--addr", &addr]);
                c
            }
        };
        let mut child = command
            .current_dir(dir.path())
            .env_remove("RUST_LOG")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let (log_tx, log) = std::sync::mpsc::channel::<String>();
        if let Some(stderr) = child.stderr.take() {
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stderr)
                    .lines()
                    .map_while(Result::ok)
                {
                    let _ = log_tx.send(line);
                }
            });
        }
        assert!(
            eventually(|| http_get(port, "/healthz").is_some_and(|a| a.starts_with("HTTP/1.1 200"))),
            "the server came up"
        );
        Binary {
            child,
            port,
            log,
            _dir: dir,
        }
    }

    /// Sends `bytes` on a new connection; all it gets back until closed.
    fn exchange(&self, bytes: &[u8]) -> String {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port))
            .unwrap_or_else(|e| panic!("connect: {e}"));
        let _ = stream.set_read_timeout(Some(NEVER));
        let _ = stream.write_all(bytes);
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// SIGTERM, then its log until it exits (a guard, not a timing).
    fn terminate(mut self) -> Vec<String> {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -TERM");
        let exited = eventually(|| self.child.try_wait().is_ok_and(|s| s.is_some()));
        if !exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        assert!(exited, "the server exited");
        std::thread::sleep(Duration::from_millis(50));
        self.log.try_iter().collect()
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// See: issue "connection hardening" (a preconnect made SIGTERM take the
// whole grace, and then cut it).
#[test]
fn sigterm_closes_a_silent_connection_without_waiting_or_cutting() {
    let server = Binary::start(None);
    let preconnect = std::net::TcpStream::connect(("127.0.0.1", server.port))
        .unwrap_or_else(|e| panic!("connect: {e}"));
    let log = server.terminate();
    assert!(
        !log.iter().any(|line| line.contains("cutting connections")),
        "{log:#?}"
    );
    assert!(
        log.iter()
            .any(|line| line.contains("every connection finished")),
        "{log:#?}"
    );
    drop(preconnect);
}

// See: issue "connection hardening" (hyper's own 400/414/431 carried none of
// the security headers).
#[test]
fn requests_too_malformed_to_route_get_the_security_headers_too() {
    let server = Binary::start(None);
    let long_uri = format!(
        "GET /{} HTTP/1.1\r\nhost: localhost\r\n\r\n",
        "a".repeat(70_000)
    );
    let many_headers = format!(
        "GET / HTTP/1.1\r\nhost: localhost\r\n{}\r\n",
        (0..120)
            .map(|i| format!("x-h{i}: y\r\n"))
            .collect::<String>()
    );
    let cases: [(&[u8], &str); 3] = [
        (
            b"GET /a b c HTTP/1.1\r\nhost: localhost\r\n\r\n",
            "HTTP/1.1 400 ",
        ),
        (long_uri.as_bytes(), "HTTP/1.1 414 "),
        (many_headers.as_bytes(), "HTTP/1.1 431 "),
    ];
    for (request, status) in cases {
        let answer = server.exchange(request);
        assert!(answer.starts_with(status), "{answer}");
        let head = answer.to_ascii_lowercase();
        for header in [
            "\r\ncontent-security-policy: default-src 'none'",
            "\r\nx-content-type-options: nosniff\r\n",
            "\r\nx-frame-options: deny\r\n",
        ] {
            assert!(head.contains(header), "{status}: {answer}");
        }
    }
}

// See: issue "connection hardening" (a soft open-file limit of 1,024 capped
// the server however high the hard limit).
#[cfg(target_os = "linux")]
#[test]
fn serve_raises_its_open_file_limit_to_the_hard_limit() {
    let server = Binary::start(Some("ulimit -Sn 256 2>/dev/null || true"));
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", server.child.id()))
        .unwrap_or_else(|e| panic!("{e}"));
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap_or_else(|| panic!("{limits}"));
    let numbers: Vec<&str> = line.split_whitespace().skip(3).take(2).collect();
    assert_eq!(numbers.len(), 2, "{line}");
    assert_eq!(
        numbers[0], numbers[1],
        "soft limit raised to the hard: {line}"
    );
}

// See: issue "connection hardening" (a flood of comparisons starved every
// page; share images were drawn with no limit on how many at once).
#[tokio::test]
async fn comparisons_and_share_images_wait_for_the_render_pool_and_get_a_quick_503() {
    use careers::server::{RenderPool, router};

    use crate::support::{RouterExt, header_of};

    let mut state = AppState::new(site(&fixture("site/roles")));
    state.renders = std::sync::Arc::new(RenderPool::new(0, Duration::from_millis(10)));
    let app = router(state);
    let role = app.page("/roles/lead-gardener").await;
    let image = role
        .split("<meta property=\"og:image\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|url| url.find("/roles/").map(|at| url[at..].to_owned()))
        .unwrap_or_else(|| panic!("no share image on the role page"));
    for path in ["/compare/mid-gardener...lead-gardener", image.as_str()] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 503, "{path}");
        assert_eq!(header_of(&response, axum::http::header::RETRY_AFTER), "1");
        assert!(
            !header_of(&response, axum::http::header::CONTENT_SECURITY_POLICY).is_empty(),
            "{path}"
        );
    }
    app.page("/roles/mid-gardener").await;
}

/// One HTTP/2 frame: length, type, flags, stream, payload (RFC 9113, 4.1).
fn h2_frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let length = u32::try_from(payload.len()).unwrap_or(0).to_be_bytes();
    let mut out = vec![length[1], length[2], length[3], kind, flags];
    out.extend_from_slice(&stream.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

// See: issue "connection hardening" (over HTTP/2 too: a client that grants
// a large window and then never reads held its connection).
#[tokio::test]
async fn an_http2_client_that_stops_reading_is_closed_at_the_send_timeout() {
    let roles = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paragraph = "The nursery grows every seedling the estate plants out. ".repeat(20);
    let body = format!(
        "# Head of Nursery\n\n{}\n",
        format!("{paragraph}\n\n").repeat(300)
    );
    std::fs::write(roles.path().join("head-of-nursery.md"), body).unwrap_or_else(|e| panic!("{e}"));
    let limits = Limits {
        max_connections: 1,
        idle_timeout: Duration::from_secs(60),
        header_read_timeout: Duration::from_secs(60),
        ..short()
    };
    let server = start_with(limits, roles.path()).await;
    let socket = tokio::net::TcpSocket::new_v4().unwrap_or_else(|e| panic!("socket: {e}"));
    let _ = socket.set_recv_buffer_size(4096);
    let mut stream = socket
        .connect(server.addr)
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"));
    let mut out = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    // SETTINGS_INITIAL_WINDOW_SIZE at its largest, and as much for the connection.
    let mut settings = 4u16.to_be_bytes().to_vec();
    settings.extend_from_slice(&(i32::MAX as u32).to_be_bytes());
    out.extend(h2_frame(4, 0, 0, &settings));
    out.extend(h2_frame(
        8,
        0,
        0,
        &((i32::MAX as u32) - 65_535).to_be_bytes(),
    ));
    out.extend(h2_frame(4, 1, 0, &[]));
    let path = b"/roles/head-of-nursery";
    for i in 0..32u32 {
        // HPACK: GET, http, :path literal, :authority "x" (RFC 7541, appendix A).
        let mut block = vec![0x82, 0x86, 0x04, path.len() as u8];
        block.extend_from_slice(path);
        block.extend_from_slice(&[0x01, 1, b'x']);
        out.extend(h2_frame(1, 0x5, 1 + 2 * i, &block));
    }
    stream
        .write_all(&out)
        .await
        .unwrap_or_else(|e| panic!("write: {e}"));
    // The answers have begun to arrive (peeking leaves them unread).
    let mut arrived = [0u8; 2048];
    let peeked = tokio::time::timeout(NEVER, stream.peek(&mut arrived)).await;
    assert!(matches!(peeked, Ok(Ok(n)) if n > 0), "the server answers");
    let mut served = false;
    let deadline = tokio::time::Instant::now() + NEVER;
    while tokio::time::Instant::now() < deadline {
        if get(server.addr, "/").await.starts_with("HTTP/1.1 200") {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        served,
        "the stalled HTTP/2 client was closed and a visitor served"
    );
    drop(stream);
}
