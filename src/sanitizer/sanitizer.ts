import {
  asSchema,
  childPath,
  excerptOf,
  type Node,
  pathOf,
  propertySchema,
  type Schema,
} from "./arg-tree.js";
import { type CompiledSanitizer, compileSanitizer } from "./compile.js";
import type { SanitizerConfig } from "./config.js";
import { checkString, NEEDS_PARSER } from "./detect.js";
import { isExecForm } from "./exec-shape.js";
import { mayJudgeCommands } from "./foresee.js";
import { resolveKind } from "./kind-of.js";
import { type FieldKind, kindFromFormat, kindFromToolName } from "./kinds.js";
import { usedAsKey } from "./line-words.js";
import { patchTargets } from "./patch-targets.js";
import { checkKindRules, legacyKind, type ToolTraits, toolTraits } from "./rules/index.js";
import type { RuleId } from "./rules.js";
import type { Finding, ScanOptions, ScanResult } from "./scan-types.js";
import { envListEntry, isEnvValueExempt } from "./shell/env.js";
import { loadShellParser, shellParserReady } from "./shell/parser.js";
import { judgeWhole } from "./whole-object.js";

export type { Finding, ScanOptions, ScanResult } from "./scan-types.js";
export { excerptOf };

type Tool = Readonly<Record<string, unknown>>;

/** One token with a `..` segment, written or encoded (a filter value read as a path). */
const climbsLikePath = (s: string) =>
  !/\s/.test(s) && /\.\.(?:[\\/]|%(?:25)*(?:2f|5c))|[\\/]\.\.|%(?:25)*2e|%c0%ae|\uff0e/i.test(s);

/** Clean keys remembered per kind; bounded like the key-kind cache. */
const CLEAN_KEYS_MAX = 4096;
const CLEAN_KEY_LENGTH = 256;

/**
 * The argv up to and including the word at `at` (an item of an array), after the program an
 * exec-shaped parent names (`{command: "ssh", args: ["-i", "~/.ssh/k", …]}`), as one line.
 */
function argvBefore(at: Node): string {
  const arr = at.parent?.value;
  if (!Array.isArray(arr) || typeof at.key !== "number") return "";
  const words = arr.slice(Math.max(0, at.key - 6), at.key + 1).filter((w) => typeof w === "string");
  const owner = at.parent?.parent?.value;
  if (typeof owner === "object" && owner !== null && !Array.isArray(owner)) {
    const o = owner as Record<string, unknown>;
    const program = o.command ?? o.cmd ?? o.program;
    if (typeof program === "string" && program !== arr[0]) words.unshift(program);
  }
  return words.join(" ");
}

/**
 * The argument sanitizer: walks tools/call arguments (values and keys, iteratively, so
 * depth cannot overflow the stack), decides each field's kind, and runs that kind's rules.
 *
 * @example
 * const s = new Sanitizer(SanitizerConfigSchema.parse({ roots: ["/srv/app"] }));
 * s.scan({ path: "..%2f..%2fetc/passwd" }, { tool: "read_file", maxScanBytes: 1 << 20, maxValueBytes: 1 << 23 })
 *   .blocked?.rule; // "path.traversal"
 */
export class Sanitizer {
  readonly compiled: CompiledSanitizer;
  /**
   * Keys no rule matched, by the tool's traits and the kind they were read as: argument
   * names repeat with every call, and the rules (kind rules and string rules) depend only on
   * the string, the kind, the traits and this (fixed) config. Traits objects are shared per
   * tool definition, so a new tools/list starts new sets and the old ones go with it.
   */
  readonly #cleanKeys = new WeakMap<ToolTraits, Map<FieldKind, Set<string>>>();

  constructor(config: SanitizerConfig) {
    this.compiled = compileSanitizer(config);
  }

  /**
   * Starts loading the bash parser (7–8 MB resident) when a listed tool may be handed a
   * command, so it is ready before the first call; servers without one never load it. A
   * command met before the load finished waits for it (scan() returns `pendingParser`).
   */
  foresee(tools: readonly unknown[]): void {
    if (!this.compiled.config.enabled || shellParserReady()) return;
    for (const t of tools) {
      if (typeof t === "object" && t !== null && mayJudgeCommands(this.compiled, t as Tool)) {
        void loadShellParser();
        return;
      }
    }
  }

  scan(args: unknown, o: ScanOptions): ScanResult {
    const c = this.compiled;
    const fields = c.fieldsFor(o.tool);
    const toolHint = kindFromToolName(o.tool);
    const traits = toolTraits(o.tool, o.toolDefinition);
    const collect = o.collect;
    let reason = "";
    const why = o.onKind
      ? (r: string) => {
          reason = r;
        }
      : undefined;
    const monitored: Finding[] = [];
    let blocked: Finding | undefined;
    let scanned = 0;

    const kindOf = (key: string, canon: string, schema: Schema, parent: FieldKind, top: boolean) =>
      resolveKind(key, canon, schema, parent, top, fields, toolHint, traits, why);

    // The string being inspected, for the finding builders below (one set of closures per
    // scan, not per string: this runs for every argument of every call).
    let curS = "";
    let curKind: FieldKind = "unknown";
    let curAt: Node | undefined;
    let curKey: string | undefined;
    let reported = false;
    let pendingParser: Promise<void> | undefined;
    /** Points the finding builders at the string being judged. */
    const focus = (s: string, at: Node, kind: FieldKind, key?: string) => {
      curS = s;
      curKind = kind;
      curAt = at;
      curKey = key;
    };
    const finding = (rule: RuleId, mode: Finding["mode"], part?: string): Finding => {
      const at = curAt as Node;
      const path = curKey === undefined ? pathOf(at) : childPath(pathOf(at), curKey);
      const inKey = curKey !== undefined;
      return { rule, path, inKey, kind: curKind, excerpt: excerptOf(part ?? curS), mode };
    };
    const reportAt = (rule: RuleId, part?: string): boolean => {
      reported = true;
      const at = curAt as Node;
      const mode =
        curKey === undefined
          ? c.modeAt(rule, o.tool, at.canon, typeof at.key === "string" ? at.key : "*")
          : c.modeAt(rule, o.tool, at.canon === "" ? curKey : `${at.canon}.${curKey}`, curKey);
      if (mode === "off") return false;
      const f = finding(rule, mode, part);
      collect?.push(f);
      if (mode === "monitor") {
        monitored.push(f);
        return false;
      }
      blocked ??= f;
      return collect === undefined;
    };

    // Returns true when the call must be refused. `key`: the string is that key of `at`.
    const inspect = (s: string, kind: FieldKind, at: Node, key?: string): boolean => {
      focus(s, at, kind, key);
      // An env entry's value is the program's configuration: some findings do not apply.
      // An argv word after `ssh -i` is a key used, not read out (line-words.ts usedAsKey);
      // also the first of `args` after `program: "ssh-add"`.
      const report =
        kind === "env" && key === undefined
          ? (rule: RuleId, part?: string) =>
              !isEnvValueExempt(rule, typeof at.key === "string" ? at.key : undefined, s) &&
              reportAt(rule, part)
          : kind === "argument" && typeof at.key === "number" // args[0] may follow `program`
            ? (rule: RuleId, part?: string) =>
                !(rule === "path.sensitive" && usedAsKey(argvBefore(at), s)) && reportAt(rule, part)
            : reportAt;
      if (s.length > o.maxValueBytes / 3 && Buffer.byteLength(s) > o.maxValueBytes) {
        blocked = finding("limit.value-bytes", "block");
        return true;
      }
      reported = false;
      // A name or filter that climbs like a path (`name: ../../etc/passwd`) is judged as one:
      // the server that looks the name up reads a file.
      const legacy = kind === "filter" && climbsLikePath(s) ? "path" : legacyKind(kind);
      const clean =
        key !== undefined && s.length <= CLEAN_KEY_LENGTH
          ? this.#cleanSet(traits, kind)
          : undefined;
      const known = clean?.has(s) === true;
      if (
        !known &&
        checkKindRules(
          s,
          kind,
          key ?? (typeof at.key === "string" ? at.key : undefined),
          traits,
          report,
        )
      )
        return true;
      if (legacy === "text") {
        if (clean && !known && !reported) this.#remember(clean, s);
        return collect === undefined && blocked !== undefined;
      }
      scanned += Buffer.byteLength(s);
      if (scanned > o.maxScanBytes) {
        blocked = finding("limit.scan-bytes", "block");
        return true;
      }
      if (known) return false;
      if (checkString(s, legacy, c, report) === NEEDS_PARSER) {
        pendingParser = loadShellParser();
        return true;
      }
      if (clean && !reported) this.#remember(clean, s);
      return collect === undefined && blocked !== undefined;
    };

    // Each target as an item of the patch field (`$.input[0]`): judged as a write's path,
    // under the field's own settings, and not as the read side a key named `input` would be.
    const checkPatch = (s: string, at: Node): boolean => {
      const targets = patchTargets(s);
      for (let i = 0; i < targets.length; i++) {
        const target = targets[i] as string;
        const node: Node = {
          value: target,
          parent: at,
          key: i,
          canon: at.canon,
          kind: "path",
          schema: undefined,
        };
        if (inspect(target, "path", node)) return true;
      }
      return false;
    };

    const schemaRoot = asSchema(o.toolDefinition?.inputSchema);
    const stack: Node[] = [
      { value: args, parent: undefined, key: "", canon: "", kind: "unknown", schema: schemaRoot },
    ];
    while (stack.length) {
      const n = stack.pop() as Node;
      const v = n.value;
      if (typeof v === "string") {
        o.onKind?.(pathOf(n), n.kind, n.reason ?? "the enclosing array's kind");
        // An env list (`env: ["LD_PRELOAD=/tmp/x.so"]`) sets what an env map does.
        const listed = n.kind === "env" && typeof n.key === "number" ? envListEntry(v) : undefined;
        if (listed) {
          focus(v, n, n.kind);
          if (reportAt(listed.rule, listed.part)) break;
        }
        if (inspect(v, n.kind, n)) break;
        // A patch writes the files its headers name: each is judged as a write's path.
        if (traits.write && checkPatch(v, n)) break;
      } else if (Array.isArray(v)) {
        const items = asSchema(n.schema?.items);
        const canon = n.canon === "" ? "*" : `${n.canon}.*`;
        // An exec-form command (`["python", "-c", "…"]`) is argv words, judged whole as argv
        // (whole-object.ts), not each a command line.
        const kind =
          fields?.get(canon) ??
          kindFromFormat(items?.format) ??
          (n.kind === "command" && isExecForm(v) ? "argument" : n.kind);
        for (let i = v.length - 1; i >= 0; i--) {
          stack.push({ value: v[i], parent: n, key: i, canon, kind, schema: items });
        }
      } else if (typeof v === "object" && v !== null) {
        // Keys only (values read below): Object.entries' pair arrays were 1 % of a call.
        const keys = Object.keys(v);
        let programKey: string | undefined;
        if (
          judgeWhole(
            v as Record<string, unknown>,
            n,
            o.tool,
            traits.write,
            (s, at, key) => focus(s, at, n.kind, key),
            reportAt,
            () => {
              pendingParser = loadShellParser();
            },
            (key) => {
              programKey = key;
            },
          )
        )
          break;
        let stop = false;
        for (const key of keys) {
          if (inspect(key, n.kind, n, key)) {
            stop = true;
            break;
          }
        }
        if (stop) break;
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i] as string;
          const value = (v as Record<string, unknown>)[key];
          const canon = n.canon === "" ? key : `${n.canon}.${key}`;
          const schema = propertySchema(n.schema, key);
          const kind =
            key === programKey ? "argument" : kindOf(key, canon, schema, n.kind, n.canon === "");
          const child: Node = { value, parent: n, key, canon, kind, schema };
          if (why) child.reason = reason;
          stack.push(child);
        }
      }
    }
    if (pendingParser) return { monitored, scannedBytes: scanned, pendingParser };
    return blocked
      ? { blocked, monitored, scannedBytes: scanned }
      : { monitored, scannedBytes: scanned };
  }

  #cleanSet(traits: ToolTraits, kind: FieldKind): Set<string> {
    let byKind = this.#cleanKeys.get(traits);
    if (!byKind) {
      byKind = new Map();
      this.#cleanKeys.set(traits, byKind);
    }
    let set = byKind.get(kind);
    if (!set) {
      set = new Set();
      byKind.set(kind, set);
    }
    return set;
  }

  #remember(clean: Set<string>, key: string): void {
    if (clean.size >= CLEAN_KEYS_MAX) clean.clear();
    clean.add(key);
  }
}
