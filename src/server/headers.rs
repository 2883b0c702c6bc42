//! Response headers that never change, as static values (no per-request allocation).

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{self, HeaderMap, HeaderName};
use axum::http::{StatusCode, Version};
use axum::response::{IntoResponse, Response};

/// No inline script or style anywhere, so the policy needs no nonces and the
/// pages can be prebuilt (see `docs/architecture.md`, "Security").
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers every response carries.
pub(crate) fn secure(headers: &mut HeaderMap) {
    let fixed: [(HeaderName, &'static str); 6] = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
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
