// The deck's navigation: keys, clicks, swipes and the URL fragment (#slide-id or #slide-id/step);
// zoom and pan on the whole map; links from the overview and the map to each statement's slide;
// a presenter window with the current and next step as pictures, the notes and a timer (the audience's slide never
// shrinks; with pop-ups blocked, the notes lie beside or below the slide instead).
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll("#deck > .slide"));
  var panel = document.getElementById("notes-panel");
  var position = document.getElementById("position");
  var current = 0;
  var step = 0;
  var presenter = null;
  var started = Date.now();
  // The deck's words in its language (usfk_argmap.core.messages); say("deck.step", {now: 2, total: 5}).
  var messages = {{ messages | tojson }};
  function say(id, values) {
    return messages[id].replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); });
  }

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

  // The build step's look on a slide: on the deck's own, and on the presenter window's copies.
  function applyStep(slide, target) {
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
  }

  function showStep(slide, target) {
    applyStep(slide, target);
    var notes = slide.querySelector('.step-notes[data-step="' + target + '"]');
    panel.innerHTML = "";
    if (notes) { panel.appendChild(notes.cloneNode(true)); }
  }

  function go(index, target, updateHash) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    var slide = slides[index];
    target = Math.max(0, Math.min(stepCount(slide) - 1, target));
    slides.forEach(function (s, i) { s.classList.toggle("current", i === index); });
    if (index !== current && details && !details.hidden) { details.hidden = true; }
    current = index;
    step = target;
    showStep(slide, target);
    position.textContent = (index + 1) + " / " + slides.length;
    if (updateHash !== false) {
      var hash = "#" + slide.id + (target > 0 ? "/" + (target + 1) : "");
      if (location.hash !== hash) { history.replaceState(null, "", hash); }
    }
    updatePresenter();
  }

  function next() {
    if (step < stepCount(slides[current]) - 1) { go(current, step + 1); }
    else if (current < slides.length - 1) { go(current + 1, 0); }
  }

  function prev() {
    if (step > 0) { go(current, step - 1); }
    else if (current > 0) { go(current - 1, stepCount(slides[current - 1]) - 1); }
  }

  function goTo(target) {
    // "slide-id" or "slide-id/step" (1-based), as in the URL fragment.
    var parts = target.split("/");
    var index = slides.findIndex(function (s) { return s.id === parts[0]; });
    if (index >= 0) { go(index, parts[1] ? parseInt(parts[1], 10) - 1 : 0); }
  }

  function fromHash() {
    var match = /^#([^\/]+)(?:\/(\d+))?$/.exec(decodeURIComponent(location.hash));
    if (!match) { go(0, 0, false); return; }
    var index = slides.findIndex(function (s) { return s.id === match[1]; });
    go(index < 0 ? 0 : index, match[2] ? parseInt(match[2], 10) - 1 : 0, false);
  }

  // Links: a statement of the overview or the whole map opens the build-up that presents it.
  slides.forEach(function (slide) {
    var links = slide.getAttribute("data-links");
    if (!links) { return; }
    links.split(" ").forEach(function (pair) {
      var parts = pair.split("=");
      groups(slide, parts[0]).forEach(function (g) {
        g.setAttribute("data-link", parts[1]);
        g.setAttribute("role", "link");
      });
    });
  });

  // Zoom and pan of the whole map: the SVG's viewBox is moved, so lines and text stay sharp.
  var zoom = null;
  function zoomState(slide) {
    var svg = slide.querySelector(".zoomable > svg");
    if (!svg) { return null; }
    if (!svg.zoom) {
      var box = svg.viewBox.baseVal;
      svg.zoom = { svg: svg, x: box.x, y: box.y, w: box.width, h: box.height, scale: 1,
                   cx: box.x + box.width / 2, cy: box.y + box.height / 2, original: svg.getAttribute("viewBox") };
    }
    return svg.zoom;
  }
  function applyZoom(z) {
    z.scale = Math.max(1, Math.min(12, z.scale));
    if (z.scale === 1) { z.svg.setAttribute("viewBox", z.original); z.cx = z.x + z.w / 2; z.cy = z.y + z.h / 2; return; }
    var w = z.w / z.scale, h = z.h / z.scale;
    z.cx = Math.max(z.x + w / 2, Math.min(z.x + z.w - w / 2, z.cx));
    z.cy = Math.max(z.y + h / 2, Math.min(z.y + z.h - h / 2, z.cy));
    z.svg.setAttribute("viewBox", [z.cx - w / 2, z.cy - h / 2, w, h].join(" "));
  }
  function svgPoint(z, clientX, clientY) {
    var rect = z.svg.getBoundingClientRect();
    var w = z.w / z.scale, h = z.h / z.scale;
    var fit = Math.min(rect.width / w, rect.height / h);
    var left = rect.left + (rect.width - w * fit) / 2, top = rect.top + (rect.height - h * fit) / 2;
    return { x: z.cx - w / 2 + (clientX - left) / fit, y: z.cy - h / 2 + (clientY - top) / fit, fit: fit };
  }
  function zoomAt(z, factor, clientX, clientY) {
    var before = clientX === undefined ? null : svgPoint(z, clientX, clientY);
    z.scale *= factor;
    applyZoom(z);
    if (before) {
      var after = svgPoint(z, clientX, clientY);
      z.cx += before.x - after.x;
      z.cy += before.y - after.y;
      applyZoom(z);
    }
  }
  function resetZoom(z) { z.scale = 1; z.cx = z.x + z.w / 2; z.cy = z.y + z.h / 2; applyZoom(z); }

  var pointers = {};
  var dragged = false;
  slides.forEach(function (slide) {
    var area = slide.querySelector(".zoomable");
    if (!area) { return; }
    area.addEventListener("wheel", function (event) {
      var z = zoomState(slide);
      event.preventDefault();
      // A pinch on a touchpad arrives as a wheel event with ctrlKey; both zoom about the pointer.
      zoomAt(z, Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015)), event.clientX, event.clientY);
    }, { passive: false });
    area.addEventListener("pointerdown", function (event) {
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      dragged = false;
    });
    area.addEventListener("pointermove", function (event) {
      var last = pointers[event.pointerId];
      if (!last) { return; }
      if (!dragged && Math.abs(event.clientX - last.x) + Math.abs(event.clientY - last.y) < 4) { return; }
      // Captured only once it is a drag: a captured pointer's click would go to the area, not the statement.
      if (!area.hasPointerCapture(event.pointerId)) { area.setPointerCapture(event.pointerId); }
      var z = zoomState(slide);
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var other = pointers[ids[0] == event.pointerId ? ids[1] : ids[0]];
        var before = Math.hypot(last.x - other.x, last.y - other.y);
        var after = Math.hypot(event.clientX - other.x, event.clientY - other.y);
        if (before > 0) { zoomAt(z, after / before, (event.clientX + other.x) / 2, (event.clientY + other.y) / 2); }
      } else {
        var fit = svgPoint(z, event.clientX, event.clientY).fit;
        z.cx -= (event.clientX - last.x) / fit;
        z.cy -= (event.clientY - last.y) / fit;
        applyZoom(z);
      }
      if (Math.abs(event.clientX - last.x) + Math.abs(event.clientY - last.y) > 0) { dragged = true; }
      area.classList.toggle("dragging", dragged);
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
    });
    function release(event) { delete pointers[event.pointerId]; area.classList.remove("dragging"); }
    area.addEventListener("pointerup", release);
    area.addEventListener("pointercancel", release);
  });

  function zoomKey(key) {
    var z = zoomState(slides[current]);
    if (!z) { return false; }
    var pan = (z.w / z.scale) * 0.15;
    if (key === "+" || key === "=") { zoomAt(z, 1.25); }
    else if (key === "-" || key === "_") { zoomAt(z, 0.8); }
    else if (key === "0") { resetZoom(z); }
    else if (z.scale > 1 && key === "ArrowLeft") { z.cx -= pan; applyZoom(z); }
    else if (z.scale > 1 && key === "ArrowRight") { z.cx += pan; applyZoom(z); }
    else if (z.scale > 1 && key === "ArrowUp") { z.cy -= pan; applyZoom(z); }
    else if (z.scale > 1 && key === "ArrowDown") { z.cy += pan; applyZoom(z); }
    else { return false; }
    return true;
  }

  // The presenter window: the slide as the audience sees it and the next step as pictures (copies of the
  // slides at their steps, scaled: nothing is drawn twice), the notes of this step, the time since the talk began.
  function describe(index, target) {
    if (index >= slides.length) { return say("presenter.end"); }
    var slide = slides[index];
    var title = (slide.querySelector("h1, h2") || {}).textContent || slide.id;
    var steps = stepCount(slide);
    var head = (index + 1) + ". " + title + (steps > 1 ? " — " + say("deck.step", { now: target + 1, total: steps }) : "");
    var notes = slide.querySelector('.step-notes[data-step="' + target + '"] .note-head');
    return head + (notes ? "\n" + notes.textContent.trim() : "");
  }
  function nextPosition() {
    if (step < stepCount(slides[current]) - 1) { return [current, step + 1]; }
    return [current + 1, 0];
  }
  function clock() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    var minutes = Math.floor(seconds / 60);
    return (minutes < 10 ? "0" : "") + minutes + ":" + (seconds % 60 < 10 ? "0" : "") + (seconds % 60);
  }
  // A picture is the slide laid out at 1920 px wide, as on a projector, and scaled down into its frame.
  var PICTURE_WIDTH = 1920;
  function pictureHeight() { return PICTURE_WIDTH / (parseFloat(document.body.style.getPropertyValue("--ratio")) || 16 / 9); }
  function fitPicture(view) {
    var copy = view.firstElementChild;
    if (!copy) { return; }
    var height = pictureHeight();
    var scale = Math.min(view.clientWidth / PICTURE_WIDTH, view.clientHeight / height);
    copy.style.transform = "translate(" + (view.clientWidth - PICTURE_WIDTH * scale) / 2 + "px, " +
      (view.clientHeight - height * scale) / 2 + "px) scale(" + scale + ")";
  }
  function showPicture(view, index, target, label) {
    var doc = view.ownerDocument;
    view.textContent = "";
    view.setAttribute("aria-label", label + ": " + describe(index, target));
    view.setAttribute("data-slide", index < slides.length ? slides[index].id : "");
    view.setAttribute("data-step", String(target));
    if (index >= slides.length) { return; }
    var copy = doc.importNode(slides[index], true);
    copy.removeAttribute("id");
    copy.classList.remove("current");
    copy.setAttribute("inert", "");
    copy.style.width = PICTURE_WIDTH + "px";
    copy.style.height = pictureHeight() + "px";
    applyStep(copy, target);
    view.appendChild(copy);
    fitPicture(view);
  }
  function updatePresenter() {
    if (!presenter || presenter.closed) { return; }
    var doc = presenter.document;
    var upcoming = nextPosition();
    doc.getElementById("now").textContent = describe(current, step);
    doc.getElementById("next").textContent = describe(upcoming[0], upcoming[1]);
    doc.getElementById("timer").textContent = clock();
    showPicture(doc.getElementById("now-picture"), current, step, say("presenter.current"));
    showPicture(doc.getElementById("next-picture"), upcoming[0], upcoming[1], say("presenter.coming"));
    var notes = doc.getElementById("notes");
    notes.innerHTML = "";
    Array.prototype.forEach.call(panel.childNodes, function (node) { notes.appendChild(doc.importNode(node, true)); });
    notes.scrollTop = 0;
  }
  function openPresenter() {
    if (presenter && !presenter.closed) { presenter.focus(); return; }
    presenter = window.open("", "usfk-argmap-presenter", "width=1100,height=760");
    // Pop-ups blocked: the notes beside or below the slide, which is set smaller to make room (slides.css).
    if (!presenter) { document.body.classList.toggle("show-notes"); return; }
    var doc = presenter.document;
    function escaped(text) { return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;"); }
    var theme = document.body.className.split(" ").filter(function (name) { return name.indexOf("theme-") === 0; });
    doc.open();
    // The deck's own style draws the pictures; the window's layout follows it. The body is a column as tall as the
    // window: the pictures keep their ratio and the notes take the rest, scrolling, so nothing leaves the window.
    doc.write('<!DOCTYPE html><html lang="' + document.documentElement.lang + '"><head><meta charset="utf-8">' +
      "<title>" + escaped(say("deck.presenter")) + " · " + escaped(document.title) + "</title><style>" +
      document.head.querySelector("style").textContent + "</style><style>" +
      "body.presenter{margin:0;height:100vh;overflow:hidden;padding:.7rem 1.2rem;display:flex;flex-direction:column;gap:.5rem;" +
      "background:#161b22;color:#e6edf3;line-height:1.45}" +
      "#top{flex:none;display:flex;justify-content:space-between;align-items:flex-start;gap:1rem}" +
      "#now{margin:0;font-size:1.2rem;font-weight:600;white-space:pre-line;min-width:0;max-height:2.9em;overflow:hidden}" +
      "#clock{flex:none;white-space:nowrap}#timer{font-size:2.2rem;font-variant-numeric:tabular-nums}" +
      "#main{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.2rem}" +
      ".side{display:flex;flex-direction:column;min-height:0;gap:.4rem}" +
      ".view{flex:none;position:relative;width:100%;aspect-ratio:var(--ratio);max-height:48vh;overflow:hidden;" +
      "background:#0d1117;outline:1px solid #3d444d}" +
      ".view>.slide{display:flex;position:absolute;left:0;top:0;transform-origin:0 0;color:var(--ink)}" +
      "#next-side .view{outline-color:#4493f8}.side>h2{margin:.2rem 0 0;font-size:1rem;color:#9198a1}" +
      "#notes{flex:1;min-height:3em;overflow:auto;font-size:1.15rem;padding-right:.4rem;overscroll-behavior:contain}" +
      "#next{flex:0 1 auto;min-height:0;overflow:auto;color:#9198a1;white-space:pre-line;border-left:3px solid #4493f8;" +
      "padding-left:.8rem}.controls{flex:none;margin:0}.note-kind{color:#4493f8;text-transform:uppercase;font-size:.8em}" +
      ".note-id{color:#9198a1;font-family:monospace}#keys{flex:none;margin:0;color:#9198a1;font-size:.9rem}" +
      "#notes blockquote{border-left:3px solid #3d444d;margin:.2rem 0 .4rem 1rem;padding-left:.8rem}" +
      "#notes .note-en{font-style:italic;color:#9198a1}#notes p{margin:.3rem 0}button{font:inherit}" +
      "#notes:focus-visible{outline:2px solid #4493f8}</style></head>" +
      '<body class="presenter ' + theme.join(" ") + '" style="--ratio: ' + escaped(document.body.style.getPropertyValue("--ratio")) + '">' +
      '<header id="top"><h1 id="now"></h1><div id="clock"><span id="timer">00:00</span> <button id="reset">' +
      escaped(say("presenter.reset")) + '</button></div></header><main id="main">' +
      '<section class="side" id="now-side"><div class="view" id="now-picture" role="img"></div>' +
      "<h2>" + escaped(say("presenter.notes")) + '</h2><div id="notes" tabindex="0"></div></section>' +
      '<section class="side" id="next-side"><h2>' + escaped(say("presenter.coming")) + "</h2>" +
      '<div class="view" id="next-picture" role="img"></div><div id="next"></div>' +
      '<p class="controls"><button id="back">' + escaped(say("presenter.back")) + '</button> <button id="forward">' +
      escaped(say("presenter.forward")) + '</button></p><p id="keys">' + escaped(say("presenter.keys")) + "</p>" +
      "</section></main></body></html>");
    doc.close();
    doc.getElementById("reset").addEventListener("click", function () { started = Date.now(); updatePresenter(); });
    doc.getElementById("back").addEventListener("click", prev);
    doc.getElementById("forward").addEventListener("click", next);
    doc.addEventListener("keydown", onKey);
    presenter.addEventListener("resize", function () {
      fitPicture(doc.getElementById("now-picture"));
      fitPicture(doc.getElementById("next-picture"));
    });
    updatePresenter();
  }
  setInterval(function () {
    if (presenter && !presenter.closed) { presenter.document.getElementById("timer").textContent = clock(); }
  }, 1000);

  // The statements by keyboard (keyboard.js): Tab, the arrows along the relations, Enter for the details.
  var details = document.getElementById("details-panel");
  var detailsOf = null;
  slides.forEach(function (slide) { amKeys.focusable(slide); });
  function openDetails(group) {
    var link = group.getAttribute("data-link");
    if (link) { goTo(link); return; }
    var slide = slides[current];
    var item = amKeys.itemOf(slide, group);
    details.innerHTML = "";
    var words = document.createElement("p");
    words.className = "details-words";
    words.lang = document.documentElement.lang;
    words.textContent = item ? item.firstChild.textContent.trim() : (group.querySelector("title") || {}).textContent || "";
    details.appendChild(words);
    var note = item && slide.querySelector('.note[data-node="' + item.getAttribute("data-node") + '"]');
    if (note) { details.appendChild(note.cloneNode(true)); }
    details.hidden = false;
    detailsOf = group;
    details.focus();
  }
  function closeDetails() {
    if (details.hidden) { return false; }
    details.hidden = true;
    if (detailsOf && slides[current].contains(detailsOf)) { detailsOf.focus(); }
    detailsOf = null;
    return true;
  }
  function toggleOutline() {
    var shown = document.body.classList.toggle("show-outline");
    // Shown, an outline may scroll: a Tab stop then, so the keys can scroll it too (hidden, it is none).
    document.querySelectorAll(".slide .outline").forEach(function (outline) {
      if (shown) { outline.setAttribute("tabindex", "0"); } else { outline.removeAttribute("tabindex"); }
    });
    document.getElementById("outline-toggle").setAttribute("aria-pressed", String(shown));
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "Escape" && closeDetails()) { event.preventDefault(); return; }
    if (amKeys.handle(event, slides[current], openDetails)) { return; }
    // A focused button acts on Enter and Space itself; the page does not turn.
    if ((event.key === "Enter" || event.key === " ") && event.target.closest && event.target.closest("button")) { return; }
    if (slides[current].classList.contains("slide-map") && zoomKey(event.key)) { event.preventDefault(); return; }
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": case "Enter": case "l": case "j":
        next(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace": case "h": case "k":
        prev(); break;
      case "Home": go(0, 0); break;
      case "End": go(slides.length - 1, stepCount(slides[slides.length - 1]) - 1); break;
      case "p": case "P": case "n": case "N": case "s": case "S": openPresenter(); break;
      case "o": case "O": toggleOutline(); break;
      case "Escape": document.body.classList.remove("show-notes"); break;
      default: return;
    }
    event.preventDefault();
  }
  document.addEventListener("keydown", onKey);

  document.getElementById("deck").addEventListener("click", function (event) {
    if (event.target.closest("a, button")) { return; }
    var link = event.target.closest("[data-link]");
    if (link && !dragged) { goTo(link.getAttribute("data-link")); return; }
    if (event.target.closest(".zoomable")) { dragged = false; return; }  // the map: clicks zoom and pan, not turn pages
    // The left third of the window goes back, the rest forward.
    if (event.clientX < window.innerWidth / 3) { prev(); } else { next(); }
  });
  document.getElementById("next").addEventListener("click", next);
  document.getElementById("prev").addEventListener("click", prev);
  document.getElementById("presenter").addEventListener("click", openPresenter);
  document.getElementById("outline-toggle").addEventListener("click", toggleOutline);

  var touchX = null;
  document.addEventListener("touchstart", function (event) {
    touchX = event.touches.length === 1 && !event.target.closest(".zoomable") ? event.changedTouches[0].clientX : null;
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
