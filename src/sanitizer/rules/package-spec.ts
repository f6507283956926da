/**
 * A package with version constraints, as pip, npm and cargo take them: `requests>=2.31,<3`,
 * `django~=4.2`, `lodash@^4 || ^5`, `react@>=18 <19`, `uvicorn[standard]!=0.20.*`. Its `<`,
 * `>` and `||` are comparisons, not redirections or chains: every constraint must be a
 * version (a digit first), so no path, program or substitution fits the grammar.
 */
const VERSION = String.raw`v?\d[\w.*+-]{0,40}`;
const CONSTRAINT = String.raw`(?:[<>]=?|[=!~]=|===|\^|~)?[ \t]*${VERSION}`;
const VERSION_SPEC = new RegExp(
  String.raw`^@?[\w.-]{1,100}(?:\/[\w.-]{1,100})?(?:\[[\w,.-]{1,100}\])?(?:@|[ \t]*)(?:[<>]=?|[=!~]=|===|\^|~)[ \t]*${VERSION}(?:[ \t]*(?:,|\|\||[ \t])[ \t]*${CONSTRAINT}){0,8}$`,
);

export function isVersionSpec(value: string): boolean {
  return value.length <= 400 && VERSION_SPEC.test(value.trim());
}
