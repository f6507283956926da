/**
 * GNU sed's `e` command and the `e` flag of `s` run a command (sed(1), GTFOBins sed):
 * `sed -n '1e id' f`, `sed 's/x/id/e'`. Each `;`- or newline-separated command of each
 * script is looked at past its address.
 */
export function sedExecutes(t: readonly string[]): string | undefined {
  const scripts: string[] = [];
  let sawScript = false;
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    if (a === "-e" || a === "--expression") {
      scripts.push(t[i + 1] ?? "");
      sawScript = true;
      i++;
    } else if (a.startsWith("--expression=")) {
      scripts.push(a.slice(13));
      sawScript = true;
    } else if (a === "-f" || a === "--file" || a === "-l" || a === "--line-length") i++;
    else if (!a.startsWith("-") && !sawScript) {
      scripts.push(a);
      sawScript = true;
    }
  }
  for (const s of scripts)
    for (const part of s.split(/[;\n]/)) {
      const cmd = part.replace(
        /^\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)?(?:\s*,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/))?\s*!?\s*/,
        "",
      );
      if (/^e(?:\s|$)/.test(cmd)) return s;
      // `w /etc/x`: a write command to a file outside the project (not /dev/stdout).
      if (/^w\s*[/~]/.test(cmd) && !/^w\s*\/dev\/std(?:out|err)/.test(cmd)) return s;
      const sub = /^s(.)(?:(?!\1)[^\\]|\\.)*\1(?:(?!\1)[^\\]|\\.)*\1([a-zA-Z0-9]*)/.exec(cmd);
      if (sub && (sub[2] ?? "").replace(/w.*$/, "").includes("e")) return s;
    }
  return undefined;
}
