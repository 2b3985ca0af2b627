// Event times in the reader's own zone. The server writes each time in the event's zone, named ("UTC+04
// (Asia/Dubai)"), which is what a reader without script sees; this fills each [data-local-time] element's <time> with
// the same moment in the browser's zone, names that zone, and shows it, unless the two zones are the same.
// A file, not inline: the site's CSP allows scripts from files only.
(function () {
  "use strict";
  var reader;
  try { reader = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  var day = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
  var clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  function format(options, date) { return new Intl.DateTimeFormat(undefined, options).format(date); }
  function zoneName(date) {
    var parts = new Intl.DateTimeFormat(undefined, { timeZoneName: "long" }).formatToParts(date);
    for (var i = 0; i < parts.length; i++) if (parts[i].type === "timeZoneName") return parts[i].value;
    return reader;
  }
  document.querySelectorAll("[data-local-time]").forEach(function (el) {
    if (!reader || el.getAttribute("data-zone") === reader) return;
    var start = new Date(el.getAttribute("data-start"));
    var endText = el.getAttribute("data-end");
    var end = endText ? new Date(endText) : null;
    if (isNaN(start.getTime())) return;
    var text = format(day, start) + ", " + format(clock, start);
    if (end && !isNaN(end.getTime())) {
      text += "–" + (format(day, end) === format(day, start) ? "" : format(day, end) + ", ") + format(clock, end);
    }
    var time = el.querySelector("time") || el;
    time.textContent = text + " " + zoneName(start) + " (" + reader.replace(/_/g, " ") + ")";
    el.hidden = false;
  });
})();
