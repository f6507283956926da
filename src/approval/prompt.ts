import { stripAnsi } from "../inspect/ansi.js";
import { countInvisible, stripInvisible } from "../inspect/invisible.js";
import { redactSecrets } from "../secrets/detectors.js";

const MAX_ARGUMENTS_CHARS = 2000;

/**
 * The text the user is asked to approve: the tool and its arguments as JSON, with
 * escape sequences and invisible characters removed (they could hide part of the
 * arguments from the user) and credentials masked; says so when it had to.
 */
export function approvalMessage(tool: string, args: unknown, server?: string): string {
  let json = JSON.stringify(args ?? {}, null, 2) ?? "{}";
  const notes: string[] = [];
  const hidden = countInvisible(json);
  const clean = stripInvisible(stripAnsi(json));
  if (clean !== json)
    notes.push(
      `${hidden > 0 ? `${hidden} hidden character(s)` : "escape sequences"} removed from the display`,
    );
  json = clean;
  const r = redactSecrets(json);
  if (r.types.length) notes.push(`credentials masked: ${[...new Set(r.types)].join(", ")}`);
  json = r.text;
  if (json.length > MAX_ARGUMENTS_CHARS) {
    notes.push(`arguments truncated (${json.length} characters)`);
    json = `${json.slice(0, MAX_ARGUMENTS_CHARS)}…`;
  }
  const where = server === undefined ? "" : ` on server "${server}"`;
  return `mcp-aegis: allow the call to tool "${tool}"${where}?\n\nArguments:\n${json}${notes.length ? `\n\n(${notes.join("; ")})` : ""}`;
}

/** The form the client shows: one required yes/no field, defaulting to no. */
export const APPROVAL_SCHEMA = {
  type: "object",
  properties: {
    approve: {
      type: "boolean",
      title: "Allow this call",
      description: "Check to let the call through; anything else refuses it.",
      default: false,
    },
  },
  required: ["approve"],
} as const;
