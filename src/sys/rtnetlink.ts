/**
 * rtnetlink (`AF_NETLINK`/`NETLINK_ROUTE`): the kernel's own account of network interfaces.
 * An `RTM_GETLINK` dump lists them; a socket bound to the `RTMGRP_LINK` group hears
 * `RTM_NEWLINK`/`RTM_DELLINK` the moment a link is added, changed or deleted. Nothing here
 * reads `/sys` (Deno refuses that without `--allow-all`): it needs `--allow-ffi` only, and no
 * privilege.
 */
import {
  AF_NETLINK,
  AF_UNSPEC,
  IFLA_ADDRESS,
  IFLA_IFNAME,
  IFLA_MTU,
  IFLA_OPERSTATE,
  MSG_DONTWAIT,
  MSG_TRUNC,
  NETLINK_ROUTE,
  NLA_F_NESTED,
  NLA_F_NET_BYTEORDER,
  NLM_F_DUMP,
  NLM_F_REQUEST,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_OVERRUN,
  RTM_DELLINK,
  RTM_GETLINK,
  RTM_NEWLINK,
  SO_RCVTIMEO,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOCK_RAW,
  SOL_SOCKET,
} from "./constants.ts";
import { EAGAIN, EINTR, ENOBUFS } from "./errno.ts";
import { check, errno, libc, SysError } from "./libc.ts";
import { Arena, type Region } from "./memory.ts";
import { ifinfomsg, NLMSG_ALIGN, nlmsgerr, nlmsghdr, rtattr, sockaddr_nl } from "./structs.ts";

/** One link, from an RTM_NEWLINK or RTM_DELLINK message. */
export interface LinkMessage {
  /** RTM_NEWLINK (exists, maybe changed) or RTM_DELLINK (deleted). */
  type: typeof RTM_NEWLINK | typeof RTM_DELLINK;
  /** Interface index (`ifi_index`). */
  index: number;
  /** Interface name (`IFLA_IFNAME`). */
  name: string;
  /** `ifi_flags`: IFF_UP, IFF_RUNNING... */
  flags: number;
  /** `ifi_type`: ARPHRD_ETHER, ARPHRD_LOOPBACK, ARPHRD_NONE... */
  hwType: number;
  /** `IFLA_OPERSTATE` (IF_OPER_*; IF_OPER_UNKNOWN when absent). */
  operstate: number;
  /** `IFLA_MTU`; 0 when absent. */
  mtu: number;
  /** `IFLA_ADDRESS`, copied; empty for devices without one. */
  address: Uint8Array;
}

/** Receive buffer: larger than any single link message (a few KiB with statistics). */
const BUF_SIZE = 64 * 1024;
/** Longest a dump may take before it is an error rather than a hang. */
const DUMP_TIMEOUT_S = 5;
/** Attribute types carry two flag bits: NLA_TYPE_MASK clears them, as the kernel defines it. */
const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

const decoder = new TextDecoder();
let nextSeq = 1;

/** An rtnetlink socket with its own receive buffer, carved once. */
export class RtnetlinkSocket {
  readonly fd: number;
  readonly #buf: Region;
  readonly #req: Region;
  readonly #addr: Region;
  #closed = false;

  private constructor(fd: number, arena: Arena) {
    this.fd = fd;
    this.#buf = arena.alloc(BUF_SIZE);
    this.#req = arena.alloc(nlmsghdr.size + ifinfomsg.size);
    this.#addr = arena.alloc(16);
  }

  /**
   * Opens a socket. `groups` (e.g. RTMGRP_LINK) subscribes it to events and makes it
   * nonblocking, for an epoll set; without groups it is a blocking socket for requests.
   */
  static open(groups = 0): RtnetlinkSocket {
    const lib = libc();
    const type = SOCK_RAW | SOCK_CLOEXEC | (groups ? SOCK_NONBLOCK : 0);
    const fd = check("socket(AF_NETLINK)", lib.socket(AF_NETLINK, type, NETLINK_ROUTE));
    const s = new RtnetlinkSocket(fd, new Arena(BUF_SIZE + 256));
    try {
      const v = s.#addr.view;
      s.#addr.bytes.fill(0);
      if (groups) {
        v.setUint16(sockaddr_nl.nl_family, AF_NETLINK, true);
        v.setUint32(sockaddr_nl.nl_groups, groups, true);
        check("bind(AF_NETLINK)", lib.bind(fd, s.#addr.ptr, sockaddr_nl.size));
      } else {
        // struct timeval { tv_sec; tv_usec }: a dump that never ends is an error, not a hang.
        v.setBigInt64(0, BigInt(DUMP_TIMEOUT_S), true);
        v.setBigInt64(8, 0n, true);
        check(
          "setsockopt(SO_RCVTIMEO)",
          lib.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, s.#addr.ptr, 16),
        );
      }
    } catch (e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** Every link the kernel knows, in the order it lists them (by index). */
  dumpLinks(): LinkMessage[] {
    const mySeq = nextSeq++;
    const r = this.#req;
    r.bytes.fill(0);
    r.view.setUint32(nlmsghdr.nlmsg_len, r.size, true);
    r.view.setUint16(nlmsghdr.nlmsg_type, RTM_GETLINK, true);
    r.view.setUint16(nlmsghdr.nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP, true);
    r.view.setUint32(nlmsghdr.nlmsg_seq, mySeq, true);
    r.view.setUint8(nlmsghdr.size + ifinfomsg.ifi_family, AF_UNSPEC);
    const lib = libc();
    let sent: number;
    do {
      sent = Number(lib.sendto(this.fd, r.ptr, BigInt(r.size), 0, null, 0));
    } while (sent < 0 && errno() === EINTR);
    if (sent < 0) throw new SysError("sendto(RTM_GETLINK)", errno());
    const links: LinkMessage[] = [];
    for (;;) {
      const n = this.#recv(0);
      if (n < 0) {
        const e = errno();
        if (e === EINTR) continue;
        throw new SysError("recv(RTM_GETLINK)", e);
      }
      const done = parseMessages(this.#buf.view, n, (m) => links.push(m), mySeq);
      if (done) return links;
    }
  }

  /**
   * Reads every queued event message and hands each link to `on`. Returns false when the
   * kernel dropped events because the socket buffer was full (ENOBUFS): the caller must then
   * re-learn the whole picture with a dump.
   */
  readEvents(on: (m: LinkMessage) => void): boolean {
    let complete = true;
    for (;;) {
      const n = this.#recv(MSG_DONTWAIT);
      if (n < 0) {
        const e = errno();
        if (e === EAGAIN) return complete;
        if (e === EINTR) continue;
        if (e === ENOBUFS) {
          complete = false;
          continue;
        }
        throw new SysError("recv(RTMGRP_LINK)", e);
      }
      parseMessages(this.#buf.view, n, on, undefined);
    }
  }

  #recv(flags: number): number {
    const n = Number(
      libc().recv(this.fd, this.#buf.ptr, BigInt(BUF_SIZE), flags | MSG_TRUNC),
    );
    if (n > BUF_SIZE) {
      throw new SysError("recv(AF_NETLINK)", ENOBUFS, `message of ${n} bytes`);
    }
    return n;
  }

  /** Closes the socket. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    libc().close(this.fd);
  }
}

/**
 * Walks the netlink messages in `v[0..n)`, handing each link message to `on`. With `seq`
 * (a dump), returns true at its NLMSG_DONE and throws its NLMSG_ERROR; messages of other
 * sequence numbers are skipped.
 */
export function parseMessages(
  v: DataView,
  n: number,
  on: (m: LinkMessage) => void,
  seq: number | undefined,
): boolean {
  let off = 0;
  while (off + nlmsghdr.size <= n) {
    const len = v.getUint32(off + nlmsghdr.nlmsg_len, true);
    if (len < nlmsghdr.size || off + len > n) break;
    const type = v.getUint16(off + nlmsghdr.nlmsg_type, true);
    const ours = seq === undefined || v.getUint32(off + nlmsghdr.nlmsg_seq, true) === seq;
    const body = off + nlmsghdr.size;
    if (ours) {
      if (type === NLMSG_DONE && seq !== undefined) return true;
      if (type === NLMSG_ERROR && len >= nlmsghdr.size + nlmsgerr.size) {
        const err = -v.getInt32(body + nlmsgerr.error, true);
        if (err !== 0) throw new SysError("rtnetlink(RTM_GETLINK)", err);
      } else if (type === NLMSG_OVERRUN) {
        throw new SysError("rtnetlink", ENOBUFS, "overrun");
      } else if (
        (type === RTM_NEWLINK || type === RTM_DELLINK) && len >= body - off + ifinfomsg.size
      ) {
        on(parseLink(v, type, body, off + len));
      }
    }
    off += NLMSG_ALIGN(len);
  }
  return false;
}

/** One RTM_NEWLINK/RTM_DELLINK payload: ifinfomsg at `at`, attributes up to `end`. */
function parseLink(
  v: DataView,
  type: typeof RTM_NEWLINK | typeof RTM_DELLINK,
  at: number,
  end: number,
): LinkMessage {
  const m: LinkMessage = {
    type,
    index: v.getInt32(at + ifinfomsg.ifi_index, true),
    name: "",
    flags: v.getUint32(at + ifinfomsg.ifi_flags, true),
    hwType: v.getUint16(at + ifinfomsg.ifi_type, true),
    operstate: 0,
    mtu: 0,
    address: new Uint8Array(0),
  };
  let a = at + ifinfomsg.size;
  while (a + rtattr.size <= end) {
    const alen = v.getUint16(a + rtattr.rta_len, true);
    if (alen < rtattr.size || a + alen > end) break;
    const data = a + rtattr.size;
    const dlen = alen - rtattr.size;
    switch (v.getUint16(a + rtattr.rta_type, true) & NLA_TYPE_MASK) {
      case IFLA_IFNAME: {
        const bytes = new Uint8Array(v.buffer, v.byteOffset + data, dlen);
        const nul = bytes.indexOf(0);
        m.name = decoder.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
        break;
      }
      case IFLA_MTU:
        if (dlen >= 4) m.mtu = v.getUint32(data, true);
        break;
      case IFLA_OPERSTATE:
        if (dlen >= 1) m.operstate = v.getUint8(data);
        break;
      case IFLA_ADDRESS:
        m.address = new Uint8Array(v.buffer.slice(v.byteOffset + data, v.byteOffset + data + dlen));
        break;
    }
    a += NLMSG_ALIGN(alen);
  }
  return m;
}
