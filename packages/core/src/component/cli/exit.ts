import { ProcExit } from "../../errors.js";

/**
 * `wasi:cli/exit`. `exit(result)` can only say ok or err: exit code 0 or 1. `exit-with-code`
 * (an unstable addition that components import when built to keep their exit code, as jco's
 * preview1 adapter does for `proc_exit`) ends the guest with the code itself, like `proc_exit`.
 * Both end only the guest, by the same `ProcExit` that `proc_exit` throws.
 */
export function cliExit(): {
  exit(status: { tag: "ok" | "err" }): never;
  exitWithCode(code: number): never;
} {
  return {
    exit(status) {
      throw new ProcExit(status.tag === "ok" ? 0 : 1);
    },
    exitWithCode(code) {
      throw new ProcExit(code & 0xff);
    },
  };
}
