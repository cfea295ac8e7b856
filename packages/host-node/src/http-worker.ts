// The fetch thread of nodeHttpClient(): runs the outgoing requests of components with fetch.
import { fetchService, type FetchMessage } from "@anywasi/core/component";
import { parentPort, workerData } from "node:worker_threads";

const handle = fetchService((workerData as { signal: SharedArrayBuffer }).signal);
parentPort!.on("message", (m: FetchMessage) => handle(m));
