import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countAnsi, stripAnsi } from "../../src/inspect/ansi.js";
import { InspectionConfigSchema } from "../../src/inspect/config.js";
import type { Finding } from "../../src/inspect/findings.js";
import { countInvisible, decodeTags, stripInvisible } from "../../src/inspect/invisible.js";
import { normalizeForScan, type ScanOptions, scanText } from "../../src/inspect/scan-text.js";
import { redactSecrets } from "../../src/secrets/detectors.js";
import {
  BLANKS_FLAG,
  findInjectionsFully,
  NOT_PLAIN_FLAG,
  scanForInjections,
} from "../../src/text/injection.js";
import { CORPUS, PARAMS, text } from "./prefilter-texts.js";

/**
 * scanText takes whether a text is plain, whether it has runs of blanks and which
 * injection rules may match from one anchor pass. Against the scan it replaced (a regular
 * expression for each question, every rule and every detector on the whole text): the
 * same findings and the same text out, for every combination of actions.
 */
function scanTextReference(t: string, o: ScanOptions): { text: string; findings: Finding[] } {
  const findings: Finding[] = [];
  let out = t;
  const plain = !/[^\t\n\r\x20-\x7e]/.test(t);
  const ansi = plain ? 0 : countAnsi(t);
  if (ansi > 0) {
    findings.push({
      kind: "ansi",
      rule: "ansi-escape",
      path: "p",
      action: o.inspection.ansi,
      count: ansi,
    });
    if (o.inspection.ansi === "strip") out = stripAnsi(out);
  }
  const invisible = plain ? 0 : countInvisible(t);
  if (invisible > 0) {
    const rule = decodeTags(t) !== "" ? "unicode-tags" : "invisible-unicode";
    findings.push({
      kind: "invisible",
      rule,
      path: "p",
      action: o.inspection.invisible,
      count: invisible,
    });
    if (o.inspection.invisible === "strip") out = stripInvisible(out);
  }
  if (t.length >= 12)
    for (const rule of findInjectionsFully(normalizeForScan(t)))
      findings.push({ kind: "injection", rule: rule.id, path: "p", action: o.injection });
  if (o.redact) {
    const r = redactSecrets(out, true);
    out = r.text;
    const byType = new Map<string, number>();
    for (const type of r.types) byType.set(type, (byType.get(type) ?? 0) + 1);
    for (const [type, count] of byType)
      findings.push({ kind: "secret", rule: type, path: "p", action: "redact", count });
  }
  return { text: out, findings };
}

const options = fc.record({
  inspection: fc
    .record({
      ansi: fc.constantFrom("strip", "block", "log"),
      invisible: fc.constantFrom("strip", "block", "log"),
    })
    .map((a) => InspectionConfigSchema.parse(a)),
  injection: fc.constantFrom("block" as const, "log" as const),
  redact: fc.boolean(),
});

describe("scanText with the one-pass flags: the same as the scan it replaced", () => {
  it("plain and blank flags are the regular expressions' answers", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: "binary", maxLength: 40 })), (t) => {
        const flags = scanForInjections(t);
        expect(flags[NOT_PLAIN_FLAG] === 1).toBe(/[^\t\n\r\x20-\x7e]/.test(t));
        expect(flags[BLANKS_FLAG] === 1).toBe(/[ \t]{2,}|\t/.test(t));
      }),
      PARAMS,
    );
  });

  it("findings and text out, random texts and options", () => {
    fc.assert(
      fc.property(text, options, (t, o) => {
        expect(scanText(t, "p", o)).toEqual(scanTextReference(t, o));
      }),
      PARAMS,
    );
  });

  it("findings and text out, the corpora", () => {
    const o: ScanOptions = {
      inspection: InspectionConfigSchema.parse({}),
      injection: "block",
      redact: true,
    };
    for (const t of CORPUS) expect(scanText(t, "p", o), t).toEqual(scanTextReference(t, o));
  });
});
