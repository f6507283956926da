import { dirname, resolve } from "node:path";
import type { ClientChannel } from "../approval/channel.js";
import { LateChannel } from "../approval/channel.js";
import { ApprovalConfigSchema } from "../approval/config.js";
import { ApprovalGate } from "../approval/gate.js";
import type { AuditSink } from "../audit/audit.js";
import type { Logger } from "../audit/logger.js";
import {
  InspectionConfigSchema,
  type RootsConfig,
  SamplingConfigSchema,
} from "../inspect/config.js";
import { monitorReporter } from "../inspect/monitor-report.js";
import { Quarantine } from "../inspect/quarantine.js";
import type { Reporter } from "../inspect/report.js";
import { type PinningConfig, PinningConfigSchema } from "../pinning/config.js";
import { defaultPinFile, serverKey } from "../pinning/pin-file.js";
import { PinStore } from "../pinning/pin-store.js";
import { approvalCaptureCheck } from "../pipeline/checks/approval-capture.js";
import { inspectContentCheck } from "../pipeline/checks/inspect-content.js";
import { pinningCheck } from "../pipeline/checks/pinning.js";
import { quarantineCheck } from "../pipeline/checks/quarantine.js";
import { rootsChecks } from "../pipeline/checks/roots.js";
import { samplingCheck } from "../pipeline/checks/sampling.js";
import { secretArgumentsCheck } from "../pipeline/checks/secret-arguments.js";
import { type Check, PASS } from "../pipeline/types.js";
import { SecretsConfigSchema } from "../secrets/config.js";

/** The defence sections as a policy document carries them (all optional). */
export interface DefenceSections {
  inspection?: unknown;
  secrets?: unknown;
  pinning?: unknown;
  sampling?: unknown;
  roots?: RootsConfig | undefined;
  approval?: unknown;
}

export interface DefencesOptions {
  sections: DefenceSections;
  /** The policy file (pin file default sits beside it). */
  policyFile?: string;
  /** `--pin-file`: turns pinning on even without a `pinning:` section. */
  pinFile?: string;
  serverName?: string;
  /** The server's command line (identifies its pins when there is no server name). */
  argv: readonly string[];
  audit: AuditSink;
  logger: Logger;
  /** Policy monitor mode: changed pins and injections are reported, not blocked. */
  monitor?: boolean;
  /**
   * A pin store shared with other sessions of the same server (HTTP mode: one per server,
   * one writer per process); by default one is opened here when pinning is on.
   */
  pins?: PinStore;
}

export interface Defences {
  /** Client → server checks (after policy): quarantine, credential arguments, roots narrowing. */
  clientChecks: Check[];
  /** Server → client checks to run before the policy filters lists: pinning (it must see every tool). */
  beforePolicyFilter: Check[];
  /** Server → client checks (after size and depth): inspection, sampling, roots. */
  serverChecks: Check[];
  quarantine: Quarantine;
  pins?: PinStore;
  /** Asks the user about `ask` rules (pass `approval.ask` to the policy check). */
  approval: ApprovalGate;
  /** Binds the session the approval gate asks through (call from `onSession`). */
  bindSession(session: ClientChannel): void;
}

/** Where the pins live, or undefined when pinning is off. */
export function resolvePinFile(
  pinning: PinningConfig | undefined,
  o: { pinFile?: string; policyFile?: string },
): string | undefined {
  if (o.pinFile !== undefined) return resolve(o.pinFile);
  if (!pinning?.enabled) return undefined;
  if (pinning.file !== undefined)
    return resolve(o.policyFile ? dirname(resolve(o.policyFile)) : ".", pinning.file);
  return o.policyFile ? defaultPinFile(o.policyFile) : undefined;
}

/**
 * Opens the pin store the options ask for, or undefined when pinning is off. Throws
 * PinFileError when an existing pin file is unreadable.
 */
export function openPinStore(o: Omit<DefencesOptions, "audit" | "pins">): PinStore | undefined {
  const pinning =
    o.sections.pinning === undefined ? undefined : PinningConfigSchema.parse(o.sections.pinning);
  const pinFile = resolvePinFile(pinning, o);
  if (pinFile === undefined) return undefined;
  return new PinStore(pinFile, serverKey(o.serverName, o.argv), (err) =>
    o.logger.warn(
      { err, file: pinFile },
      "cannot write the pin file; pins hold in memory for this run",
    ),
  );
}

/**
 * What one session keeps across policy reloads: the quarantine (tools it has stopped),
 * the approval gate (it knows the client's capabilities and pending questions) and the
 * pin store. The checks built from the policy's sections are rebuilt around it.
 */
export interface SessionState {
  readonly quarantine: Quarantine;
  readonly approval: ApprovalGate;
  readonly channel: LateChannel;
  readonly pins?: PinStore;
}

/** The checks the policy's defence sections configure, in a fixed shape (see `sectionChecks`). */
export interface SectionChecks {
  clientChecks: Check[];
  beforePolicyFilter: Check[];
  serverChecks: Check[];
}

/** Opens a session's lasting state. Throws PinFileError when an existing pin file is unreadable. */
export function sessionState(o: DefencesOptions): SessionState {
  const approval = ApprovalConfigSchema.parse(o.sections.approval ?? {});
  const channel = new LateChannel();
  const gate = new ApprovalGate({
    channel,
    timeoutMs: approval.timeoutSeconds * 1000,
    reporter: { audit: o.audit, logger: o.logger },
  });
  const pins = o.pins ?? openPinStore(o);
  return { quarantine: new Quarantine(), approval: gate, channel, ...(pins ? { pins } : {}) };
}

// Stands in for the roots checks when the policy has no `roots:` section, so every build
// has the same checks in the same places and a reload can swap them one for one.
const NO_ROOTS: Check = { name: "roots", inspect: () => PASS, passesClean: () => true };

/**
 * Builds the checks for tool pinning, content inspection, secret redaction, sampling
 * and roots from the policy's sections (parsed again here so defaults apply even when
 * a section is absent) around a session's state. The same sections-independent shape
 * every time: only the pinning check depends on the (fixed) pin store.
 */
export function sectionChecks(o: DefencesOptions, state: SessionState): SectionChecks {
  let inspection = InspectionConfigSchema.parse(o.sections.inspection ?? {});
  let secrets = SecretsConfigSchema.parse(o.sections.secrets ?? {});
  const sampling = SamplingConfigSchema.parse(o.sections.sampling ?? {});
  let pinning =
    o.sections.pinning === undefined ? undefined : PinningConfigSchema.parse(o.sections.pinning);
  let reporter: Reporter = { audit: o.audit, logger: o.logger };
  if (o.monitor) {
    // Their rows say what was softened: would-block, not allow.
    reporter = monitorReporter(reporter, {
      inspection,
      secretArguments: secrets.arguments === "block",
      pinChanges: (pinning?.onChange ?? "block") === "block",
    });
    // Monitor mode reports what would be blocked; stripping and redaction still apply.
    const soften = <T extends string>(a: T) => (a === "block" ? "log" : a) as T;
    inspection = {
      ...inspection,
      ansi: soften(inspection.ansi),
      invisible: soften(inspection.invisible),
      injection: "log",
      injectionInResults: "log",
    };
    secrets = { ...secrets, arguments: soften(secrets.arguments) };
    if (pinning) pinning = { ...pinning, onChange: "warn" };
  }
  state.approval.timeoutMs =
    ApprovalConfigSchema.parse(o.sections.approval ?? {}).timeoutSeconds * 1000;
  const { quarantine, pins } = state;
  const beforePolicyFilter: Check[] = [];
  if (pins !== undefined) {
    beforePolicyFilter.push(
      pinningCheck({
        store: pins,
        onChange: pinning?.onChange ?? (o.monitor ? "warn" : "block"),
        quarantine,
        reporter,
      }),
    );
  }
  const roots =
    o.sections.roots !== undefined
      ? rootsChecks({ config: o.sections.roots, reporter })
      : { server: NO_ROOTS, client: NO_ROOTS };
  return {
    clientChecks: [
      approvalCaptureCheck({ gate: state.approval }),
      quarantineCheck({ quarantine }),
      secretArgumentsCheck({ config: secrets, reporter }),
      roots.client,
    ],
    beforePolicyFilter,
    serverChecks: [
      inspectContentCheck({ inspection, redact: secrets.redact, quarantine, reporter }),
      samplingCheck({ config: sampling }),
      roots.server,
    ],
  };
}

/** A session's state and its section checks at once (no reload). */
export function buildDefences(o: DefencesOptions): Defences {
  const state = sessionState(o);
  return {
    ...sectionChecks(o, state),
    quarantine: state.quarantine,
    ...(state.pins ? { pins: state.pins } : {}),
    approval: state.approval,
    bindSession: (session) => state.channel.bind(session),
  };
}
