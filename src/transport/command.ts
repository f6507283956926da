import { parse } from "shell-quote";

/** A target command that cannot be run. */
export class CommandLineError extends Error {
  override readonly name = "CommandLineError";
}

/**
 * Splits a `--target` command line the way a POSIX shell splits words (quotes, escapes,
 * paths with spaces) without running a shell: operators are refused, `$VARS` and globs
 * stay literal. On Windows a backslash is a path separator, not an escape.
 */
export function splitCommandLine(
  line: string,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const source = platform === "win32" ? line.replace(/\\/g, "\\\\") : line;
  const words: string[] = [];
  for (const token of parse(source, (name) => `$${name}`)) {
    if (typeof token === "string") words.push(token);
    else if ("op" in token && token.op === "glob") words.push(token.pattern);
    else if ("op" in token) {
      throw new CommandLineError(
        `--target is run without a shell, so "${token.op}" cannot be used; wrap a shell explicitly (sh -c "...") if you need one`,
      );
    } else if ("comment" in token) {
      words.push(`#${token.comment}`);
    }
  }
  if (words.length === 0 || words[0] === "") throw new CommandLineError("--target is empty");
  return words;
}
