//! Operations: readiness, logs, metrics, configuration from the environment.

use axum::http::{StatusCode, header};

use careers::server::{AppState, Ops, router};

use crate::support::{RouterExt, assert_status, fixture, header_of, site, text};

/// `/readyz` says what is served: role counts, the generation, a build
/// identifier; 503 until the server marks itself ready.
#[tokio::test]
async fn readyz_reports_the_site_and_waits_for_readiness() {
    let state = AppState::new(site(&fixture("site/roles"))).with_ops(Ops::starting());
    let ops = std::sync::Arc::clone(&state.ops);
    let app = router(state);
    let starting = app.get("/readyz").await;
    assert_status(&starting, StatusCode::SERVICE_UNAVAILABLE, "not ready yet");
    assert_eq!(header_of(&starting, header::CACHE_CONTROL), "no-store");
    ops.mark_ready();
    let ready = app.get("/readyz").await;
    assert_status(&ready, StatusCode::OK, "ready");
    let report: serde_json::Value =
        serde_json::from_str(&text(ready).await).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["ready"], true);
    assert!(
        report["roles"]["listed"].as_u64().unwrap_or(0) > 0,
        "{report}"
    );
    assert!(report["roles"]["open"].is_u64(), "{report}");
    assert!(report["roles"]["closed"].is_u64(), "{report}");
    assert!(report["generation"].is_u64(), "{report}");
    let build = report["build"].as_str().unwrap_or_default();
    assert_eq!(build.len(), 32, "{report}");
    // Another build of the same roles (another generation) names the same bytes.
    let again = router(AppState::new(site(&fixture("site/roles"))));
    let other: serde_json::Value = serde_json::from_str(&text(again.get("/readyz").await).await)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(other["build"], report["build"]);
    assert_ne!(other["generation"], report["generation"]);
}
