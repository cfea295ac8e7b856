// Judging a host's result against a test's expectations.
const utf8 = new TextEncoder();

/**
 * @param {import("./discover.mjs").TestCase} test
 * @param {{exitCode?:number, stdout?:Uint8Array, stderr?:Uint8Array, error?:string, timedOut?:boolean}} result
 * @returns {{ok: boolean, reason?: string}}
 */
export function checkResult(test, result, { timeoutMs } = {}) {
  if (result.timedOut) {
    return { ok: false, reason: result.error ? `timeout: ${oneLine(result.error)}` : `timeout after ${timeoutMs} ms` };
  }
  if (result.error !== undefined && result.error !== null) {
    return { ok: false, reason: `crash: ${oneLine(result.error)}${stderrHint(result)}` };
  }
  if (!Number.isInteger(result.exitCode)) {
    return { ok: false, reason: `crash: host reported no exit code${stderrHint(result)}` };
  }
  if (result.exitCode !== test.expected.exitCode) {
    return {
      ok: false,
      reason: `exit code ${result.exitCode}, expected ${test.expected.exitCode}${stderrHint(result)}`,
    };
  }
  for (const k of ["stdout", "stderr"]) {
    if (test.expected[k] === undefined) continue;
    const mismatch = prefixMismatch(utf8.encode(test.expected[k]), result[k] ?? new Uint8Array());
    if (mismatch) return { ok: false, reason: `${k} mismatch: ${mismatch}` };
  }
  return { ok: true };
}

/** null when `actual` starts with `expected`, else a short description of the first difference. */
export function prefixMismatch(expected, actual) {
  let i = 0;
  const n = Math.min(expected.length, actual.length);
  while (i < n && expected[i] === actual[i]) i++;
  if (i === expected.length) return null;
  const from = Math.max(0, i - 16);
  const where = actual.length < expected.length && i === actual.length
    ? `output ended at byte ${i} of ${expected.length} expected`
    : `differs at byte ${i}`;
  return `${where}; expected ${escapeExcerpt(expected, from, 48)}, got ${escapeExcerpt(actual, from, 48)}`;
}

/** `bytes[from, from+max)` as a quoted, escaped, printable-ASCII string (with … marks when cut). */
export function escapeExcerpt(bytes, from = 0, max = 48) {
  const end = Math.min(bytes.length, from + max);
  let s = from > 0 ? "…" : "";
  s += '"';
  for (let i = from; i < end; i++) {
    const b = bytes[i];
    if (b === 0x0a) s += "\\n";
    else if (b === 0x0d) s += "\\r";
    else if (b === 0x09) s += "\\t";
    else if (b === 0x22) s += '\\"';
    else if (b === 0x5c) s += "\\\\";
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += "\\x" + b.toString(16).padStart(2, "0");
  }
  s += '"';
  if (end < bytes.length) s += "…";
  return s;
}

/** The tail of the guest's stderr, or else of its stdout: where a failing test says why. */
function stderrHint(result) {
  for (const k of ["stderr", "stdout"]) {
    const bytes = result[k];
    if (!bytes || bytes.length === 0) continue;
    const from = Math.max(0, bytes.length - 80);
    return ` (${k}: ${escapeExcerpt(bytes, from, 80)})`;
  }
  return "";
}

function oneLine(s) {
  const line = String(s).split("\n").find((l) => l.trim()) ?? String(s);
  return line.length > 200 ? line.slice(0, 200) + "…" : line;
}
