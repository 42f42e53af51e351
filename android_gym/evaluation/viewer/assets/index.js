// android-gym view, index page: the per-task and per-episode tables, rendered from data.js
// (window.VIEWER_DATA) and filtered by run, agent, family, outcome and a text search.
(function () {
  const data = window.VIEWER_DATA;
  const rows = data.episodes;
  const filters = ["label", "agent", "family", "outcome"];
  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  const outcome = (r) => (r.error ? "error" : r.success ? "success" : "failure");
  rows.forEach((r) => { r.outcome = outcome(r); });
  for (const name of filters) {
    const select = document.getElementById("filter-" + name);
    const values = Array.from(new Set(rows.map((r) => r[name]))).sort();
    if (values.length < 2 && name !== "outcome") select.parentElement.hidden = true;
    for (const v of values) select.add(new Option(v === "" ? "(none)" : v, v));
    select.addEventListener("change", render);
  }
  document.getElementById("filter-text").addEventListener("input", render);
  function visible() {
    const chosen = {};
    for (const name of filters) chosen[name] = document.getElementById("filter-" + name).value;
    const text = document.getElementById("filter-text").value.toLowerCase();
    return rows.filter((r) =>
      filters.every((n) => chosen[n] === "*" || r[n] === chosen[n]) &&
      (!text || (r.goal + " " + r.task).toLowerCase().includes(text)));
  }
  function render() {
    const shown = visible();
    const tasks = new Map();
    for (const r of shown) {
      const key = r.label + "\u0000" + r.agent + "\u0000" + r.task;
      if (!tasks.has(key)) tasks.set(key, { r: r, n: 0, ok: 0 });
      const t = tasks.get(key);
      t.n += 1; t.ok += r.success ? 1 : 0;
    }
    document.getElementById("tasks-body").innerHTML = Array.from(tasks.values()).map((t) =>
      "<tr><td>" + esc(t.r.label) + "</td><td>" + esc(t.r.agent) + "</td><td>" + esc(t.r.task) +
      "</td><td>" + esc(t.r.family) + "</td><td>" + esc(t.r.goal) + "</td><td class=num>" + t.n +
      "</td><td class=num>" + t.ok + "</td><td class=num>" + Math.round(100 * t.ok / t.n) + "%</td></tr>").join("");
    document.getElementById("episodes-body").innerHTML = shown.map((r) =>
      '<tr class="episode-row" data-family="' + esc(r.family) + '"><td>' +
      (r.page ? '<a href="' + esc(r.page) + '">' + esc(r.key) + "</a>" : esc(r.key)) +
      "</td><td>" + esc(r.label) + "</td><td>" + esc(r.agent) + "</td><td>" + esc(r.family) +
      "</td><td>" + esc(r.goal) + '</td><td><span class="outcome ' + r.outcome + '">' + r.outcome +
      "</span></td><td class=num>" + esc(r.steps) + "</td><td class=num>" + esc(r.seed) +
      "</td><td>" + esc(r.problem || r.error) + "</td></tr>").join("");
    const ok = shown.filter((r) => r.success).length;
    document.getElementById("count").textContent = shown.length + " of " + rows.length +
      " episodes shown, " + ok + " successful (" + (shown.length ? Math.round(100 * ok / shown.length) : 0) + "%)";
  }
  render();
})();
