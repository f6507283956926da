/** Compiles `*`-wildcard tool patterns (e.g. `vault_*`, `*`) into one matcher. */
export function compileGlobs(patterns: readonly string[]): (name: string) => boolean {
  if (patterns.length === 0) return () => false;
  const source = patterns
    .map((p) =>
      p
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*"),
    )
    .join("|");
  const re = new RegExp(`^(?:${source})$`);
  return (name) => re.test(name);
}
