import { classifyIPv4, classifyIPv6, parseIPv4, parseIPv6 } from "./ip.js";
import type { RuleId } from "./rules.js";

/** Schemes that reach internal services or local files when a web URL is expected. */
const BAD_SCHEMES = new Set([
  "gopher",
  "dict",
  "ldap",
  "ldaps",
  "tftp",
  "jar",
  "netdoc",
  "php",
  "phar",
  "expect",
  "data",
  "javascript",
  "vbscript",
  "smb",
  "sftp",
  "telnet",
  "ssh",
  "redis",
  "mysql",
  "postgres",
  "zookeeper",
]);
const WEB_SCHEMES = new Set(["http", "https", "ws", "wss", "ftp", "ftps"]);

const METADATA_NAMES = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.azure.internal",
  // other clouds' metadata services, by their documented names
  "metadata.packet.net",
  "metadata.platformequinix.com",
  "metadata.tencentyun.com",
  "metadata.oraclecloud.com",
  "metadata.hetzner.cloud",
]);
const LOCAL_NAMES = new Set([
  "localhost",
  "localhost.localdomain",
  "ip6-localhost",
  "ip6-loopback",
]);
/** Suffixes that only ever resolve inside a network, or to an address written in the name. */
const LOCAL_SUFFIXES = [".localhost", ".internal", ".local", ".localdomain", ".home.arpa"];
/**
 * Names no public DNS answers: Kubernetes service names (`kubernetes.default.svc`,
 * `redis.prod.svc`) and the private top-level names home and office networks use
 * (`nas.lan`, `wiki.corp`, `portal.intranet`), which ICANN keeps undelegated.
 */
const PRIVATE_SUFFIXES = [".svc", ".lan", ".corp", ".intranet"];
const REBINDING_SUFFIXES = [
  "nip.io",
  "sslip.io",
  "xip.io",
  "localtest.me",
  "lvh.me",
  "vcap.me",
  "fuf.me",
  "localh.st",
  "traefik.me",
  "1u.ms",
  "rbndr.us",
];

export interface HostPolicy {
  /** Hosts (`name` or `name:port`, lower-case) the policy allows even if internal. */
  allowedHosts: ReadonlySet<string>;
}

const endsWithLabel = (host: string, suffix: string) =>
  host === suffix || host.endsWith(suffix.startsWith(".") ? suffix : `.${suffix}`);

/** The SSRF rule a host breaks, or undefined. `port` is only used for the allow list. */
export function classifyHost(rawHost: string, port: string, p: HostPolicy): RuleId | undefined {
  let host = rawHost.toLowerCase();
  while (host.endsWith(".")) host = host.slice(0, -1);
  if (p.allowedHosts.has(host) || (port !== "" && p.allowedHosts.has(`${host}:${port}`)))
    return undefined;
  const v6 = host.includes(":") ? parseIPv6(host) : undefined;
  const cls = v6
    ? classifyIPv6(v6)
    : (() => {
        const v4 = parseIPv4(host);
        return v4 === undefined ? undefined : classifyIPv4(v4);
      })();
  if (cls === "metadata") return "ssrf.metadata";
  if (cls) return "ssrf.internal-address";
  if (v6 || host === "") return undefined;
  if (METADATA_NAMES.has(host)) return "ssrf.metadata";
  // `example.com.127.0.0.1`: a name whose last labels spell an internal address, for
  // readers that take the trailing number as the host (WHATWG refuses such a name).
  const quad = /(?:^|\.)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(host);
  const tail = quad ? parseIPv4(quad[1] as string) : undefined;
  if (tail !== undefined && classifyIPv4(tail)) return "ssrf.internal-address";
  if (LOCAL_NAMES.has(host)) return "ssrf.localhost-alias";
  for (const s of LOCAL_SUFFIXES) if (endsWithLabel(host, s)) return "ssrf.localhost-alias";
  for (const s of PRIVATE_SUFFIXES)
    if (host.endsWith(s) && host.length > s.length) return "ssrf.localhost-alias";
  for (const s of REBINDING_SUFFIXES) if (endsWithLabel(host, s)) return "ssrf.localhost-alias";
  return undefined;
}

/**
 * The authority's host and port as a lax parser would read them: everything between
 * `//` and the first `/ \ ? #`, after the last `@`. Checked besides the WHATWG reading so
 * that parser differentials (`http://a@127.0.0.1\@b`) do not slip through.
 */
function laxAuthority(rest: string): { host: string; port: string } {
  let end = rest.length;
  for (const stop of ["/", "\\", "?", "#"]) {
    const i = rest.indexOf(stop);
    if (i >= 0 && i < end) end = i;
  }
  let auth = rest.slice(0, end);
  const at = auth.lastIndexOf("@");
  if (at >= 0) auth = auth.slice(at + 1);
  if (auth.startsWith("[")) {
    const close = auth.indexOf("]");
    // An unclosed `[::ffff:127.0.0.1` is still read as that address by lax clients.
    if (close < 0) return { host: auth.slice(1), port: "" };
    return { host: auth.slice(0, close + 1), port: auth.slice(close + 2) };
  }
  // Trailing junk a lax client drops (`127.0.0.1!`, `127.0.0.1%09`).
  auth = auth.replace(/[^\w.:%-].*$/s, "");
  // A name or IPv4 address holds no `:`: the first one ends it (`127.1.1.1:80:\@…`).
  const colon = auth.indexOf(":");
  return colon >= 0
    ? { host: auth.slice(0, colon), port: auth.slice(colon + 1) }
    : { host: auth, port: "" };
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * A git remote over SSH (`ssh://git@gitlab.example.com:2222/team/repo.git`): how git clones
 * and pushes, not a way into a web fetch. Its host is still judged like any other.
 */
const GIT_OVER_SSH = /^(?:git\+)?ssh:\/\/[^/?#\s]+\/[^?#\s]*\.git\/?$/i;

/**
 * Checks one URL (or bare host, when `bareHost`) for SSRF: internal and metadata
 * addresses in any spelling, localhost aliases, and schemes that are not web schemes.
 */
export function checkUrl(value: string, p: HostPolicy, bareHost: boolean): RuleId | undefined {
  const v = value.trim();
  // A bare IPv6 address (`2001:4860:4860::8888`, `fe80::1`) is judged as the address it is:
  // read as a URL its first group is a host or a scheme (`2001` is 0.0.7.209, internal).
  if (bareHost && /^[\da-f:.[\]%]+$/i.test(v) && parseIPv6(v)) return classifyHost(v, "", p);
  const m = SCHEME.exec(v);
  let url = v;
  // `localhost:+11211aaa`, `localhost:00011211aaaa`: a name then a port padded with a sign,
  // zeros or trailing junk, which WHATWG reads as a scheme and a lax client as host and
  // port (SecLists SSRF_hacktricks). A plain `db:5432` keeps the reading it had; a word of
  // a command line is not read so at all.
  const port = m === null ? "" : v.slice((m[1] as string).length + 1);
  const hostPort = bareHost && /^(?:\+|0\d|\d+[^\d/])/.test(port);
  // `File::Slurp`, `std::fs`: a package path (Perl, Rust, C++), not a URL.
  if (m && v[m[0].length] === ":") return undefined;
  // A word of a command line that ends at its colon (`data:`, `gopher:` as a YAML key in a
  // here-document) names no resource.
  if (m && !bareHost && v.length === m[0].length) return undefined;
  if (m && !hostPort && (m[1] as string).length > 1) {
    const scheme = (m[1] as string).toLowerCase();
    if (scheme === "file") return "path.file-url";
    if (GIT_OVER_SSH.test(v)) url = `http${v.slice(v.indexOf(":"))}`;
    else if (BAD_SCHEMES.has(scheme)) return "ssrf.scheme";
    else if (!WEB_SCHEMES.has(scheme)) return undefined;
  } else if (hostPort) {
    url = `http://${v}`;
  } else if (v.startsWith("//")) {
    url = `http:${v}`;
  } else if (bareHost) {
    if (/\s/.test(v) || v === "") return undefined;
    url = `http://${v}`;
  } else {
    return undefined;
  }
  const afterSlashes = url.slice(url.indexOf(":") + 1).replace(/^[/\\]*/, "");
  const lax = laxAuthority(afterSlashes);
  const laxRule = classifyHost(lax.host, lax.port, p);
  if (laxRule) return laxRule;
  // PHP's parse_url and other lax readers take the host after the last `@` before the
  // first `/`, across `?` and `#` (`http://1.1.1.1&@2.2.2.2#@127.3.3.3/`; Orange Tsai,
  // "A New Era of SSRF", via danielmiessler/SecLists@2145b2fd Fuzzing/SSRF_hacktricks.txt).
  const slash = afterSlashes.search(/[/\\]/);
  const head = slash < 0 ? afterSlashes : afterSlashes.slice(0, slash);
  const at = head.lastIndexOf("@");
  if (at >= 0 && /[?#]/.test(head.slice(0, at))) {
    const late = laxAuthority(head.slice(at + 1));
    const lateRule = classifyHost(late.host, late.port, p);
    if (lateRule) return lateRule;
  }
  try {
    const parsed = new URL(url);
    return classifyHost(parsed.hostname, parsed.port, p);
  } catch {
    return undefined;
  }
}
