#!/usr/bin/env node
import { runCli } from './program';

runCli(process.argv.slice(2)).then(code => {
  process.exitCode = code;
}, (e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
