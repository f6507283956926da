import { describe, expect, it } from "vitest";
import { canonicalResourceUri, protectedResourceMetadataUrl } from "../../src/auth/resource-uri.js";

describe("canonicalResourceUri", () => {
  it("lower-cases scheme and host, drops default ports, fragments and a bare trailing slash", () => {
    expect(canonicalResourceUri("HTTPS://MCP.Example.COM:443/")).toBe("https://mcp.example.com");
    expect(canonicalResourceUri("https://mcp.example.com/mcp#frag")).toBe(
      "https://mcp.example.com/mcp",
    );
    expect(canonicalResourceUri("http://127.0.0.1:8443/mcp")).toBe("http://127.0.0.1:8443/mcp");
  });
  it("refuses relative and non-http URIs", () => {
    expect(() => canonicalResourceUri("/mcp")).toThrow(TypeError);
    expect(() => canonicalResourceUri("ftp://x/mcp")).toThrow(TypeError);
  });
  it("puts the well-known segment between origin and path (RFC 9728)", () => {
    expect(protectedResourceMetadataUrl("https://h.example/mcp")).toBe(
      "https://h.example/.well-known/oauth-protected-resource/mcp",
    );
    expect(protectedResourceMetadataUrl("https://h.example/")).toBe(
      "https://h.example/.well-known/oauth-protected-resource",
    );
  });
});
