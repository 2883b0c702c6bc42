// Progressive enhancement only: the site works fully without this file.
// Adds a "Copy link" button to each role section so a recruiter can share a deep link.
(function () {
  if (!navigator.clipboard || !document.querySelector(".role-body")) return;
  document.querySelectorAll(".role-body section > h2[id], .role-body section > h3[id]").forEach(function (heading) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = "Copy link";
    button.setAttribute("aria-label", "Copy link to " + heading.textContent);
    button.addEventListener("click", function () {
      var url = location.origin + location.pathname + "#" + heading.id;
      navigator.clipboard.writeText(url).then(function () {
        button.textContent = "Link copied";
        setTimeout(function () { button.textContent = "Copy link"; }, 2000);
      });
    });
    // Beside the heading, not inside it, so moving by heading reads only the heading.
    heading.after(button);
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
