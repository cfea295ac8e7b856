#!/usr/bin/env node
// The `anywasi` command's entry. A committed file, not the build output itself: npm links a
// workspace's bins into node_modules/.bin during `npm install`, before anything is built, and
// skips a bin whose file does not exist yet, after which `npx anywasi` asks the registry instead.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../dist/cli.bundle.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    `anywasi: the command is not built yet (${fileURLToPath(cli)} is missing): run \`npm run build\` in the repository first\n`,
  );
  process.exit(70); // EX_SOFTWARE
}
await import(cli.href);
