/**
 * Env-map values of the eighth pass: JVM option variables judged by their words (agents and
 * error hooks run code, heap and GC flags do not), vim's start-up commands, and index
 * overrides set to the ecosystem's own default registry.
 */
import { describe, expect, it } from "vitest";
import { isDefaultIndex, isJvmTuning } from "../../../src/sanitizer/rules/env-values.js";
import { checkEnvEntry } from "../../../src/sanitizer/shell/env.js";

describe("JVM option variables", () => {
  it("passes heap, GC and plain property settings", () => {
    for (const v of [
      "-Xmx2g",
      "-Xms512m -Xmx4g -XX:+UseG1GC -XX:MaxGCPauseMillis=200",
      "-Dfile.encoding=UTF-8 -Djava.awt.headless=true",
      "-Djava.security.egd=file:/dev/./urandom -XX:HeapDumpPath=/var/log/app",
    ])
      expect(isJvmTuning(v), v).toBe(true);
    expect(checkEnvEntry("MAVEN_OPTS", "-Xmx2g")).toBeUndefined();
    expect(checkEnvEntry("GRADLE_OPTS", "-Dorg.gradle.daemon=false")).toBeUndefined();
  });

  it("blocks agents, boot class paths, error hooks and class-loading properties", () => {
    for (const v of [
      "-javaagent:/tmp/evil.jar",
      "-Xmx1g -agentpath:/tmp/a.so",
      "-Xbootclasspath/a:/tmp/x",
      "-XX:OnOutOfMemoryError=sh -c id",
      "-Djava.system.class.loader=Evil",
      "-Dlog4j2.configurationFile=http://x.example/c.xml",
      "",
    ])
      expect(isJvmTuning(v), v).toBe(false);
    expect(checkEnvEntry("GRADLE_OPTS", "-javaagent:/tmp/x.jar")?.rule).toBe("env.code-loading");
    expect(checkEnvEntry("JAVA_TOOL_OPTIONS", "-javaagent:/tmp/x.jar")?.rule).toBe(
      "env.code-loading",
    );
  });
});

describe("start-up commands and default registries", () => {
  it("blocks vim's start-up commands", () => {
    expect(checkEnvEntry("VIMINIT", ":!id")?.rule).toBe("env.code-loading");
    expect(checkEnvEntry("EXINIT", "set nu")?.rule).toBe("env.code-loading");
  });

  it("passes an index override set to the default registry, and nothing else", () => {
    expect(checkEnvEntry("GOPROXY", "https://proxy.golang.org,direct")).toBeUndefined();
    expect(checkEnvEntry("npm_config_registry", "https://registry.npmjs.org/")).toBeUndefined();
    expect(isDefaultIndex("PIP_INDEX_URL", "https://pypi.org/simple")).toBe(true);
    expect(checkEnvEntry("GOPROXY", "https://proxy.golang.org.evil.example")?.rule).toBe(
      "env.index-override",
    );
    expect(checkEnvEntry("PIP_INDEX_URL", "https://pypi.example.org/simple")?.rule).toBe(
      "env.index-override",
    );
  });
});
