/*
 * What makes a container this machine: shared by shell.privilege (root on the host) and
 * shell.shell-escape (a shell a container runner starts runs in the container otherwise).
 */

/** `-v /:/host`, `--mount type=bind,src=/,…`, `--volume=/etc:/x`, `--pid=host`. */
export function hostEscape(t: readonly string[]): boolean {
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    const v = /^(?:-v|--volume|--mount|--bind)$/.test(a) ? (t[i + 1] ?? "") : a;
    if (
      /^(?:(?:-v|--volume|--bind)=?)?(?:\/|\/etc|\/root)\/?:/.test(v) &&
      (v !== a || /^-/.test(a))
    )
      return true;
    if (/(?:^|,)(?:src|source)=(?:\/|\/etc|\/root)\/?(?:,|$)/.test(v)) return true;
    if (/^--(?:pid|ipc|userns)=host$/.test(a) || (a === "--pid" && t[i + 1] === "host"))
      return true;
  }
  return false;
}
