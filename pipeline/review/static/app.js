// Keyboard-driven review: one key decides and moves on; every decision is a POST at once.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const cards = () => Array.from(document.querySelectorAll(".card"));
  const status = (msg, bad) => {
    const el = document.getElementById("status");
    el.textContent = msg;
    el.style.color = bad ? "#b3261e" : "";
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
    return json;
  }

  // One navigation, back on the same card: the card to focus survives the reload.
  function reloadAt(id) {
    sessionStorage.setItem("claimlog-focus", String(id));
    location.reload();
  }

  function updateCount() {
    const left = cards().filter((c) => !c.classList.contains("decided")).length;
    document.getElementById("count").textContent = left + " pending";
  }

  async function act(card, action) {
    if (!card) return;
    try {
      const res = await post("/claims/" + card.dataset.id + "/decide", { action });
      card.classList.remove("status-approved", "status-rejected", "status-skipped");
      card.classList.add("decided", "status-" + res.status);
      status("claim " + res.id + ": " + res.status);
      updateCount();
      focusCard(nextUndecided(card) || card);
    } catch (e) { status(e.message, true); }
  }

  function toggleEdit(card) {
    const form = card.querySelector("form.edit");
    form.hidden = !form.hidden;
    if (!form.hidden) form.querySelector("input, select").focus();
    else card.focus();
  }

  async function toggleMore(card) {
    const box = card.querySelector(".context");
    if (!box.hidden) { box.hidden = true; return; }
    const resp = await fetch("/claims/" + card.dataset.id + "/context");
    box.innerHTML = await resp.text();  // server-rendered and escaped
    box.hidden = false;
  }

  async function undoLast() {
    try {
      const res = await post("/undo", {});
      if (!res.id) { status("nothing to undo"); return; }
      reloadAt(res.id);
    } catch (e) { status(e.message, true); }
  }

  async function bulk(action) {
    const ids = cards().filter((c) => c.querySelector(".sel").checked).map((c) => c.dataset.id);
    if (!ids.length) { status("select claims first (x)", true); return; }
    try {
      await post("/bulk", { action, ids });
      ids.forEach((id) => {
        const c = document.getElementById("c" + id);
        c.classList.add("decided", "status-" + (action === "approve" ? "approved" : "rejected"));
        c.querySelector(".sel").checked = false;
      });
      status(ids.length + " claims: " + action);
      updateCount();
    } catch (e) { status(e.message, true); }
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
      status("claim " + card.dataset.id + " edited");
      reloadAt(card.dataset.id);
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
    else if (a === "more") toggleMore(card);
    else if (btn.classList.contains("cancel")) toggleEdit(card);
    else if (btn.id === "bulk-approve") bulk("approve");
    else if (btn.id === "bulk-reject") bulk("reject");
    else if (btn.id === "help-btn") document.getElementById("help").hidden ^= true;
    else if (btn.id === "apply") applyApproved();
  });

  async function applyApproved() {
    try {
      const res = await post("/apply", {});
      const pre = document.getElementById("diff");
      pre.textContent = Object.values(res.diffs).join("\n") || "No note changed.";
      if (res.errors.length) pre.textContent += "\n" + res.errors.join("\n");
      pre.hidden = false;
      status(res.applied.length + " claims applied");
    } catch (e) { status(e.message, true); }
  }

  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) {
      if (ev.key === "Escape") { const c = t.closest(".card"); if (c) toggleEdit(c); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const list = cards();
    if (!current && list.length) focusCard(list[0]);
    const i = list.indexOf(current);
    switch (ev.key) {
      case "j": focusCard(list[Math.min(i + 1, list.length - 1)]); break;
      case "k": focusCard(list[Math.max(i - 1, 0)]); break;
      case "a": act(current, "approve"); break;
      case "r": act(current, "reject"); break;
      case "s": act(current, "skip"); break;
      case "e": if (current) toggleEdit(current); break;
      case "o": if (current) toggleMore(current); break;
      case "x": if (current) { const c = current.querySelector(".sel"); c.checked = !c.checked; } break;
      case "u": undoLast(); break;
      case "?": document.getElementById("help").hidden ^= true; break;
      default: return;
    }
    ev.preventDefault();
  });

  window.addEventListener("DOMContentLoaded", () => {
    const id = sessionStorage.getItem("claimlog-focus");
    sessionStorage.removeItem("claimlog-focus");
    const target = (id && document.getElementById("c" + id)) || (location.hash && document.querySelector(location.hash));
    focusCard(target || cards()[0]);
  });
})();
