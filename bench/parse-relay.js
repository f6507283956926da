#!/usr/bin/env node
// The floor for any shim that reads the messages it passes: bench/relay.js plus, for every
// line both ways, decoding it and JSON.parse (the result is dropped; the chunk is forwarded
// as it came). No checks, no routing. Usage: node bench/parse-relay.js <command> [args...]
import { spawn } from "node:child_process";
import process from "node:process";

const LF = 0x0a;

/** Forwards each chunk unchanged after parsing every complete line in it. */
function parsing(source, dest) {
  let parts = []; // the unfinished line, joined only when its newline arrives
  source.on("data", (chunk) => {
    let start = 0;
    for (let nl = chunk.indexOf(LF); nl !== -1; nl = chunk.indexOf(LF, start)) {
      const piece = chunk.subarray(start, nl);
      const line = parts.length ? Buffer.concat([...parts, piece]) : piece;
      parts = [];
      try {
        JSON.parse(line.toString("utf8"));
      } catch {
        // a line that is not JSON is forwarded all the same
      }
      start = nl + 1;
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
    if (!dest.write(chunk)) {
      source.pause();
      dest.once("drain", () => source.resume());
    }
  });
  source.on("end", () => dest.end());
}

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
parsing(process.stdin, child.stdin);
parsing(child.stdout, process.stdout);
child.stdin.on("error", () => {});
child.on("exit", (code, signal) => {
  process.exitCode = signal ? 128 : (code ?? 1);
});
