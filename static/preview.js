// Preview only (never served by `careers serve`): follow the role files as
// they are saved, and show what the site could not read. No inline script,
// so the preview keeps the same Content-Security-Policy as the live site.
//
// One event stream per browser, not per tab: a browser opens at most six
// HTTP/1.1 connections to a host, so a stream in every tab left the seventh
// tab waiting forever. The tab holding a Web Lock keeps the one stream and
// passes its events to the other tabs over a BroadcastChannel; when it
// closes, the next tab waiting for the lock takes over. Where either API is
// missing, each tab keeps its own stream but closes it while hidden.
(function () {
  "use strict";
  var KEY = "careers-preview-scroll";
  // The site generation the last reload was for: a page that loaded while
  // another rebuild landed learns of it from the status or the stream.
  var SEEN = "careers-preview-generation";
  var STREAM = "/_preview/events";

  function restoreScroll() {
    var saved = sessionStorage.getItem(KEY);
    if (saved === null) return;
    sessionStorage.removeItem(KEY);
    var at = JSON.parse(saved);
    if (at.path === location.pathname) window.scrollTo(0, at.y);
  }

  function reload(generation) {
    if (generation) sessionStorage.setItem(SEEN, generation);
    sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, y: window.scrollY }));
    location.reload();
  }

  // The site is at `generation` now: reload when this tab last reloaded for
  // an older one (a rebuild landed while it was loading), else remember it.
  function atGeneration(generation) {
    var now = Number(generation);
    var seen = Number(sessionStorage.getItem(SEEN) || "0");
    if (seen && now > seen) {
      reload(String(generation));
      return true;
    }
    sessionStorage.setItem(SEEN, String(generation));
    return false;
  }

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content) el.textContent = content;
    return el;
  }

  function problemItem(d, severity) {
    var item = text("li", "preview-" + severity);
    item.appendChild(text("code", null, d.file + ":" + d.line + ":" + d.col));
    item.appendChild(document.createTextNode(" " + severity + " [" + d.code + "]: " + d.message));
    if (d.hint) item.appendChild(text("span", "preview-hint", " " + d.hint));
    return item;
  }

  // The overlay names each problem in plain words with its file, line and
  // column: a broken site.yaml and every error first, then the warnings of
  // the file this page was built from.
  function showOverlay(status) {
    var old = document.getElementById("preview-overlay");
    if (old) old.remove();
    var errors = (status.settings ? [status.settings] : []).concat(status.errors || []);
    var warnings = (status.warnings || []).filter(function (d) {
      return d.page === location.pathname;
    });
    if (errors.length === 0 && warnings.length === 0) return;
    var box = text("section", "preview-overlay" + (errors.length ? "" : " preview-overlay-warnings"));
    box.id = "preview-overlay";
    box.setAttribute("role", errors.length ? "alert" : "status");
    box.setAttribute("aria-labelledby", "preview-overlay-title");
    var count = errors.length + warnings.length;
    var title = text("h2", null, count === 1 ? "1 problem in the role files" : count + " problems in the role files");
    title.id = "preview-overlay-title";
    box.appendChild(title);
    if (status.settings) {
      box.appendChild(text("p", null, status.settings.file + " cannot be used: every page is built with the last settings that read."));
    }
    if (status.stale && status.stale.length) {
      box.appendChild(text("p", null, "Showing the last good version of " + status.stale.join(", ") + " until the file is fixed."));
    }
    var list = text("ul");
    errors.forEach(function (d) { list.appendChild(problemItem(d, "error")); });
    warnings.forEach(function (d) { list.appendChild(problemItem(d, "warning")); });
    box.appendChild(list);
    var close = text("button", "preview-close", "Hide");
    close.type = "button";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function refreshStatus(checkGeneration) {
    fetch("/_preview/status.json", { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) {
        if (!status) return;
        if (checkGeneration && status.generation && atGeneration(status.generation)) return;
        showOverlay(status);
      })
      .catch(function () {});
  }

  // What the stream says, whichever tab holds it.
  function onEvent(kind, generation) {
    if (kind === "reload") {
      reload(generation);
    } else if (!atGeneration(generation)) {
      // A rebuild may have landed between this page's load and the stream's
      // start: the overlay is read again so its problems are not missed.
      refreshStatus(false);
    }
  }

  function openStream(tell) {
    var events = new EventSource(STREAM);
    // Named events do not reach onmessage: listen for the names.
    ["hello", "reload"].forEach(function (kind) {
      events.addEventListener(kind, function (e) {
        if (tell) tell({ kind: kind, generation: e.data });
        onEvent(kind, e.data);
      });
    });
    return events;
  }

  function shareOneStream() {
    var channel = new BroadcastChannel("careers-preview");
    channel.onmessage = function (e) {
      if (e.data && e.data.kind) onEvent(e.data.kind, e.data.generation);
    };
    navigator.locks.request("careers-preview-stream", function () {
      openStream(function (message) { channel.postMessage(message); });
      // Held until this tab goes: the next one waiting takes over.
      return new Promise(function () {});
    });
  }

  function streamWhileVisible() {
    var events = null;
    function update() {
      if (document.visibilityState === "hidden") {
        if (events) events.close();
        events = null;
      } else if (!events) {
        // The stream's hello says whether a save landed meanwhile.
        events = openStream(null);
      }
    }
    document.addEventListener("visibilitychange", update);
    update();
  }

  restoreScroll();
  if (window.BroadcastChannel && navigator.locks && navigator.locks.request) {
    shareOneStream();
  } else if (window.EventSource) {
    streamWhileVisible();
  }
  // After the channel listens, so no reload falls between the two.
  refreshStatus(true);
})();
