import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import {
  checkOrigin,
  type OriginPolicy,
  parseHostHeader,
} from "../../../src/transport/http/guards.js";

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const loopback: OriginPolicy = {
  allowedOrigins: new Set(["https://app.example.com"]),
  allowedHosts: new Set(["mcp.example.com"]),
  loopbackOnly: true,
};

describe("checkOrigin (DNS rebinding, cross-site)", () => {
  it("accepts loopback and listed hosts, and loopback or listed origins", () => {
    expect(checkOrigin(req({ host: "127.0.0.1:8443" }), loopback)).toBeUndefined();
    expect(
      checkOrigin(req({ host: "[::1]:8443", origin: "http://localhost:3000" }), loopback),
    ).toBeUndefined();
    expect(
      checkOrigin(req({ host: "mcp.example.com", origin: "https://app.example.com" }), loopback),
    ).toBeUndefined();
  });
  it("refuses rebound host names and foreign or opaque origins", () => {
    expect(checkOrigin(req({ host: "evil.example.com:8443" }), loopback)).toMatch(/host/);
    expect(
      checkOrigin(req({ host: "127.0.0.1", origin: "http://evil.example.com" }), loopback),
    ).toMatch(/origin/);
    expect(checkOrigin(req({ host: "127.0.0.1", origin: "null" }), loopback)).toMatch(/origin/i);
    expect(checkOrigin(req({}), loopback)).toMatch(/Host/);
  });
  it("on a public bind with no host list, checks only origins", () => {
    const open: OriginPolicy = {
      allowedOrigins: new Set(),
      allowedHosts: new Set(),
      loopbackOnly: false,
    };
    expect(checkOrigin(req({ host: "anything.example" }), open)).toBeUndefined();
    expect(
      checkOrigin(req({ host: "anything.example", origin: "http://localhost:1" }), open),
    ).toMatch(/origin/);
  });
  it("may skip the Origin header (public metadata) but never the Host", () => {
    const o = { checkOriginHeader: false };
    expect(
      checkOrigin(req({ host: "127.0.0.1", origin: "https://other.example" }), loopback, o),
    ).toBeUndefined();
    expect(
      checkOrigin(req({ host: "evil.example.com", origin: "https://other.example" }), loopback, o),
    ).toMatch(/host/);
  });
});

describe("Host header parsed strictly (RFC 9110 host[:port])", () => {
  it.each([
    "127.0.0.1:8443@evil",
    "evil@127.0.0.1:8443",
    "127.0.0.1 :8443",
    "127.0.0.1:8443 evil",
    "127.0.0.1:8443:1",
    "127.0.0.1:99999",
    "127.0.0.1%2f",
    "[::1",
    "",
  ])("refuses %j on a loopback bind and on a public one", (host) => {
    expect(checkOrigin(req({ host }), loopback)).toMatch(/Host header is not host\[:port\]/);
    const open: OriginPolicy = {
      allowedOrigins: new Set(),
      allowedHosts: new Set(),
      loopbackOnly: false,
    };
    expect(checkOrigin(req({ host }), open)).toMatch(/Host header/);
  });

  it.each([
    ["127.0.0.1:8443", "127.0.0.1"],
    ["LOCALHOST", "localhost"],
    ["[::1]:80", "[::1]"],
    ["mcp.example.com:", "mcp.example.com"],
  ])("reads %s as %s", (host, name) => {
    expect(parseHostHeader(host)).toBe(name);
  });
});
