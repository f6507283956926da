import { defineConfig } from "vitest/config";

// Every Node process the suite starts (test workers, shims, servers: well over a thousand)
// would load this CA bundle at boot, about 100 ms of CPU each here; the tests talk to
// loopback only, so they need no extra CA. Workers and their children inherit this.
delete process.env.NODE_EXTRA_CA_CERTS;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests spawn the built binary and real MCP servers.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on the 2-core test
    // machine, idle while each e2e test waits on its shim and server. Measured on that
    // machine, quiet, the whole suite: 116 s with two workers, 97 s with three, 92 s with
    // four (README "Test-suite speed"); three keeps the load, and so the timing tests, sane.
    maxWorkers: 3,
    // The files of a worker share one module graph instead of importing everything anew per
    // file: half the suite's CPU time here. Files that change module state put it back
    // (the shell parser's lifecycle, configureLimits).
    isolate: false,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
