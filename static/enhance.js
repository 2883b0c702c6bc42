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
