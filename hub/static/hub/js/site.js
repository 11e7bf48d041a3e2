// Progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The mobile menu: site.css shows the button and hides the list on small
  // screens before first paint (no layout shift); here it only opens and closes.
  var toggle = document.querySelector(".main-nav__toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
    });
  }

  // After a failed submission the page comes back with an error summary:
  // move focus there so keyboard and screen-reader users start from the list
  // of what to correct, with links to each field.
  var summary = document.querySelector(".error-summary, [data-error-summary]");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
})();
