/**
 * Address parsing as lenient as the most lenient client: IPv4 in decimal, octal and hex,
 * with 1 to 4 parts (`2130706433`, `0x7f.1`, `0177.0.0.1` are all 127.0.0.1), and IPv6
 * with `::` and an embedded dotted quad.
 */

function parseV4Part(p: string): number | undefined {
  if (p === "") return undefined;
  let base = 10;
  let digits = p;
  if (/^0x/i.test(p)) {
    base = 16;
    digits = p.slice(2);
    if (digits === "") return 0;
  } else if (/^0o/i.test(p)) {
    // `0o177`: the octal prefix of newer parsers (PayloadsAllTheThings SSRF bypasses)
    base = 8;
    digits = p.slice(2);
  } else if (p.length > 1 && p[0] === "0") {
    base = 8;
    digits = p.slice(1);
  }
  const valid = base === 16 ? /^[0-9a-f]+$/i : base === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits) || digits.length > 12) return undefined;
  return Number.parseInt(digits, base);
}

/** The address as a 32-bit number, or undefined when the host is not an IPv4 literal. */
export function parseIPv4(host: string): number | undefined {
  const parts = host.endsWith(".") ? host.slice(0, -1).split(".") : host.split(".");
  if (parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    const n = parseV4Part(p);
    if (n === undefined) return undefined;
    nums.push(n);
  }
  let last = nums.pop() as number;
  if (nums.some((n) => n > 255)) return undefined;
  // Clients that keep only the low bits read `7147006462` as 169.254.169.254.
  if (last >= 256 ** (4 - nums.length)) last %= 256 ** (4 - nums.length);
  let v = 0;
  for (let i = 0; i < nums.length; i++) v += (nums[i] as number) * 256 ** (3 - i);
  return v + last;
}

/** Eight 16-bit groups, or undefined. */
export function parseIPv6(host: string): number[] | undefined {
  let h = host;
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  const zone = h.indexOf("%");
  if (zone >= 0) h = h.slice(0, zone);
  if (!h.includes(":") || h.length > 64) return undefined;
  const lastColon = h.lastIndexOf(":");
  const lastPart = h.slice(lastColon + 1);
  if (lastPart.includes(".")) {
    // Rewrite an embedded dotted quad as two hex groups.
    const v4 = parseIPv4(lastPart);
    if (v4 === undefined) return undefined;
    h = `${h.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = h.split("::");
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === "") return [];
    const out: number[] = [];
    for (const g of s.split(":")) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 && known !== 8) return undefined;
  if (known > 8) return undefined;
  const zeros = new Array<number>(8 - known).fill(0);
  return [...head, ...zeros, ...rest];
}

export type AddressClass = "loopback" | "private" | "link-local" | "metadata" | "unspecified";

const inV4 = (v: number, base: number, bits: number) =>
  Math.floor(v / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits));
const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

/** What kind of internal address an IPv4 number is, or undefined for a public one. */
export function classifyIPv4(v: number): AddressClass | undefined {
  if (v === v4(169, 254, 169, 254) || v === v4(169, 254, 170, 2) || v === v4(100, 100, 100, 200))
    return "metadata";
  if (v === v4(192, 0, 0, 192)) return "metadata";
  if (inV4(v, v4(0, 0, 0, 0), 8)) return "unspecified";
  if (inV4(v, v4(127, 0, 0, 0), 8)) return "loopback";
  if (inV4(v, v4(169, 254, 0, 0), 16)) return "link-local";
  if (
    inV4(v, v4(10, 0, 0, 0), 8) ||
    inV4(v, v4(172, 16, 0, 0), 12) ||
    inV4(v, v4(192, 168, 0, 0), 16) ||
    inV4(v, v4(100, 64, 0, 0), 10) ||
    inV4(v, v4(192, 0, 0, 0), 24) ||
    inV4(v, v4(198, 18, 0, 0), 15) ||
    inV4(v, v4(224, 0, 0, 0), 3) // multicast, reserved and broadcast
  )
    return "private";
  return undefined;
}

/** The same for IPv6, including IPv4 embedded in mapped, compatible, NAT64 and 6to4 forms. */
export function classifyIPv6(g: readonly number[]): AddressClass | undefined {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, x = 0, y = 0] = g;
  const embedded = x * 65536 + y;
  if (a === 0xfd00 && b === 0x0ec2 && c === 0 && d === 0 && e === 0 && f === 0 && x === 0)
    return y === 0x254 ? "metadata" : "private";
  if (a === 0 && b === 0 && c === 0 && d === 0) {
    if (e === 0 && f === 0 && x === 0 && y === 0) return "unspecified";
    if (e === 0 && f === 0 && x === 0 && y === 1) return "loopback";
    if ((e === 0 && (f === 0xffff || f === 0)) || (e === 0xffff && f === 0))
      return classifyIPv4(embedded) ?? (f === 0 && e === 0 ? "private" : undefined);
  }
  if (a === 0x64 && b === 0xff9b) return classifyIPv4(embedded);
  if (a === 0x2002) return classifyIPv4(b * 65536 + c);
  if ((a & 0xffc0) === 0xfe80) return "link-local";
  if ((a & 0xfe00) === 0xfc00) return "private";
  if ((a & 0xff00) === 0xff00) return "private";
  return undefined;
}
