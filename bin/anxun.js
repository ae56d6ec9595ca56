#!/usr/bin/env node
// Entry point of the `anxun` command: runs the built CLI (out/main/cli.js).
import { existsSync } from 'node:fs';

const entry = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('anxun: the program is not built yet; run `npm run build` in the project folder first\n');
  process.exit(2);
}
await import(entry.href);
