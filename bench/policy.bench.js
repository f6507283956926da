// Policy decisions per second for policies of 10, 1,000 and 10,000 rules, against a naive
// baseline measured in the same run: the same compiled patterns tested one by one (what
// an engine without an index does). Run: npm run bench:policy (builds first).
import { compilePattern, PolicySchema, YamlPolicyEngine } from "../dist/index.js";

const DURATION_MS = Number(process.env.BENCH_MS ?? 1000);

/** A policy with `n` tool rules: half exact names, half namespaced-prefix wildcards, a few denies. */
function policyOf(n) {
  const tools = [];
  for (let i = 0; i < n; i++) {
    if (i % 10 === 9) tools.push({ pattern: `tool_${i}_*`, actions: ["execute"], effect: "deny" });
    else if (i % 2) tools.push({ pattern: `tool_${i}`, actions: ["read", "execute"] });
    else
      tools.push({
        pattern: `grp_${i}_*`,
        actions: ["execute"],
        when: { path: { under: "/workspace" } },
      });
  }
  return PolicySchema.parse({ version: "1", principals: { dev: { roles: ["dev"], tools } } });
}

function measure(label, fn, requests) {
  let i = 0;
  const end = performance.now() + DURATION_MS;
  let ops = 0;
  // Check the clock every 1,000 decisions so timing costs stay out of the measurement.
  while (performance.now() < end) {
    for (let k = 0; k < 1000; k++) fn(requests[i++ % requests.length]);
    ops += 1000;
  }
  const perSec = (ops * 1000) / DURATION_MS;
  return { label, perSec };
}

function requestsFor(n) {
  const principal = { id: "agent", roles: new Set(["dev"]) };
  const names = [];
  for (let i = 0; i < 64; i++) {
    const k = (i * 7919) % n;
    names.push(k % 2 ? `tool_${k}` : `grp_${k}_read`, `unknown_${i}`);
  }
  return names.map((name) => ({
    principal,
    action: "execute",
    target: { kind: "tool", name },
    arguments: { path: "/workspace/src/a.ts" },
  }));
}

const rows = [];
for (const n of [10, 1000, 10_000]) {
  const doc = policyOf(n);
  const engine = new YamlPolicyEngine(doc);
  const patterns = doc.principals.dev.tools.map((r) => compilePattern(r.pattern));
  const requests = requestsFor(n);
  const naive = (r) => {
    for (const p of patterns) if (p.matches(r.target.name)) return true;
    return false;
  };
  const a = measure(`engine, ${n} rules`, (r) => engine.evaluate(r), requests);
  const b = measure(`naive scan, ${n} rules`, naive, requests);
  rows.push({ ...a, vsNaive: a.perSec / b.perSec }, { ...b, vsNaive: 1 });
}
for (const r of rows) {
  console.log(
    `${r.label.padEnd(26)} ${Math.round(r.perSec).toLocaleString("en-US").padStart(12)} decisions/s  (${r.vsNaive.toFixed(2)}× naive scan)`,
  );
}
