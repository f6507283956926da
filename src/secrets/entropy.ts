/**
 * Tests that tell a credential from a value that only sits where one could: its
 * randomness (Shannon entropy, as gitleaks measures it) and the shapes that are never
 * secrets (placeholders, hashes, UUIDs, integrity strings).
 */

const counts = new Uint32Array(128);

/**
 * Shannon entropy in bits per character (gitleaks' `shannonEntropy`: −Σ p·log2 p over the
 * characters). Random base64 scores ~5–6, hex ~3.7–4, English words and identifiers ~2–3.5.
 */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let other: Map<string, number> | undefined;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) counts[c] = (counts[c] as number) + 1;
    else {
      other ??= new Map();
      const ch = s[i] as string;
      other.set(ch, (other.get(ch) ?? 0) + 1);
    }
  }
  let h = 0;
  const add = (k: number) => {
    const p = k / n;
    h -= p * Math.log2(p);
  };
  for (let c = 0; c < 128; c++) if (counts[c]) add(counts[c] as number);
  if (other) for (const k of other.values()) add(k);
  return h;
}

/**
 * Values that stand in for a secret rather than being one. The facts come from gitleaks'
 * global allowlist (config/gitleaks.toml, 2026-07): true/false/null, one character
 * repeated, `$VAR`, `${VAR}`, `{{ template }}`, `%VAR%`, format verbs, `@VAR@`, and
 * system or home paths; plus the spellings documentation uses (`<your-key>`, `changeme`).
 */
const PLACEHOLDER =
  /^(?:true|false|null|none|undefined|(.)\1*|\$\d+|\$\{\d+\}|\$[A-Za-z_][\w]*|\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Za-z_]+%|%[+\-# 0]?[bcdeEfFgGoOpqstTUvxX]|\{\d{0,2}\}|@[A-Za-z_]+@|\/Users\/.*|\/(?:bin|etc|home|opt|tmp|usr|var)\/.*|<[^>]*>|\[[^\]]*\]|(?:your|my|the|insert|enter|example|sample|dummy|fake|test|placeholder)[\w.-]*|x{3,}[\w.-]*|\*{3,}.*|changeme|password|secret|redacted)$/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/**
 * Shapes that are identifiers, not credentials: UUIDs, git and content hashes in hex
 * (SHA-1, SHA-256, SHA-512 lengths), Subresource Integrity strings (`sha512-…` in every
 * lockfile) and semantic versions.
 */
const NOT_SECRET =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}|sha(?:1|256|384|512)-[A-Za-z0-9+/=]+|v?\d+(?:\.\d+){1,3}(?:[-+][\w.-]*)?)$/i;

export function isHashOrId(value: string): boolean {
  return NOT_SECRET.test(value);
}
