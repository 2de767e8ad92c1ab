// A map's statements by keyboard, the same in the deck, the report and the preview (issue 26).
// Tab reaches each statement in argument order: the SVG holds them in that order (drawing/accessible.py).
// The arrows follow the outline beside the picture (present/outline.py), whose nesting is the argument:
// Up to the statement this one bears on (towards the conclusion), Down to its first reason or objection,
// Right and Left to the next and previous one bearing on the same statement. Enter opens the statement's
// details and Escape leaves them, as the page says (amKeys.handle's open and close).
var amKeys = (function () {
  "use strict";
  var STATEMENTS = 'g.am-node[role="graphics-symbol"], g.am-node[role="link"]';

  function prefix(scope) { return scope.getAttribute("data-figure") || ""; }

  // Every statement of the pictures in scope a Tab stop, in document order. A click does not focus one:
  // the keys of a presenter who clicked the picture still turn the slides.
  function focusable(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll(STATEMENTS), function (group) {
      group.setAttribute("tabindex", "0");
      group.setAttribute("focusable", "true");
    });
    if (!scope.amMouse) {
      scope.amMouse = true;
      scope.addEventListener("mousedown", function (event) { if (statement(event.target)) { event.preventDefault(); } });
    }
  }

  function statement(target) { return target && target.closest ? target.closest(STATEMENTS) : null; }

  function itemOf(scope, group) {
    var id = group.id.slice(prefix(scope).length);
    return scope.querySelector('.am-outline li[data-svg="' + id + '"]');
  }

  function groupOf(scope, item) {
    var found = scope.querySelector('[id="' + prefix(scope) + item.getAttribute("data-svg") + '"]');
    return found && found.matches(STATEMENTS) && getComputedStyle(found).visibility !== "hidden" ? found : null;
  }

  function children(item) {
    var list = item.querySelector(":scope > ul");
    return list ? Array.prototype.slice.call(list.children) : [];
  }

  // The first shown statement of items, or of their descendants when none of them is shown.
  function firstShown(scope, items) {
    for (var i = 0; i < items.length; i++) { if (groupOf(scope, items[i])) { return groupOf(scope, items[i]); } }
    for (var j = 0; j < items.length; j++) {
      var below = firstShown(scope, children(items[j]));
      if (below) { return below; }
    }
    return null;
  }

  // Where an arrow key leads from a statement: a shown statement's group, or null.
  function along(scope, group, key) {
    var item = itemOf(scope, group);
    if (!item) { return null; }
    if (key === "ArrowUp") {
      for (var up = item.parentElement.closest("li"); up; up = up.parentElement.closest("li")) {
        if (groupOf(scope, up)) { return groupOf(scope, up); }
      }
      return null;
    }
    if (key === "ArrowDown") { return firstShown(scope, children(item)); }
    var step = key === "ArrowRight" ? "nextElementSibling" : "previousElementSibling";
    for (var next = item[step]; next; next = next[step]) {
      if (groupOf(scope, next)) { return groupOf(scope, next); }
    }
    return null;
  }

  // A key on a statement of scope: true when it was the statements' key (the page does nothing more with it).
  function handle(event, scope, open) {
    var group = statement(event.target);
    if (!group || !scope.contains(group)) { return false; }
    if (event.key === "Enter" || event.key === " ") { open(group); }
    else if (/^Arrow/.test(event.key)) {
      var next = along(scope, group, event.key);
      if (next) { next.focus(); }
    }
    else if (event.key === "Escape") { group.blur(); }
    else { return false; }
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  return { focusable: focusable, handle: handle, statement: statement, itemOf: itemOf, along: along };
})();
