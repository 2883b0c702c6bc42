//! The connection's socket as hyper sees it: the `TcpStream`, plus two duties
//! at the byte level.
//!
//! - Every write that the socket cannot take at once is recorded in the
//!   connection's [`Activity`], so the watchdog can close a client that has
//!   stopped reading (the send timeout) without a timer per write.
//! - hyper answers a request it cannot parse (400, 414 URI too long, 431
//!   headers too large) itself, before the router sees anything, so those
//!   answers would lack the security headers every other response carries.
//!   Such a head is recognised as it is written (an HTTP/1 4xx head without a
//!   `content-security-policy` line: every response of the router has one)
//!   and written with the security headers added.

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use crate::server::activity::Activity;
use crate::server::headers::security_header_lines;

/// A `TcpStream` that reports waiting writes and completes hyper's own error
/// answers with the security headers.
#[derive(Debug)]
pub(crate) struct WatchedStream {
    stream: TcpStream,
    activity: Arc<Activity>,
    /// A rewritten head being written in place of hyper's.
    rewrite: Option<Rewrite>,
}

#[derive(Debug)]
struct Rewrite {
    bytes: Vec<u8>,
    written: usize,
    /// How many of hyper's bytes it replaces (reported as written at the end).
    replaces: usize,
}

impl WatchedStream {
    /// `stream`, reporting to `activity`.
    pub(crate) fn new(stream: TcpStream, activity: Arc<Activity>) -> WatchedStream {
        WatchedStream {
            stream,
            activity,
            rewrite: None,
        }
    }

    fn write_slices(
        &mut self,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.rewrite.is_none()
            && let Some(first) = bufs.first()
            && let Some((bytes, replaces)) = with_security_headers(first)
        {
            self.rewrite = Some(Rewrite {
                bytes,
                written: 0,
                replaces,
            });
        }
        let polled = match &mut self.rewrite {
            Some(rewrite) => poll_rewrite(&mut self.stream, cx, rewrite),
            None => Pin::new(&mut self.stream).poll_write_vectored(cx, bufs),
        };
        if matches!(polled, Poll::Ready(Ok(_)))
            && self
                .rewrite
                .as_ref()
                .is_some_and(|r| r.written >= r.bytes.len())
        {
            self.rewrite = None;
        }
        self.activity.note_write(polled.is_pending());
        polled
    }
}

/// Writes the rest of a rewritten head; done, it stands for hyper's bytes.
fn poll_rewrite(
    stream: &mut TcpStream,
    cx: &mut Context<'_>,
    rewrite: &mut Rewrite,
) -> Poll<io::Result<usize>> {
    while rewrite.written < rewrite.bytes.len() {
        let n = ready!(Pin::new(&mut *stream).poll_write(cx, &rewrite.bytes[rewrite.written..]))?;
        if n == 0 {
            return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
        }
        rewrite.written += n;
    }
    Poll::Ready(Ok(rewrite.replaces))
}

/// hyper's own error head (an HTTP/1 4xx head with no security headers) with
/// them added after the status line, and how many bytes of `buf` it replaces.
fn with_security_headers(buf: &[u8]) -> Option<(Vec<u8>, usize)> {
    if !(buf.starts_with(b"HTTP/1.1 4") || buf.starts_with(b"HTTP/1.0 4")) {
        return None;
    }
    let end = find(buf, b"\r\n\r\n")? + 4;
    let head = &buf[..end];
    if find(head, b"\r\ncontent-security-policy:").is_some() {
        return None;
    }
    let status_end = find(head, b"\r\n")? + 2;
    let mut out = Vec::with_capacity(end + 512);
    out.extend_from_slice(&head[..status_end]);
    out.extend_from_slice(security_header_lines());
    out.extend_from_slice(b"cache-control: no-store\r\n");
    out.extend_from_slice(&head[status_end..]);
    Some((out, end))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

impl AsyncRead for WatchedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for WatchedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().write_slices(cx, &[IoSlice::new(buf)])
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().write_slices(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_flush(cx);
        this.activity.note_write(polled.is_pending());
        polled
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_own_error_head_gains_the_security_headers() {
        let hyper = b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\ndate: Mon, 07 Dec 2026 03:53:13 GMT\r\n\r\n";
        let Some((head, replaces)) = with_security_headers(hyper) else {
            panic!("hyper's head is recognised")
        };
        assert_eq!(replaces, hyper.len());
        let head = String::from_utf8_lossy(&head);
        assert!(
            head.starts_with(
                "HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-security-policy: "
            ),
            "{head}"
        );
        assert!(
            head.contains("\r\nx-content-type-options: nosniff\r\n"),
            "{head}"
        );
        assert!(head.ends_with("connection: close\r\ncontent-length: 0\r\ndate: Mon, 07 Dec 2026 03:53:13 GMT\r\n\r\n"), "{head}");
    }

    #[test]
    fn the_routers_answers_and_bodies_pass_unchanged() {
        let ours = b"HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\ncontent-security-policy: default-src 'none'\r\n\r\n<p>gone</p>";
        assert!(with_security_headers(ours).is_none());
        assert!(with_security_headers(b"HTTP/1.1 200 OK\r\n\r\n").is_none());
        assert!(with_security_headers(b"<p>HTTP/1.1 400</p>").is_none());
        assert!(with_security_headers(b"HTTP/1.1 400 Bad Request\r\nno end").is_none());
    }
}
