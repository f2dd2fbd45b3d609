// The page's router: `#/` the maze view, `#/play` the validator playground, `#/leaderboard` and
// `#/submission/ID`. Hash routes keep every view a static file the Worker's assets serve.
import { renderMaze } from "./demo";
import { h } from "./dom";
import { renderLeaderboard, renderSubmission } from "./leaderboard";
import { renderPlayground } from "./playground";

async function route(): Promise<void> {
  const main = document.getElementById("main")!;
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const params = new URLSearchParams(query);
  const page = path.startsWith("submission/") || path === "leaderboard" ? "leaderboard" : path === "play" ? "play" : "maze";
  for (const a of document.querySelectorAll<HTMLAnchorElement>("[data-nav]")) {
    if (a.dataset.nav === page) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  try {
    if (path === "play") await renderPlayground(main, params);
    else if (path === "leaderboard") await renderLeaderboard(main, params);
    else if (path.startsWith("submission/")) await renderSubmission(main, decodeURIComponent(path.slice("submission/".length)), params);
    else await renderMaze(main, params);
  } catch (e) {
    main.replaceChildren(h("p", { class: "error-box", role: "alert" }, `Something went wrong: ${(e as Error).message}`));
  }
  document.body.dataset.view = page;
}

// A view that rewrites its own hash (history.replaceState) does not fire hashchange: no re-render.
window.addEventListener("hashchange", () => {
  void route().then(() => document.getElementById("main")?.focus({ preventScroll: true }));
});
void route();
