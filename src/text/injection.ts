/**
 * Instruction-injection markers: text in a tool description, result or log that speaks
 * to the model rather than about the tool (tool poisoning, line jumping, indirect
 * prompt injection). Each rule is a regular expression over normalised text (see
 * `normalizeForScan`); rules are written to need two signals (e.g. a verb and a
 * secret path), which keeps ordinary tool documentation out. A leaf module (src/text only): the
 * response-side inspector and the argument sanitizer both use it without reaching into each other.
 */
import { type GroupHits, NOT_PLAIN, sharedAnchors } from "./anchors.js";
import { literalsOf } from "./literals.js";

export interface InjectionRule {
  readonly id: string;
  readonly description: string;
  readonly pattern: RegExp;
  /**
   * Words every match contains (case-insensitive literals, see src/text/literals.ts). Text
   * without any skips the pattern: one pass over the text for all rules instead of a
   * regular-expression pass per rule. A rule without an anchor always runs.
   */
  readonly anchor?: RegExp;
}

// Paths whose mere request is suspicious (keys, cloud credentials, MCP client configs)...
const SECRET_PATHS =
  "~\\/\\.ssh|\\.ssh\\/|id_(?:rsa|ed25519|ecdsa|dsa)\\b|authorized_keys|known_hosts|\\.aws\\/credentials|\\.aws\\/config|\\.config\\/gcloud|\\.azure\\/|\\.kube\\/config|\\.docker\\/config\\.json|\\.npmrc|\\.pypirc|\\.netrc|\\.git-credentials|\\.gnupg|\\/etc\\/(?:passwd|shadow|sudoers)|mcp\\.json|claude_desktop_config\\.json|\\.cursor\\/|\\.codeium\\/|wallet\\.dat|\\.bash_history|\\.zsh_history";
// ...and paths that ordinary docs mention (copy .env.example to .env): only with a request to pass them on.
const WEAK_PATHS =
  "(?:^|[\\s`'\"(/~])\\.env(?:\\.\\w+)?\\b|credentials\\.json|secrets?\\.(?:ya?ml|json|toml)|private[ _-]?keys?|keychain|\\.vscode\\/settings\\.json";
const PASS_ON =
  "(?:and|then)\\s+(?:\\w+\\s+){0,2}(?:pass|send|include|put|upload|attach|add|append|return|provide|embed|post|forward)\\b|\\b(?:in|as|into|via)\\s+(?:the\\s+|a\\s+)?[`'\"]?[\\w.-]{1,40}[`'\"]?\\s+(?:parameter|argument|field|param|arg|property)\\b";
const EXFIL_VERBS =
  "send|upload|post|pass|include|attach|append|embed|forward|transmit|exfiltrate|leak|share|provide|supply|extract|dump";

const READ_VERBS =
  "read|cat|open|load|include|send|upload|fetch|get|access|copy|pass|attach|provide|extract|collect|grab|dump|print|output|append|embed|forward|post|transmit|exfiltrate|leak|share|retrieve|look (?:up|at)|contents? of";

const MODEL_WORDS = "(?:the )?(?:assistant|ai|model|llm|agent|claude|chatgpt|gpt|copilot|cursor)";

export const INJECTION_RULES: readonly InjectionRule[] = [
  {
    id: "hidden-instruction-tag",
    anchor: /</,
    description: "an <IMPORTANT>-style block addressed to the model",
    pattern:
      /<!--\s*(?:ai|assistant|model|llm|agent|claude|system|instructions?|note to)\b|<\s*\/?\s*(?:important|system|system[_ -]?prompt|instructions?|secret|hidden|admin|critical|note[_ -]?to[_ -]?(?:ai|model|assistant)|ai[_ -]?(?:instructions?|only)|assistant[_ -]?only|context|override|priority)\b[^>]{0,80}>/i,
  },
  {
    id: "chat-template-token",
    anchor: /<\||inst\]|sys\]|sys>>|system|assistant/,
    description: "a chat-template or role marker (e.g. [INST], <|im_start|>, ### System:)",
    pattern:
      /<\|(?:im_start|im_end|system|user|assistant|endoftext)\|>|\[\/?(?:INST|SYS|SYSTEM)\]|<<\/?SYS>>|(?:^|\n)[^\S\n]*#{1,4}\s*(?:system|assistant)\s*(?:prompt|message)?\s*:|(?:^|\n)[^\S\n]*(?:system|assistant)\s*:\s*(?:you\b|ignore\b|new\b|from now)/i,
  },
  {
    id: "ignore-instructions",
    anchor: /ignore|disregard|forget|override|bypass|skip/,
    description: "asks the model to ignore or override earlier instructions",
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.;\n]{0,40}\b(?:previous|prior|above|earlier|preceding|original|all|any|other|system|safety|security|your|user'?s?|developer)\b[^.;\n]{0,25}\b(?:instructions?|prompts?|rules|directives|guidelines|guidance|guardrails|policies|constraints|messages|restrictions|commands|orders|programming|training)\b|\b(?:ignore|disregard|forget)\s+(?:everything|anything|all|whatever)\s+(?:above|before|prior|previously|so far|you (?:were|have been|got) (?:told|given))/i,
  },
  {
    id: "new-instructions",
    anchor:
      /instruction|directive|task|order|goal|job|objective|mission|purpose|you are now|from now on|act as |mode/,
    description: "tries to give the model a new role or instructions",
    pattern:
      /\b(?:new|updated|revised|real|actual|hidden|secret)\s+(?:system\s+)?(?:instructions?|directives?|task|orders)\s*(?::|follow|for (?:the )?(?:assistant|ai|model))|\byour\s+(?:new|real|actual|true|only)\s+(?:task|goal|job|instructions?|objective|mission|purpose)\s+(?:is|are|now)\b|\byou are now\b|\bfrom now on,?\s+(?:you|always|never|the assistant)|\bact as (?:an? )?(?:unrestricted|jailbroken|dan|developer mode|admin|system)|\bdeveloper mode output\b|\b(?:enter|switch to|activate)\s+(?:god|admin|debug|developer|unrestricted)\s+mode/i,
  },
  {
    id: "conceal-from-user",
    anchor: /user|silently|secretly|covertly|quietly|discreetly/,
    description: "asks the model to hide what it does from the user",
    pattern:
      /\b(?:do not|don'?t|never|must not|should not|without)\s+(?:ever\s+)?(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|notify(?:ing)?|alert(?:ing)?|reveal(?:ing)?|show(?:ing)?|let(?:ting)?|explain(?:ing)?|disclos(?:e|ing)|report(?:ing)?|ask(?:ing)?)\b[^.\n]{0,40}\b(?:the\s+)?users?\b|\b(?:the\s+)?users?\s+(?:must|should|does|do|need|needs)\s*(?:not|n'?t)\s+(?:to\s+)?(?:know|see|notice|be (?:told|informed|aware|notified|asked))|\bwithout\s+(?:the\s+)?user'?s?\s+(?:knowledge|noticing|awareness|consent|knowing|confirmation|approval)|\b(?:silently|secretly|covertly|quietly|discreetly)\s+(?:\w+\s+){0,2}(?:read|send|call|include|pass|upload|copy|forward|run|execute|add|append|use|invoke|collect|save|write|post)/i,
  },
  {
    id: "sensitive-file-request",
    anchor:
      /\.ssh|id_|authorized_keys|known_hosts|\.aws\/|\.config\/gcloud|\.azure\/|\.kube\/config|\.docker\/config|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.gnupg|\/etc\/|mcp\.json|claude_desktop_config|\.cursor\/|\.codeium\/|wallet\.dat|_history|\.env|credentials\.json|secret|private|keychain|\.vscode\//,
    description: "asks for SSH keys, credentials, .env or MCP client configuration",
    pattern: new RegExp(
      [
        `\\b(?:${READ_VERBS}|needs?|requires?)\\b[^\\n]{0,80}(?:${SECRET_PATHS})`,
        `(?:${SECRET_PATHS})[^\\n]{0,60}(?:${PASS_ON})`,
        `\\b(?:${EXFIL_VERBS})\\b[^\\n]{0,60}(?:${WEAK_PATHS})`,
        `(?:${WEAK_PATHS})[^\\n]{0,60}(?:${PASS_ON})`,
      ].join("|"),
      "i",
    ),
  },
  {
    id: "exfiltrate-via-parameter",
    anchor: /param|arg|field|propert|option/,
    description: "asks to pass file contents, secrets or the conversation in a parameter",
    pattern:
      /\b(?:pass(?:ed|ing)?|put|include[ds]?|insert(?:ed)?|add(?:ed)?|append(?:ed)?|embed(?:ded)?|place[ds]?|provide[ds]?|send|sent|encode[ds]?|suppl(?:y|ied)|needs?|requires?|copy|paste)\b[^.\n]{0,50}\b(?:conversation|chat (?:history|transcript|log)|transcript|message history|previous messages|earlier messages|system prompt|api keys?|access tokens?|tokens|credentials?|passwords?|secrets?|environment variables?|private keys?|cookies?|session ids?|file contents|contents? of (?:any|all|every|the user'?s?|opened|open|local|their|your)\b[^.\n]{0,20}files?)\b[^.\n]{0,60}\b(?:as|in|into|via|inside|within|to)\s+(?:the\s+|a\s+|its\s+|this\s+)?[`'"]?[\w.-]{1,40}[`'"]?\s+(?:parameter|argument|field|param|arg|property|option)\b/i,
  },
  {
    id: "exfiltrate-to-url",
    anchor:
      /\/\/|\.ngrok|\.requestbin|\.pipedream|\.webhook|\.burpcollaborator|\.oast|\.interact|curl/,
    description: "asks to send data to a URL, or builds a URL from the conversation",
    pattern:
      /\b(?:send|post|upload|forward|transmit|exfiltrate|report|beacon)\b[^.\n]{0,60}\b(?:to|at)\s+(?:https?:\/\/|ftp:\/\/|\/\/|[\w-]+\.(?:ngrok|requestbin|pipedream|webhook|burpcollaborator|oast|interact)\b)|!\[[^\]]{0,40}\]\(\s*https?:\/\/[^)\s]{1,200}[?&][\w-]{1,20}=(?:\{|\$|%7B|<)|\bcurl\b[^\n]{0,80}(?:-d|--data|-F|--upload-file)\b[^\n]{0,60}(?:\$\(|`|@~|@\/|\.ssh|\.env)/i,
  },
  {
    id: "tool-shadowing",
    anchor: /tool|server|function|email|message|payment|transfer/,
    description: "tries to change how the model uses other tools or servers",
    pattern:
      /\b(?:when(?:ever)?|before|after|instead of|rather than)\b[^.\n]{0,30}\b(?:using|calling|invoking|running|you use|you call|the user asks)\b[^.\n]{0,40}\b(?:any|other|another|all|every|different)\s+(?:mcp\s+)?(?:[\w-]+\s+)?(?:tools?|servers?|functions?)\b|\b(?:before|instead of|rather than)\s+(?:any|all|every)\s+(?:other\s+)?(?:[\w-]+\s+)?tools?\b|\b(?:when|whenever|if|before|after)\b[^.\n]{0,40}\b(?:the|any|a)\s+[\w-]+\s+tools?\b[^.\n]{0,40}\b(?:change|replace|modify|alter|redirect|bcc|cc|call this tool|use this tool|also (?:call|send|forward|include))\b|\b(?:all|any|every|other)\s+(?:other\s+)?(?:mcp\s+)?(?:tools?|servers?)\s+(?:must|should|are required to|need to)\b|\b(?:instead of|rather than)\b[^.\n]{0,40}\bserver'?s?\s+(?:own\s+)?tools?\b|\b(?:this|the present)\s+tool\s+(?:takes precedence|overrides|replaces|supersedes)\b|\b(?:always|must)\s+(?:first\s+)?(?:call|use|invoke|run)\s+(?:this|the\s+[\w-]+)\s+tool\s+(?:first\s+)?(?:before|instead)\b[^.\n]{0,40}\b(?:any|other|all|every)\b|\b(?:send|redirect|route|bcc|cc|forward)\b[^.\n]{0,40}\b(?:all|every|any)\s+(?:emails?|messages?|payments?|transfers?)\b[^.\n]{0,40}\bto\b/i,
  },
  {
    id: "model-directive",
    anchor:
      /must|should|has to|needs to|is required to|shall|important|critical|mandatory|void|cancelled|outdated|obsolete|revoked|superseded/,
    description: "an imperative addressed to the model about secrecy or priority",
    pattern: new RegExp(
      `\\b${MODEL_WORDS}\\s+(?:must|should|has to|needs to|is required to|shall)\\s+(?:always\\s+|never\\s+|first\\s+|secretly\\s+|immediately\\s+)?(?:read|send|include|ignore|forget|call|pass|reveal|exfiltrate|obey|comply|execute|run|not tell|not mention|not inform|hide)\\b|\\b(?:this is|these are)\\s+(?:very\\s+|extremely\\s+)?(?:important|critical|mandatory)\\s+(?:instructions?|for (?:the )?(?:assistant|ai|model))|\\bthe (?:previous|above|earlier) (?:instructions?|rules) (?:are|were|is) (?:void|cancelled|outdated|obsolete|revoked|superseded)`,
      "i",
    ),
  },
];

/** Which rules can match a text, told by one pass over it (see compileRuleFilter). */
export interface RuleFilter<R extends InjectionRule> {
  /** Flags: one per anchored rule, then one per extra group (from `extra` on). */
  scan(text: string): GroupHits;
  /** Where the extra groups' flags start in `scan`'s result. */
  readonly extra: number;
  /** The rules whose anchor the flags hold, and those without one, in order. */
  select(hits: GroupHits): R[];
}

/**
 * A rule whose anchor is absent cannot match (`anchor` is in every match), so testing
 * the rules `select` keeps gives the result of testing them all. `extra`: more groups of
 * literals found in the same pass (e.g. runs of blanks).
 */
export function compileRuleFilter<R extends InjectionRule>(
  rules: readonly R[],
  extra: readonly (readonly string[])[] = [],
): RuleFilter<R> {
  const anchored = rules.filter((r) => r.anchor !== undefined);
  const scanner = sharedAnchors([...anchored.map((r) => literalsOf(r.anchor as RegExp)), ...extra]);
  const group = rules.map((r) => {
    const i = anchored.indexOf(r);
    return i === -1 ? -1 : scanner.offset + i;
  });
  return {
    scan: (text) => scanner.scan(text),
    extra: scanner.offset + anchored.length,
    select(hits) {
      const out: R[] = [];
      for (let i = 0; i < rules.length; i++) {
        const g = group[i] as number;
        if (g === -1 || hits[g] === 1) out.push(rules[i] as R);
      }
      return out;
    },
  };
}

// The same pass also tells the inspector whether a text needs normalising (see scanForInjections).
const FILTER = compileRuleFilter(INJECTION_RULES, [["  ", "\t"], [NOT_PLAIN]]);
/** Flag of a run of blanks (two spaces, or a tab): normalising would squeeze it. */
export const BLANKS_FLAG = FILTER.extra;
/** Flag of a character outside tab, LF, CR and printable ASCII. */
export const NOT_PLAIN_FLAG = FILTER.extra + 1;

/**
 * One pass over `text`: which rules may match it, and BLANKS_FLAG and NOT_PLAIN_FLAG. For a
 * short text the flags are valid until the next scan (see AnchorScanner).
 */
export function scanForInjections(text: string): GroupHits {
  return FILTER.scan(text);
}

/** Finds which rules match the (already normalised) text; `hits`: its scanForInjections. */
export function findInjections(text: string, hits = FILTER.scan(text)): InjectionRule[] {
  const found: InjectionRule[] = [];
  for (const rule of FILTER.select(hits)) if (rule.pattern.test(text)) found.push(rule);
  return found;
}

/** Every rule tried on the text, with no prefilter: what findInjections must equal. */
export function findInjectionsFully(text: string): InjectionRule[] {
  return INJECTION_RULES.filter((rule) => rule.pattern.test(text));
}
