// The sample list: one button per sample. Picking one only loads it into the form; Run runs it.
import { ui } from "./dom.js";
import { SAMPLES, type Sample } from "./samples.js";

/** Draw the list; `pick` is called with the sample a button stands for. */
export function renderSamples(pick: (sample: Sample) => void): void {
  ui.samples.replaceChildren(...SAMPLES.map((s) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.dataset["sample"] = s.id;
    b.innerHTML = `<strong></strong><span></span>`;
    b.querySelector("strong")!.textContent = s.title;
    b.querySelector("span")!.textContent = s.blurb;
    b.addEventListener("click", () => pick(s));
    li.append(b);
    return li;
  }));
}

/** Mark the picked sample (none: a file or URL program). */
export function markPicked(id: string | null): void {
  for (const b of ui.samples.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset["sample"] === id));
}

/** No other program can be picked while one runs. */
export function lockSamples(locked: boolean): void {
  for (const b of ui.samples.querySelectorAll("button")) b.disabled = locked;
}
