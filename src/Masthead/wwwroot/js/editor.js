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

  // Memo parts belong to memos: shown when the kind is Memo (or when they hold text, so nothing is hidden that the
  // save would refuse). Choosing Memo makes the piece PRO unless the editor already chose who may read it.
  var kind = document.getElementById("kind");
  var access = document.getElementById("access");
  var memoFields = document.getElementById("memo-fields");
  var accessChosen = false;
  if (access) access.addEventListener("change", function () { accessChosen = true; });
  function showMemoFields() {
    if (!kind || !memoFields) return;
    var hasText = Array.prototype.some.call(memoFields.querySelectorAll("textarea"), function (t) { return t.value.trim() !== ""; });
    memoFields.hidden = kind.value !== "Memo" && !hasText;
  }
  if (kind) {
    kind.addEventListener("change", function () {
      if (kind.value === "Memo" && access && !accessChosen) access.value = "Pro";
      showMemoFields();
    });
    showMemoFields();
  }

  window.addEventListener("beforeunload", function (event) {
    if (!unsaved || submitting) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = "";
  });
})();
