/** Variables that configure the shim itself: the server has no business with them. */
const OWN_PREFIXES = ["GUARDIAN_", "MCP_AEGIS_"];

/**
 * The server's environment: everything the client gave the shim (clients may replace
 * the environment, so pass it on) minus the shim's own settings and secrets.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (!OWN_PREFIXES.some((p) => k.startsWith(p))) out[k] = v;
  }
  return out;
}
