/**
 * The recvmsg read path: one system call per frame, the stripped VLAN tag and the
 * timestamp from control messages. Every buffer is allocated once per socket.
 */
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import type { PacketRecord } from "../packet/packet.ts";
import { directionOf } from "../packet/direction.ts";
import { ETH_P_8021Q, putBackVlanTag, VLAN_HLEN } from "../packet/vlan.ts";
import { NS_PER_SEC } from "../packet/packet.ts";
import {
  MSG_TRUNC,
  PACKET_AUXDATA,
  SCM_TIMESTAMPNS,
  SOL_PACKET,
  SOL_SOCKET,
  TP_STATUS_VLAN_TPID_VALID,
  TP_STATUS_VLAN_VALID,
} from "../sys/constants.ts";
import { EAGAIN, EINTR } from "../sys/errno.ts";
import { errno, libc, SysError } from "../sys/libc.ts";
import { Arena } from "../sys/memory.ts";
import {
  CMSG_ALIGN,
  CMSG_SPACE,
  cmsghdr,
  msghdr,
  setPointer,
  sockaddr_ll,
  timespec,
  tpacket_auxdata,
  writeIovec,
} from "../sys/structs.ts";
import { closeFd, readStats } from "./socket.ts";
import {
  type CaptureSource,
  type Emit,
  type FrameSink,
  type SourceStats,
  zeroStats,
} from "./source.ts";

const CONTROL_SIZE = CMSG_SPACE(tpacket_auxdata.size) + CMSG_SPACE(timespec.size) + 32;
/** Room in front of the frame for a VLAN tag put back. */
const RESERVE = VLAN_HLEN;

/** A capture socket read with recvmsg(2). */
export class RecvSource implements CaptureSource {
  readonly path = "recvmsg";
  sink?: FrameSink;
  readonly #msg;
  readonly #name;
  readonly #control;
  readonly #frame;
  readonly #snaplen: number;
  readonly #rec: PacketRecord;
  readonly #recvmsg;
  readonly #totals: SourceStats = zeroStats();
  #open = true;

  constructor(
    readonly fd: number,
    readonly iface: string,
    readonly ifindex: number,
    snaplen: number,
    /** What frames on this interface start with (LINKTYPE_*): Ethernet, or RAW (tun). */
    readonly linkType: number = LINKTYPE_ETHERNET,
  ) {
    this.#snaplen = snaplen;
    const arena = new Arena(msghdr.size + 16 + 32 + CONTROL_SIZE + RESERVE + snaplen + 64);
    this.#msg = arena.alloc(msghdr.size);
    const iov = arena.alloc(16);
    this.#name = arena.alloc(sockaddr_ll.size);
    this.#control = arena.alloc(CONTROL_SIZE);
    this.#frame = arena.alloc(RESERVE + snaplen, 16);
    const frameData = Deno.UnsafePointer.offset(this.#frame.ptr!, RESERVE);
    writeIovec(iov.view, 0, frameData, snaplen);
    const m = this.#msg.view;
    setPointer(m, msghdr.msg_name, this.#name.ptr);
    setPointer(m, msghdr.msg_iov, iov.ptr);
    m.setBigUint64(msghdr.msg_iovlen, 1n, true);
    setPointer(m, msghdr.msg_control, this.#control.ptr);
    this.#recvmsg = libc().recvmsg;
    this.#rec = {
      ts: 0n,
      iface,
      ifindex,
      len: 0,
      caplen: 0,
      direction: "unknown",
      data: this.#frame.bytes.subarray(0, 0),
      linkType,
    };
  }

  drain(emit: Emit, budget: number): number {
    const m = this.#msg.view;
    const msgPtr = this.#msg.ptr;
    const ctl = this.#control.view;
    const frame = this.#frame.bytes;
    const rec = this.#rec;
    let n = 0;
    while (n < budget && this.#open) {
      m.setUint32(msghdr.msg_namelen, sockaddr_ll.size, true);
      m.setBigUint64(msghdr.msg_controllen, BigInt(CONTROL_SIZE), true);
      const r = Number(this.#recvmsg(this.fd, msgPtr, MSG_TRUNC));
      if (r < 0) {
        const e = errno();
        if (e === EAGAIN) break;
        if (e === EINTR) continue;
        throw new SysError("recvmsg", e, this.iface);
      }
      let wireLen = r;
      let caplen = Math.min(r, this.#snaplen);
      let ts = -1n;
      let vlanTci = -1;
      let vlanTpid = ETH_P_8021Q;
      const controlLen = Number(m.getBigUint64(msghdr.msg_controllen, true));
      let off = 0;
      while (off + cmsghdr.size <= controlLen) {
        const clen = Number(ctl.getBigUint64(off + cmsghdr.cmsg_len, true));
        if (clen < cmsghdr.size) break;
        const level = ctl.getInt32(off + cmsghdr.cmsg_level, true);
        const type = ctl.getInt32(off + cmsghdr.cmsg_type, true);
        const d = off + cmsghdr.data;
        if (level === SOL_PACKET && type === PACKET_AUXDATA) {
          const status = ctl.getUint32(d + tpacket_auxdata.tp_status, true);
          wireLen = ctl.getUint32(d + tpacket_auxdata.tp_len, true);
          if (status & TP_STATUS_VLAN_VALID) {
            vlanTci = ctl.getUint16(d + tpacket_auxdata.tp_vlan_tci, true);
            if (status & TP_STATUS_VLAN_TPID_VALID) {
              vlanTpid = ctl.getUint16(d + tpacket_auxdata.tp_vlan_tpid, true);
            }
          }
        } else if (level === SOL_SOCKET && type === SCM_TIMESTAMPNS) {
          ts = ctl.getBigInt64(d + timespec.tv_sec, true) * NS_PER_SEC +
            ctl.getBigInt64(d + timespec.tv_nsec, true);
        }
        off += CMSG_ALIGN(clen);
      }
      let start = RESERVE;
      if (vlanTci >= 0) {
        const added = putBackVlanTag(this.#frame.view, start, caplen, vlanTpid, vlanTci);
        start -= added;
        caplen = Math.min(caplen + added, this.#snaplen);
        wireLen += added;
      }
      rec.ts = ts >= 0n ? ts : BigInt(Date.now()) * 1_000_000n;
      rec.len = wireLen;
      rec.caplen = caplen;
      rec.direction = directionOf(this.#name.bytes[sockaddr_ll.sll_pkttype]);
      rec.data = frame.subarray(start, start + caplen);
      n++;
      if ((this.sink ? this.sink.record(rec) : emit(rec)) === false) return -1;
    }
    return n;
  }

  stats(): SourceStats {
    if (this.#open) {
      const [p, d] = readStats(this.fd);
      this.#totals.received += p;
      this.#totals.dropped += d;
    }
    return { ...this.#totals };
  }

  close() {
    if (!this.#open) return;
    this.stats();
    this.#open = false;
    closeFd(this.fd);
  }
}
