import type { AuditSink } from "../audit/audit.js";
import type { Logger } from "../audit/logger.js";
import type { Limits } from "../config/limits.js";
import type { PinStore } from "../pinning/pin-store.js";
import { listFilterCheck, listVisible } from "../pipeline/checks/list-filter.js";
import { listMemory } from "../pipeline/checks/list-memory.js";
import { serverRequestCheck } from "../pipeline/checks/server-requests.js";
import { SwappableChecks } from "../pipeline/swappable.js";
import type { Check } from "../pipeline/types.js";
import type { PolicyStore } from "../policy/store.js";
import { watchPolicy } from "../policy/watch.js";
import { openPinStore, sectionChecks, sessionState } from "./defences.js";
import { sanitizerFor } from "./policy-setup.js";
import { type RateLimitCliOptions, setupRateLimit } from "./rate-limit.js";
import type { SessionDefences } from "./types.js";

/** The resolved configuration: everything the defences are built from, in either mode. */
export interface GatewayConfig extends RateLimitCliOptions {
  policy: PolicyStore;
  /** The policy file (the default pin file sits beside it). */
  policyFile: string;
  limits: Readonly<Limits>;
  logger: Logger;
  audit: AuditSink;
  /** Identifies the server's pins when there is no server name: its command line or URL. */
  serverIdentity: readonly string[];
  serverName?: string;
  /** `--pin-file`. */
  pinFile?: string;
  /** False with --no-sanitizer. */
  sanitizer?: boolean;
  /** Watch the policy file (default true); SIGHUP always reloads. */
  watch?: boolean;
}

/**
 * The one place the defences are assembled, for every transport: the stdio bridge and
 * each HTTP session (child or upstream) ask it for a session's checks. Shared across
 * sessions: the policy store and its watcher, the rate limiter, the pin store (one per
 * server, one writer per process) and the policy's list and server-request checks.
 * Per session: the approval gate (it learns the client's capabilities), the quarantine,
 * the inspection and secret checks, built from the policy document then in force.
 *
 * @example
 * const gateway = createGateway({ policy, policyFile, limits, logger, audit, serverIdentity: argv });
 * const defences = gateway.session(); // pass to StdioBridge / GuardianProxy
 * defences.onPolicyChange((line) => session.sendToClient(line));
 */
export class Gateway {
  readonly policy: PolicyStore;
  readonly limits: Readonly<Limits>;
  readonly #c: GatewayConfig;
  readonly #sanitizer: { check: Check; preload: Check } | undefined;
  readonly #rateLimit: ReturnType<typeof setupRateLimit>;
  readonly #policyServerChecks: readonly Check[];
  readonly #pins: PinStore | undefined;
  readonly #watcher: { close(): void };

  constructor(c: GatewayConfig) {
    this.#c = c;
    this.policy = c.policy;
    this.limits = c.limits;
    const policy = c.policy;
    const monitor = () => policy.monitor;
    this.#sanitizer = sanitizerFor(policy, c, c.logger, c.audit);
    // A Redis limiter connects in the background (never blocks start).
    this.#rateLimit = setupRateLimit({
      ...c,
      limits: c.limits,
      logger: c.logger,
      policy: () => policy.document.rate_limits,
    });
    this.#policyServerChecks = [
      listFilterCheck({ engine: policy, monitor, logger: c.logger, audit: c.audit }),
      serverRequestCheck({ engine: policy, monitor, logger: c.logger, audit: c.audit }),
    ];
    // Opened once at start, so an unreadable pin file is refused before any session.
    this.#pins = openPinStore(this.#defenceOptions());
    this.#watcher = watchPolicy(policy, { logger: c.logger, watchFile: c.watch !== false });
  }

  #defenceOptions() {
    const c = this.#c;
    return {
      sections: this.policy.document,
      monitor: this.policy.monitor,
      policyFile: c.policyFile,
      argv: c.serverIdentity,
      logger: c.logger,
      ...(c.pinFile !== undefined ? { pinFile: c.pinFile } : {}),
      ...(c.serverName !== undefined ? { serverName: c.serverName } : {}),
    };
  }

  /**
   * The defences of a new session, both directions. Its section checks (inspection,
   * secrets, pinning, sampling, roots, approval timeout) follow every policy reload; the
   * session keeps its quarantine, approval gate and pins across reloads.
   */
  session(): SessionDefences {
    const policy = this.policy;
    const logger = this.#c.logger;
    const options = () => ({ ...this.#defenceOptions(), audit: this.#c.audit });
    const state = sessionState({ ...options(), ...(this.#pins ? { pins: this.#pins } : {}) });
    const first = sectionChecks(options(), state);
    const client = new SwappableChecks(first.clientChecks);
    const before = new SwappableChecks(first.beforePolicyFilter);
    const server = new SwappableChecks(first.serverChecks);
    const lists = listMemory({
      // What list-filter shows: everything in monitor mode.
      visible: (ctx, target) => policy.monitor || listVisible(policy, ctx, target),
    });
    let content = contentDigest(policy);
    return {
      checks: [
        ...(this.#sanitizer ? [this.#sanitizer.check] : []),
        // Quarantine, credentials in arguments, roots narrowing, capability capture for approval.
        ...client.checks,
        // Last: a refused call must not spend the caller's budget.
        this.#rateLimit.check,
      ],
      serverChecks: [
        // Pinning sees the server's full list, before the policy filters it.
        ...before.checks,
        lists.check,
        ...this.#policyServerChecks,
        ...server.checks,
        ...(this.#sanitizer ? [this.#sanitizer.preload] : []),
      ],
      policy: {
        monitor: () => policy.monitor,
        logger,
        audit: this.#c.audit,
        approve: (frame, ctx, why) => state.approval.ask(frame, ctx, why),
      },
      bind: (session) => state.channel.bind(session),
      onPolicyChange: (send) =>
        policy.subscribe(() => {
          try {
            const next = sectionChecks(options(), state);
            client.swap(next.clientChecks);
            before.swap(next.beforePolicyFilter);
            server.swap(next.serverChecks);
          } catch (err) {
            logger.error(
              { err },
              "the reloaded policy's defences could not be built; the previous ones stay",
            );
          }
          const now = contentDigest(policy);
          for (const line of lists.changed(now !== content)) send(line);
          content = now;
        }),
    };
  }

  async close(): Promise<void> {
    this.#watcher.close();
    await this.#rateLimit.close();
  }
}

/** The sections that change how listed items read (descriptions stripped, pins enforced). */
function contentDigest(policy: PolicyStore): string {
  const d = policy.document as { inspection?: unknown; pinning?: unknown };
  return JSON.stringify([d.inspection ?? null, d.pinning ?? null, policy.monitor]);
}

export function createGateway(c: GatewayConfig): Gateway {
  return new Gateway(c);
}
