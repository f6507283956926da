import { asSchema } from "./arg-tree.js";
import type { CompiledSanitizer } from "./compile.js";
import { toolProgram } from "./exec-shape.js";
import { resolveKind } from "./kind-of.js";
import { type FieldKind, kindFromToolName } from "./kinds.js";
import { toolTraits } from "./rules/index.js";

type Schema = NonNullable<ReturnType<typeof asSchema>>;

/** Keys of an exec-shaped call: its argv may start a shell (`bash -c …`). */
const ARGV_KEYS = new Set(["args", "argv", "arguments"]);

/** Schema nodes looked at per tool: a hostile server's schema costs no more than this. */
const MAX_NODES = 256;

/**
 * Whether a tool, as listed, may be handed a value the bash parser must read: a field that
 * resolves to the command kind (by the policy, the schema, the key, the tool's name or
 * traits, as a call's fields do), an argv, or a tool named after a shell or a program. Only
 * decides when the parser loads: a value met before it is ready waits for the load, so a
 * wrong "no" costs one wait, never a check.
 */
export function mayJudgeCommands(c: CompiledSanitizer, tool: Readonly<Record<string, unknown>>) {
  const name = typeof tool.name === "string" ? tool.name : undefined;
  if (name === undefined) return false;
  const traits = toolTraits(name, tool);
  const hint = kindFromToolName(name);
  if (traits.shell || hint === "command" || toolProgram(name) !== undefined) return true;
  const fields = c.fieldsFor(name);
  if (fields) for (const kind of fields.values()) if (kind === "command") return true;
  const queue: Array<[Schema, string, FieldKind, boolean]> = [];
  const root = asSchema(tool.inputSchema);
  if (root) queue.push([root, "", "unknown", true]);
  let seen = 0;
  while (queue.length > 0 && seen < MAX_NODES) {
    const [schema, canon, parent, top] = queue.shift() as [Schema, string, FieldKind, boolean];
    const props = asSchema(schema.properties);
    if (!props) continue;
    for (const key of Object.keys(props)) {
      if (++seen > MAX_NODES) break;
      if (ARGV_KEYS.has(key)) return true;
      const child = asSchema(props[key]);
      const path = canon === "" ? key : `${canon}.${key}`;
      const kind = resolveKind(key, path, child, parent, top, fields, hint, traits);
      if (kind === "command") return true;
      if (child) queue.push([child, path, kind, false]);
      const items = asSchema(child?.items);
      if (items) queue.push([items, `${path}.*`, kind, false]);
    }
  }
  return false;
}
