// The stories page says when articles arrived since it was loaded (`tidings watch`
// stores them): it asks /api/arrivals for the newest article's number once, then every
// 10 seconds how many came after it, and shows a banner with a link to reload.
(() => {
  const banner = document.getElementById("arrivals");
  if (!banner) return;
  const every = Number(banner.dataset.every || 10000);
  let after = null;
  async function ask() {
    const query = after === null ? "" : `?after=${after}`;
    try {
      const answer = await fetch(`/api/arrivals${query}`, { headers: { Accept: "application/json" } });
      if (!answer.ok) return;
      const found = await answer.json();
      if (after === null) {
        after = found.last;
      } else if (found.new > 0) {
        banner.querySelector("span").textContent =
          found.new === 1 ? "1 new article since this page was loaded." :
          `${found.new} new articles since this page was loaded.`;
        banner.hidden = false;
      }
    } catch (error) {
      // The server is away for a moment: ask again at the next turn.
    }
  }
  ask();
  window.setInterval(ask, every);
})();
