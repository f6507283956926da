/**
 * Sensitive files named by a glob (`cat /etc/sha*`, `cat /etc/s[h]adow`, `~/.ssh/id_*`): the
 * shell expands the pattern to the file, which the path checks, reading the pattern, miss.
 * A pattern is matched against the files below; its last segment must keep two literal
 * characters, so `ls /etc/*` (a listing) passes.
 */
const TARGETS = [
  "/etc/shadow",
  "/etc/gshadow",
  "/etc/passwd",
  "/etc/sudoers",
  "/etc/master.passwd",
  "~/.ssh/id_rsa",
  "~/.ssh/id_ecdsa",
  "~/.ssh/id_ed25519",
  "~/.ssh/authorized_keys",
  "~/.aws/credentials",
  "~/.bash_history",
  "~/.git-credentials",
  "~/.netrc",
  "~/.kube/config",
];

/** Longer patterns or more wildcards are not judged (a pattern's cost grows with both). */
const MAX_PATTERN = 120;
const MAX_WILDCARDS = 6;

function toRegex(glob: string): RegExp | undefined {
  let out = "";
  let wild = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === "*" || ch === "?") {
      if (++wild > MAX_WILDCARDS) return undefined;
      out += ch === "*" ? "[^/]*" : "[^/]";
    } else if (ch === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) return undefined;
      const body = glob.slice(i + 1, end).replace(/^!/, "^");
      out += `[${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = end;
    } else out += ch.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/** The sensitive file a glob word expands to, if any (`raw`: as written; quoted globs stay text). */
export function globTarget(word: string, raw: string): string | undefined {
  if (word.length > MAX_PATTERN || raw.length > 2 * MAX_PATTERN) return undefined;
  if (!/[*?[]/.test(raw.replace(/'[^']*'|"(?:[^"\\]|\\.)*"|\\./g, ""))) return undefined;
  const path = word.startsWith("$HOME/") ? `~/${word.slice(6)}` : word;
  if (!path.startsWith("/") && !path.startsWith("~/")) return undefined;
  const last = path.slice(path.lastIndexOf("/") + 1);
  if (last.replace(/[*?]|\[[^\]]*\]/g, "").length < 2) return undefined;
  const re = toRegex(path);
  return re === undefined ? undefined : TARGETS.find((t) => re.test(t));
}
