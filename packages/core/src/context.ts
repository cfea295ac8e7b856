import { FdTable } from "./fd-table.js";
import type { Clock, DirectoryHandle, Random } from "./host.js";
import { GuestMemory } from "./memory.js";

/** Everything a syscall family needs: memory, descriptors and the host's capabilities. */
export class Context {
  readonly mem = new GuestMemory();
  readonly fds = new FdTable();
  /**
   * Monotonic time at which a suspended `poll_oneoff` began waiting (JSPI), so that the
   * synchronous call that follows measures relative timeouts from the guest's call, not from the
   * end of the wait: the guest must not sleep twice. Consumed by the next `poll_oneoff`.
   */
  pollStartedAt: bigint | null = null;
  /**
   * Directory handles opened while resolving the current call's paths. The import wrapper closes
   * them when the call returns, except those a new descriptor holds (`HandleRefs.releaseTransient`).
   */
  readonly opened: DirectoryHandle[] = [];

  // Declared, not initialised, fields (set in the constructor): no field definitions in the output.
  /** argv, each UTF-8 encoded with its terminating NUL. */
  declare readonly args: readonly Uint8Array[];
  /** `KEY=VALUE` strings, each UTF-8 encoded with its terminating NUL. */
  declare readonly env: readonly Uint8Array[];
  declare readonly clock: Clock;
  declare readonly random: Random;
  /** Blocks for ns; the host's `clock.sleep` or the default. */
  declare readonly sleep: (ns: bigint) => void;

  constructor(args: readonly Uint8Array[], env: readonly Uint8Array[], clock: Clock, random: Random, sleep: (ns: bigint) => void) {
    this.args = args;
    this.env = env;
    this.clock = clock;
    this.random = random;
    this.sleep = sleep;
  }
}
