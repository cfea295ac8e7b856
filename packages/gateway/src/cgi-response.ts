import { OutputCollector } from "@anywasi/core";
import { MalformedResponseError } from "./errors.js";

/** The status and headers a guest's CGI header block asked for. */
export interface CgiHead {
  /** 200–599: from `Status:`, else 302 with a `Location:`, else 200. */
  status: number;
  /** The reason phrase after the status code, or "". */
  statusText: string;
  /** The other headers, minus the connection-level ones a guest may not set. */
  headers: Headers;
}

/** Default largest header block, in bytes. */
export const MAX_HEADER_BYTES = 64 * 1024;

/** Connection-level headers a guest may not set: the platform frames the response itself. */
const DROPPED = new Set(["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "content-length"]);
const FIELD = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
const STATUS = /^([0-9]{3})(?:[ \t]+(.*))?$/;

/**
 * Reads a CGI response (RFC 3875 §6) from a guest's stdout, chunk by chunk: header lines
 * (`Name: value`, LF or CRLF), a blank line, then the body, which is passed through untouched.
 */
export class CgiHeaderParser {
  private readonly collected = new OutputCollector();

  /** @param maxBytes largest header block accepted, in bytes. */
  constructor(private readonly maxBytes = MAX_HEADER_BYTES) {}

  /** Bytes received so far that are not yet part of a complete header block. */
  get pending(): number {
    return this.collected.length;
  }

  /**
   * Feed the next stdout chunk. Returns null while the header block is incomplete, then the parsed
   * head and the body bytes that followed it in this chunk (a view: copy to keep).
   * @throws MalformedResponseError on a bad line, a bad `Status:`, no header at all, or a header
   * block larger than `maxBytes`.
   */
  push(chunk: Uint8Array): {
    /** The parsed header block. */
    head: CgiHead;
    /** The body bytes that followed it in this chunk. */
    rest: Uint8Array;
  } | null {
    const c = this.collected;
    const from = Math.max(0, c.length - 2);
    const take = Math.min(chunk.length, this.maxBytes + 2 - c.length);
    c.write(chunk.subarray(0, take));
    const buf = c.view();
    const end = findBlankLine(buf, from, buf.length);
    if (end === null) {
      if (buf.length > this.maxBytes) throw new MalformedResponseError(`the header block is larger than ${this.maxBytes} bytes`);
      return null;
    }
    const head = parseHead(buf.subarray(0, end.headerEnd));
    const restFromBuf = buf.subarray(end.bodyStart);
    const rest = take === chunk.length ? restFromBuf : concat(restFromBuf, chunk.subarray(take));
    c.clear();
    return { head, rest };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The first blank line at or after `from`: where the header lines end and the body begins. */
function findBlankLine(buf: Uint8Array, from: number, len: number): { headerEnd: number; bodyStart: number } | null {
  for (let i = from; i < len; i++) {
    if (buf[i] !== 10) continue;
    if (i === 0) return { headerEnd: 0, bodyStart: 1 };
    if (i + 1 < len && buf[i + 1] === 10) return { headerEnd: i + 1, bodyStart: i + 2 };
    if (i + 2 < len && buf[i + 1] === 13 && buf[i + 2] === 10) return { headerEnd: i + 1, bodyStart: i + 3 };
    if (i === 1 && buf[0] === 13) return { headerEnd: 0, bodyStart: 2 };
  }
  return null;
}

function parseHead(bytes: Uint8Array): CgiHead {
  let text = "";
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  const headers = new Headers();
  let status: number | null = null;
  let statusText = "";
  let fields = 0;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") continue;
    const m = FIELD.exec(line);
    if (m === null) throw new MalformedResponseError(`bad header line ${JSON.stringify(line.slice(0, 80))}`);
    const name = m[1]!.toLowerCase();
    const value = m[2]!;
    fields++;
    if (name === "status") {
      const s = STATUS.exec(value);
      const code = s === null ? NaN : Number(s[1]);
      if (s === null || code < 200 || code > 599) throw new MalformedResponseError(`bad Status ${JSON.stringify(value.slice(0, 80))}`);
      status = code;
      statusText = s[2] ?? "";
      continue;
    }
    if (DROPPED.has(name)) continue;
    try {
      headers.append(name, value);
    } catch {
      throw new MalformedResponseError(`bad value for header ${name}`);
    }
  }
  if (fields === 0) throw new MalformedResponseError("the header block is empty");
  return { status: status ?? (headers.has("location") ? 302 : 200), statusText, headers };
}
