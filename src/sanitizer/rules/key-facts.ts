import { keyWords } from "../kinds.js";
import { memoize } from "../memo.js";
import { isRedirectKey } from "./crlf.js";
import { isNameKey } from "./names.js";

/**
 * What an argument's key says about its value, whatever the tool (a file's content, where a
 * tool writes, a glob, a search, an ORDER BY, a redirect, a name, a rename's target): the
 * field rules in index.ts ask these once per key.
 */

// Keys whose text is a file's or a program's content: template probes there are code.
const CONTENT_WORDS = new Set(
  "content contents code diff patch snippet script html markdown md source new old replacement data body".split(
    " ",
  ),
);
// …unless the key ends in a name (`new_name`, `old_title`): a rename's name is rendered.
const NAME_TAILS = new Set("name title label tag branch".split(" "));
// Keys a move/copy reads from: a read, not a write.
export const SOURCE_KEYS = new Set("source src from origin input".split(" "));

// Keys naming where a tool writes, whatever the tool is called (`export{output_path}`,
// `render{dest}`, `download{save_to}`): a write's destination.
const DESTINATION_WORDS = new Set("output out outfile outdir dest dst destination save".split(" "));

// Keys naming a file glob, whatever the tool (a search tool's `pattern` is otherwise text).
const GLOB_WORDS = new Set("glob globs pattern patterns include includes exclude".split(" "));

// Keys of what a search or test tool hands its program (`grep <pattern>`, `pytest -k <filter>`).
const SEARCH_WORDS = new Set(
  "pattern patterns filter query q regex regexp expr expression match grep search term keyword keywords selector".split(
    " ",
  ),
);

// Text keys that hold one short value, not prose (`city`, `language`, `status`): a command
// spliced in is judged as in a search field.
const SHORT_TEXT_WORDS = new Set("city location language lang topic status label input".split(" "));

/** What a key's words say about its value; worked out once per key, not once per question. */
export interface KeyFacts {
  /** A file's or a program's content (`content`, `new_text`), unless it ends in a name. */
  readonly content: boolean;
  /** Where a tool writes (`output_path`, `dest`). */
  readonly destination: boolean;
  readonly glob: boolean;
  readonly search: boolean;
  /** One short value read as text (`city`, `status`). */
  readonly short: boolean;
  readonly regex: boolean;
  /** An ORDER BY or sort clause (`order_by`, `sortBy`, `sort`). */
  readonly order: boolean;
  /** A rename's or move's new name (`new_name`, `newPath`): where the file is written. */
  readonly rename: boolean;
  readonly redirect: boolean;
  readonly name: boolean;
}
export const NO_KEY: KeyFacts = {
  content: false,
  destination: false,
  glob: false,
  search: false,
  short: false,
  regex: false,
  order: false,
  rename: false,
  redirect: false,
  name: false,
};
// `order_number`, `order_id`, `sort_date`: a purchase order's or a record's field, no clause.
const ORDER_ENTITY_HEADS = new Set(
  "number num no id ids uuid ref reference total amount date status item items line lines count type name note notes".split(
    " ",
  ),
);
const RENAME_HEADS = new Set("name filename path filepath".split(" "));
export const keyFacts = memoize((key: string): KeyFacts => {
  const words = keyWords(key);
  const last = words[words.length - 1] ?? "";
  return {
    content: words.some((w) => CONTENT_WORDS.has(w)) && !NAME_TAILS.has(last),
    destination: words.some((w) => DESTINATION_WORDS.has(w)),
    glob: GLOB_WORDS.has(last),
    search: SEARCH_WORDS.has(last),
    short: SHORT_TEXT_WORDS.has(last),
    regex: /^(?:regex|regexp|re)$/.test(last),
    order:
      /rder|ort/i.test(key) &&
      words.some((w) => /^(?:order|sort|orderby|sortby)$/.test(w)) &&
      !ORDER_ENTITY_HEADS.has(last),
    rename: words.includes("new") && RENAME_HEADS.has(last),
    redirect: isRedirectKey(words),
    name: isNameKey(key),
  };
});
