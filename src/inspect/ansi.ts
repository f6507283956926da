/**
 * ANSI/VT escape sequences and C1 controls. In a terminal they recolour, move the cursor
 * or hide text (SGR 8, "conceal"), so what the user reviews differs from what the model
 * reads. Backspace is included: `text\b\b\b\b` overwrites what was printed.
 */
// CSI (ESC [ or C1 0x9B) params + final byte; OSC (ESC ] or 0x9D) up to BEL or ST;
// DCS/SOS/PM/APC (ESC P X ^ _) up to ST; two-byte ESC sequences; stray ESC, C1 and BS.
const ANSI_SOURCE = [
  "(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]",
  "(?:\\u001b\\]|\\u009d)[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?",
  "(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[^\\u001b\\u009c]*(?:\\u001b\\\\|\\u009c)?",
  "\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]",
  "[\\u001b\\u0080-\\u009f\\u0008]",
].join("|");

const ANSI_TEST = new RegExp(ANSI_SOURCE);
const ANSI_ALL = new RegExp(ANSI_SOURCE, "g");

/** True when the text holds any escape sequence or C1/backspace control. */
export function hasAnsi(text: string): boolean {
  return ANSI_TEST.test(text);
}

/** Number of escape sequences in the text. */
export function countAnsi(text: string): number {
  return text.match(ANSI_ALL)?.length ?? 0;
}

/** The text with every escape sequence and C1/backspace control removed. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_ALL, "");
}
