// The deck's navigation: keys, clicks, swipes and the URL fragment (#slide-id or #slide-id/step).
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll("#deck > .slide"));
  var panel = document.getElementById("notes-panel");
  var position = document.getElementById("position");
  var current = 0;
  var step = 0;

  function groups(slide, ids) {
    // Ids inside a figure carry its prefix; look them up within this slide only.
    var prefix = slide.getAttribute("data-figure") || "";
    var found = [];
    ids.split(" ").forEach(function (id) {
      if (!id) { return; }
      var element = slide.querySelector('[id="' + prefix + id + '"]');
      if (element) { found.push(element); }
    });
    return found;
  }

  function stepCount(slide) { return parseInt(slide.getAttribute("data-steps"), 10) || 1; }

  function showStep(slide, target) {
    var items = slide.querySelectorAll(".steps > li");
    groups(slide, slide.getAttribute("data-hidden") || "").forEach(function (g) { g.classList.add("am-pending"); });
    slide.querySelectorAll(".am-new").forEach(function (g) { g.classList.remove("am-new"); });
    for (var i = 0; i <= target && i < items.length; i++) {
      groups(slide, items[i].getAttribute("data-reveal")).forEach(function (g) { g.classList.remove("am-pending"); });
    }
    if (items[target]) {
      groups(slide, items[target].getAttribute("data-new")).forEach(function (g) { g.classList.add("am-new"); });
    }
    var counter = slide.querySelector(".step-now");
    if (counter) { counter.textContent = String(target + 1); }
    slide.setAttribute("data-step", String(target));
    var notes = slide.querySelector('.step-notes[data-step="' + target + '"]');
    panel.innerHTML = "";
    if (notes) { panel.appendChild(notes.cloneNode(true)); }
  }

  function go(index, target, updateHash) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    var slide = slides[index];
    target = Math.max(0, Math.min(stepCount(slide) - 1, target));
    slides.forEach(function (s, i) { s.classList.toggle("current", i === index); });
    current = index;
    step = target;
    showStep(slide, target);
    position.textContent = (index + 1) + " / " + slides.length;
    if (updateHash !== false) {
      var hash = "#" + slide.id + (target > 0 ? "/" + (target + 1) : "");
      if (location.hash !== hash) { history.replaceState(null, "", hash); }
    }
  }

  function next() {
    if (step < stepCount(slides[current]) - 1) { go(current, step + 1); }
    else if (current < slides.length - 1) { go(current + 1, 0); }
  }

  function prev() {
    if (step > 0) { go(current, step - 1); }
    else if (current > 0) { go(current - 1, stepCount(slides[current - 1]) - 1); }
  }

  function fromHash() {
    var match = /^#([^\/]+)(?:\/(\d+))?$/.exec(decodeURIComponent(location.hash));
    if (!match) { go(0, 0, false); return; }
    var index = slides.findIndex(function (s) { return s.id === match[1]; });
    go(index < 0 ? 0 : index, match[2] ? parseInt(match[2], 10) - 1 : 0, false);
  }

  function toggleNotes() { document.body.classList.toggle("show-notes"); }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": case "Enter": case "l": case "j":
        next(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace": case "h": case "k":
        prev(); break;
      case "Home": go(0, 0); break;
      case "End": go(slides.length - 1, stepCount(slides[slides.length - 1]) - 1); break;
      case "n": case "N": case "s": case "S": toggleNotes(); break;
      default: return;
    }
    event.preventDefault();
  });

  document.getElementById("deck").addEventListener("click", function (event) {
    if (event.target.closest("a, button")) { return; }
    // The left third of the window goes back, the rest forward.
    if (event.clientX < window.innerWidth / 3) { prev(); } else { next(); }
  });
  document.getElementById("next").addEventListener("click", next);
  document.getElementById("prev").addEventListener("click", prev);
  document.getElementById("toggle-notes").addEventListener("click", toggleNotes);

  var touchX = null;
  document.addEventListener("touchstart", function (event) {
    touchX = event.changedTouches[0].clientX;
  }, { passive: true });
  document.addEventListener("touchend", function (event) {
    if (touchX === null) { return; }
    var dx = event.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) > 40) { if (dx < 0) { next(); } else { prev(); } }
  });

  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
