// The article editor (/admin/articles/{id}): warns before the page is left with changes that are not saved.
// Loaded from a file because the site's Content-Security-Policy allows scripts only from the site itself.
(function () {
  "use strict";
  var form = document.getElementById("article-form");
  if (!form) return;

  // A page drawn from a preview, an import or a rejected save already holds unsaved changes.
  var unsaved = form.dataset.unsaved === "true";
  var submitting = false;

  function markChanged(event) {
    // The note form and other forms on the page are not the article.
    if (event.target && event.target.form === form) unsaved = true;
  }
  document.addEventListener("input", markChanged);
  document.addEventListener("change", markChanged);
  // Every button of the form (Preview, Save, Publish, Import) either saves or comes back with the fields kept.
  form.addEventListener("submit", function () { submitting = true; });

  window.addEventListener("beforeunload", function (event) {
    if (!unsaved || submitting) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = "";
  });
})();
