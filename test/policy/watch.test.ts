import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PolicyStore } from "../../src/policy/store.js";
import { watchPolicy } from "../../src/policy/watch.js";
import { tempDir } from "../e2e/harness.js";
import { recordingLogger } from "../pipeline/checks/frames.js";

const V1 = 'version: "1"\nprincipals:\n  u:\n    tools: [{ pattern: a, actions: [execute] }]\n';
const V2 = 'version: "1"\nprincipals:\n  u:\n    tools: [{ pattern: b, actions: [execute] }]\n';

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(predicate()).toBe(true);
}

describe("watchPolicy", () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    dir?.cleanup();
  });

  it("reloads when the file changes, and on the signal", async () => {
    dir = tempDir();
    const file = join(dir.path, "p.yaml");
    writeFileSync(file, V1);
    const store = PolicyStore.fromFile(file);
    const { logger, records } = recordingLogger();
    const w = watchPolicy(store, { logger, signal: "SIGUSR2", debounceMs: 10 });
    stop = () => w.close();
    writeFileSync(file, V2);
    await until(() => store.current.generation === 2);
    expect(records.some((r) => r.msg === "policy reloaded")).toBe(true);

    stop();
    const s = watchPolicy(store, { logger, signal: "SIGUSR2", watchFile: false });
    stop = () => s.close();
    writeFileSync(file, V1);
    await new Promise((r) => setTimeout(r, 100));
    expect(store.current.generation).toBe(2);
    process.kill(process.pid, "SIGUSR2");
    await until(() => store.current.generation === 3);
  });

  it("logs every problem of an invalid policy and keeps the last good one", async () => {
    dir = tempDir();
    const file = join(dir.path, "p.yaml");
    writeFileSync(file, V1);
    const store = PolicyStore.fromFile(file);
    const { logger, records } = recordingLogger();
    const w = watchPolicy(store, { logger, signal: null, debounceMs: 10 });
    stop = () => w.close();
    writeFileSync(
      file,
      'version: "1"\nbogus: 1\nprincipals:\n  u:\n    tools: [{ pattern: b, actions: [jump] }]\n',
    );
    await until(() => records.some((r) => r.level === "error"));
    const err = records.find((r) => r.level === "error");
    expect(err?.obj.problems).toEqual([
      expect.stringMatching(/p\.yaml:2:1: unknown key "bogus"/),
      expect.stringMatching(/p\.yaml:5:\d+: .*unknown action "jump"/),
    ]);
    expect(store.current.generation).toBe(1);
  });
});
