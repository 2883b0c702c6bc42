//! The response headers every careers response carries, whoever sends it:
//! the server adds them to each response, and the export writes them into
//! the configuration it leaves for static hosts (`_headers`, nginx), so a
//! page has the same policy wherever it is served from.

/// No inline script or style anywhere, so the policy needs no nonces and the
/// pages can be prebuilt (see `docs/architecture.md`, "Security").
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Every security header, as (lowercase name, value).
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
];
