// Progressive enhancement of the practice library: a ticked filter or a new
// sort order submits the form at once. Without JavaScript the "Apply filters"
// button does the same.
(function () {
  var form = document.querySelector("[data-library-form]");
  if (!form) return;
  document.documentElement.classList.add("js-enhanced");
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox" || target.tagName === "SELECT") {
      var count = form.querySelector("[data-result-count]");
      if (count) count.setAttribute("aria-busy", "true");
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  });
})();
