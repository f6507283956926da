import { getLimits } from "../../config/limits.js";
import { rateLimitCheck } from "../../pipeline/checks/rate-limit.js";
import type { Context, Verdict } from "../../pipeline/types.js";
import { ErrorCode } from "../../protocol/errors.js";
import { RateLimitsSchema } from "../../ratelimit/config.js";
import { MemoryRateLimiter } from "../../ratelimit/memory.js";
import { readFrame } from "../../session/read-frame.js";
import type { SelfCheck } from "./verify-checks.js";

const GROUP = "Rate limiter";
const T0 = 1_700_000_000_000;

/** An in-memory limiter at 60 calls per minute, 3 back to back, on a clock we move by hand. */
function rig() {
  const check = rateLimitCheck({
    limiter: new MemoryRateLimiter(),
    config: () => RateLimitsSchema.parse({ default: { per_minute: 60, burst: 3 } }),
  });
  const read = readFrame(
    Buffer.from('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo"}}'),
    "client-to-server",
  );
  if (!("frame" in read)) throw new Error("the test message does not parse");
  const frame = read.frame;
  return (who: string, at: number): Verdict => {
    const ctx: Context = {
      principal: { id: who, roles: new Set() },
      limits: getLimits(),
      now: () => at,
      tools: new Map(),
    };
    const v = check.inspect(frame, ctx);
    if (v instanceof Promise) throw new Error("the in-memory limiter went asynchronous");
    return v;
  };
}

const limited = (v: Verdict) => !v.ok && v.error.code === ErrorCode.RateLimited;

/** The rate limiter limits: a burst passes, the next call waits, time refills, callers are apart. */
export function rateLimitChecks(): SelfCheck[] {
  const check = (name: string, run: () => boolean): SelfCheck => ({ group: GROUP, name, run });
  return [
    check("a burst of 3 calls passes", () => {
      const call = rig();
      return [0, 1, 2].every((i) => call("alice", T0 + i).ok);
    }),
    check("the 4th call in the same second is refused with a retry time", () => {
      const call = rig();
      for (let i = 0; i < 3; i++) call("alice", T0);
      const v = call("alice", T0);
      return limited(v) && !v.ok && /retry in \d+ second/.test(v.error.message);
    }),
    check("a second later one token is back (60 per minute)", () => {
      const call = rig();
      for (let i = 0; i < 4; i++) call("alice", T0);
      return call("alice", T0 + 1000).ok && limited(call("alice", T0 + 1000));
    }),
    check("each caller has its own bucket", () => {
      const call = rig();
      for (let i = 0; i < 4; i++) call("alice", T0);
      return call("bob", T0).ok;
    }),
  ];
}
