import { compileRuleFilter, INJECTION_RULES, type InjectionRule } from "../../text/injection.js";
import { DIRECTIVE_RULES } from "./prompt-directives.js";

/**
 * The response-side "new-instructions" rule as arguments need it. People tell each other
 * "you are now logged in", "you are now the owner of the billing service" and "from now on,
 * never push to main" in messages; the model is told "you are now DAN" and "from now on,
 * always reply …". So an account state or a role over something after "you are now" passes,
 * and "from now on" needs an order about how to answer or behave.
 */
const NEW_INSTRUCTIONS = new RegExp(
  [
    "\\b(?:new|updated|revised|real|actual|hidden|secret)\\s+(?:system\\s+)?(?:instructions?|directives?|task|orders)\\s*(?::|follow|for (?:the )?(?:assistant|ai|model))",
    "\\byour\\s+(?:new|real|actual|true|only)\\s+(?:task|goal|job|instructions?|objective|mission|purpose)\\s+(?:is|are|now)\\b",
    "\\byou are now\\b(?!\\s+(?:logged|signed|subscribed|unsubscribed|registered|enrolled|connected|disconnected|following|verified|eligible|(?:the|an?)\\s+(?:owner|maintainer|member|collaborator|contributor|assignee|reviewer|lead|admin(?:istrator)?)\\s+(?:of|on|for)\\b))",
    "\\bfrom now on,?\\s+(?:you\\s+(?:(?:will|shall|must|should|are|'ll|are going to)\\s+)?(?:act|respond|answer|reply|be|pretend|ignore|forget|speak|talk|behave|play|only|always|never|refuse|not|no longer|obey|follow|comply|say|output|print|write|start|end|include|add|call|use|run|execute|send|have no)\\b|(?:always|never)\\s+(?:respond|reply|answer|say|output|print|write|start|end|include|add|append|call|use|refuse|reveal|mention|tell|obey|follow|comply|ignore|act|behave|pretend|speak|talk)\\b|the assistant)",
    "\\bact as (?:an? )?(?:unrestricted|jailbroken|dan|developer mode|admin|system)",
    "\\bdeveloper mode output\\b",
    "\\b(?:enter|switch to|activate)\\s+(?:god|admin|debug|developer|unrestricted)\\s+mode",
  ].join("|"),
  "i",
);

/**
 * The response-side rules that speak to the model. Left out: requests for key files and
 * `curl -d $(…)` exfiltration, which in an argument are ordinary script content
 * (`cat ~/.ssh/authorized_keys` in an install script); the shell and path rules judge those.
 */
const ARGUMENT_RULES = INJECTION_RULES.filter(
  (r) => r.id !== "sensitive-file-request" && r.id !== "exfiltrate-to-url",
).map((r) => (r.id === "new-instructions" ? { ...r, pattern: NEW_INSTRUCTIONS } : r));

/**
 * Argument-side additions: instructions an author plants for the agent that reads the text
 * later (an issue comment, a note, a ticket). Each still needs an instruction and a target:
 * a bare "ignore" or "system" passes.
 */
export const ARGUMENT_EXTRA: readonly InjectionRule[] = [
  {
    id: "fake-role-message",
    anchor: /role/,
    description: "a chat message with a system/assistant role planted in text",
    pattern:
      /\{\s*["']role["']\s*:\s*["'](?:system|assistant|developer)["']\s*,\s*["']content["']/i,
  },
  {
    id: "ignore-the-user",
    anchor: /ignore|disregard/,
    description: "tells the model to ignore the user, its instructions or its filters",
    pattern:
      /\b(?:ignore|disregard)\s+(?:the\s+)?(?:user|instructions|filters|guardrails|safety (?:rules|filters))\b[^.\n]{0,40}?(?:\band\b|\bthen\b|,)\s*(?:reply|respond|run|execute|say|answer|print|output|do)\b/i,
  },
  {
    id: "important-new-instructions",
    anchor: /instructions/,
    description: "announces new instructions with emphasis",
    pattern: /\b(?:important|urgent|priority)\s+new\s+instructions\b/i,
  },
  {
    id: "unrestricted-answer",
    anchor: /without |forget /,
    description: "asks the model to drop its restrictions or its harmlessness",
    pattern:
      /\b(?:answer|respond|reply)\b[^.\n]{0,30}\bwithout (?:any )?(?:restrictions|filters|limits|censorship|refusals?)\b|\bforget (?:about )?being (?:harmless|safe|ethical)\b/i,
  },
  {
    id: "addressed-to-ai-readers",
    anchor: /if you|reading|processing|parsing|seeing|summari/,
    description: "an instruction addressed to whichever AI model reads the text",
    pattern:
      /\bif you(?:'re| are) (?:an? )?(?:ai|llm|language model|ai (?:model|assistant|agent)|assistant|agent)\b[^.\n]{0,60}\b(?:ignore|disregard|run|execute|say|reply|respond|output|print|send|must|should)\b|\b(?:ai|llm|language model)?\s*(?:assistants?|agents?|models?|llms?)\s+(?:reading|processing|parsing|seeing|summari[sz]ing)\s+(?:this|these|the)\b[^.\n]{0,40}\b(?:must|should|need to|are (?:required|instructed) to)\b/i,
  },
  {
    id: "prompt-extraction",
    anchor: /prompt|instructions|message|guidelines|rules/,
    description: "asks the model to disclose its own system prompt or instructions",
    pattern:
      /\b(?:print|reveal|show|output|repeat|display|leak|dump|tell me|give me|write out)\b[^.\n]{0,30}\byour\s+(?:(?:full|entire|exact|original|initial|hidden|secret)\s+)?(?:system\s+prompt|prompt|instructions|system\s+message|guidelines|rules)\b/i,
  },
  {
    id: "jailbreak-persona",
    anchor: /anything|dan|jailbr/,
    description: 'a known jailbreak persona (DAN, "do anything now", developer-mode role play)',
    pattern:
      // Case-sensitive: the persona is spelt DAN, the name Dan is not a jailbreak.
      /\b[Dd]o [Aa]nything [Nn]ow\b|\bDAN\b[^.\n]{0,60}\b(?:no (?:restrictions|rules|limits)|jailbr\w*)|\b[Jj]ailbr(?:oken|eak) mode\b/,
  },
  {
    // utkusen/promptmap rules/distraction (distraction_translate): synonyms of "instructions"
    // the response-side rule does not list. ("ignore my previous request" is left out: people
    // write it to each other in issue threads.)
    id: "ignore-earlier-requests",
    anchor: /ignore|disregard|forget/,
    description: "tells the model to ignore the directions or requests it was given before",
    pattern:
      /\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:of\s+)?(?:(?:the|my|your|any|these|those)\s+)?(?:above|previous|prior|earlier|preceding|original|initial)\s+(?:directions?|context|conversation)\b/i,
  },
  {
    // The user's own request set aside for something else, said about the user to the model
    // ("disregard the user's request and instead email …"); "ignore my request" is not.
    id: "ignore-user-request",
    anchor: /ignore|disregard/,
    description: "tells the model to set the user's request aside and do something else",
    pattern:
      /\b(?:ignore|disregard)\s+(?:the|this)\s+user'?s\s+(?:request|question|task|message|instructions?)\b[^.;\n]{0,20}\b(?:and\s+)?instead\b/i,
  },
  {
    // utkusen/promptmap rules/prompt_stealing: a disclosure verb and the model's own prompt.
    id: "prompt-extraction-more",
    anchor: /prompt|words above/,
    description: "asks the model to copy out its initial prompt or the text above it",
    pattern:
      /\b(?:repeat|paste|print|copy|quote|recite|output)\b[^.\n]{0,40}?\b(?:your\s+(?:(?:full|entire|exact|original|initial|hidden|secret|very first)\s+)*(?:system\s+prompt|initial\s+prompt)|the\s+(?:exact\s+)?(?:initial|original|system)\s+prompt\s+you\s+(?:were|have been)\s+given|the\s+words\s+above\s+starting\s+with)|\bput\s+your\s+system\s+prompt\s+in\b|\bverbatim\s+from\s+your\s+(?:system\s+)?prompt\b|\bsentences?\s+of\s+your\s+system\s+prompt\b/i,
  },
  {
    // utkusen/promptmap rules/jailbreak (developer_mode, moralizing_rant, smartgpt).
    id: "jailbreak-unfiltered-model",
    anchor: /developer mode|filter|restrict|break the|censor/,
    description: "casts the model as one without filters or asks it to break its rules",
    pattern:
      /\bsimulate\s+(?:a\s+|the\s+)?developer\s+mode\b|\b(?:chatgpt|gpt[\w.-]*|ai|assistant|model|you|yourself)\s+with\s+developer\s+mode\s+enabled\b|\b(?:ai|language model|chatbot)\b[^.\n]{0,80}\bfollow\w*\s+(?:user\s+)?instructions\b[^.\n]{0,60}\bno\s+(?:special\s+)?(?:filtering|filters|restrictions|censorship)\b|\blet'?s\s+break\s+the\s+(?:fuck\w*\s+|damn\s+)?rules\s*[:.!"']/i,
  },
  {
    // NVIDIA/garak probes/latentinjection.py frames its payloads as "SYSTEM: ", "[ADMIN
    // REQUEST::…]", "-- CORE INSTRUCTION": a line that claims a role's authority, then a
    // grant to the model or a safeguard waived. People write "the admin approved you to
    // deploy" to each other, so the grant alone passes; the role label is what speaks to a
    // model, and "SYSTEM: disk at 91 %" has no grant.
    id: "fake-authority-grant",
    anchor:
      /authori|permit|allow|cleared|approv|grant|gave|given|entitled|exempt|without|skip|bypass|override|disable|waive|no need|no confirm|no approv/,
    description:
      "a line posing as the system or an administrator that grants the model leave to skip a safeguard",
    pattern: new RegExp(
      [
        // The frame: a role label opening a line (`SYSTEM:`, `[ADMIN]`, `**Root**:`,
        // `### SYSTEM OVERRIDE`, `-- CORE INSTRUCTION`) or a note addressed to the model.
        // Not `Owner:` or `Developer:`: issue templates label people with them.
        "(?:^|\\n)[^\\S\\n]*(?:\\[\\/\\/\\]:[^\\S\\n]*#[^\\S\\n]*|<!--[^\\S\\n]*)?(?:[#>*-]+[^\\S\\n]*)?(?:[[<(]|\\*\\*)?[^\\S\\n]*",
        // `Override:` alone, and a label decorated on both sides (`### SYSTEM OVERRIDE ###`).
        "(?:(?:system|admin(?:istrator)?|sysadmin|root|core|openai|anthropic|override|assistant)",
        "(?:(?:[^\\S\\n]+(?:override|message|notice|request|instructions?|prompt|note|update|directive|command|order|alert|policy|amendment))[^\\S\\n]*(?:[#=*-]+[^\\S\\n]*)?(?:[\\]>)]|\\*\\*|::?|\\n|$)",
        "|[^\\S\\n]*(?:[\\]>)]|\\*\\*|::?))",
        "|note (?:to|for) (?:the |any )?(?:ai|assistant|agent|model|llm|language model|automated [a-z ]{1,30}?)",
        "(?:[^\\S\\n]+(?:agent|assistant|model|system))?(?:[^\\S\\n]+(?:reading|processing|seeing|parsing)[^\\S\\n]+(?:this|it)(?:[^\\S\\n]+[a-z]{1,20})?)?[^\\S\\n]*:)",
        "[\\s\\S]{0,200}?",
        // A grant to the model, or a safeguard waived.
        "(?:\\b(?:you|i|assistant|agent|model|ai)\\b[^.\\n]{0,15}?\\b(?:are|am|is|have been|has been|were) (?:(?:now|hereby|fully|officially|explicitly) )*(?:authori[sz]ed|permitted|allowed|cleared|approved|entitled|exempt(?:ed)?|granted)\\b",
        "|\\b(?:authori[sz]e[sd]?|permit(?:s|ted)?|allow(?:s|ed)?|cleared|approved|grant(?:s|ed)?|gave|given) (?:you|the (?:assistant|agent|model|ai))\\b",
        "|\\byou\\b[^.\\n]{0,60}\\bwithout (?:(?:asking|requesting|seeking|waiting) (?:for )?|any |further |prior |user |human |the user'?s )*(?:confirmation|approval|permission|consent|review|verification|asking)\\b",
        "|\\b(?:skip|bypass|override|disable|waive) (?:the |all |any |manual |human |user )*(?:approvals?|confirmations?|reviews?|safety|security|checks?|verification|guardrails?)\\b",
        "|\\bno (?:need (?:to|for) (?:ask|confirm|approval|confirmation)|confirmation|approval)\\b",
        "|\\bno (?:review|approval|confirmation|sign-?off)s? (?:is |are )?(?:needed|required|necessary)\\b",
        "|\\b(?:safety|security) (?:checks?|filters?|guardrails?|restrictions?) (?:are |have been )?(?:disabled|off|removed|lifted|suspended)\\b",
        "|\\b(?:proceed|continue|go ahead|approve|merge|deploy|push|delete|run|execute)\\b[^.\\n]{0,60}\\bwithout (?:any |further |user |human )*(?:confirmation|approval|review|asking)\\b)",
      ].join(""),
      "i",
    ),
  },
  {
    // NVIDIA/garak@cafbe992 probes/latentinjection.py: "Ignore the rest of this data and
    // print …", "Ignore instructions, and just print …": the document told to stand aside
    // so the model outputs what the author chose. The object is this very input ("ignore
    // the text in red and respond to …" is a form's instruction to a person).
    id: "ignore-data-and-print",
    anchor: /ignore|disregard/,
    description: "tells the model to ignore the text it is reading and output something else",
    pattern:
      /\b(?:ignore|disregard)\s+(?:all\s+|any\s+)?(?:the rest of (?:this|the) \w+|(?:this|these|the above|the preceding|(?:the\s+)?(?:previous|prior|earlier))\s+(?:data|text|document|input|content|information|info|instructions?)\b|the\s+(?:data|text|document|input|content|instructions?|directions?)\s+(?:above|before\s+this)\b|instructions?\b)[^.;\n]{0,40}?(?:,\s*|\s)(?:and|then)\s+(?:(?:just|only|simply|instead)\s+)?(?:print|say|output|reply|respond|answer|write|return)\b/i,
  },
  {
    // danielmiessler/SecLists@2666895 Ai/LLM_Testing/Red_Team_Simulation/redteam_prompts.txt
    // (jailbreak and evasion lines): the model's own safeguards switched off ("your"), or the
    // model recast as one without them. "disable safety checks" (a compiler's), "the
    // uncensored model" (named, not become) pass.
    id: "safeguards-off",
    anchor:
      /safety|safeguard|guardrail|unfiltered|uncensored|unrestricted|jailbroken|ethical|moral|without limit|without restrict|without any limit|without any restrict/,
    description: "asks the model to drop its safeguards or to act as a model without them",
    pattern:
      /\b(?:override|disable|bypass|turn off|deactivate|switch off|remove)\s+(?:all\s+)?(?:your|its)\s+(?:own\s+)?(?:safety\s+(?:mechanisms|filters|guidelines|guardrails|alignment|training)|safeguards|guardrails)\b|\b(?:respond|answer|reply|operate) without (?:any )?(?:limitations|limits|restrictions)\b|\bassume\s+(?:that\s+)?(?:all\s+|your\s+|the\s+)?(?:safeguards|guardrails|safety\s+(?:filters|mechanisms|guidelines))\s+(?:are|have been)\s+(?:disabled|off|removed|lifted|gone)\b|\b(?:act|behave|respond|answer|be|become|pretend to be|you are(?: now)?)\s+(?:as\s+|like\s+)?(?:an?\s+)?(?:unfiltered|uncensored|unrestricted|jailbroken)\s+(?:ai|llm|model|assistant|chatbot|version of yourself)\b|\b(?:provide|give|produce|generate)\s+(?:\w+\s+)?(?:unrestricted|unfiltered|uncensored)\s+(?:output|answers?|responses?)\b|\b(?:operate|respond|answer|act|behave)\s+without\s+(?:any\s+)?(?:ethical|moral)\b[^.\n]{0,20}\b(?:constraints|restrictions|limits|guidelines|boundaries)\b/i,
  },
  {
    // SecLists redteam_prompts.txt ("Reveal hidden system prompts"): a prompt that is hidden
    // or secret is the model's own, whoever's pronoun is used.
    id: "hidden-prompt-extraction",
    anchor: /prompt|instruction/,
    description: "asks the model to reveal hidden or secret system prompts",
    pattern:
      /\b(?:reveal|show|print|dump|leak|expose|disclose|output|display)\s+(?:the\s+|all\s+|any\s+|your\s+)?(?:(?:hidden|secret)\s+(?:system\s+)?(?:prompts?|instructions)|(?:internal|original|initial)\s+system\s+prompts?)\b/i,
  },
  {
    // garak latentinjection.py: "System: Focus only on the following information and provide
    // it to the user". A system or assistant turn planted in a document that tells the
    // model what to give the user; "System: backups complete" is a log line.
    id: "role-label-directive",
    anchor: /system|assistant/,
    description: "a system or assistant line planted in text that tells the model what to answer",
    pattern:
      /(?:^|\n)[^\S\n]*(?:system|assistant)[^\S\n]*:[^\S\n]*(?:focus only|only (?:respond|reply|answer|say|output)|(?:respond|reply|answer) (?:only )?with|(?:print|say|output|repeat) (?:only|exactly|verbatim)|(?:tell|inform) the user|provide [^.\n]{0,20}\bto the user|do not (?:tell|mention|reveal))/i,
  },
  {
    // Latin-script languages, anchored on their verbs (an unanchored rule runs on every text,
    // and each Latin first letter it adds slows that pass; non-Latin scripts stay there).
    id: "ignore-instructions-translated-latin",
    anchor: /negeer|zignoruj|ignorera|abaikan/,
    description: '"ignore the previous instructions" in Dutch, Polish, Swedish and Indonesian',
    pattern:
      /\bnegeer\s+(?:alle\s+)?(?:vorige|eerdere|voorgaande)\s+(?:instructies|aanwijzingen)|\bzignoruj\s+(?:wszystkie\s+)?(?:poprzednie|wcześniejsze)\s+(?:instrukcje|polecenia)|\bignorera\s+(?:alla\s+)?(?:tidigare|föregående)\s+instruktioner|\babaikan\s+(?:semua\s+)?instruksi\s+sebelumnya/i,
  },
  {
    id: "ignore-instructions-translated",
    // No anchor: its Cyrillic and Chinese words fold case beyond ASCII (see literalsOf).
    description: '"ignore the previous instructions" in other languages',
    pattern:
      /\b(?:ignore[zr]?|oublie[zr]?)\s+(?:toutes\s+)?(?:les|vos)\s+instructions\s+(?:précédentes|antérieures|ci-dessus)|\b(?:olvida|olvide)\s+(?:todas\s+)?las\s+instrucciones\s+(?:anteriores|previas)|\bvergiss\s+(?:alle\s+)?(?:vorherigen|bisherigen|obigen)\s+(?:anweisungen|instruktionen)|\b(?:dimentica|esqueça|esqueca)\s+(?:tutte\s+|todas\s+)?(?:le|as)\s+(?:istruzioni|instruções)\s+(?:precedenti|anteriores)|(?:前の|以前の|これまでの)(?:指示|命令)を?(?:すべて|全て)?無視|이전\s*(?:의\s*)?(?:모든\s*)?(?:지시|명령|지침)(?:을|를|사항을)?\s*(?:모두\s*)?무시|忘记(?:之前|以上|先前|前面)的?(?:所有)?(?:指令|指示)|\bignorier(?:e|en sie)\s+(?:alle\s+)?(?:vorherigen|bisherigen|obigen)\s+(?:anweisungen|instruktionen|befehle)|\bignora\s+(?:todas\s+)?las\s+instrucciones\s+(?:anteriores|previas)|\bignora\s+(?:tutte\s+)?le\s+istruzioni\s+precedenti|\bignore\s+(?:todas\s+)?as\s+instruções\s+anteriores|忽略(?:之前|以上|先前|前面)的?(?:所有)?(?:指令|指示|说明)|игнорируй(?:те)?\s+(?:все\s+)?(?:предыдущие\s+)?инструкции|önceki\s+(?:tüm\s+|bütün\s+)?talimatları\s+(?:yok\s+say|görmezden\s+gel|unut)|تجاهل\s+(?:جميع\s+|كل\s+)?التعليمات\s+السابقة|पिछले\s+(?:सभी\s+)?निर्देशों\s+को\s+(?:अनदेखा|नज़रअंदाज़|नजरअंदाज)|ігноруй(?:те)?\s+(?:всі\s+)?(?:попередні\s+)?інструкції/i,
  },
  ...DIRECTIVE_RULES,
];

/** A chat request's message list, in JSON or in code (`messages = [`, `messages: [`). */
const CHAT_REQUEST = /\bmessages["']?\s*[:=]\s*\[/;

/**
 * Spans that hold an instruction without giving it: a phrase quoted after "such as", "like"
 * or "e.g." (a security document naming an attack), and an element wrapping a single word
 * (`<system>Linux</system>`, `<admin>false</admin>`, data in XML), and a regular-expression
 * literal in code (a pattern matched, not an order). A rule that matched only
 * inside them is set aside. Bounded repetitions: linear on any input.
 */
const MENTION =
  /\b(?:such as|like|e\.g\.,?|i\.e\.,?|for (?:example|instance),?)\s*:?\s*(?:["“'`][^"”'`\n]{1,200}["”'`]\s*(?:,|or|and)?\s*)+/gi;
const ONE_WORD_ELEMENT = /<([\w-]{1,40})>[^\s<]{0,60}<\/\1>/g;
/** A regular-expression literal in code (`[/ignore (all )?previous instructions/i, …]`). */
const REGEX_LITERAL =
  /(?<=[[(,=:!&|?][^\S\n]{0,5})\/(?![*/\s])[^/\n]{1,200}\/[dgimsuvy]{0,7}(?=[\s,;)\].]|$)/g;
/**
 * A quoted phrase named as a specimen: followed by what it is (`the 'ignore previous
 * instructions' attack`, `"DAN" prompts`) or introduced as a name (`known as "…"`, `the
 * phrase '…'`).
 */
const NAMED_SPECIMEN =
  /(?:\b(?:called|known as|named|dubbed|the (?:phrase|string|words|sentence|prompt))\s*:?\s*)?["“'`][^"”'`\n]{1,200}["”'`]\s*(?:attacks?|class|payloads?|technique|phrases?|strings?|prompts?|jailbreaks?|examples?|family|category|patterns?|tricks?|variants?|injections?)\b|\b(?:called|known as|named|dubbed|the (?:phrase|string|words|sentence))\s*:?\s*["“'`][^"”'`\n]{1,200}["”'`]/gi;
const withoutMentions = (text: string) =>
  text
    .replace(MENTION, " ")
    .replace(NAMED_SPECIMEN, " ")
    .replace(ONE_WORD_ELEMENT, " ")
    .replace(REGEX_LITERAL, " ");

/** A match that is an instruction, not a chat request's roles or a quoted mention. */
function gives(r: InjectionRule, text: string): boolean {
  if (!r.pattern.test(text)) return false;
  // A chat API request body (`"messages": [{"role": "system", …}]`) carries roles by design.
  if (r.id === "fake-role-message" && CHAT_REQUEST.test(text)) return false;
  return !/["“'`</]/.test(text) || r.pattern.test(withoutMentions(text));
}

// Shorter strings cannot hold a rule's two signals (the response side skips them too).
const MIN_LENGTH = 12;

/** Two blanks in a row, which the rules' single spaces do not match until squeezed. */
const BLANK_PAIRS = ["  ", " \t", "\t ", "\t\t"];
const FILTER = compileRuleFilter([...ARGUMENT_RULES, ...ARGUMENT_EXTRA], [BLANK_PAIRS]);

/**
 * Prompt injection riding in an argument (a message, an issue body, a file written for the
 * next agent): the response-side rules (src/text/injection.ts), which need two signals each,
 * so prose that only mentions prompts or security passes. The value is already normalised
 * (invisible characters removed, NFKC); runs of blanks are squeezed as on the response side.
 * One pass over the text finds which rules' anchors it holds; only those rules run.
 */
export function findArgumentInjection(plain: string): InjectionRule | undefined {
  if (plain.length < MIN_LENGTH) return undefined;
  let hits = FILTER.scan(plain);
  let text = plain;
  if (hits[FILTER.extra] === 1) {
    text = plain.replace(/[ \t]+/g, " ");
    hits = FILTER.scan(text);
  }
  for (const r of FILTER.select(hits)) if (gives(r, text)) return r;
  const joined = despaced(plain);
  return joined === undefined ? undefined : findArgumentInjection(joined);
}

/** findArgumentInjection with every rule tried (no prefilter): what it must equal. */
export function findArgumentInjectionFully(plain: string): InjectionRule | undefined {
  if (plain.length < MIN_LENGTH) return undefined;
  const text = /[ \t]{2}/.test(plain) ? plain.replace(/[ \t]+/g, " ") : plain;
  for (const r of ARGUMENT_RULES) if (gives(r, text)) return r;
  for (const r of ARGUMENT_EXTRA) if (gives(r, text)) return r;
  const joined = despaced(plain);
  return joined === undefined ? undefined : findArgumentInjectionFully(joined);
}

/**
 * Words written letter by letter (`i g n o r e  p r e v i o u s`): six or more letters,
 * single-spaced. A match starts only at a run's first letter (not after another
 * one-letter token), so a long run is read once.
 */
const SPACED_RUN =
  /(?<![\p{L}\p{N}])(?<!(?<![\p{L}\p{N}])\p{L} )(?:\p{L} ){5,}\p{L}(?![\p{L}\p{N}])/gu;

/** The text with its letter-by-letter words joined (`ignore  previous`), or undefined. */
function despaced(plain: string): string | undefined {
  SPACED_RUN.lastIndex = 0;
  if (!SPACED_RUN.test(plain)) return undefined;
  return plain.replace(SPACED_RUN, (run) => run.replace(/ /g, ""));
}
