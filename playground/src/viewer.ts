// The dialog that shows a file (text, or a hex dump of binary) or a sample's source, and downloads.
import { ui } from "./dom.js";

export function formatSize(n: number): string {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
}

/** Save `bytes` as the file `name` through the browser's download. */
export function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Show `text` titled `title`; Download saves `bytes` as `name`. */
export function showText(title: string, text: string, name: string, bytes: Uint8Array): void {
  ui.viewerTitle.textContent = title;
  ui.viewerBody.textContent = text;
  ui.viewerDownload.onclick = () => download(name, bytes);
  ui.viewer.showModal();
}

/** Show the file at `path` (relative to the guest's /): UTF-8 text as is, anything else as hex. */
export function openFile(path: string, bytes: Uint8Array): void {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.includes("\0")) throw new Error("binary");
  } catch {
    text = hexDump(bytes);
  }
  showText(`/${path} · ${formatSize(bytes.length)}`, text, path.split("/").pop()!, bytes);
}

function hexDump(bytes: Uint8Array): string {
  const shown = bytes.subarray(0, 4096);
  const rows: string[] = [];
  for (let i = 0; i < shown.length; i += 16) {
    const row = [...shown.subarray(i, i + 16)];
    rows.push(`${i.toString(16).padStart(6, "0")}  ${row.map((b) => b.toString(16).padStart(2, "0")).join(" ").padEnd(47)}  ` +
      row.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join(""));
  }
  return `(binary)\n${rows.join("\n")}${bytes.length > shown.length ? "\n…" : ""}`;
}

ui.viewerClose.addEventListener("click", () => ui.viewer.close());
ui.viewer.addEventListener("click", (e) => { if (e.target === ui.viewer) ui.viewer.close(); });
window.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && ui.viewer.open) ui.viewer.close();
});
