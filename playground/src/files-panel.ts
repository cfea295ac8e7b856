// The file panel: the guest's / as a tree (open, download, delete each file), upload, reset, and
// the "Keep in OPFS" switch. Nothing changes while a program runs (it owns the files then).
import type { MemFSTree } from "@anywasi/browser";
import { ui } from "./dom.js";
import type { PlaygroundTerminal } from "./terminal.js";
import { download, formatSize, openFile } from "./viewer.js";
import { entryBytes, type Workspace } from "./workspace.js";

const OPFS_KEY = "anywasi-playground:opfs";

/** Whether the last visit kept its files in OPFS. */
export function opfsWanted(): boolean {
  return localStorage.getItem(OPFS_KEY) === "1";
}

interface TreeNode {
  name: string;
  path: string;
  bytes: Uint8Array | null;
  children: Map<string, TreeNode> | null;
}

function nest(tree: MemFSTree): TreeNode {
  const root: TreeNode = { name: "", path: "", bytes: null, children: new Map() };
  for (const [path, entry] of Object.entries(tree)) {
    const names = path.split("/").filter((n) => n !== "");
    let dir = root;
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      let node = dir.children!.get(name);
      if (node === undefined) {
        const bytes = last ? entryBytes(entry) : null;
        node = { name, path: names.slice(0, i + 1).join("/"), bytes, children: bytes === null ? new Map() : null };
        dir.children!.set(name, node);
      }
      dir = node;
    });
  }
  return root;
}

export class FilesPanel {
  constructor(
    private readonly workspace: Workspace,
    private readonly terminal: PlaygroundTerminal,
    private readonly busy: () => boolean,
  ) {
    ui.upload.addEventListener("change", () => {
      const list = [...(ui.upload.files ?? [])];
      ui.upload.value = "";
      void this.upload(list);
    });
    ui.resetFiles.addEventListener("click", () => { void workspace.reset().then(() => this.refresh()); });
    ui.opfs.checked = workspace.persistent;
    ui.opfs.addEventListener("change", () => this.switchOpfs(ui.opfs.checked));
  }

  /** Re-read the files and redraw the tree. */
  async refresh(): Promise<void> {
    let files: MemFSTree;
    try {
      files = await this.workspace.list();
    } catch (e) {
      ui.filesNote.textContent = `cannot read the files: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    const items = this.renderTree(nest(files), 0);
    if (items.length === 0) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "(empty)";
      items.push(li);
    }
    ui.tree.replaceChildren(...items);
    ui.filesNote.textContent = this.workspace.persistent
      ? "Kept in OPFS: these files survive a reload. Drop files here to upload them."
      : "In memory: gone on reload. Drop files here to upload them.";
  }

  /** Copy `list` into the guest's / (under their own names). */
  async upload(list: Iterable<File>): Promise<void> {
    if (this.busy()) return;
    for (const file of list) await this.workspace.write(file.name, new Uint8Array(await file.arrayBuffer()));
    await this.refresh();
  }

  /** While a program runs, its files cannot be changed from here. */
  setLocked(locked: boolean): void {
    for (const el of [ui.upload, ui.resetFiles, ui.opfs]) el.disabled = locked;
  }

  private switchOpfs(on: boolean): void {
    ui.opfs.disabled = true;
    this.workspace.setPersistent(on).then(
      () => { localStorage.setItem(OPFS_KEY, on ? "1" : "0"); },
      (e: unknown) => {
        ui.opfs.checked = !on;
        this.terminal.note(`OPFS is not available here: ${e instanceof Error ? e.message : String(e)}`, true);
      },
    ).finally(() => { ui.opfs.disabled = this.busy(); void this.refresh(); });
  }

  private renderTree(dir: TreeNode, depth: number): HTMLLIElement[] {
    const nodes = [...dir.children!.values()].sort((a, b) =>
      (a.children === null ? 1 : 0) - (b.children === null ? 1 : 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const out: HTMLLIElement[] = [];
    for (const node of nodes) {
      const li = document.createElement("li");
      li.style.setProperty("--depth", String(depth));
      li.dataset["path"] = node.path;
      if (node.children !== null) {
        li.className = "dir";
        li.innerHTML = `<span class="name"></span>`;
        li.querySelector(".name")!.textContent = `${node.name}/`;
        out.push(li, ...this.renderTree(node, depth + 1));
        continue;
      }
      li.className = "file";
      li.innerHTML = `<button type="button" class="name" title="Open"></button><span class="size"></span>` +
        `<button type="button" class="icon download" title="Download" aria-label="Download">⤓</button>` +
        `<button type="button" class="icon delete" title="Delete" aria-label="Delete">✕</button>`;
      const bytes = node.bytes!;
      li.querySelector(".name")!.textContent = node.name;
      li.querySelector(".size")!.textContent = formatSize(bytes.length);
      li.querySelector(".name")!.addEventListener("click", () => openFile(node.path, bytes));
      li.querySelector(".download")!.addEventListener("click", () => download(node.name, bytes));
      li.querySelector(".delete")!.addEventListener("click", () => {
        if (this.busy()) return;
        void this.workspace.remove(node.path).then(() => this.refresh());
      });
      out.push(li);
    }
    return out;
  }
}
