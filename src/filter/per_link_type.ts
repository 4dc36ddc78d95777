/**
 * One expression, compiled for each link type it meets: files from `tcpdump -i any`, raw-IP
 * captures and pcapng files mixing interfaces put the network layer at different offsets, so
 * a BPF program is made per link type (as libpcap makes one per handle), on first use.
 *
 * @module
 */

import type { PacketRecord } from "../packet/packet.ts";
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import { type CompiledFilter, compileFilter, type CompileOptions, FilterError } from "./mod.ts";

/** An expression and its programs by link type. */
export class LinkTypeFilters {
  readonly expression: string;
  readonly #options: CompileOptions;
  readonly #byType = new Map<number, CompiledFilter>();
  #lastType = -1;
  #last: CompiledFilter | undefined;

  /**
   * Compiles `expression` for Ethernet at once, so a malformed expression throws here
   * (`FilterSyntaxError`, `FilterError`); other link types compile when first asked for.
   */
  constructor(expression: string, options: Omit<CompileOptions, "linkType"> = {}) {
    this.expression = expression;
    this.#options = options;
    this.for(LINKTYPE_ETHERNET);
  }

  /** The program for frames of `linkType` (throws `FilterError` if it means nothing there). */
  for(linkType: number): CompiledFilter {
    if (linkType === this.#lastType) return this.#last!;
    let f = this.#byType.get(linkType);
    if (f === undefined) {
      f = compileFilter(this.expression, { ...this.#options, linkType });
      this.#byType.set(linkType, f);
    }
    this.#lastType = linkType;
    return this.#last = f;
  }

  /** The Ethernet program (what `-d` prints without `-y` or a file). */
  get ethernet(): CompiledFilter {
    return this.#byType.get(LINKTYPE_ETHERNET)!;
  }

  /** Of `linkTypes`, those the expression means something on (`vlan` is Ethernet's). */
  compilesFor(linkTypes: readonly number[]): number[] {
    return linkTypes.filter((t) => {
      try {
        this.for(t);
        return true;
      } catch (e) {
        if (e instanceof FilterError) return false;
        throw e;
      }
    });
  }

  /** Runs the program for the record's link type (see `CompiledFilter.matchesRecord`). */
  matchesRecord(rec: PacketRecord): boolean {
    return this.for(rec.linkType ?? LINKTYPE_ETHERNET).matchesRecord(rec);
  }
}
