import type { Frame } from "../pipeline/types.js";
import type { Classified } from "../protocol/jsonrpc.js";

/**
 * A new frame for a rewritten message. The id is spliced in as its original token so an
 * integer id above 2^53 keeps its exact value; everything else is re-serialised.
 */
export function rewriteFrame(frame: Frame, message: Record<string, unknown>): Frame {
  const { id: _id, jsonrpc: _v, ...rest } = message;
  const body = JSON.stringify(rest);
  const idPart = frame.rawId === undefined ? "" : `,"id":${frame.rawId}`;
  const raw = Buffer.from(
    `{"jsonrpc":"2.0"${idPart}${body === "{}" ? "" : `,${body.slice(1, -1)}`}}`,
  );
  const parsed = { kind: frame.parsed.kind, message } as Classified;
  return { ...frame, raw, parsed };
}
