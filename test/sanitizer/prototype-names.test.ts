import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SANITIZER_CONFIG } from "../../src/sanitizer/config.js";
import { FIELD_KINDS } from "../../src/sanitizer/kinds.js";
import { Sanitizer } from "../../src/sanitizer/sanitizer.js";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";

/**
 * Names that are properties of every plain object. Tables of programs, key words and
 * formats looked up by name once answered `constructor --x` with Object's constructor (the
 * check threw, and the call was refused as an internal error) and read a key named
 * `constructor` as a function-valued kind.
 */
const NAMES = Object.getOwnPropertyNames(Object.prototype);
const limits = { maxScanBytes: 1 << 20, maxValueBytes: 1 << 23 };

describe("names that Object.prototype owns", () => {
  beforeAll(() => loadShellParser());
  const s = new Sanitizer(DEFAULT_SANITIZER_CONFIG);

  it.each(NAMES)("%s: as a program, a key and a schema format, judged like any name", (name) => {
    const command = s.scan({ command: `${name} --x -- y` }, { tool: "run_command", ...limits });
    expect(command.blocked).toBeUndefined();
    const argv = s.scan({ argv: [name, "--x", "y"] }, { tool: "exec", ...limits });
    expect(argv.blocked).toBeUndefined();
    const kinds: string[] = [];
    const def = { inputSchema: { properties: { v: { type: "string", format: name } } } };
    s.scan(
      { [name]: "hello", v: "hello" },
      { tool: "t", toolDefinition: def, ...limits, onKind: (_p, k) => kinds.push(k) },
    );
    expect(kinds).toHaveLength(2);
    for (const k of kinds) expect(FIELD_KINDS).toContain(k);
    // The same names still fail closed where the value is dangerous.
    expect(
      s.scan({ command: `${name} && rm -rf /` }, { tool: "run_command", ...limits }).blocked,
    ).toBeDefined();
  });
});
