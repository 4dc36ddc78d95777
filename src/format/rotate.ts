/**
 * File rotation like tcpdump's -C / -G / -W.
 *
 * - `fileSizeMB` (-C): before writing a record, if the current file is already larger than
 *   fileSizeMB * 1,000,000 bytes, start a new file. Names are `file`, `file1`, `file2`, ...
 *   With `maxFiles` (-W N) names cycle `file0` .. `file{N-1}` (zero-padded to the width of
 *   N-1), overwriting the oldest, as tcpdump.
 * - `seconds` (-G): start a new file when a record's timestamp is `seconds` or more after the
 *   first record of the current file. The name is the path with strftime fields expanded
 *   (local time) from the time the file was started: the wall clock for the first file, the
 *   timestamp of the record that triggered the rotation for later files. With `maxFiles`,
 *   writing stops after N files (tcpdump exits then); with -C too, the -C suffix is appended
 *   and restarts at 0 for each new time slice.
 */

import { NS_PER_SEC_NUMBER } from "../packet/packet.ts";

/** Rotation settings, in tcpdump's units. */
export interface RotateOptions {
  /** -C: size threshold in millions of bytes. */
  fileSizeMB?: number;
  /** -G: seconds per file. */
  seconds?: number;
  /** -W: number of files to cycle through (-C) or to write at most (-G). */
  maxFiles?: number;
  /**
   * How -C numbers files: "tcpdump" appends the number (`cap.pcap`, `cap.pcap1`...; the CLI),
   * "extension" puts it before the extension so files keep it (`cap.pcapng`,
   * `cap-0001.pcapng`...; the library's default).
   */
  naming?: "tcpdump" | "extension";
}

/** Bytes per -C unit, as tcpdump. */
export const ROTATE_SIZE_UNIT = 1_000_000;

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number, width: number, fill = "0"): string {
  return String(n).padStart(width, fill);
}

function dayOfYear(d: Date): number {
  const jan1 = new Date(d.getFullYear(), 0, 1);
  const today = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((today.getTime() - jan1.getTime()) / 86_400_000) + 1;
}

/**
 * Expands strftime fields in local time: %Y %m %d %H %M %S %y %j %e %s %a %b %F %T %%.
 * Unknown fields are left as written.
 */
export function strftime(template: string, date: Date): string {
  return template.replace(/%([A-Za-z%])/g, (all, c: string) => {
    switch (c) {
      case "Y":
        return String(date.getFullYear());
      case "y":
        return pad(date.getFullYear() % 100, 2);
      case "m":
        return pad(date.getMonth() + 1, 2);
      case "d":
        return pad(date.getDate(), 2);
      case "e":
        return pad(date.getDate(), 2, " ");
      case "H":
        return pad(date.getHours(), 2);
      case "M":
        return pad(date.getMinutes(), 2);
      case "S":
        return pad(date.getSeconds(), 2);
      case "j":
        return pad(dayOfYear(date), 3);
      case "s":
        return String(Math.floor(date.getTime() / 1000));
      case "a":
        return DAYS[date.getDay()];
      case "b":
        return MONTHS[date.getMonth()];
      case "F":
        return strftime("%Y-%m-%d", date);
      case "T":
        return strftime("%H:%M:%S", date);
      case "%":
        return "%";
      default:
        return all;
    }
  });
}

/** Digits tcpdump gives the -C file number when -W N is set: the width of N-1. */
export function suffixWidth(maxFiles: number): number {
  let chars = 0;
  for (let x = maxFiles - 1; x > 0; x = Math.floor(x / 10)) chars++;
  return chars;
}

/**
 * tcpdump's MakeFilename: `base` for file 0 without a width, else base + padded number. With
 * `naming` "extension" the number (at least 4 digits) goes before the extension instead:
 * `cap-0001.pcapng`.
 */
export function numberedFileName(
  base: string,
  count: number,
  width: number,
  naming: RotateOptions["naming"] = "tcpdump",
): string {
  if (count === 0 && width === 0) return base;
  if (naming === "tcpdump") return base + pad(count, width);
  const slash = base.lastIndexOf("/");
  const dot = base.lastIndexOf(".");
  const cut = dot > slash + 1 ? dot : base.length;
  return `${base.slice(0, cut)}-${pad(count, Math.max(4, width))}${base.slice(cut)}`;
}

function nsToDate(ns: bigint): Date {
  return new Date(Number(ns / 1_000_000n));
}

/** Decides when to start a new file and what to call it. */
export class RotationPolicy {
  readonly path: string;
  readonly sizeLimit: number | undefined;
  readonly slice: bigint | undefined;
  readonly maxFiles: number | undefined;
  readonly naming: RotateOptions["naming"];
  #count = 0;
  #slices = 1;
  #sliceStart: bigint | undefined;
  #sliceName = "";

  constructor(path: string, options: RotateOptions) {
    this.path = path;
    this.sizeLimit = options.fileSizeMB
      ? Math.round(options.fileSizeMB * ROTATE_SIZE_UNIT)
      : undefined;
    this.slice = options.seconds
      ? BigInt(Math.round(options.seconds * NS_PER_SEC_NUMBER))
      : undefined;
    this.maxFiles = options.maxFiles && options.maxFiles > 0 ? options.maxFiles : undefined;
    this.naming = options.naming ?? "tcpdump";
  }

  /** Whether any rotation is configured. */
  get active(): boolean {
    return this.sizeLimit !== undefined || this.slice !== undefined;
  }

  /** Name of the first file, started at wall-clock time `nowNs`. */
  first(nowNs: bigint = BigInt(Date.now()) * 1_000_000n): string {
    this.#count = 0;
    this.#slices = 1;
    this.#sliceStart = undefined;
    this.#sliceName = this.slice !== undefined ? strftime(this.path, nsToDate(nowNs)) : this.path;
    return this.#name();
  }

  /**
   * Called before writing a record with timestamp `tsNs` when the current file holds
   * `fileBytes`. Returns undefined to keep the file, a name to switch to, or null when
   * -G with -W has written its last file and writing must stop.
   */
  next(fileBytes: number, tsNs: bigint): string | null | undefined {
    if (this.slice !== undefined) {
      if (this.#sliceStart === undefined) this.#sliceStart = tsNs;
      else if (tsNs - this.#sliceStart >= this.slice) {
        if (this.maxFiles !== undefined && this.#slices >= this.maxFiles) return null;
        this.#slices++;
        this.#sliceStart = tsNs;
        this.#sliceName = strftime(this.path, nsToDate(tsNs));
        this.#count = 0;
        return this.#name();
      }
    }
    if (this.sizeLimit !== undefined && fileBytes > this.sizeLimit) {
      this.#count++;
      if (this.maxFiles !== undefined && this.#count >= this.maxFiles) this.#count = 0;
      return this.#name();
    }
    return undefined;
  }

  #name(): string {
    if (this.sizeLimit === undefined) return this.#sliceName;
    const width = this.maxFiles !== undefined ? suffixWidth(this.maxFiles) : 0;
    return numberedFileName(this.#sliceName, this.#count, width, this.naming);
  }
}
