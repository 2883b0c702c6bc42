//! Connection limits on a real loopback socket, with short configured limits:
//! no client holds a connection forever, a full server answers 503 at once,
//! and shutdown has a deadline.
// See: issue #16 (connections cannot be held forever; shutdown has a deadline).

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use careers::server::{AppState, Limits, serve};

use crate::support::{fixture, site};

/// A guard against a hung test, far above every configured limit.
const NEVER: Duration = Duration::from_secs(20);

struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

async fn start(limits: Limits) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("bind: {e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let (stop, stopped) = oneshot::channel::<()>();
    let state = AppState::new(site(&fixture("site/roles")));
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

#[tokio::test]
async fn idle_connections_are_closed_and_a_full_server_answers_503() {
    let limits = Limits {
        max_connections: 8,
        ..short()
    };
    let server = start(limits).await;
    let mut idle = Vec::new();
    for _ in 0..8 {
        idle.push(connect(server.addr).await);
    }
    // Give the server a moment to accept all eight.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let over = get(server.addr, "/").await;
    assert!(over.starts_with("HTTP/1.1 503"), "{over}");
    assert!(over.to_ascii_lowercase().contains("retry-after: 1"));
    for stream in &mut idle {
        let sent = read_to_close(stream).await;
        assert!(
            sent.is_empty(),
            "an idle socket is closed without a response"
        );
    }
    assert!(get(server.addr, "/").await.starts_with("HTTP/1.1 200"));
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
