// Shows an event's time in the visitor's own time zone, beside the event's zone.
// Progressive: without JavaScript the page shows the event's zone only.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var lang = document.documentElement.lang || undefined;
  var options = {
    weekday: "long", year: "numeric", month: "long", day: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
  };
  document.querySelectorAll("[data-event-start]").forEach(function (node) {
    if (node.getAttribute("data-event-zone") === visitorZone) return;
    var start = new Date(node.getAttribute("data-event-start"));
    var end = new Date(node.getAttribute("data-event-end"));
    if (isNaN(start) || isNaN(end)) return;
    var format = new Intl.DateTimeFormat(lang, options);
    var text = format.formatRange ? format.formatRange(start, end) : format.format(start) + " – " + format.format(end);
    var target = node.querySelector("[data-local-time]");
    target.textContent = text + (visitorZone ? " (" + visitorZone + ")" : "");
    node.hidden = false;
  });
})();
