#!/usr/bin/env -S node --
// The `--` ends Node's own options before this script: Node 20 otherwise reads `--env-file <path>`
// anywhere up to a `--` (nodejs/node#54232), loads that file (a NODE_OPTIONS line in it included)
// into this process and exits with "not found" when it is missing, before the tool runs. npm's
// Windows shims read the same line (`node -- <script>`). BusyBox's env has no -S: there, run
// `node node_modules/k8s-course-constructs/lib/cli/main.js`.
import { runCli } from './program';

runCli(process.argv.slice(2)).then(code => {
  process.exitCode = code;
}, (e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
