// DramaWired: count the view, copy links, fold the phone menu. No framework.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function beacon(url) {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" });
  }

  var story = document.querySelector("article[data-view-url]");
  if (story) beacon(story.dataset.viewUrl);  // one view per page load, cached page or not

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = "Link copied";
        if (story) beacon(story.dataset.shareUrl);
      });
    });
  });

  var toggle = document.querySelector(".menu-toggle");
  var nav = document.querySelector(".main-nav");
  if (toggle && nav && window.matchMedia("(max-width: 700px)").matches) {
    toggle.hidden = false;
    nav.classList.add("closed");
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("closed") === false;
      toggle.setAttribute("aria-expanded", String(open));
    });
  }
})();
