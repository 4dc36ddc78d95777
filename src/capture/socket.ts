/**
 * Open and configure one AF_PACKET socket on one interface: auxdata, timestamps, promiscuous
 * membership, optional BPF program, receive buffer, and bind last (a protocol-0 socket
 * receives nothing until bound, so no unfiltered frame can be queued before then).
 */
import {
  AF_PACKET,
  ETH_P_ALL,
  PACKET_ADD_MEMBERSHIP,
  PACKET_AUXDATA,
  PACKET_MR_PROMISC,
  PACKET_STATISTICS,
  SO_ATTACH_FILTER,
  SO_ERROR,
  SO_RCVBUFFORCE,
  SO_TIMESTAMPNS,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOCK_RAW,
  SOL_PACKET,
  SOL_SOCKET,
} from "../sys/constants.ts";
import { check, libc, SysError } from "../sys/libc.ts";
import { Arena, type Region } from "../sys/memory.ts";
import {
  packet_mreq,
  setPointer,
  sock_fprog,
  sockaddr_ll,
  tpacket_stats,
  writePacketMreq,
  writeSockaddrLl,
} from "../sys/structs.ts";
import { InterfaceNotFound, mapPermission } from "./errors.ts";

/** How to set up a capture socket. */
export interface SocketOptions {
  /** Put the interface in promiscuous mode through a socket membership (default true). */
  promiscuous?: boolean;
  /** A classic BPF program (`struct sock_filter` array) to attach before bind. */
  filter?: Uint8Array;
  /** Kernel receive buffer in bytes (SO_RCVBUFFORCE); 0 keeps the default. */
  rcvbuf?: number;
  /** Called after configuration and before bind, e.g. to set up a ring. */
  beforeBind?: (fd: number) => void;
}

/** Scratch memory for socket set-up calls (never on the per-packet path). */
/** Allocated on first use, so importing this module needs no FFI permission. */
let scratch: ReturnType<typeof allocScratch> | undefined;
function allocScratch() {
  const a = new Arena(4096);
  return {
    intOpt: a.alloc(4, 4),
    mreq: a.alloc(packet_mreq.size),
    addr: a.alloc(sockaddr_ll.size),
    fprog: a.alloc(sock_fprog.size),
    statsBuf: a.alloc(tpacket_stats.size + 4),
    statsLen: a.alloc(4, 4),
    nameBuf: a.alloc(64, 1),
  };
}
function mem() {
  return scratch ??= allocScratch();
}

/** The index of interface `name`, or 0 when there is no such interface. */
export function ifIndex(name: string): number {
  const enc = new TextEncoder().encode(name);
  if (enc.length >= mem().nameBuf.size) return 0;
  mem().nameBuf.bytes.fill(0);
  mem().nameBuf.bytes.set(enc);
  return libc().if_nametoindex(mem().nameBuf.ptr);
}

/** setsockopt with an int value. */
export function setIntOpt(fd: number, level: number, opt: number, value: number, what: string) {
  mem().intOpt.view.setInt32(0, value, true);
  check(what, libc().setsockopt(fd, level, opt, mem().intOpt.ptr, 4));
}

/** setsockopt with a struct already laid out in `r`. */
export function setStructOpt(fd: number, level: number, opt: number, r: Region, what: string) {
  check(what, libc().setsockopt(fd, level, opt, r.ptr, r.size));
}

/** Attaches a classic BPF program (SO_ATTACH_FILTER). `prog` is a sock_filter array. */
export function attachFilter(fd: number, prog: Uint8Array) {
  // The kernel copies the program during the call; it still must sit in stable memory.
  const insns = new Arena(prog.length + 64).alloc(prog.length);
  insns.bytes.set(prog);
  mem().fprog.view.setUint16(sock_fprog.len, prog.length / 8, true);
  setPointer(mem().fprog.view, sock_fprog.filter, insns.ptr);
  setStructOpt(fd, SOL_SOCKET, SO_ATTACH_FILTER, mem().fprog, "setsockopt(SO_ATTACH_FILTER)");
}

/** Opens a configured, bound capture socket on `iface`. Returns the fd and interface index. */
export function openCaptureSocket(
  iface: string,
  opts: SocketOptions = {},
): { fd: number; ifindex: number } {
  const ifindex = ifIndex(iface);
  if (ifindex === 0) throw new InterfaceNotFound(iface);
  const lib = libc();
  let fd: number;
  try {
    fd = check(
      "socket(AF_PACKET)",
      lib.socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0),
    );
  } catch (e) {
    mapPermission(e, `${iface}: socket(AF_PACKET)`);
  }
  try {
    setIntOpt(fd, SOL_PACKET, PACKET_AUXDATA, 1, "setsockopt(PACKET_AUXDATA)");
    setIntOpt(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1, "setsockopt(SO_TIMESTAMPNS)");
    if (opts.promiscuous ?? true) {
      writePacketMreq(mem().mreq.view, ifindex, PACKET_MR_PROMISC);
      setStructOpt(
        fd,
        SOL_PACKET,
        PACKET_ADD_MEMBERSHIP,
        mem().mreq,
        "setsockopt(PACKET_ADD_MEMBERSHIP)",
      );
    }
    if (opts.rcvbuf) {
      try {
        setIntOpt(fd, SOL_SOCKET, SO_RCVBUFFORCE, opts.rcvbuf, "setsockopt(SO_RCVBUFFORCE)");
      } catch (e) {
        if (!(e instanceof SysError)) throw e; // without CAP_NET_ADMIN the default stays
      }
    }
    if (opts.filter) attachFilter(fd, opts.filter);
    opts.beforeBind?.(fd);
    writeSockaddrLl(mem().addr.view, AF_PACKET, ETH_P_ALL, ifindex);
    check(`bind(${iface})`, lib.bind(fd, mem().addr.ptr, sockaddr_ll.size));
  } catch (e) {
    lib.close(fd);
    mapPermission(e, iface);
  }
  return { fd, ifindex };
}

/**
 * Reads PACKET_STATISTICS: `[packets, drops, freezes]` since the last read (the kernel resets
 * the counters on every read; callers accumulate). `size` is 12 for TPACKET_V3 sockets, whose
 * third counter is `tp_freeze_q_cnt`; it is 0 otherwise.
 */
export function readStats(
  fd: number,
  size: number = tpacket_stats.size,
): [packets: number, drops: number, freezes: number] {
  mem().statsLen.view.setUint32(0, size, true);
  const r = libc().getsockopt(
    fd,
    SOL_PACKET,
    PACKET_STATISTICS,
    mem().statsBuf.ptr,
    mem().statsLen.ptr,
  );
  if (r < 0) return [0, 0, 0];
  const v = mem().statsBuf.view;
  return [v.getUint32(0, true), v.getUint32(4, true), size >= 12 ? v.getUint32(8, true) : 0];
}

/** Closes a file descriptor, ignoring errors. */
export function closeFd(fd: number) {
  libc().close(fd);
}

/** Reads and clears the socket's pending error (SO_ERROR); 0 when none. */
export function takeSocketError(fd: number): number {
  mem().statsLen.view.setUint32(0, 4, true);
  const r = libc().getsockopt(fd, SOL_SOCKET, SO_ERROR, mem().intOpt.ptr, mem().statsLen.ptr);
  return r < 0 ? 0 : mem().intOpt.view.getInt32(0, true);
}
