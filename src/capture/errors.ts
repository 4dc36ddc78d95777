/** Typed errors of live capture. */
import { SysError } from "../sys/libc.ts";
import { EACCES, EPERM } from "../sys/errno.ts";

/** The named interface does not exist. */
export class InterfaceNotFound extends Error {
  /** The interface name asked for. */
  readonly iface: string;
  /** `iface` is the name that was asked for; the message reads "<iface>: no such interface". */
  constructor(iface: string) {
    super(`${iface}: no such interface`);
    this.name = "InterfaceNotFound";
    this.iface = iface;
  }
}

/** The process may not open packet sockets (needs CAP_NET_RAW, or root). */
export class PermissionDenied extends Error {
  /** `what` names the refused operation (interface, call) and starts the message. */
  constructor(what: string) {
    super(
      `${what}: permission denied (capturing needs CAP_NET_RAW: run as root, or ` +
        `setcap cap_net_raw,cap_net_admin+ep on the binary)`,
    );
    this.name = "PermissionDenied";
  }
}

/** Rethrows EPERM/EACCES from a system call as {@link PermissionDenied}. */
export function mapPermission(e: unknown, what: string): never {
  if (e instanceof SysError && (e.errno === EPERM || e.errno === EACCES)) {
    throw new PermissionDenied(what);
  }
  throw e;
}
