// android-gym view, episode page: one step at a time; ArrowLeft/ArrowRight (or the step links)
// move between steps, Home/End jump, and the URL's #tN keeps the position.
(function () {
  document.body.classList.add("js");
  const steps = Array.from(document.querySelectorAll("section.step"));
  const links = Array.from(document.querySelectorAll("#steps a"));
  const position = document.getElementById("position");
  let current = -1;
  function show(i) {
    if (!steps.length) return;
    i = Math.max(0, Math.min(steps.length - 1, i));
    if (i === current) return;
    steps.forEach((s, k) => s.classList.toggle("current", k === i));
    links.forEach((a, k) => a.classList.toggle("current", k === i));
    position.textContent = "step " + (i + 1) + " / " + steps.length + "  (← → to move)";
    current = i;
    if (location.hash !== "#t" + i) history.replaceState(null, "", "#t" + i);
  }
  function fromHash() {
    const m = /^#t(\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : 0;
  }
  links.forEach((a, k) => a.addEventListener("click", (e) => { e.preventDefault(); show(k); }));
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const moves = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: steps.length - 1 };
    if (e.key in moves) { e.preventDefault(); show(moves[e.key]); }
  });
  window.addEventListener("hashchange", () => show(fromHash()));
  show(fromHash());
})();
