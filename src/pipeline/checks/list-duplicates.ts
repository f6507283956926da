import { AegisError, ErrorCode } from "../../protocol/errors.js";
import { type Check, PASS, type Verdict } from "../types.js";

/** The list methods whose items are looked up by name, and the member holding them. */
const NAMED_LISTS: Readonly<Record<string, string>> = {
  "tools/list": "tools",
  "prompts/list": "prompts",
};

/**
 * A tools/list or prompts/list answer that names one item twice is refused: clients keep
 * either definition (a Map keeps the last, a find() the first), so the one the checks
 * judged, pinned or filtered need not be the one the model reads and the client calls. It
 * runs before pinning, so a decoy beside a poisoned twin is never pinned. Within one page.
 */
export function listDuplicatesCheck(): Check {
  return {
    name: "list-duplicates",
    passesClean: (view) => !Object.hasOwn(NAMED_LISTS, view.inReplyTo.method),
    inspect(frame): Verdict {
      if (frame.direction !== "server-to-client" || frame.parsed.kind !== "response") return PASS;
      const method = frame.inReplyTo?.method;
      const key = method === undefined ? undefined : NAMED_LISTS[method];
      if (key === undefined) return PASS;
      const result = (frame.parsed.message as { result?: unknown }).result;
      const items =
        typeof result === "object" && result !== null
          ? (result as Record<string, unknown>)[key]
          : undefined;
      if (!Array.isArray(items)) return PASS;
      const seen = new Set<string>();
      for (const item of items) {
        const name = (item as { name?: unknown } | null)?.name;
        if (typeof name !== "string") continue;
        if (seen.has(name)) {
          const reason = `the server lists "${name}" twice in ${method}: clients would keep either definition`;
          return {
            ok: false,
            error: new AegisError(ErrorCode.InvalidRequest, { check: "list-duplicates", reason }),
          };
        }
        seen.add(name);
      }
      return PASS;
    },
  };
}
