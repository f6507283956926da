import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { z } from "zod";

const PinnedToolSchema = z.looseObject({
  hash: z.string(),
  definition: z.record(z.string(), z.unknown()),
});

export const ServerPinsSchema = z.looseObject({
  pinnedAt: z.string().optional(),
  /** Hash and text of the initialize instructions; `null` pins their absence. */
  instructions: z
    .union([z.strictObject({ hash: z.string(), text: z.string() }), z.null()])
    .optional(),
  tools: z.record(z.string(), PinnedToolSchema).optional(),
});
export type ServerPins = z.infer<typeof ServerPinsSchema>;

export const PinFileSchema = z.looseObject({
  version: z.literal(1),
  servers: z.record(z.string(), ServerPinsSchema),
});
export type PinFile = z.infer<typeof PinFileSchema>;

/** The pin file cannot be read or is not a pin file: the shim refuses to start (fail closed). */
export class PinFileError extends Error {
  override readonly name = "PinFileError";
}

/** Default pin file: beside the policy, `<policy name>.pins.json`. */
export function defaultPinFile(policyFile: string): string {
  const base = basename(policyFile, extname(policyFile));
  return join(dirname(resolve(policyFile)), `${base}.pins.json`);
}

/** Reads the pin file; a missing file is an empty one. */
export function readPinFile(file: string): PinFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, servers: {} };
    throw new PinFileError(`cannot read the pin file ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PinFileError(`the pin file ${file} is not JSON: ${(err as Error).message}`);
  }
  const r = PinFileSchema.safeParse(json);
  if (!r.success)
    throw new PinFileError(`the pin file ${file} is not a pin file: ${r.error.issues[0]?.message}`);
  return r.data;
}

/** Modification time, or 0 when the file does not exist. */
export function pinFileMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Writes the pin file atomically (temp file + rename), so a reader never sees half of it. */
export function writePinFile(file: string, pins: PinFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(pins, null, 2)}\n`, { mode: 0o644 });
  renameSync(tmp, file);
}

/** Which server a pin entry belongs to: `--server-name`, else the server's command line. */
export function serverKey(serverName: string | undefined, argv: readonly string[]): string {
  return serverName ?? argv.join(" ");
}
