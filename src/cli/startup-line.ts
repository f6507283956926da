import { resolve } from "node:path";
import type { Logger } from "../audit/logger.js";
import type { PolicyDocument } from "../policy/schema.js";

declare const __VERSION__: string;

const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";

/** What the one start-up line says about a run. */
export interface StartupFacts {
  transport: "stdio" | "http";
  policyFile: string;
  document: PolicyDocument;
  monitor: boolean;
  /** The local principal (stdio, or HTTP with --no-auth); undefined when tokens name it. */
  principal?: { id: string; roles: readonly string[] };
  /** HTTP mode: the address listened on. */
  listen?: string;
}

/** The policy entries that cover `principal`: named by their key or holding one of its roles. */
export function coveringEntries(
  document: PolicyDocument,
  principal: { id: string; roles: readonly string[] },
): string[] {
  return Object.entries(document.principals)
    .filter(
      ([name, e]) => name === principal.id || e.roles.some((r) => principal.roles.includes(r)),
    )
    .map(([name]) => name);
}

/**
 * Logs, at info (the default level), one line saying what this run enforces, and warns
 * when the principal matches no policy entry: then only the defaults apply, which under
 * deny by default hide every tool, and without this line nothing at the default level
 * said why a client saw an empty list.
 */
export function logStartup(logger: Logger, f: StartupFacts): void {
  const mode = f.monitor ? "monitor" : "enforce";
  const policy = resolve(f.policyFile);
  const who = f.principal
    ? `principal "${f.principal.id}" roles [${f.principal.roles.join(", ")}]`
    : "principal from each caller's token";
  const where = f.listen !== undefined ? ` on ${f.listen}` : "";
  logger.info(
    {
      version: VERSION,
      transport: f.transport,
      policy,
      mode,
      ...(f.principal ? { principal: f.principal.id, roles: f.principal.roles } : {}),
      ...(f.listen !== undefined ? { listen: f.listen } : {}),
    },
    `mcp-aegis ${VERSION} (${f.transport}${where}): policy ${policy}, ${who}, ${mode}`,
  );
  if (!f.principal || coveringEntries(f.document, f.principal).length > 0) return;
  const entries = Object.entries(f.document.principals).map(
    ([name, e]) => `${name} [${e.roles.join(", ")}]`,
  );
  logger.warn(
    { principal: f.principal.id, roles: f.principal.roles, entries },
    `principal "${f.principal.id}" with roles [${f.principal.roles.join(", ")}] matches no entry of ${policy} (entries: ${entries.join("; ") || "none"}): only the defaults apply (defaults.effect: ${f.document.defaults.effect})`,
  );
}
