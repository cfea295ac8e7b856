// run() of a precompiled component through its JSPI glue on workerd: stdin streams to the guest
// as it arrives, waits suspend the guest, and the time limit or an abort ends a suspended guest.
// echo has both glues (`anywasi transpile --glue both`), sleep only the JSPI one (`--glue jspi`),
// hello (components.test.ts) only the synchronous one.
import { describe, expect, it } from "vitest";
import { ModuleError, TimeLimitError, run } from "@anywasi/worker";
import echo from "./components/echo/index.js";
import sleep from "./components/sleep/index.js";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

/**
 * echo fed "one\n", then "two\n" and the end once the guest has echoed "one" (or, when it cannot
 * before stdin ends, after `fallbackMs`). Returns the order of what happened.
 */
async function firstLineBeforeEnd(jspi: boolean, fallbackMs: number): Promise<string[]> {
  const events: string[] = [];
  let answered = (): void => {};
  const answer = new Promise<void>((resolve) => { answered = resolve; });
  const stdin = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes("one\n"));
      void Promise.race([answer, new Promise((resolve) => setTimeout(resolve, fallbackMs))]).then(() => {
        events.push("stdin ends");
        c.enqueue(bytes("two\n"));
        c.close();
      });
    },
  });
  const r = await run(echo, {
    args: ["echo"], stdin, jspi,
    stdout: (c) => { events.push(`out ${JSON.stringify(text(c))}`); if (text(c).includes("one")) answered(); },
  });
  expect(r.exitCode).toBe(0);
  expect(text(r.stderr)).toBe("8 bytes\n");
  return events;
}

describe("run() of a component through its JSPI glue (workerd)", () => {
  // The fallback only keeps a guest that never answers before stdin ends from hanging: long, as
  // a loaded machine can take more than a second to start the guest and echo "one" (a 1 s
  // fallback made this order depend on the machine's speed).
  it("a streamed stdin reaches the guest as it arrives: the first line is answered before stdin ends", async () => {
    expect(await firstLineBeforeEnd(true, 20_000)).toEqual(['out "one\\n"', "stdin ends", 'out "two\\n"']);
  }, 60_000);

  // Here the guest cannot answer before stdin ends, so the fallback always ends it; a slow machine
  // can only make this pass where it should fail, never the reverse.
  it("jspi: false runs the synchronous glue: stdin is read whole first", async () => {
    expect(await firstLineBeforeEnd(false, 1000)).toEqual(["stdin ends", 'out "one\\ntwo\\n"']);
  });

  it("a sleeping component is ended at the time limit while suspended (TimeLimitError), its output kept", async () => {
    const out: string[] = [];
    // A 60 s sleep: ended only if the limit wakes the suspended guest (vitest's own limit is 5 s).
    const e = await run(sleep, { args: ["sleep", "60"], timeoutMs: 200, stdout: (c) => { out.push(text(c)); } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TimeLimitError);
    expect(out.join("")).toBe("sleeping 60 s\n");
  });

  it("an abort ends a sleeping component while suspended, with the signal's reason", async () => {
    const ac = new AbortController();
    const stdout = (c: Uint8Array): void => { if (text(c).startsWith("sleeping")) setTimeout(() => ac.abort(new Error("stop")), 10); };
    await expect(run(sleep, { args: ["sleep", "60"], signal: ac.signal, stdout })).rejects.toThrow("stop");
  });

  it("a guest waiting for stdin that does not come is ended at the time limit", async () => {
    const stdin = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes("one\n")); } });
    const out: string[] = [];
    const e = await run(echo, { args: ["echo"], stdin, timeoutMs: 200, stdout: (c) => { out.push(text(c)); } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TimeLimitError);
    expect(out.join("")).toBe("one\n");
  });

  it("a component with only the JSPI glue is refused with jspi: false, naming the fix", async () => {
    await expect(run(sleep, { args: ["sleep", "0"], jspi: false })).rejects.toThrow(ModuleError);
    await expect(run(sleep, { args: ["sleep", "0"], jspi: false })).rejects.toThrow("--glue both");
    const r = await run(sleep, { args: ["sleep", "0"] });
    expect([r.exitCode, text(r.stdout)]).toEqual([0, "sleeping 0 s\nwoke\n"]);
  });
});
