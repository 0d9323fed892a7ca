// DramaWired: count the view, copy links, fold the phone menu, live search. No framework.
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

  // Live search: results under the header box as the reader types. Without JavaScript
  // (or fetch) the form still submits to the results page.
  var form = document.querySelector(".search-form[data-live-url]");
  if (form && window.fetch && window.AbortController) liveSearch(form);

  function liveSearch(form) {
    var input = form.querySelector("input[name=q]");
    var panel = form.querySelector(".search-live");
    var status = form.querySelector("[role=status]");
    var timer = null, pending = null;
    input.setAttribute("aria-controls", panel.id);
    input.setAttribute("aria-describedby", status.id);

    function el(tag, text, cls) {
      var node = document.createElement(tag);
      if (text) node.textContent = text;  // titles are text, never HTML
      if (cls) node.className = cls;
      return node;
    }
    function close() { panel.hidden = true; }
    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }

    function show(data) {
      panel.textContent = "";
      if (!data.results.length) {
        panel.appendChild(el("p", "No Result", "search-none"));
        status.textContent = "No Result";
      } else {
        var list = el("ul");
        data.results.forEach(function (r) {
          var a = el("a", r.title);
          a.href = r.url;
          a.appendChild(el("span", [r.category, r.date].filter(Boolean).join(" · "), "meta"));
          list.appendChild(el("li")).appendChild(a);
        });
        panel.appendChild(list);
        var all = panel.appendChild(el("a", "View All Result", "search-all"));
        all.href = data.all;
        var n = data.results.length;
        status.textContent = (data.more ? "More than " + n : n) + " result" +
          (n > 1 || data.more ? "s" : "") + ", arrow down to browse";
      }
      panel.hidden = false;
    }

    function run() {
      var q = input.value.trim();
      if (!q) { close(); status.textContent = ""; return; }
      pending = new AbortController();  // the newest request wins: older ones are aborted
      fetch(form.dataset.liveUrl + "?q=" + encodeURIComponent(q),
            { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(show)
        .catch(function () {});  // aborted, or offline: the form still submits
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      if (pending) pending.abort();
      timer = setTimeout(run, 200);  // debounced: one request per pause in typing
    });
    function reopen() {
      if (panel.hidden && input.value.trim() && panel.childNodes.length) panel.hidden = false;
    }
    input.addEventListener("click", reopen);  // back to the box: its results again
    form.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && event.target === input) reopen();
      var items = [input].concat(links());
      var at = items.indexOf(document.activeElement);
      if (event.key === "Escape" && !panel.hidden) {
        close();
        input.focus();
        event.preventDefault();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !panel.hidden &&
                 at >= 0 && items.length > 1) {
        var step = event.key === "ArrowDown" ? 1 : items.length - 1;
        items[(at + step) % items.length].focus();
        event.preventDefault();
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
    });
  }
})();
