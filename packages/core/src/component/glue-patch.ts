/**
 * Fixes to the glue jco-transpile 0.15.0 generates, applied as it is transpiled (the cache key in
 * transpile.ts names the patch level). Each matches jco's exact text and changes nothing otherwise.
 */
/**
 * jco's glue lowers an empty string without calling the guest's `cabi_realloc` (pointer 1, length
 * 0). The canonical ABI calls it for every string, and wasmtime's preview1 adapter relies on that to
 * lay out `environ_get`: without the call, an empty value loses its NUL and runs into the next
 * variable (`EMPTY=` followed by `EQ=a=b=c` reads as `EMPTY=EQ=a=b=c`). Dropping the shortcut makes
 * the empty string take the general path, which calls `realloc(0, 0, 1, 0)`.
 */
const EMPTY_STRING_SHORTCUT = "if (s.length === 0) { return { ptr: 1, len: 0 }; }";

/**
 * jco's glue checks a dropped handle with `val === 0`, but a handle past the end of its table reads
 * `undefined` and passes: dropping handle 42 of an empty table "succeeds". The canonical ABI traps.
 */
const DROP_CHECK = "if (val === 0 || (scope & T_FLAG) !== 0) {";
const DROP_CHECK_FIXED = "if (val === 0 || val === undefined || (scope & T_FLAG) !== 0) {";

/**
 * jco's glue lifts strings with a lenient `TextDecoder`: invalid UTF-8 from the guest becomes
 * U+FFFD, so a path with invalid bytes names another file. The canonical ABI traps on it (as
 * wasmtime does); a fatal decoder throws, which the run turns into a trap.
 */
const LENIENT_DECODER = "const TEXT_DECODER_UTF8 = new TextDecoder();";
const FATAL_DECODER = "const TEXT_DECODER_UTF8 = new TextDecoder('utf-8', { fatal: true });";

/**
 * jco's glue asks `process.env.JCO_DEBUG` on every one of the many `_debugLog` calls it makes per
 * interface call (an environment lookup on Node each time: a third of a write-heavy guest's time).
 * Read it once, when the glue is loaded.
 */
const DEBUG_CHECK = "const _debugLog = (...args) => {\n    if (!globalThis?.process?.env?.JCO_DEBUG) { return; }";
const DEBUG_CHECK_ONCE = "const _jcoDebug = !!globalThis?.process?.env?.JCO_DEBUG;\n  const _debugLog = (...args) => {\n    if (!_jcoDebug) { return; }";

/**
 * jco 0.15's glue runs every import call of a WASI 0.2 component through its WASI 0.3 task
 * machinery: a subtask (`_lowerImportBackwardsCompat`), a task per call with parent lookups,
 * `_withGlobalCurrentTaskMeta`, `_trackHostOperation`, resolve and exit — tens of objects and
 * closures per call, most of a write-heavy guest's time. A 0.2 import lowered synchronously, to a
 * host function that returns synchronously (all of ours), needs none of it: the trampoline's own
 * return value is the core function's result, as in jco before 0.3 support. Three rewrites:
 * - the lowering wrapper becomes the trampoline itself, only where jco marks the import sync in
 *   every respect (`isAsync: false`, `funcTypeIsAsync: false`);
 * - the task set-up inside a trampoline becomes a shared no-op task (`resolve`, `exit`, ... do
 *   nothing; error handling, trap marking and resource bookkeeping stay jco's);
 * - the host call is made directly instead of through the task-meta and host-operation wrappers.
 */
const LOWER_WRAPPER = /let trampoline(\d+) = _trampoline\1\.manuallyAsync \? [\s\S]*?importFn: _trampoline\1,\n  },\n  \);/g;
// Tempered so that a match never runs from one trampoline into the next (an async one between has no `enterSync`).
const TASK_SETUP = /const hostProvided = true;\n(?:(?!const hostProvided = true;)[\s\S])*?const started = task\.enterSync\(\);/g;
const TASK_META_CALL = /_withGlobalCurrentTaskMeta\(\{\n\s*componentIdx: task\.componentIdx\(\),\n\s*taskID: task\.id\(\),\n\s*fn: \(\) => _trackHostOperation\(\(\) => (.+)\),\n\s*\}\)/g;
const NO_TASK = "const _anywasiNoTask = { resolve() {}, exit() {}, setErrored() {}, reject() {}, id() { return -1; }, "
  + "componentIdx() { return -1; }, getParentSubtask() { return undefined; } };\n";

/**
 * The direct-call rewrites above; any text jco might generate differently is left alone. In JSPI
 * glue (transpile.ts) the imports that may suspend are marked `manuallyAsync`: those keep jco's
 * wrapper and task (their own task needs the subtask the wrapper makes), all others go direct.
 */
function directCalls(text: string): string {
  let direct = 0;
  let suspending = 0;
  const out = text.replace(LOWER_WRAPPER, (all, idx: string) => {
    if (/isAsync: true|funcTypeIsAsync: true|isManualAsync: true/.test(all) || all.includes("let trampoline", 1)) return all;
    if (text.includes(`_trampoline${idx}.manuallyAsync = true;`)) { suspending++; return all; }
    direct++;
    return `let trampoline${idx} = _trampoline${idx};`;
  });
  // A trampoline keeps its task exactly when its wrapper stayed (a suspending import).
  if (direct === 0 || direct + suspending !== (text.match(LOWER_WRAPPER) ?? []).length) return text;
  let noTask = 0;
  const done = out.replace(TASK_SETUP, (all) => {
    if (all.includes("function(") || all.includes("await ")) return all;
    noTask++;
    return "const task = _anywasiNoTask;";
  });
  if (noTask !== direct) return text;
  return NO_TASK + done.replace(TASK_META_CALL, "($1)");
}

/**
 * jco's glue builds the arguments of its many `_debugLog(...)` calls (object literals) before the
 * call finds debugging off: an allocation per import call. A statement-level call is skipped now.
 */
const DEBUG_CALL = /^(\s*)_debugLog\(/gm;

/**
 * jco's glue calls `WebAssembly.promising(...)` in a try/catch at every instantiation (twice for a
 * ComponentizeJS component). Where JSPI is missing (Node 20 and 22) that throws "is not a
 * function", and to word that message V8 re-parses the calling function: jco's instantiation
 * generator, which is the whole 0.5 MB glue, so ~50–140 ms per instance (a wasi:http handler is
 * instantiated per request). A pre-made error thrown instead costs nothing; with JSPI the real
 * `promising` is called as before.
 */
const PROMISING_CALL = "WebAssembly.promising(";
const PROMISING_SHIM = "const _anywasiNoJspi = new TypeError('WebAssembly.promising is not available (no JSPI)');\n"
  + "const _anywasiPromising = (f) => { if (typeof WebAssembly.promising === 'function') return WebAssembly.promising(f); throw _anywasiNoJspi; };\n";

function promisingOnce(text: string): string {
  return text.includes(PROMISING_CALL) ? PROMISING_SHIM + text.split(PROMISING_CALL).join("_anywasiPromising(") : text;
}

/**
 * In JSPI glue, a suspending import (poll, pollable.block) that throws — a time limit, a client
 * gone, the request body's error, all ending the guest — is caught by jco's trampoline, which
 * rejects its task (a rejection nobody handles) and returns the task's completion promise, which
 * never settles: the guest stays suspended for good and its `handle` or `run` promise never
 * settles. Rethrowing instead makes the import throw into the guest, as a synchronous import's
 * error does, so the export's promise rejects with it (the instance is not used again).
 */
const IMPORT_ERROR_HANG = /(\[Instruction::CallInterface\] error during async call'[^]{0,300}?\}\);\n)\s*getOrCreateAsyncState\((\d+)\)\.markTrapped\(err\);\n\s*task\.setErrored\(err\);\n\s*task\.reject\(err\);\n\s*task\.exit\(\);\n\s*return task\.completionPromise\(\);/g;
const IMPORT_ERROR_THROWN = "$1      getOrCreateAsyncState($2).markTrapped(err);\n      throw err;";

/**
 * jco's glue lifts a `list<u8>` (a stream write's bytes, for one) with
 * `new Uint8Array(memory.buffer.slice(ptr, ptr + len))`. `ArrayBuffer.prototype.slice` gives every
 * copy a backing store of its own outside V8's heap (a malloc and a tracked buffer per call, even
 * for 16 bytes), and it clamps a range past the memory's end, so an out-of-bounds list arrives
 * short instead of trapping as the canonical ABI requires. A view sliced as a typed array copies
 * the same bytes into V8's heap when small, and throws (a trap) for a list out of bounds. Pointers
 * and lengths are unsigned (`>>> 0`): a memory over 2 GiB passes addresses as negative i32.
 */
const LIST_U8_LIFT = /new Uint8Array\((memory\d+)\.buffer\.slice\((ptr\d+), \2 \+ (len\d+) \* 1\)\)/g;
const LIST_U8_COPY = "new Uint8Array($1.buffer, $2 >>> 0, $3 >>> 0).slice()";

/** The glue with the fixes above (each applied only where jco's text matches exactly). */
export function patchGlue(code: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(code);
  const fixed = text.split(EMPTY_STRING_SHORTCUT).join("").split(DROP_CHECK).join(DROP_CHECK_FIXED)
    .split(LENIENT_DECODER).join(FATAL_DECODER).split(DEBUG_CHECK).join(DEBUG_CHECK_ONCE);
  const direct = directCalls(promisingOnce(fixed)).replace(IMPORT_ERROR_HANG, IMPORT_ERROR_THROWN).replace(LIST_U8_LIFT, LIST_U8_COPY);
  return new TextEncoder().encode(fixed.includes("const _jcoDebug") ? direct.replace(DEBUG_CALL, "$1_jcoDebug && _debugLog(") : direct);
}
