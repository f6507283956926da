/**
 * The sanitizer's rules. Ids are stable: they appear in block messages, the audit log and
 * the `sanitizer.rules` section of the policy, so renaming one is a breaking change.
 */
export const RULES = {
  "shell.separator": "command separator (`;`, newline, carriage return) in a command-line value",
  "shell.chain": "command chaining (`&&`, `||`) in a command-line value",
  "shell.pipe": "pipe (`|`) in a command-line value",
  "shell.background": "background job (`&`) in a command-line value",
  "shell.redirect": "redirection (`<`, `>`) in a command-line value",
  "shell.substitution": "command substitution (`$(…)`, backticks, `<(…)`, `>(…)`)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: describes shell syntax
  "shell.expansion": "parameter expansion tricks (`${…}`, `$IFS`, `$'…'`, positional `$@`)",
  "shell.brace-expansion": "brace expansion (`{a,b}`, `{1..9}`) in a command-line value",
  "shell.injection":
    "a shell command spliced into a path, host, URL or name (`photo.png; id`, `host | nc …`), or a Shellshock value (`() { :;}; id`) in a header, setting or word",
  // Command values: judged on the bash syntax tree (src/sanitizer/shell/), by behaviour.
  "shell.download-exec": "content fetched from the network and run (`curl … | sh`, saved then run)",
  "shell.reverse-shell":
    "a shell wired to the network (`/dev/tcp`, `nc -e`, socat exec, socket one-liners)",
  "shell.destructive":
    "recursive delete/chmod/chown of `/`, `~`, system dirs; mkfs, dd to a disk, fork bomb",
  "shell.credential-exfil":
    "credentials, keys or identity output (`~/.ssh`, `.env`, `gh auth token`, `$(whoami).x.com`) sent off the machine",
  "shell.raw-socket-send":
    "command output piped into nc/ncat/socat/telnet toward a non-loopback host",
  "shell.persistence":
    "code planted to run later (rc files, authorized_keys, cron, systemd, git hooks)",
  "shell.privilege": "becoming or granting root (`sudo su`, setuid bits, setcap, sudoers, passwd)",
  "shell.shell-escape":
    "a program made to start a shell (`vi -c ':!/bin/sh'`, `strace /bin/sh`, `system(\"/bin/sh\")`)",
  "shell.obfuscation":
    "hidden commands (`base64 -d | sh`, `$IFS`, `$'\\x72\\x6d'`, `$a$b` names, eval of data)",
  "shell.index-override":
    "an install pointed at another package index (`--registry=…`, `pip --index-url …`, `npm config set registry …`)",
  "shell.anti-forensics":
    "covering tracks: shell history cleared or switched off (`history -c`, `unset HISTFILE`, `shred ~/.bash_history`)",
  "shell.probe":
    "a command calling an out-of-band interaction service, the callback of blind injection (`nslookup x.oastify.com`, `curl https://x.interact.sh`), or a ping of this machine chained on as its delay (`; ping -n 21 127.0.0.1`)",
  "shell.tamper":
    "the host's defences switched off, its credential stores dumped or a miner started (firewall, antivirus, SELinux, audit; SAM hive, lsass; xmrig)",
  "shell.parse-error":
    "a command value that does not parse as bash (refused, never passed unchecked)",
  "shell.parser-unavailable":
    "the bash parser could not be loaded, so a command value cannot be judged",
  "shell.limit": "a command value too large, too deeply nested or too slow to parse",
  "env.code-loading":
    "env-map key that makes a program load code (`LD_PRELOAD`, `NODE_OPTIONS`, `GIT_SSH_COMMAND`…)",
  "env.index-override":
    "env-map key that redirects a package index (`PIP_INDEX_URL`, `npm_config_registry`…)",
  "path.traversal": "`..` segment in a path, after decoding and normalisation",
  "path.sensitive": "path into a sensitive place (credentials, /etc/shadow, /proc, system dirs)",
  "path.file-url": "`file:` URL where a path or web URL is expected",
  "path.unc": "UNC or device path (`\\\\host\\share`, `//host/share`, `\\\\?\\`)",
  "path.outside-roots": "path that resolves outside the configured roots",
  "ctrl.null-byte": "null byte in a path, identifier, URL or command",
  "ctrl.control-char": "control character in a path, identifier or URL",
  "ssrf.internal-address": "URL or host naming a loopback, private or link-local address",
  "ssrf.metadata": "URL or host naming a cloud metadata endpoint",
  "ssrf.localhost-alias": "URL or host naming localhost by an alias or a rebinding domain",
  "ssrf.scheme": "non-web URL scheme (gopher, dict, ldap, …) where a web URL is expected",
  "arg.leading-dash":
    "positional identifier or path that starts with `-`, or an identifier with an option after a blank (argument injection)",
  "arg.dangerous-flag": "known dangerous flag (`--upload-pack`, `-oProxyCommand`, `--exec`, …)",
  "evasion.invisible": "zero-width, bidi-control or tag characters hidden in a value",
  "evasion.mixed-script":
    "a name, host, address or path mixing Latin with Cyrillic or Greek letters in one word (`аdmin`)",
  // Kind-specific rules (src/sanitizer/rules/): headers, mail, templates, SQL, archives, globs.
  "crlf.injection": "line break (CR, LF, U+2028, in any encoding) in a header, mail field or URL",
  "path.sensitive-write":
    "write by a write-type tool to a start-up file, credential, hook or system dir",
  "archive.entry-traversal":
    "archive entry name that climbs (`../`, `..\\`) or is absolute (zip-slip)",
  "glob.wide":
    "glob or target of a delete/move tool that reaches the root, home, a drive, a system tree or out of the workspace",
  "template.injection":
    // biome-ignore lint/suspicious/noTemplateCurlyInString: describes template syntax
    "server-side template code (`{{7*7}}`, `{{''.__class__}}`, `${T(…)}`, `<#assign`)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: describes a Log4j lookup
  "template.jndi": "Log4j `${jndi:…}` lookup, also in nested or obfuscated spellings",
  "sql.stacked": "destructive statement stacked after another in a SQL tool's query",
  "sql.os-command": "SQL that runs OS commands or reads/writes server files (`xp_cmdshell`, …)",
  "sql.injection":
    "SQL injection in a filter, search, name or id field (`' OR '1'='1`, `UNION SELECT`)",
  "prompt.injection": "instructions aimed at the model, or fake role tags, inside an argument",
  "limit.scan-bytes": "more text to scan than the sanitizer's scan cap",
  "limit.value-bytes": "one value larger than the argument size limit",
} as const;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** What happens when a rule matches. */
export type RuleMode = "block" | "monitor" | "off";

/** Rules that can never be switched off: they keep the scan itself bounded. */
export const LOCKED_RULES: ReadonlySet<RuleId> = new Set(["limit.scan-bytes", "limit.value-bytes"]);
