// Pointing at a highlighted entity or place marks its other mentions too.
document.addEventListener("mouseover", (event) => {
  const mark = event.target.closest && event.target.closest("mark[data-key]");
  document.querySelectorAll("mark.focus").forEach((m) => m.classList.remove("focus"));
  if (!mark) return;
  document.querySelectorAll(`mark[data-key="${CSS.escape(mark.dataset.key)}"]`)
    .forEach((m) => m.classList.add("focus"));
});

// Corrections (shown only where the server takes writes): each form[data-correction] posts
// JSON to /api/corrections/<kind>, with the API token when the page asks for one; the name
// and the token stay in this browser (the token for this tab only).
const correctionBodies = {
  move: (data) => {
    const body = { article: data.get("article") };
    const target = data.get("target") || "";
    if (target.startsWith("event:")) body.to_event = Number(target.slice(6));
    else if (target === "story") body.to_story = Number(data.get("to_story"));
    else body[target] = true;
    return body;
  },
  split: (data) => ({ event: Number(data.get("event")), articles: data.getAll("articles") }),
  merge: (data) => ({ story: Number(data.get("story")), other: Number(data.get("other")) }),
  lock: (data) => ({ story: Number(data.get("story")), locked: data.get("locked") === "true" }),
};

function correctionField(id, store) {
  const field = document.getElementById(id);
  if (!field) return null;
  if (!field.value) field.value = store.getItem(id) || "";
  field.addEventListener("change", () => store.setItem(id, field.value));
  return field;
}

const correctBy = correctionField("correct-by", window.localStorage);
const correctToken = correctionField("correct-token", window.sessionStorage);

document.addEventListener("submit", async (event) => {
  const form = event.target.closest && event.target.closest("form[data-correction]");
  if (!form) return;
  event.preventDefault();
  const kind = form.dataset.correction;
  const body = correctionBodies[kind](new FormData(form));
  if (correctBy && correctBy.value) body.by = correctBy.value;
  const headers = { "Content-Type": "application/json" };
  if (correctToken && correctToken.value) headers.Authorization = `Bearer ${correctToken.value}`;
  const status = document.getElementById("correct-status");
  try {
    const answer = await fetch(`/api/corrections/${kind}`, {
      method: "POST", headers, body: JSON.stringify(body),
    });
    const result = await answer.json();
    if (!answer.ok) throw new Error(result.error || answer.statusText);
    if (status) status.textContent = `saved: correction ${result.correction.seq}`;
    window.location.reload();
  } catch (error) {
    if (status) status.textContent = `not saved: ${error.message}`;
    status?.classList.add("error");
  }
});
