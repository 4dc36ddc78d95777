/** The time at the start of a text line, in each of tcpdump's -t forms. */

import { secondStart } from "../../packet/packet.ts";
import * as packetModule from "../../packet/packet.ts";
import { pad2 } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { NS_PER_SEC } = packetModule;

/** "000" to "999". */
const DEC3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
/** Nanoseconds in a microsecond, the unit tcpdump prints. */
const NS_PER_US = 1000;

/** Formats capture times; keeps the text of the current second, which most frames share. */
export class Clock {
  #start = -1n;
  #end = -1n;
  #format = "";
  #prefix = "";

  /** `23:25:47.123456` for "local"/"utc", seconds since the epoch for "epoch", date and time for "date". */
  stamp(ts: bigint, format: string): string {
    if (ts < this.#start || ts >= this.#end || format !== this.#format) {
      this.#start = secondStart(ts);
      this.#end = this.#start + NS_PER_SEC;
      this.#format = format;
      this.#prefix = prefix(this.#start / NS_PER_SEC, format);
    }
    const usec = Number(ts - this.#start) / NS_PER_US | 0;
    return this.#prefix + DEC3[usec / 1000 | 0] + DEC3[usec % 1000];
  }
}

/** The text of second `sec` up to the fraction, dot included. */
function prefix(sec: bigint, format: string): string {
  if (format === "epoch") return sec.toString() + ".";
  const date = new Date(Number(sec) * 1000);
  if (format === "date") {
    return isNaN(date.getTime())
      ? "????-??-?? ??:??:??."
      : `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${
        pad2(date.getHours())
      }:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}.`;
  }
  const utc = format === "utc";
  const h = utc ? date.getUTCHours() : date.getHours();
  const m = utc ? date.getUTCMinutes() : date.getMinutes();
  const s = utc ? date.getUTCSeconds() : date.getSeconds();
  return isNaN(h) ? "??:??:??." : pad2(h) + ":" + pad2(m) + ":" + pad2(s) + ".";
}

/** A time difference as tcpdump -ttt prints it: `H:MM:SS.uuuuuu` (negative as `-...`). */
export function delta(ns: bigint): string {
  const neg = ns < 0n;
  const us = Number((neg ? -ns : ns) / BigInt(NS_PER_US));
  const sec = Math.floor(us / 1e6);
  const h = Math.floor(sec / 3600), m = Math.floor(sec / 60) % 60, s = sec % 60;
  return (neg ? "-" : "") + pad2(h) + ":" + pad2(m) + ":" + pad2(s) + "." +
    ((us % 1e6) + 1e6).toString().slice(1);
}
