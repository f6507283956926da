import {
  commandFromDescription,
  type FieldKind,
  kindFromDescription,
  kindFromFormat,
  kindFromKey,
} from "./kinds.js";
import { contextKind } from "./rules/context-kinds.js";
import type { ToolTraits } from "./rules/traits.js";

/** Receives why a kind was chosen (only `mcp-aegis explain` asks). */
export type KindReason = (reason: string) => void;

/**
 * The kind of one argument; the order is documented in docs/sanitizer.md ("How a value is
 * judged") and is the one place that fixes it. `why`, when given, hears the deciding step.
 */
export function resolveKind(
  key: string,
  canon: string,
  schema: Readonly<Record<string, unknown>> | undefined,
  parent: FieldKind,
  top: boolean,
  fields: ReadonlyMap<string, FieldKind> | undefined,
  toolHint: FieldKind | undefined,
  traits: ToolTraits,
  why?: KindReason,
): FieldKind {
  const policy = fields?.get(canon) ?? fields?.get(key);
  if (policy) return said(why, `policy sets field "${fields?.has(canon) ? canon : key}"`, policy);
  if (parent === "env") return said(why, "an entry of an env map", "env");
  if (commandFromDescription(schema?.description))
    return said(why, "the schema description says it runs a shell command", "command");
  const format = kindFromFormat(schema?.format);
  if (format) return said(why, `schema format "${String(schema?.format)}"`, format);
  const context = contextKind(key, traits, parent, top);
  if (context) return said(why, context.reason, context.kind);
  const byKey = kindFromKey(key);
  if (byKey) return said(why, `key "${key}" names a ${byKey}`, byKey);
  const described = kindFromDescription(schema?.description);
  if (described) return said(why, "the schema description", described);
  if (parent !== "unknown") return said(why, `inside a ${parent} field`, parent);
  if (top && toolHint) return said(why, "the tool is named like a shell", toolHint);
  return said(why, "nothing names it", "unknown");
}

function said(why: KindReason | undefined, reason: string, kind: FieldKind): FieldKind {
  why?.(reason);
  return kind;
}
