#!/usr/bin/env node
// The floor for any Node stdio shim: spawn the server and pipe bytes both ways, with no
// parsing and no checks. Usage: node bench/relay.js <command> [args...]
import { spawn } from "node:child_process";
import process from "node:process";

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
process.stdin.pipe(child.stdin);
child.stdout.pipe(process.stdout);
child.stdin.on("error", () => {});
child.on("exit", (code, signal) => {
  process.exitCode = signal ? 128 : (code ?? 1);
});
