// The wasi:http test handler every host serves (test/gateway/http-component-scenarios.mjs).
// StarlingMonkey fetch-event mode: the component exports wasi:http/incoming-handler@0.2.10.
// Built by build.mjs into handler.component.wasm (committed).
const enc = new TextEncoder();
// Requests this instance has answered: every request gets a fresh instance, so /seq answers 1.
let answered = 0;

addEventListener("fetch", (event) => event.respondWith(route(event.request)));

async function route(req) {
  const url = new URL(req.url);
  answered++;
  switch (url.pathname) {
    case "/info": {
      // What the guest saw: method, URL (scheme, authority, path and query) and headers in order.
      // Only x-* and content-* headers: clients (Node's and Deno's fetch) add others of their own.
      const headers = [];
      for (const [k, v] of req.headers) if (k.startsWith("x-") || k.startsWith("content-")) headers.push([k, v]);
      const body = JSON.stringify({ method: req.method, url: req.url, headers }) + "\n";
      return new Response(body, { status: 200, headers: { "content-type": "application/json", "x-handler": "test" } });
    }
    case "/seq":
      // How many requests this instance answered, this one included (1 when instances are fresh).
      return new Response(`${answered}\n`, { headers: { "content-type": "text/plain" } });
    case "/echo":
      // The request body streamed straight back.
      return new Response(req.body, { status: 200, headers: { "content-type": "application/octet-stream" } });
    case "/count": {
      // Reads the body chunk by chunk and answers its length and a checksum.
      let n = 0, sum = 0;
      const reader = req.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (let i = 0; i < value.length; i++) sum = (sum + value[i] * ((n + i) % 251)) % 1000000007;
        n += value.length;
      }
      return new Response(`${n} ${sum}\n`, { headers: { "content-type": "text/plain" } });
    }
    case "/big": {
      // N bytes made by the guest, written in 64 KiB chunks: byte i is (7 * i) mod 256.
      const total = Number(url.searchParams.get("n") ?? "0");
      let sent = 0;
      const stream = new ReadableStream({
        pull(controller) {
          if (sent >= total) { controller.close(); return; }
          const len = Math.min(65536, total - sent);
          const chunk = new Uint8Array(len);
          for (let i = 0; i < len; i++) chunk[i] = ((sent + i) * 7) & 255;
          sent += len;
          controller.enqueue(chunk);
        },
      });
      return new Response(stream, { headers: { "content-type": "application/octet-stream" } });
    }
    case "/stream": {
      // Two parts, 300 ms apart.
      const stream = new ReadableStream({
        async start(controller) {
          controller.enqueue(enc.encode("part 1\n"));
          await new Promise((r) => setTimeout(r, 300));
          controller.enqueue(enc.encode("part 2\n"));
          controller.close();
        },
      });
      return new Response(stream, { headers: { "content-type": "text/plain" } });
    }
    case "/trickle": {
      // "part 1", then `ms` milliseconds later "part 2", saying on stderr when it writes part 2 and
      // when it is done (test/gateway/http-component-streaming.mjs orders these against what the
      // client received).
      const ms = Number(url.searchParams.get("ms") ?? "0");
      const stream = new ReadableStream({
        async start(controller) {
          controller.enqueue(enc.encode("part 1\n"));
          await new Promise((r) => setTimeout(r, ms));
          console.error("trickle: writing part 2");
          controller.enqueue(enc.encode("part 2\n"));
          controller.close();
        },
      });
      return new Response(stream, { headers: { "content-type": "text/plain" } });
    }
    case "/chunks": {
      // Answers, as it reads them, the size of each chunk of the request body, then "end".
      const reader = req.body.getReader();
      const stream = new ReadableStream({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) { controller.enqueue(enc.encode("end\n")); controller.close(); return; }
          controller.enqueue(enc.encode(`${value.length}\n`));
        },
      });
      return new Response(stream, { headers: { "content-type": "text/plain" } });
    }
    case "/status":
      return new Response("teapot\n", { status: 418, headers: [["set-cookie", "a=1"], ["set-cookie", "b=2"], ["x-multi", "one"]] });
    case "/empty":
      return new Response(null, { status: 204 });
    case "/throw":
      throw new Error("the handler failed");
    case "/sleep": {
      // Waits `ms` milliseconds (a timer: wasi:io/poll on a monotonic-clock pollable), then answers.
      const ms = Number(url.searchParams.get("ms") ?? "0");
      await new Promise((r) => setTimeout(r, ms));
      return new Response(`slept ${ms}\n`, { headers: { "content-type": "text/plain" } });
    }
    case "/spin": {
      // Busy for `ms` milliseconds, reading the clock as it goes.
      const until = Date.now() + Number(url.searchParams.get("ms") ?? "0");
      while (Date.now() < until) { /* spin */ }
      return new Response("spun\n");
    }
    case "/memory": {
      // Allocates `mb` MiB and touches it.
      const mb = Number(url.searchParams.get("mb") ?? "0");
      const keep = [];
      for (let i = 0; i < mb; i++) { const a = new Uint8Array(1 << 20); a.fill(i); keep.push(a); }
      return new Response(`allocated ${keep.length} MiB\n`);
    }
    case "/fetch": {
      // An outgoing request (wasi:http/outgoing-handler) to the URL in ?url=.
      const r = await fetch(url.searchParams.get("url"));
      return new Response(`upstream ${r.status}: ${await r.text()}`);
    }
    default:
      return new Response("not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  }
}
