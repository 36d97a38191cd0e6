// Keyboard-driven review: one key decides and moves on; every decision is a POST at once.
// The queue comes 50 cards at a time; edit forms, context and charts are fetched when opened.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const cards = () => Array.from(document.querySelectorAll("#cards .card"));
  const view = new URLSearchParams(location.search).get("status") || "pending";
  const status = (msg, bad) => {
    const el = $("status");
    el.textContent = msg;
    el.classList.toggle("bad", !!bad);
  };
  let current = null;

  function focusCard(card) {
    if (!card) return;
    if (current) current.classList.remove("current");
    current = card;
    card.classList.add("current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }

  function nextUndecided(from) {
    const list = cards();
    const i = list.indexOf(from);
    for (let k = i + 1; k < list.length; k++) if (!list[k].classList.contains("decided")) return list[k];
    for (let k = 0; k < i; k++) if (!list[k].classList.contains("decided")) return list[k];
    return null;
  }

  async function post(url, data) {
    const body = new FormData();
    for (const [k, v] of Object.entries(data || {})) {
      if (Array.isArray(v)) v.forEach((x) => body.append(k, x)); else body.append(k, v);
    }
    const resp = await fetch(url, { method: "POST", body, headers: { "X-CSRF-Token": csrf } });
    const json = await resp.json().catch(() => ({ error: resp.statusText }));
    if (!resp.ok) throw new Error(json.error || resp.statusText);
    if (json.counts) showCounts(json.counts);
    return json;
  }

  function showCounts(counts) {
    for (const el of document.querySelectorAll("[data-count]")) {
      const n = counts[el.dataset.count];
      if (n !== undefined) el.textContent = String(n);
    }
    document.title = "claimlog review (" + counts.pending + ")";
  }

  // Cards arrive as server-rendered, escaped HTML.
  function fragment(html) {
    const t = document.createElement("template");
    t.innerHTML = html;
    return t.content;
  }

  function markDecided(card, st) {
    card.classList.remove("status-pending", "status-approved", "status-rejected", "status-skipped");
    card.classList.add("status-" + st);
    card.classList.toggle("decided", st !== view && !(view === "conflicts" && (st === "pending" || st === "skipped")));
  }

  async function loadMore() {
    const box = $("more");
    const next = box.dataset.next;
    if (!next || box.dataset.loading) return;
    box.dataset.loading = "1";
    try {
      const resp = await fetch("/cards?" + next);
      if (!resp.ok) throw new Error(resp.statusText);
      $("cards").append(fragment(await resp.text()));
      box.dataset.next = resp.headers.get("X-Next") || "";
      if (!box.dataset.next) box.replaceChildren();
      status(cards().length + " cards shown");
    } catch (e) { status(e.message, true); }
    delete box.dataset.loading;
  }

  // The next card gets focus at once, before the server answers: keys typed quickly each
  // decide their own card. A refused decision puts its card back.
  async function act(card, action) {
    if (!card) return;
    const data = { action };
    const impl = card.querySelector("input.implication");
    if (impl && action === "approve") data.implication = impl.value;
    const wasDecided = card.classList.contains("decided");
    card.classList.add("decided");
    const next = nextUndecided(card);
    focusCard(next || card);
    if (!next) loadMore();
    try {
      const res = await post("/claims/" + card.dataset.id + "/decide", data);
      markDecided(card, res.status);
      status("claim " + res.id + ": " + res.status);
    } catch (e) {
      card.classList.toggle("decided", wasDecided);
      status("claim " + card.dataset.id + ": " + e.message, true);
    }
  }

  async function refreshCard(id) {
    const resp = await fetch("/claims/" + id + "/card");
    if (!resp.ok) return null;
    const node = fragment(await resp.text()).firstElementChild;
    const old = $("c" + id);
    if (old) old.replaceWith(node); else $("cards").prepend(node);
    return node;
  }

  async function toggleEdit(card, focusName) {
    const slot = card.querySelector(".edit-slot");
    if (slot.firstElementChild) { slot.replaceChildren(); card.focus(); return; }
    const resp = await fetch("/claims/" + card.dataset.id + "/form");
    slot.replaceChildren(fragment(await resp.text()));
    const field = slot.querySelector(focusName ? '[name="' + focusName + '"]' : "input, select");
    field.focus();
  }

  async function togglePanel(card, cls, url) {
    const box = card.querySelector(cls);
    if (!box.hidden) { box.hidden = true; return; }
    const resp = await fetch(url);
    box.replaceChildren(fragment(await resp.text()));
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  async function undoLast() {
    try {
      const res = await post("/undo", {});
      if (!res.id) { status("nothing to undo"); return; }
      const card = await refreshCard(res.id);
      if (card) focusCard(card);
      status("undid " + res.undone + " of claim " + res.id);
    } catch (e) { status(e.message, true); }
  }

  function selectAll() {
    const boxes = cards().filter((c) => !c.classList.contains("decided")).map((c) => c.querySelector(".sel"));
    const on = boxes.some((b) => !b.checked);
    boxes.forEach((b) => { b.checked = on; });
    status(on ? boxes.length + " claims selected" : "selection cleared");
  }

  async function bulk(action) {
    const ids = cards().filter((c) => c.querySelector(".sel").checked).map((c) => c.dataset.id);
    if (!ids.length) { status("select claims first (x, or * for all)", true); return; }
    try {
      const res = await post("/bulk", { action, ids });
      ids.forEach((id) => {
        const c = $("c" + id);
        markDecided(c, res.status);
        c.querySelector(".sel").checked = false;
      });
      status(ids.length + " claims: " + res.status);
      if (current && current.classList.contains("decided")) focusCard(nextUndecided(current) || current);
    } catch (e) { status(e.message, true); }
  }

  const panelOpen = () => !$("preview").hidden;

  async function previewApply() {
    try {
      const resp = await fetch("/apply/preview");
      const res = await resp.json();
      if (!resp.ok) throw new Error(res.error || resp.statusText);
      let text = Object.values(res.diffs).join("\n") || "No note would change.";
      if (res.errors.length) text += "\n" + res.errors.join("\n");
      if (res.skipped.length) text += "\n" + res.skipped.join("\n");
      $("diff").textContent = text;
      $("preview").hidden = false;
      $("apply-confirm").focus();
    } catch (e) { status(e.message, true); }
  }

  function closePreview() {
    $("preview").hidden = true;
    status("apply cancelled: nothing written");
    if (current) current.focus({ preventScroll: true });
  }

  async function confirmApply() {
    try {
      const res = await post("/apply", {});
      $("diff").textContent = (Object.values(res.diffs).join("\n") || "No note changed.") +
        (res.errors.length ? "\n" + res.errors.join("\n") : "");
      $("preview").hidden = true;
      res.applied.forEach((id) => { const c = $("c" + id); if (c) markDecided(c, "applied"); });
      status(res.applied.length + " claims applied" + (res.errors.length ? "; " + res.errors.join("; ") : ""), res.errors.length > 0);
    } catch (e) { status(e.message, true); }
  }

  function closeAll() {
    if (panelOpen()) { closePreview(); return; }
    $("help").hidden = true;
    if (current) {
      current.querySelector(".edit-slot").replaceChildren();
      current.querySelector(".context").hidden = true;
      current.querySelector(".chart-box").hidden = true;
      current.focus({ preventScroll: true });
    }
  }

  document.addEventListener("submit", async (ev) => {
    const form = ev.target.closest("form.edit");
    if (!form) return;
    ev.preventDefault();
    const card = form.closest(".card");
    const data = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.multiple) data[el.name] = Array.from(el.selectedOptions).map((o) => o.value);
      else data[el.name] = el.value;
    }
    if (Array.isArray(data.theses) && !data.theses.length) data.theses = [""];
    try {
      await post("/claims/" + card.dataset.id + "/edit", data);
      const fresh = await refreshCard(card.dataset.id);
      focusCard(fresh);
      status("claim " + card.dataset.id + " edited");
    } catch (e) { status(e.message, true); }
  });

  document.addEventListener("click", (ev) => {
    const btn = ev.target.closest("button");
    if (!btn) return;
    const card = btn.closest(".card");
    if (card) focusCard(card);
    const a = btn.dataset.act;
    if (a === "approve" || a === "reject" || a === "skip") act(card, a);
    else if (a === "edit") toggleEdit(card);
    else if (a === "more") togglePanel(card, ".context", "/claims/" + card.dataset.id + "/context");
    else if (a === "chart") togglePanel(card, ".chart-box", "/claims/" + card.dataset.id + "/chart");
    else if (btn.classList.contains("cancel")) toggleEdit(card);
    else if (btn.id === "bulk-approve") bulk("approve");
    else if (btn.id === "bulk-reject") bulk("reject");
    else if (btn.id === "help-btn") $("help").hidden = !$("help").hidden;
    else if (btn.id === "apply") previewApply();
    else if (btn.id === "apply-confirm") confirmApply();
    else if (btn.id === "apply-cancel") closePreview();
    else if (btn.id === "more-btn") loadMore();
  });

  document.addEventListener("keydown", (ev) => {
    if (panelOpen()) {  // the Apply preview takes Enter and Esc only
      if (ev.key === "Enter") { ev.preventDefault(); confirmApply(); }
      else if (ev.key === "Escape") { ev.preventDefault(); closePreview(); }
      return;
    }
    const t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) {
      const c = t.closest(".card");
      if (ev.key === "Escape") {
        if (c && t.closest("form.edit")) toggleEdit(c);
        else if (c) c.focus(); else t.blur();
      } else if (ev.key === "Enter" && c && t.classList.contains("implication")) {
        ev.preventDefault();
        act(c, "approve");
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const list = cards();
    if (!current && list.length) focusCard(list[0]);
    const i = list.indexOf(current);
    switch (ev.key) {
      case "j": if (i === list.length - 1) loadMore(); focusCard(list[Math.min(i + 1, list.length - 1)]); break;
      case "k": focusCard(list[Math.max(i - 1, 0)]); break;
      case "a": act(current, "approve"); break;
      case "r": act(current, "reject"); break;
      case "s": act(current, "skip"); break;
      case "A": bulk("approve"); break;
      case "R": bulk("reject"); break;
      case "*": selectAll(); break;
      case "e": if (current) toggleEdit(current); break;
      case "t": if (current) toggleEdit(current, "theses"); break;
      case "i": if (current) current.querySelector("input.implication").focus(); break;
      case "o": if (current) togglePanel(current, ".context", "/claims/" + current.dataset.id + "/context"); break;
      case "c": if (current) togglePanel(current, ".chart-box", "/claims/" + current.dataset.id + "/chart"); break;
      case "x": if (current) { const c = current.querySelector(".sel"); c.checked = !c.checked; } break;
      case "u": undoLast(); break;
      case "n": loadMore(); break;
      case "p": previewApply(); break;
      case "/": $("search").focus(); break;
      case "Escape": closeAll(); break;
      case "?": $("help").hidden = !$("help").hidden; break;
      default: return;
    }
    ev.preventDefault();
  });

  // More cards as the last one scrolls into view.
  const sentinel = $("more");
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) loadMore(); },
      { rootMargin: "400px" }).observe(sentinel);
  }

  window.addEventListener("DOMContentLoaded", () => {
    const target = location.hash && document.querySelector(location.hash);
    focusCard(target || cards()[0]);
  });
})();
