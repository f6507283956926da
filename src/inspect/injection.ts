// The rules live in src/text/ (a leaf layer) so the argument sanitizer can share them.
export { findInjections, INJECTION_RULES, type InjectionRule } from "../text/injection.js";
