// The question moderation page (/admin/events/{id}/questions): refetches the list every 10 seconds and puts it in
// place, so new questions and votes show up without a reload. A file, not inline: the site's CSP allows scripts
// from files only. Bounded: it pauses while the tab is hidden, skips a round while the editor is using a control in
// the list (so their focus and choice are never lost), and stops for good after two hours (the "Refresh" link stays).
(function () {
  "use strict";
  var board = document.querySelector("[data-refresh]");
  if (!board || !window.fetch || !window.DOMParser) return;
  var url = board.getAttribute("data-refresh");
  var status = document.querySelector("[data-refresh-status]");
  var every = 10000;
  var stopAt = Date.now() + 2 * 60 * 60 * 1000;
  var timer = null;
  var inFlight = false;
  var stopped = false;

  function say(text) { if (status) status.textContent = text; }

  function stop(text) {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    say(text);
  }

  function editing() {
    var active = document.activeElement;
    return !!active && active !== document.body && board.contains(active);
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || document.hidden) return;
    if (Date.now() >= stopAt) {
      stop("Automatic refresh stopped after two hours. Use Refresh to see the latest.");
      return;
    }
    timer = setTimeout(refresh, every);
  }

  function refresh() {
    timer = null;
    if (stopped || document.hidden || inFlight) return;
    if (editing()) { schedule(); return; }
    inFlight = true;
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html" } })
      .then(function (response) {
        // A redirect means the session ended (sign-in page): stop rather than show that page in the list.
        if (!response.ok || response.redirected) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        if (editing()) return;
        var parsed = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
        var fresh = parsed.body.firstElementChild;
        if (!fresh) return;
        board.replaceChildren.apply(board, Array.prototype.slice.call(fresh.childNodes));
        say("Updated at " + new Date().toLocaleTimeString() + ". The list refreshes itself every 10 seconds.");
      })
      .catch(function () {
        stop("Automatic refresh stopped: the list could not be loaded. Use Refresh to try again.");
      })
      .then(function () {
        inFlight = false;
        schedule();
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (stopped) return;
    if (document.hidden) {
      if (timer) clearTimeout(timer);
      timer = null;
    } else {
      refresh();
    }
  });

  schedule();
})();
