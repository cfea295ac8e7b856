// A deadline for a fetch (and the reading of its body) in the Node test scripts.
//
// Why not `AbortSignal.timeout(ms)`: Node's timer holds that signal only weakly, and undici
// holds it weakly too, so a garbage collection can drop it and the fetch then waits for ever.
// A fresh-clone CI run hung 90 s on `wrangler dev`, whose proxy accepts a connection and answers
// only once workerd is up. Here the timer holds the controller strongly, and the returned promise
// rejects at the deadline even if the work ignores the abort.

/**
 * Runs `work(signal)` and settles with its result, or rejects with a TimeoutError after `ms`
 * milliseconds (aborting `signal` first). The timer is cleared when `work` settles.
 * @template T
 * @param {number} ms deadline in milliseconds
 * @param {(signal: AbortSignal) => Promise<T>} work
 * @returns {Promise<T>}
 */
export function within(ms, work) {
  const controller = new AbortController();
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const error = new DOMException(`no answer within ${ms} ms`, "TimeoutError");
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const done = Promise.resolve().then(() => work(controller.signal));
  return Promise.race([done, expired]).finally(() => clearTimeout(timer));
}

/**
 * `fetch(url, init)` whose response body is read whole (as bytes) before the deadline.
 * @param {string | URL} url
 * @param {RequestInit} init
 * @param {number} ms deadline in milliseconds, for the response and its body together
 * @returns {Promise<{ response: Response, body: Uint8Array }>} rejects with a TimeoutError at the deadline
 */
export function fetchWithin(url, init, ms) {
  return within(ms, async (signal) => {
    const response = await fetch(url, { ...init, signal });
    return { response, body: new Uint8Array(await response.arrayBuffer()) };
  });
}
