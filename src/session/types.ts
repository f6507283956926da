/** Where the session writes lines (without newline); the transport frames them. */
export interface SessionOutput {
  toServer(line: Buffer | string): void;
  toClient(line: Buffer | string): void;
}
