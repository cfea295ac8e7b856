// Drag and drop: files dropped on the file panel are uploaded; a single .wasm dropped anywhere
// else is loaded as the program.
import { ui } from "./dom.js";

export function enableDrop(openWasm: (file: File) => void, upload: (files: File[]) => void): void {
  let depth = 0;
  document.addEventListener("dragenter", (e) => {
    if (!e.dataTransfer?.types.includes("Files")) return;
    depth++;
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", () => {
    if (--depth <= 0) { depth = 0; document.body.classList.remove("dragging"); }
  });
  document.addEventListener("dragover", (e) => {
    if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
  });
  document.addEventListener("drop", (e) => {
    depth = 0;
    document.body.classList.remove("dragging");
    const dropped = [...(e.dataTransfer?.files ?? [])];
    if (dropped.length === 0) return;
    e.preventDefault();
    const onFiles = e.target instanceof Node && ui.filesPanel.contains(e.target);
    const wasm = dropped.find((f) => f.name.toLowerCase().endsWith(".wasm"));
    if (!onFiles && wasm !== undefined && dropped.length === 1) openWasm(wasm);
    else upload(dropped);
  });
}
