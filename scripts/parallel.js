#!/usr/bin/env node
// `node scripts/parallel.js build typecheck`: runs npm scripts at the same time and exits
// with the first failure's code. `npm test` overlaps the build (tsup) and the type check
// (tsc), each mostly on one core, instead of running them one after the other.
import { spawn } from "node:child_process";

const windows = process.platform === "win32";
const runs = process.argv.slice(2).map(
  (name) =>
    new Promise((resolve) => {
      const child = spawn(windows ? "npm.cmd" : "npm", ["run", "--silent", name], {
        stdio: "inherit",
        shell: windows,
      });
      child.on("error", (err) => {
        process.stderr.write(`npm run ${name}: ${err.message}\n`);
        resolve(1);
      });
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    }),
);
const codes = await Promise.all(runs);
process.exitCode = codes.find((c) => c !== 0) ?? 0;
