/** Errors raised while reading or writing capture files. */
import { RawcapError } from "../errors.ts";

/** What went wrong, for callers that branch on it rather than on the message. */
export type CaptureFileErrorKind =
  | "open"
  | "format"
  | "linktype"
  | "corrupt"
  | "write"
  | "no-space"
  | "broken-pipe"
  | "closed";

/** A capture file could not be opened, parsed or written. The message is one line. */
export class CaptureFileError extends RawcapError {
  /** The file name, "-" for stdin/stdout, or a descriptive label for other streams. */
  readonly file: string;
  /** Byte offset in the file where the problem was found, when it applies. */
  readonly offset: number | undefined;
  /** Category of the failure. */
  readonly kind: CaptureFileErrorKind;

  /**
   * The message is "<file>: <detail>", plus " at offset N" when `offset` is given;
   * `options.cause` keeps the underlying error (e.g. the Deno I/O error).
   */
  constructor(
    kind: CaptureFileErrorKind,
    file: string,
    detail: string,
    offset?: number,
    options?: ErrorOptions,
  ) {
    const where = offset === undefined ? "" : ` at offset ${offset}`;
    super(`${file}: ${detail}${where}`, 1, options);
    this.name = "CaptureFileError";
    this.kind = kind;
    this.file = file;
    this.offset = offset;
  }
}
