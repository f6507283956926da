/**
 * Reading what follows a shell operator inside a value that is not a command line: the
 * command word a shell would run there, spelt as the shell reads it (injection.ts decides
 * whether it makes the value a spliced command).
 */

/**
 * Programs a lone `&` or a backtick (which real file names contain: `salt & pepper.txt`)
 * must be followed by to count in a path: common POSIX and Windows commands an injection starts with.
 */
export const KNOWN_PROGRAMS = new Set(
  (
    "id whoami uname hostname pwd ls dir cat type more less head tail echo printf env set " +
    "sleep ping nslookup dig host curl wget nc ncat netcat socat telnet ssh scp bash sh zsh " +
    "dash ksh csh tcsh python python3 perl ruby php node lua awk sed grep find xargs rm mv cp " +
    "chmod chown kill killall ps netstat ifconfig ipconfig ip systeminfo tasklist net reg " +
    "powershell pwsh cmd certutil bitsadmin mshta rundll32 wmic schtasks crontab sudo su " +
    "nohup base64 xxd tar zip unzip touch mkdir mkfifo exec eval timeout phpinfo system " +
    // cmd.exe built-ins an injection starts with (`& FOR /F … DO`, `| IF EXIST …`)
    "for if call start copy del erase move ren mklink attrib icacls wevtutil vssadmin " +
    // discovery and admin tools an injection runs next (MITRE ATT&CK discovery techniques)
    "netsh sysinfo traceroute tracert findstr w who last lastlog qwinsta quser arp route sc " +
    "wmic nltest dsquery klist setspn net1 cscript wscript regedit tftp ftp sftp rsync " +
    "smbclient nmap tcpdump iptables ufw systemctl service getent groups dmesg mount df ps " +
    "lsof ss uname gcc cc openssl tee dd pkill useradd usermod passwd history export alias " +
    "strings od tr cut sort gawk docker kubectl at sysctl chattr shred truncate ln"
  ).split(" "),
);

/**
 * `name=value` at `i` (an assignment before a command): the offset just after the value, or
 * undefined. A scan of at most 130 characters, no slicing (this runs after every operator).
 */
function assignmentAt(s: string, i: number): number | undefined {
  let j = i;
  if (!isLetter(s[j]) && s[j] !== "_") return undefined;
  while (j - i < 31 && (isLetter(s[j]) || isDigit(s[j]) || s[j] === "_")) j++;
  if (s[j] !== "=") return undefined;
  j++;
  const end = j + 100;
  while (j < end && s[j] !== undefined && !isBlank(s[j]) && !";|&\n\r".includes(s[j] as string))
    j++;
  return j;
}
/** PowerShell cmdlets: Verb-Noun with an approved verb (`Get-Process`, `Invoke-Expression`). */
const CMDLET =
  /^(?:Get|Set|New|Remove|Invoke|Start|Stop|Add|Out|Write|Read|Select|Import|Export|Copy|Move|Clear|Test|Enable|Disable|Register|Restart|ConvertTo|ConvertFrom)-[A-Z][A-Za-z]{1,40}/;

/** An all-capitals word (`DIR`, `WHOAMI`): cmd.exe reads command names in any case. */
const isUpperWord = (w: string) => /^[A-Z][A-Z0-9]*$/.test(w);

export const isBlank = (c: string | undefined) => c === " " || c === "\t";
/** Ends a command word: a blank, an operator, a quote, a paren, `$`, or the end. */
const isWordEnd = (c: string | undefined) =>
  c === undefined || isBlank(c) || ";|&<>()'\"`$\n\r{}\\".includes(c);
const isLower = (c: string | undefined) => c !== undefined && c >= "a" && c <= "z";
const isWordChar = (c: string | undefined) =>
  c !== undefined && (isLower(c) || (c >= "0" && c <= "9") || c === "_" || c === "-");
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isLetter = (c: string | undefined) =>
  c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
const isPathChar = (c: string | undefined) =>
  c !== undefined && !isWordEnd(c) && c !== "\\" && c !== "*";

/**
 * The command word starting at `i` (after blanks, quotes, `(`, `{`, `!`), as
 * `[start, end)`, or undefined: a lower-case name (`id`, `net`, `system`), an absolute or
 * `./` path (`/usr/bin/id`), or an expansion (`$0`, `${IFS}`, `$(…)`).
 */
export function commandWordAt(s: string, from: number): { name: string } | undefined {
  let i = from;
  let brace = false;
  // A `+` right after the operator is a blank once a server form-decodes the value (`;+id`).
  const plus = s[i] === "+";
  while (s[i] === "+") i++;
  while (i < s.length && (isBlank(s[i]) || "'\"({!".includes(s[i] as string))) {
    if (s[i] === "{") brace = true;
    i++;
  }
  // `\id` runs id (the backslash only quotes the `i`); `x=1 id` runs id with x set.
  if (s[i] === "\\" && isLower(s[i + 1])) i++;
  const assign = isLetter(s[i]) || s[i] === "_" ? assignmentAt(s, i) : undefined;
  if (assign !== undefined) {
    if (s.startsWith("IFS=", i)) return { name: "IFS=" }; // re-splitting words to hide blanks
    if (isBlank(s[assign])) return commandWordAt(s, assign + 1);
  }
  const c = s[i];
  // cmd.exe's `%COMSPEC%` is the path of cmd.exe itself.
  if (c === "%" && s.slice(i, i + 9).toUpperCase() === "%COMSPEC%") return { name: "cmd" };
  // `~/bin/x`, `C:\Windows\System32\whoami.exe`: a program named by a home or drive path.
  if (isLetter(c) && s[i + 1] === ":" && s[i + 2] === "\\") {
    let j = i + 3;
    while (j < s.length && !isBlank(s[j]) && !";|&<>\n\r".includes(s[j] as string)) j++;
    return j - i > 4 ? { name: s.slice(i, j) } : undefined;
  }
  // `. file` sources a script; `:` is the null command fork bombs are built from (`:|:&`).
  if (c === "." && isBlank(s[i + 1]) && s[i + 2] !== undefined && !isBlank(s[i + 2]))
    return { name: "." };
  if (c === ":" && (s[i + 1] === "(" || s[i + 1] === "|" || s[i + 1] === "&")) return { name: ":" };
  if (c === "$") {
    const n = s[i + 1];
    // `$(…)`, `${…}`, `$name`, `$@`, and `$'\x69\x64'` (ANSI-C quoting spells the name)
    return n !== undefined &&
      (n === "(" || n === "{" || isWordChar(n) || isLetter(n) || n === "@" || n === "'")
      ? { name: "$" }
      : undefined;
  }
  // A command that starts with a redirection (`;</etc/passwd`, `;>x`) reads or writes a file.
  if ((c === "<" || c === ">") && (s[i + 1] === "/" || isLower(s[i + 1]))) return { name: c };
  if (c === "/" || ((c === "." || c === "~") && s[i + 1] === "/")) {
    if (c === "~") i++; // `~/bin/x`: a home path names the program as `/bin/x` would
    let j = i + 1;
    while (isPathChar(s[j])) j++;
    // `/usr/bin/id` ends in a name, not a slash; `/ ` alone is a path, not a program.
    if (j - i < 3 || s[j - 1] === "/" || !isWordEnd(s[j])) return undefined;
    return { name: s.slice(i, j) };
  }
  if (c !== undefined && c >= "A" && c <= "Z") {
    const cmdlet = CMDLET.exec(s.slice(i, i + 60));
    if (cmdlet && isWordEnd(s[i + cmdlet[0].length])) return { name: cmdlet[0].toLowerCase() };
    // Capitals count only as a whole known command (`& DIR`, `| TYPE C:\\…`); `a | B` is a name.
    let j = i;
    while (isWordChar(s[j]) || (s[j] !== undefined && s[j]! >= "A" && s[j]! <= "Z")) j++;
    const w = s.slice(i, j);
    if (!KNOWN_PROGRAMS.has(w.toLowerCase())) return undefined;
    if (isUpperWord(w) && isWordEnd(s[j])) return { name: w.toLowerCase() };
    // cmd.exe reads `Dir`, `Type` in any case: a known command given a drive path (`| Dir c:\`).
    return /^[ +]+[a-z]:[\\/%]/i.test(s.slice(j, j + 8)) ? { name: w.toLowerCase() } : undefined;
  }
  if (!isLower(c)) return undefined;
  let j = i;
  // Versioned names: `python3.11`, `gcc10.1` (a dot before a digit only: `draft.txt` is a file).
  // cmd.exe drops a `^` before any character (`wh^oami`).
  while (
    isWordChar(s[j]) ||
    (s[j] === "." && isDigit(s[j + 1]) && isDigit(s[j - 1])) ||
    (s[j] === "^" && isWordChar(s[j + 1]))
  )
    j++;
  // Windows program files: `cmd.exe /c …`, `whoami.exe`.
  const ext = /^\.(?:exe|com|bat|cmd|ps1)(?![\w.])/i.exec(s.slice(j, j + 5));
  if (ext) j += ext[0].length;
  // Brace expansion spells a command with its arguments: `{cat,/etc/passwd}`, `{id,}`.
  if (brace && s[j] === "," && s[j + 1] !== undefined && (!isWordEnd(s[j + 1]) || s[j + 1] === "}"))
    return { name: s.slice(i, j) };
  const name = s
    .slice(i, j)
    .replace(/\^/g, "")
    .replace(/\.(?:exe|com|bat|cmd|ps1)$/i, "");
  // A `+` is a form-encoded blank after the operator (`;+id`) or before a drive (`dir+c:\`).
  const formBlank = s[j] === "+" && (plus || /^\+[a-z]:[\\/%]/i.test(s.slice(j, j + 5)));
  return isWordEnd(s[j]) || formBlank ? { name } : undefined;
}

/**
 * The name a shell reads from the word at `from` once it removes quoting and empty
 * expansions: `w'h'o'am'i`, `""u""name`, `\w\h\o\a\m\i`, `$@id`, `${X}id` all spell the
 * program (commix's quote, backslash, `$@` and unset-variable tampers). At most 64 characters.
 */
export function spelledName(s: string, from: number): string {
  let i = from;
  while (isBlank(s[i]) || s[i] === "+") i++;
  let name = "";
  // No program an injection starts with has a name over 14 letters.
  for (const end = i + 64; i < end && i < s.length && name.length <= 14; i++) {
    const c = s[i] as string;
    if (isBlank(c) || ";|&<>()\n\r".includes(c)) break;
    if (c === "'" || c === '"' || c === "\\") continue;
    if (c === "$") {
      // `$@`, `$*` and an unset `${X}` expand to nothing inside a word.
      if (s[i + 1] === "@" || s[i + 1] === "*") {
        i++;
        continue;
      }
      if (s[i + 1] !== "{" || !(isLetter(s[i + 2]) || s[i + 2] === "_")) break;
      let j = i + 3;
      while (j < i + 34 && (isLetter(s[j]) || isDigit(s[j]) || s[j] === "_")) j++;
      if (s[j] !== "}") break;
      i = j;
      continue;
    }
    name += c;
  }
  return name;
}

/** Length of a written line-break escape at `i` (`\n`, `\x0a`, `\012`, `\u2028`), or 0. */
export function writtenBreak(s: string, i: number): number {
  const n = s[i + 1];
  const ad = (c: string | undefined) => c === "a" || c === "d" || c === "A" || c === "D";
  const notOctal = (c: string | undefined) => c === undefined || c < "0" || c > "7";
  const twelve = (j: number) => s[j] === "1" && (s[j + 1] === "2" || s[j + 1] === "5");
  if (n === "n" || n === "r") return 2;
  if ((n === "x" || n === "X") && s[i + 2] === "0" && ad(s[i + 3])) return 4;
  if (n === "u" && s.startsWith("000", i + 2) && ad(s[i + 5])) return 6;
  if (n === "u" && s.startsWith("202", i + 2) && (s[i + 5] === "8" || s[i + 5] === "9")) return 6;
  if (n === "0" && twelve(i + 2) && notOctal(s[i + 4])) return 4;
  if (twelve(i + 1) && notOctal(s[i + 3])) return 3;
  return 0;
}

/** Something other than blanks (or form-encoded `+` blanks) and operators follows `from`. */
export function startsWord(s: string, from: number): boolean {
  let i = from;
  while (i < s.length && (isBlank(s[i]) || s[i] === "+")) i++;
  const c = s[i];
  return c !== undefined && !";|&\n\r".includes(c);
}
