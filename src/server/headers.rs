//! Response headers that never change, as static values (no per-request allocation).

use axum::extract::Request;
use axum::http::header::{self, HeaderMap};
use axum::http::{StatusCode, Version};
use axum::response::{IntoResponse, Response};

use crate::site::headers;

/// Adds the security headers every response carries: the list the export
/// also writes for static hosts ([`headers::SECURITY_HEADERS`]), as one map
/// made once, so that no name or value is parsed per response.
pub(crate) fn secure(response_headers: &mut HeaderMap) {
    for (name, value) in headers::security_headers() {
        response_headers.insert(name, value.clone());
    }
}

/// The security headers as raw HTTP/1 header lines (`name: value\r\n` each),
/// the same that [`secure`] adds, for answers written to the socket without
/// the router (the over-cap 503, hyper's own 400/414/431).
pub(crate) fn security_header_lines() -> &'static [u8] {
    static LINES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| {
        let mut headers = HeaderMap::new();
        secure(&mut headers);
        let mut out = Vec::new();
        for (name, value) in &headers {
            out.extend_from_slice(name.as_str().as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out
    })
}

/// The security headers as a response layer (`axum::middleware::map_response`),
/// so no response the router produces goes without them.
pub(crate) async fn secure_response(mut response: Response) -> Response {
    secure(response.headers_mut());
    response
}

/// An HTTP/1.1 request must carry exactly one `Host` (RFC 9112, 3.2); HTTP/2
/// carries `:authority` instead and HTTP/1.0 may omit it.
pub(crate) async fn require_one_host(request: Request) -> Result<Request, Response> {
    if request.version() == Version::HTTP_11
        && request.headers().get_all(header::HOST).iter().count() != 1
    {
        return Err((
            StatusCode::BAD_REQUEST,
            "a request needs exactly one Host header\n",
        )
            .into_response());
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_sends_the_list_the_export_writes() {
        let mut sent = HeaderMap::new();
        secure(&mut sent);
        assert_eq!(sent.len(), headers::SECURITY_HEADERS.len());
        for (name, value) in headers::SECURITY_HEADERS {
            assert_eq!(
                sent.get(name).and_then(|v| v.to_str().ok()),
                Some(value),
                "{name}"
            );
        }
    }
}
