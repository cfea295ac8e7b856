import type { ErrorCode } from "../error-code.js";
import { IoError } from "../io/error.js";
import { Descriptor } from "./descriptor.js";
import { DirectoryEntryStream } from "./directory-entry-stream.js";

/** The `wasi:filesystem/types` interface. */
export function filesystemTypes(): {
  Descriptor: typeof Descriptor;
  DirectoryEntryStream: typeof DirectoryEntryStream;
  filesystemErrorCode(err: unknown): ErrorCode | undefined;
} {
  return {
    Descriptor,
    DirectoryEntryStream,
    /** The `error-code` behind a stream's `last-operation-failed`, when a filesystem call failed. */
    filesystemErrorCode: (err) => (err instanceof IoError ? err.code() : undefined),
  };
}

