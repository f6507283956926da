import { type Analysis, argTexts, type Hit, isRootish, NET_TOOLS } from "../facts.js";
import { inlineCode, isShellOrInterpreter, readsProgramFromStdin, SHELLS } from "../resolve.js";

const DEV_NET = /\/dev\/(tcp|udp)\/([^/\s]+)\//;
const LOOPBACK = /^(localhost|127(\.\d+){3}|::1|\[::1\])$/i;
/** Socket code in a one-liner that also hands the socket to a shell or runs commands. */
const SOCKET =
  /socket|fsockopen|TCPSocket|IO::Socket|net\.connect|net\.Socket|UDPSocket|Net::|stream_socket_client/i;
const SPAWN =
  /dup2|exec|spawn|system|popen|subprocess|pty|\/bin\/(ba|z|da)?sh|cmd\.exe|child_process|proc_open|passthru|`/i;

/**
 * Tunnels that let someone elsewhere reach this machine, its shell, ports or files: `code
 * tunnel` (a remote VS Code with a terminal), `ngrok tcp 22`, `cloudflared tunnel`,
 * `tailscale serve|funnel`, `bore local`, `chisel client|server`, `frpc`, `lt --port`,
 * `sshx`, `tmate`, `upterm host`. Their only use is remote access, which an agent's
 * command has no business opening.
 */
function exposesMachine(n: string, t: readonly string[]): string | undefined {
  const tunnel = TUNNELS.get(n);
  if (tunnel) {
    const sub = t.find((x) => !x.startsWith("-")) ?? "";
    if (tunnel(sub, t)) return `${n} ${sub}`.trim();
  }
  return servesRoot(n, t);
}
/** Per tunnel program: does this subcommand (first operand) and argv open it? */
const TUNNELS = new Map<string, (sub: string, t: readonly string[]) => boolean>([
  ["code", (sub) => sub === "tunnel"],
  ["code-insiders", (sub) => sub === "tunnel"],
  ["ngrok", (sub) => /^(?:http|tcp|tls|start)$/.test(sub)],
  ["cloudflared", (sub) => sub === "tunnel" || sub === "access"],
  ["tailscale", (sub) => sub === "serve" || sub === "funnel"],
  ["bore", (sub) => sub === "local"],
  ["chisel", (sub) => sub === "client" || sub === "server"],
  ["frpc", () => true],
  ["lt", (_, t) => t.some((x) => x === "--port" || x === "-p")],
  ["sshx", () => true],
  ["tmate", () => true],
  ["upterm", (sub) => sub === "host"],
  ["ssh", (_, t) => sshRemoteForward(t)],
]);

/** ssh's options that take a value (ssh(1)), so the walk below stops at the host. */
const SSH_VALUED = /^-[a-zA-Z]*[bcDEeFIiJLlmOopQRSWw]$/;

/**
 * `ssh -R port:host:port …` (or `-o RemoteForward=…`) before the destination: a port
 * of this machine opened on a remote host, the same exposure as `ngrok tcp 22`.
 * `ssh host ls -R` passes: options after the host belong to the remote command.
 */
function sshRemoteForward(t: readonly string[]): boolean {
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    if (!a.startsWith("-")) return false;
    if (/^-[a-zA-Z]*R/.test(a)) return true;
    if (/^-o\s*RemoteForward\b/i.test(a)) return true;
    if (a === "-o" && /^RemoteForward\b/i.test(t[i + 1] ?? "")) return true;
    if (SSH_VALUED.test(a)) i++;
  }
  return false;
}

const rootish = (x: string | undefined) =>
  x !== undefined && isRootish({ text: x, raw: x, subst: false, vars: [], escaped: false });

/**
 * A file server handed the root, the home directory or a system directory: `busybox
 * httpd -h /`, `php -S 0.0.0.0:80 -t /`, `python3 -m http.server -d /`, `ruby -run -e
 * httpd /`, `http-server ~` (GTFOBins "file upload"). Serving the project passes.
 */
function servesRoot(name: string, args: readonly string[]): string | undefined {
  // `npx http-server ~`: the package npx runs is the server.
  const viaRunner = (name === "npx" || name === "bunx") && args.length > 0;
  const n = viaRunner ? (args.find((x) => !x.startsWith("-")) ?? name) : name;
  // Versioned interpreters (`python3.11`, `php8.2`) serve as their family does.
  const family = /^(php|python|ruby)[\d.]*$/.exec(n)?.[1] ?? n;
  const t = viaRunner ? args.slice(args.indexOf(n) + 1) : args;
  const after = (flags: RegExp) => t.some((x, i) => flags.test(x) && rootish(t[i + 1]));
  let server: boolean;
  switch (family) {
    case "busybox":
      server = t[0] === "httpd" && after(/^-h$/);
      break;
    case "httpd":
      server = after(/^-h$/);
      break;
    case "php":
      server = t.includes("-S") && after(/^-t$/);
      break;
    case "python":
      server =
        t.includes("http.server") &&
        (after(/^(?:-d|--directory)$/) ||
          t.some((x) => /^--directory=/.test(x) && rootish(x.slice(12))));
      break;
    case "ruby":
      server = t.includes("httpd") && t.some(rootish);
      break;
    case "http-server":
    case "serve":
    case "static-server":
    case "miniserve":
    case "darkhttpd":
      server = t.some((x) => !x.startsWith("-") && rootish(x));
      break;
    default:
      return undefined; // serves no files
  }
  return server ? `${n} ${t.join(" ")}` : undefined;
}

/**
 * shell.reverse-shell: a shell wired to the network — `/dev/tcp`/`/dev/udp` redirects
 * (allowed only as a plain port probe of a loopback address), `nc -e`, `ncat --exec`,
 * socat `exec:`/`system:`, a shell fed by or feeding a network tool in one pipeline, and
 * python/perl/ruby/php/node one-liners that open a socket and spawn a shell (GTFOBins
 * "reverse shell" entries).
 */
export function reverseShell(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    for (const r of c.sc.redirects) {
      const m = DEV_NET.exec(r.target?.text ?? r.target?.raw ?? "");
      if (!m) continue;
      const probe =
        LOOPBACK.test(m[2] as string) && !isShellOrInterpreter(c.r.name) && c.r.name !== "exec";
      if (!probe) return hit("shell.reverse-shell", r.target?.raw ?? c.sc.raw);
    }
    const t = argTexts(c.r);
    const n = c.r.name;
    if (
      (n === "nc" || n === "ncat" || n === "netcat" || n === "cryptcat" || n === "pwncat") &&
      t.some((x) => /^-[a-zA-Z]*[ec]$/.test(x) || /^--(exec|sh-exec|lua-exec)/.test(x))
    )
      return hit("shell.reverse-shell", c.sc.raw);
    // A listening socket joined to a terminal (`socat file:`tty`,raw tcp-listen:4444`): the
    // shell on that terminal is served to whoever connects.
    if (
      n === "socat" &&
      t.some((x) => /^\w*-listen[:,]/i.test(x)) &&
      t.some((x) => /^file:[^,]*(?:tty|pts)|`tty`|\$\(tty\)/i.test(x))
    )
      return hit("shell.reverse-shell", c.sc.raw);
    if (n === "socat" && t.some((x) => /(^|[,!])(exec|system):/i.test(x)))
      return hit("shell.reverse-shell", c.sc.raw);
    // A terminal opened on someone else's X display (`xterm -display 10.0.0.1:1`).
    if (
      /^(?:xterm|uxterm|urxvt|rxvt|xfce4-terminal|gnome-terminal|konsole)$/.test(n) &&
      t.some((x, i) => /^--?display$/.test(x) && /^[^:]+:\d/.test(t[i + 1] ?? ""))
    )
      return hit("shell.reverse-shell", c.sc.raw);
    const tunnel = exposesMachine(n, t);
    if (tunnel) return hit("shell.reverse-shell", tunnel);
    const code = inlineCode(c.r);
    if (code && SOCKET.test(code) && SPAWN.test(code)) return hit("shell.reverse-shell", c.sc.raw);
    if (
      t.some((x) => DEV_NET.test(x)) &&
      !LOOPBACK.test(DEV_NET.exec(t.find((x) => DEV_NET.test(x)) as string)?.[2] ?? "")
    )
      return hit("shell.reverse-shell", c.sc.raw);
  }
  for (const { p, stages } of a.pipes) {
    let net = false;
    let shell = false;
    // Loops, not stages.flat(): flat() was 2 % of judging a two-stage pipeline.
    for (const stage of stages)
      for (const c of stage) {
        net ||= NET_TOOLS.has(c.r.name);
        shell ||=
          readsProgramFromStdin(c.r) ||
          (SHELLS.has(c.r.name) && argTexts(c.r).some((x) => /^-[a-z]*i/.test(x)));
      }
    if (net && shell) return hit("shell.reverse-shell", p.raw);
  }
  return false;
}
