// Progressive enhancement only: the site works fully without this file.

// One polite live region per page, for messages a screen reader should hear
// (a copied link, a refused clipboard).
function announce(text) {
  var region = document.getElementById("live-status");
  if (!region) {
    region = document.createElement("div");
    region.id = "live-status";
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    document.body.appendChild(region);
  }
  region.textContent = "";
  // A fresh text node after clearing, so the same message is read again.
  setTimeout(function () { region.textContent = text; }, 50);
}

// The GOV.UK error summary: focused on load so it is read first, and its
// links move focus to the field (a fragment link alone only scrolls).
(function () {
  var summary = document.querySelector(".error-summary");
  if (!summary) return;
  summary.focus();
  summary.querySelectorAll("a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    });
  });
})();

// A "#" icon beside each role section heading copies a deep link to it; the
// result is announced, and a refused clipboard says so instead of throwing.
(function () {
  if (!document.querySelector(".role-body")) return;
  document.querySelectorAll(".role-body section > h2[id], .role-body section > h3[id]").forEach(function (heading) {
    var name = heading.textContent.trim();
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = "#";
    button.setAttribute("aria-label", "Copy link to section ‘" + name + "’");
    button.addEventListener("click", function () {
      var url = location.origin + location.pathname + "#" + heading.id;
      var refused = function () { announce("Could not copy the link. The address is " + url); };
      try {
        if (!navigator.clipboard) { refused(); return; }
        navigator.clipboard.writeText(url).then(function () {
          announce("Link to ‘" + name + "’ copied");
        }, refused);
      } catch (e) {
        refused();
      }
    });
    // Beside the heading, not inside it, so moving by heading reads only the heading.
    var row = document.createElement("div");
    row.className = "heading-row";
    heading.before(row);
    row.appendChild(heading);
    row.appendChild(button);
  });
})();

// A link to one expectation (#grow-the-team) opens its description.
(function () {
  function openTarget() {
    if (!location.hash) return;
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return; // a malformed address (#%E0) names no section
    }
    var target = document.getElementById(id);
    if (!target) return;
    var details = target.matches("details") ? target : target.querySelector("details") || target.closest("details");
    if (details) details.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();

// Print every expectation: open the closed ones for printing, then close them
// again.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();

// A changed filter, or words typed into the search box (after a pause), show
// their results without a page load, and the new count is read out (the count
// is a polite live region). Only the newest answer is shown. A minimum salary
// is sent when its field is left: one the server cannot read is submitted the
// ordinary way, so the page shows the error summary and the field's message,
// and once it reads again the page is loaded afresh, so no stale error stays.
(function () {
  var form = document.querySelector("form.filters");
  var results = document.getElementById("results");
  var count = document.getElementById("count");
  if (!form || !results || !count || !window.fetch || !window.DOMParser) return;
  var asked = 0;
  var pause = null;
  function show(fromSalary) {
    clearTimeout(pause);
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim() !== "") params.append(key, value);
    });
    var url = "/" + (params.toString() ? "?" + params.toString() : "");
    var ask = ++asked;
    fetch(url, { headers: { Accept: "text/html" } }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      if (ask !== asked) return;
      var page = new DOMParser().parseFromString(html, "text/html");
      var wasError = !!document.querySelector(".error-summary");
      var isError = !!page.querySelector(".error-summary");
      if (isError && fromSalary) {
        form.submit();
        return;
      }
      if (wasError && !isError) {
        location.assign(url);
        return;
      }
      var newResults = page.getElementById("results");
      var newCount = page.getElementById("count");
      var newHeading = page.getElementById("listing-heading");
      var newSummary = page.querySelector(".more-filters > summary");
      if (!newResults || !newCount) return;
      results.innerHTML = newResults.innerHTML;
      count.textContent = newCount.textContent;
      var heading = document.getElementById("listing-heading");
      if (heading && newHeading) heading.textContent = newHeading.textContent;
      var summary = form.querySelector(".more-filters > summary");
      if (summary && newSummary) summary.textContent = newSummary.textContent;
      document.title = page.title;
      history.replaceState(null, "", url);
    }).catch(function () {
      // Without an answer the form still works: submit it the ordinary way.
      if (ask === asked) form.submit();
    });
  }
  form.addEventListener("change", function (event) {
    if (event.target.matches("select")) show(false);
    else if (event.target.matches("#min_salary")) show(true);
  });
  form.addEventListener("input", function (event) {
    if (!event.target.matches("#q")) return;
    clearTimeout(pause);
    pause = setTimeout(function () { show(false); }, 400);
  });
})();

// Campaign parameters on this page's address go with its Apply links, so the
// application keeps them even where the browser sends no Referer (the server
// reads them from there too). The page itself is prebuilt and cannot.
(function () {
  if (!window.URLSearchParams || !location.search) return;
  var here = new URLSearchParams(location.search);
  var keep = new URLSearchParams();
  ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"].forEach(function (key) {
    if (here.get(key)) keep.set(key, here.get(key));
  });
  if (!keep.toString()) return;
  document.querySelectorAll("a.apply").forEach(function (link) {
    link.href = link.getAttribute("href").split("?")[0] + "?" + keep.toString();
  });
})();
