/**
 * Errors raised while compiling a filter expression.
 *
 * @module
 */
import { RawcapError } from "../errors.ts";

function caret(expr: string, position: number): string {
  return `\n  ${expr}\n  ${" ".repeat(Math.max(0, Math.min(position, expr.length)))}^`;
}

/**
 * A filter that is well formed but means nothing rawcap can compile, e.g. "'tcp' modifier
 * applied to host" or a host name (rawcap never resolves names).
 */
export class FilterError extends RawcapError {
  /** Character offset in the expression the problem was found at. */
  readonly position: number;
  /** The expression being compiled. */
  readonly expression: string;
  /** The message without the position and caret lines. */
  readonly reason: string;
  /**
   * `position` is a character offset into `expression`; the message is `reason` with that
   * position, then the expression and a caret under the offending character.
   */
  constructor(reason: string, position: number, expression: string) {
    super(`${reason} at position ${position}${caret(expression, position)}`, 2);
    this.name = "FilterError";
    this.reason = reason;
    this.position = position;
    this.expression = expression;
  }
}

/** The expression does not follow the pcap-filter grammar: "expected X at position N". */
export class FilterSyntaxError extends FilterError {
  /** What the parser was looking for, e.g. "a primitive" or "')'". */
  readonly expected: string;
  /** The text found instead ("end of expression" at the end). */
  readonly found: string;
  /**
   * The reason reads "expected <expected>, found <found>"; position and caret as {@link
   * FilterError}.
   */
  constructor(expected: string, found: string, position: number, expression: string) {
    super(`expected ${expected}, found ${found}`, position, expression);
    this.name = "FilterSyntaxError";
    this.expected = expected;
    this.found = found;
  }
}

/**
 * A filter that compiles to more instructions than the kernel accepts (`BPF_MAXINSNS`). A live
 * capture runs such a filter in user space instead; printing it (`-d`) or reading a file with
 * it is refused with this error.
 */
export class FilterTooLongError extends RawcapError {
  /** Instructions the program has. */
  readonly instructions: number;
  /** The most the kernel takes. */
  readonly limit: number;
  /** `instructions` in a program the kernel takes at most `limit` of. */
  constructor(instructions: number, limit: number) {
    super(
      `filter too long: ${instructions} BPF instructions, the kernel takes at most ${limit}`,
      2,
    );
    this.name = "FilterTooLongError";
    this.instructions = instructions;
    this.limit = limit;
  }
}
