import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PolicyStore } from "../../src/policy/store.js";
import { tempDir } from "../e2e/harness.js";
import { who } from "./helpers.js";

const ALLOW_ECHO =
  'version: "1"\nprincipals:\n  u:\n    tools: [{ pattern: echo, actions: [execute] }]\n';
const ALLOW_SUM =
  'version: "1"\nprincipals:\n  u:\n    tools: [{ pattern: sum, actions: [execute] }]\n';

describe("PolicyStore", () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => dir?.cleanup());

  const call = (store: PolicyStore, name: string) =>
    store.evaluate({ principal: who("u"), action: "execute", target: { kind: "tool", name } })
      .effect;

  it("a valid new policy replaces the old one and subscribers hear of it", () => {
    dir = tempDir();
    const file = join(dir.path, "p.yaml");
    writeFileSync(file, ALLOW_ECHO);
    const store = PolicyStore.fromFile(file);
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.generation));
    expect(call(store, "echo")).toBe("allow");
    writeFileSync(file, ALLOW_SUM);
    expect(store.reload()).toMatchObject({ ok: true, changed: true });
    expect(call(store, "echo")).toBe("deny");
    expect(call(store, "sum")).toBe("allow");
    expect(seen).toEqual([2]);
  });

  it("an invalid policy is refused and the last good one stays in force", () => {
    dir = tempDir();
    const file = join(dir.path, "p.yaml");
    writeFileSync(file, ALLOW_ECHO);
    const store = PolicyStore.fromFile(file);
    let notified = 0;
    store.subscribe(() => notified++);
    writeFileSync(
      file,
      'version: "1"\nprincipals:\n  u:\n    tools: [{ pattern: sum, actions: [run] }]\n',
    );
    const r = store.reload();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems[0]?.line).toBe(4);
    expect(call(store, "echo")).toBe("allow");
    expect(store.current.generation).toBe(1);
    expect(notified).toBe(0);
  });

  it("an unchanged file is not a change", () => {
    dir = tempDir();
    const file = join(dir.path, "p.yaml");
    writeFileSync(file, ALLOW_ECHO);
    const store = PolicyStore.fromFile(file);
    expect(store.reload()).toMatchObject({ ok: true, changed: false });
  });

  it("monitor comes from the flag or from the policy in force", () => {
    dir = tempDir();
    const file = join(dir.path, "p.yaml");
    writeFileSync(file, ALLOW_ECHO);
    expect(PolicyStore.fromFile(file).monitor).toBe(false);
    expect(PolicyStore.fromFile(file, { monitor: true }).monitor).toBe(true);
    const store = PolicyStore.fromFile(file);
    writeFileSync(file, `mode: monitor\n${ALLOW_ECHO}`);
    store.reload();
    expect(store.monitor).toBe(true);
  });
});
