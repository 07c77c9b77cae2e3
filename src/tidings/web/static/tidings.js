// Pointing at a highlighted entity or place marks its other mentions too.
document.addEventListener("mouseover", (event) => {
  const mark = event.target.closest && event.target.closest("mark[data-key]");
  document.querySelectorAll("mark.focus").forEach((m) => m.classList.remove("focus"));
  if (!mark) return;
  document.querySelectorAll(`mark[data-key="${CSS.escape(mark.dataset.key)}"]`)
    .forEach((m) => m.classList.add("focus"));
});
