import { describe, expect, it } from "vitest";
import { classifyIPv4, classifyIPv6, parseIPv4, parseIPv6 } from "../../src/sanitizer/ip.js";
import { isFileUrl } from "../../src/sanitizer/paths.js";
import { checkUrl } from "../../src/sanitizer/ssrf.js";

const none = { allowedHosts: new Set<string>() };

describe("IP parsing", () => {
  it("reads IPv4 in every spelling clients accept", () => {
    const lo = 0x7f000001;
    for (const s of ["127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.1"])
      expect(parseIPv4(s), s).toBe(lo);
    expect(parseIPv4("example.com")).toBeUndefined();
    expect(parseIPv4("256.0.0.1")).toBeUndefined();
  });

  it("reads IPv6 with :: and embedded IPv4", () => {
    expect(parseIPv6("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6("[::ffff:127.0.0.1]")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(parseIPv6("1:2:3")).toBeUndefined();
  });

  it("classifies internal ranges and leaves public ones", () => {
    expect(classifyIPv4(parseIPv4("10.1.2.3") as number)).toBe("private");
    expect(classifyIPv4(parseIPv4("169.254.169.254") as number)).toBe("metadata");
    expect(classifyIPv4(parseIPv4("8.8.8.8") as number)).toBeUndefined();
    expect(classifyIPv6(parseIPv6("64:ff9b::a9fe:a9fe") as number[])).toBe("metadata");
    expect(classifyIPv6(parseIPv6("2002:7f00:1::") as number[])).toBe("loopback");
    expect(classifyIPv6(parseIPv6("2001:db8::1") as number[])).toBeUndefined();
  });
});

describe("checkUrl", () => {
  it("refuses internal, metadata and alias hosts", () => {
    expect(checkUrl("http://127.0.0.1/", none, false)).toBe("ssrf.internal-address");
    expect(checkUrl("http://169.254.169.254/", none, false)).toBe("ssrf.metadata");
    expect(checkUrl("http://metadata.google.internal/", none, false)).toBe("ssrf.metadata");
    expect(checkUrl("http://LOCALHOST./", none, false)).toBe("ssrf.localhost-alias");
    expect(checkUrl("http://127.0.0.1.nip.io/", none, false)).toBe("ssrf.localhost-alias");
  });

  it("reads the authority like a lax parser too (parser differentials)", () => {
    expect(checkUrl("http://127.0.0.1:80\\@example.com/", none, false)).toBe(
      "ssrf.internal-address",
    );
    expect(checkUrl("http://example.com@10.0.0.1/", none, false)).toBe("ssrf.internal-address");
  });

  it("reads hosts lax clients still resolve: junk after, unclosed brackets, 0o, overflow", () => {
    expect(checkUrl("https://127.0.0.1!/", none, false)).toBe("ssrf.internal-address");
    expect(checkUrl("http://[::ffff:127.0.0.1", none, false)).toBe("ssrf.internal-address");
    expect(checkUrl("http://[0:0:0:0:0:ffff:a9fe:a9fe", none, false)).toBe("ssrf.metadata");
    expect(checkUrl("http://0o177.0.0.1/", none, false)).toBe("ssrf.internal-address");
    expect(checkUrl("http://7147006462/", none, false)).toBe("ssrf.metadata");
    expect(checkUrl("https://metadata.packet.net/userdata", none, false)).toBe("ssrf.metadata");
    expect(checkUrl("https://example.com!/x", none, false)).toBeUndefined();
    expect(checkUrl("https://[2001:db8::1", none, false)).toBeUndefined();
    expect(checkUrl("https://api.example.com:8443/v1", none, false)).toBeUndefined();
  });

  it("refuses non-web schemes and file URLs, passes others it does not know", () => {
    expect(checkUrl("gopher://x/", none, false)).toBe("ssrf.scheme");
    expect(checkUrl("file:///etc/passwd", none, false)).toBe("path.file-url");
    expect(checkUrl("memo://insights", none, false)).toBeUndefined();
    expect(checkUrl("mailto:a@example.com", none, false)).toBeUndefined();
  });

  it("reads a bare host only when asked", () => {
    expect(checkUrl("169.254.169.254/latest", none, true)).toBe("ssrf.metadata");
    expect(checkUrl("169.254.169.254/latest", none, false)).toBeUndefined();
  });

  it("honours the allow list by host or host:port", () => {
    const allow = { allowedHosts: new Set(["localhost:3000", "10.0.0.5"]) };
    expect(checkUrl("http://localhost:3000/x", allow, false)).toBeUndefined();
    expect(checkUrl("http://localhost:4000/x", allow, false)).toBe("ssrf.localhost-alias");
    expect(checkUrl("http://10.0.0.5:8080/", allow, false)).toBeUndefined();
  });

  it("passes public URLs with & and | in the query", () => {
    expect(checkUrl("https://example.com/?a=1&b=2|3", none, true)).toBeUndefined();
    expect(checkUrl("https://api.internal-tools.example.com/", none, true)).toBeUndefined();
  });
});

describe("package paths are not URLs", () => {
  // `File::Slurp` read as scheme `File` made every Perl File:: module a file: URL.
  it("reads `Name::Sub` as no URL, `file:` and `file:///` as file URLs", () => {
    expect(checkUrl("File::Slurp", none, false)).toBeUndefined();
    expect(checkUrl("std::fs::read", none, false)).toBeUndefined();
    expect(isFileUrl("File::Find")).toBe(false);
    expect(checkUrl("file:///etc/passwd", none, false)).toBe("path.file-url");
    expect(isFileUrl("file:/etc/passwd")).toBe(true);
  });
});

describe("eighth pass: hosts and git remotes", () => {
  it("judges a bare IPv6 host as the address it is", () => {
    expect(checkUrl("2001:4860:4860::8888", none, true)).toBeUndefined();
    expect(checkUrl("2606:4700:4700::1111", none, true)).toBeUndefined();
    expect(checkUrl("fe80::1", none, true)).toBe("ssrf.internal-address");
    expect(checkUrl("::1", none, true)).toBe("ssrf.internal-address");
    expect(checkUrl("::ffff:169.254.169.254", none, true)).toBe("ssrf.metadata");
  });

  it("reads a git remote over ssh by its host, not its scheme", () => {
    expect(
      checkUrl("ssh://git@gitlab.example.com:2222/team/repo.git", none, false),
    ).toBeUndefined();
    expect(checkUrl("git+ssh://git@github.com/acme/app.git", none, false)).toBeUndefined();
    expect(checkUrl("ssh://git@127.0.0.1/team/repo.git", none, false)).toBe(
      "ssrf.internal-address",
    );
    expect(checkUrl("ssh://evil.example/x", none, false)).toBe("ssrf.scheme");
  });

  it("treats cluster and private top-level names as internal", () => {
    for (const u of ["http://kubernetes.default.svc/api", "http://nas.lan/", "https://wiki.corp/x"])
      expect(checkUrl(u, none, false), u).toBe("ssrf.localhost-alias");
    for (const u of ["https://svc.example.com/", "https://example.com/corp", "http://plan.com/"])
      expect(checkUrl(u, none, false), u).toBeUndefined();
  });
});
