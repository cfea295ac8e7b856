/** The in-memory filesystem. */
export { MemFS, type MemFSOptions, type MemFSTree, type MemFSTreeEntry } from "./memfs.js";
export { MemDirectoryHandle } from "./directory-handle.js";
export { MemFileHandle } from "./file-handle.js";
export { MAX_FILE_SIZE } from "./file-data.js";
export { defaultNow } from "./context.js";
