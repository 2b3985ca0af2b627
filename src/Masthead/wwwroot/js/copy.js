// "Copy" buttons: <button data-copy="input-id"> copies that input's value and says so in [data-copy-status].
// A file, not inline: the site's CSP allows scripts from files only.
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");
  function say(text) { if (status) status.textContent = text; }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-copy"));
      if (!input) return;
      input.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(
          function () { say("Copied."); },
          function () { say("Press Ctrl+C (or ⌘C) to copy the selected address."); });
      } else {
        say("Press Ctrl+C (or ⌘C) to copy the selected address.");
      }
    });
  });
})();
