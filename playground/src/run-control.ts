// Run and Stop, the status line and the timing. Run starts the program in the form and is
// disabled while anything runs; Stop, a separate button beside it, is enabled only then: a click
// meant for Run can never stop a program, and a click meant for Stop never starts one.
import { ui } from "./dom.js";

export type StatusKind = "ready" | "running" | "ok" | "fail" | "error" | "killed";

export class RunControls {
  private readonly lockers: ((locked: boolean) => void)[] = [];

  constructor(run: () => void, stop: () => void) {
    ui.command.addEventListener("submit", (e) => {
      e.preventDefault();
      // Enter in the arguments while a program runs does nothing (it is not a Stop).
      if (!ui.run.disabled) run();
    });
    ui.stop.addEventListener("click", stop);
    this.setRunning(false);
  }

  /** `lock(true)` when a run starts, `lock(false)` when it ends. */
  onRunning(lock: (locked: boolean) => void): void {
    this.lockers.push(lock);
  }

  setRunning(running: boolean): void {
    ui.run.disabled = running;
    ui.stop.disabled = !running;
    document.body.classList.toggle("running", running);
    for (const lock of this.lockers) lock(running);
  }

  setStatus(kind: StatusKind, text: string): void {
    ui.status.textContent = text;
    ui.status.dataset["kind"] = kind;
  }

  /** The run time, in ms; null clears it. */
  setTiming(ms: number | null): void {
    ui.timing.textContent = ms === null ? "" : formatMs(ms);
  }
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
