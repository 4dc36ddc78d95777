/** Typed errors of live capture. */
import { SysError } from "../sys/libc.ts";
import { EACCES, EPERM } from "../sys/errno.ts";
import { PermissionDenied, RawcapError } from "../errors.ts";

export { PermissionDenied };

/** What a capture without CAP_NET_RAW is told to do. */
export const NEED_CAP_NET_RAW = "capturing needs CAP_NET_RAW: run as root, or " +
  "setcap cap_net_raw,cap_net_admin+ep on the binary";

/** The named interface does not exist. */
export class InterfaceNotFound extends RawcapError {
  /** The interface name asked for. */
  readonly iface: string;
  /** `iface` is the name that was asked for; the message reads "<iface>: no such interface". */
  constructor(iface: string) {
    super(`${iface}: no such interface`);
    this.name = "InterfaceNotFound";
    this.iface = iface;
  }
}

/** Rethrows EPERM/EACCES from a system call as {@link PermissionDenied}. */
export function mapPermission(e: unknown, what: string): never {
  if (e instanceof SysError && (e.errno === EPERM || e.errno === EACCES)) {
    throw new PermissionDenied(what, NEED_CAP_NET_RAW);
  }
  throw e;
}
