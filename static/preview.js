// Preview only (never served by `careers serve`): follow the role files as
// they are saved, and show what the site could not read. No inline script,
// so the preview keeps the same Content-Security-Policy as the live site.
(function () {
  "use strict";
  var KEY = "careers-preview-scroll";
  // The site generation the last reload was for: a page that loaded while
  // another rebuild landed learns of it from the stream's hello.
  var SEEN = "careers-preview-generation";

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

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content) el.textContent = content;
    return el;
  }

  // The overlay names each problem in plain words with its file and line.
  function showOverlay(status) {
    var old = document.getElementById("preview-overlay");
    if (old) old.remove();
    if (!status.errors || status.errors.length === 0) return;
    var box = text("section", "preview-overlay");
    box.id = "preview-overlay";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "preview-overlay-title");
    var title = text("h2", null, status.errors.length === 1
      ? "1 problem in the role files"
      : status.errors.length + " problems in the role files");
    title.id = "preview-overlay-title";
    box.appendChild(title);
    if (status.stale && status.stale.length) {
      box.appendChild(text("p", null, "Showing the last good version of " + status.stale.join(", ") + " until the file is fixed."));
    }
    var list = text("ul");
    status.errors.forEach(function (d) {
      var item = text("li");
      item.appendChild(text("code", null, d.file + ":" + d.line + ":" + d.col));
      item.appendChild(document.createTextNode(" " + d.message));
      if (d.hint) item.appendChild(text("span", "preview-hint", " " + d.hint));
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = text("button", "preview-close", "Hide");
    close.type = "button";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function refreshStatus() {
    fetch("/_preview/status.json", { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) { if (status) showOverlay(status); })
      .catch(function () {});
  }

  restoreScroll();
  refreshStatus();
  if (!window.EventSource) return;
  var events = new EventSource("/_preview/events");
  // Named events do not reach onmessage: listen for the names.
  events.addEventListener("hello", function (e) {
    var now = Number(e.data);
    var seen = Number(sessionStorage.getItem(SEEN) || "0");
    if (seen && now > seen) {
      reload(e.data);
      return;
    }
    sessionStorage.setItem(SEEN, e.data);
    // A rebuild may have landed between this page's load and the stream's
    // start: the overlay is read again so its problems are not missed.
    refreshStatus();
  });
  events.addEventListener("reload", function (e) {
    reload(e.data);
  });
})();
