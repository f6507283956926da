// The rules live in src/text/ (a leaf layer) so the argument sanitizer can share them.
export {
  BLANKS_FLAG,
  findInjections,
  INJECTION_RULES,
  type InjectionRule,
  NOT_PLAIN_FLAG,
  scanForInjections,
} from "../text/injection.js";
