/**
 * C struct layouts (LP64 Linux: x86_64 and aarch64) as byte offsets and sizes, plus small
 * helpers that fill or read them in a DataView. All multi-byte fields are host order
 * (little-endian on both targets) except where the kernel says network order.
 */

const LE = true;

/** struct sockaddr_ll */
export const sockaddr_ll = {
  size: 20,
  sll_family: 0, // u16
  sll_protocol: 2, // u16, network order
  sll_ifindex: 4, // i32
  sll_hatype: 8, // u16
  sll_pkttype: 10, // u8
  sll_halen: 11, // u8
  sll_addr: 12, // u8[8]
} as const;

/** struct packet_mreq */
export const packet_mreq = {
  size: 16,
  mr_ifindex: 0, // i32
  mr_type: 4, // u16
  mr_alen: 6, // u16
  mr_address: 8, // u8[8]
} as const;

/** struct iovec */
export const iovec = { size: 16, iov_base: 0, iov_len: 8 } as const;

/** struct msghdr */
export const msghdr = {
  size: 56,
  msg_name: 0, // void*
  msg_namelen: 8, // socklen_t
  msg_iov: 16, // struct iovec*
  msg_iovlen: 24, // size_t
  msg_control: 32, // void*
  msg_controllen: 40, // size_t
  msg_flags: 48, // int
} as const;

/** struct cmsghdr; data follows at CMSG_DATA = 16. */
export const cmsghdr = { size: 16, cmsg_len: 0, cmsg_level: 8, cmsg_type: 12, data: 16 } as const;

/** CMSG_ALIGN: control messages are aligned to sizeof(size_t). */
export function CMSG_ALIGN(len: number): number {
  return (len + 7) & ~7;
}

/** CMSG_SPACE: room one control message with `len` data bytes takes. */
export function CMSG_SPACE(len: number): number {
  return cmsghdr.size + CMSG_ALIGN(len);
}

/** struct tpacket_auxdata */
export const tpacket_auxdata = {
  size: 20,
  tp_status: 0, // u32
  tp_len: 4, // u32
  tp_snaplen: 8, // u32
  tp_mac: 12, // u16
  tp_net: 14, // u16
  tp_vlan_tci: 16, // u16
  tp_vlan_tpid: 18, // u16
} as const;

/** struct timespec */
export const timespec = { size: 16, tv_sec: 0, tv_nsec: 8 } as const;

/**
 * struct epoll_event. x86_64 declares it packed (12 bytes, data at 4);
 * other architectures use natural alignment (16 bytes, data at 8).
 */
export const epoll_event = Deno.build.arch === "x86_64"
  ? { size: 12, events: 0, data: 4 } as const
  : { size: 16, events: 0, data: 8 } as const;

/** struct statx: the fields that say which file it is (device and inode). */
export const statx = {
  size: 256,
  stx_ino: 32,
  stx_dev_major: 136,
  stx_dev_minor: 140,
} as const;

/** struct tpacket_stats (TPACKET_V1/V2 and the recvmsg path) */
export const tpacket_stats = { size: 8, tp_packets: 0, tp_drops: 4 } as const;

/** struct tpacket_stats_v3 */
export const tpacket_stats_v3 = {
  size: 12,
  tp_packets: 0,
  tp_drops: 4,
  tp_freeze_q_cnt: 8,
} as const;

/** struct tpacket_req3 */
export const tpacket_req3 = {
  size: 28,
  tp_block_size: 0,
  tp_block_nr: 4,
  tp_frame_size: 8,
  tp_frame_nr: 12,
  tp_retire_blk_tov: 16,
  tp_sizeof_priv: 20,
  tp_feature_req_word: 24,
} as const;

/** struct tpacket_block_desc with its struct tpacket_hdr_v1 inlined. */
export const tpacket_block_desc = {
  version: 0, // u32
  offset_to_priv: 4, // u32
  block_status: 8, // u32
  num_pkts: 12, // u32
  offset_to_first_pkt: 16, // u32
  blk_len: 20, // u32
  seq_num: 24, // u64 (aligned to 8)
  ts_first_pkt: 32, // struct tpacket_bd_ts { u32 ts_sec; u32 ts_usec|ts_nsec }
  ts_last_pkt: 40,
} as const;

/** struct tpacket3_hdr, followed at TPACKET_ALIGN(48) by a struct sockaddr_ll. */
export const tpacket3_hdr = {
  size: 48,
  tp_next_offset: 0, // u32
  tp_sec: 4, // u32
  tp_nsec: 8, // u32
  tp_snaplen: 12, // u32
  tp_len: 16, // u32
  tp_status: 20, // u32
  tp_mac: 24, // u16
  tp_net: 26, // u16
  tp_rxhash: 28, // u32 (hv1)
  tp_vlan_tci: 32, // u32 (hv1)
  tp_vlan_tpid: 36, // u16 (hv1)
} as const;

/** TPACKET_ALIGNMENT */
export const TPACKET_ALIGNMENT = 16;

/** TPACKET_ALIGN(x) */
export function TPACKET_ALIGN(x: number): number {
  return (x + TPACKET_ALIGNMENT - 1) & ~(TPACKET_ALIGNMENT - 1);
}

/** struct sockaddr_nl */
export const sockaddr_nl = { size: 12, nl_family: 0, nl_pid: 4, nl_groups: 8 } as const;

/** struct nlmsghdr; the payload starts at NLMSG_HDRLEN = 16. */
export const nlmsghdr = {
  size: 16,
  nlmsg_len: 0, // u32, header included
  nlmsg_type: 4, // u16
  nlmsg_flags: 6, // u16
  nlmsg_seq: 8, // u32
  nlmsg_pid: 12, // u32
} as const;

/** struct nlmsgerr: the payload of NLMSG_ERROR (negative errno, then the request's header). */
export const nlmsgerr = { size: 20, error: 0, msg: 4 } as const;

/** struct ifinfomsg: the fixed part of RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK. */
export const ifinfomsg = {
  size: 16,
  ifi_family: 0, // u8
  ifi_type: 2, // u16, ARPHRD_*
  ifi_index: 4, // i32
  ifi_flags: 8, // u32, IFF_*
  ifi_change: 12, // u32
} as const;

/** struct rtattr: one attribute (type-length-value) after the fixed part of a message. */
export const rtattr = { size: 4, rta_len: 0, rta_type: 2 } as const;

/** NLMSG_ALIGN / RTA_ALIGN: netlink messages and attributes are aligned to 4 bytes. */
export function NLMSG_ALIGN(len: number): number {
  return (len + 3) & ~3;
}

/** struct sock_filter: one classic BPF instruction. */
export const sock_filter = { size: 8, code: 0, jt: 2, jf: 3, k: 4 } as const;

/** struct sock_fprog */
export const sock_fprog = { size: 16, len: 0, filter: 8 } as const;

/** Fills a sockaddr_ll for bind(2). `protocol` is host order; it is stored in network order. */
export function writeSockaddrLl(v: DataView, family: number, protocol: number, ifindex: number) {
  for (let i = 0; i < sockaddr_ll.size; i++) v.setUint8(i, 0);
  v.setUint16(sockaddr_ll.sll_family, family, LE);
  v.setUint16(sockaddr_ll.sll_protocol, protocol, false);
  v.setInt32(sockaddr_ll.sll_ifindex, ifindex, LE);
}

/** Fills a packet_mreq. */
export function writePacketMreq(v: DataView, ifindex: number, type: number) {
  for (let i = 0; i < packet_mreq.size; i++) v.setUint8(i, 0);
  v.setInt32(packet_mreq.mr_ifindex, ifindex, LE);
  v.setUint16(packet_mreq.mr_type, type, LE);
}

/** Stores a native pointer into a struct field. */
export function setPointer(v: DataView, off: number, ptr: Deno.PointerValue) {
  v.setBigUint64(off, ptr === null ? 0n : BigInt(Deno.UnsafePointer.value(ptr)), LE);
}

/** Fills an iovec. */
export function writeIovec(v: DataView, off: number, base: Deno.PointerValue, len: number) {
  setPointer(v, off + iovec.iov_base, base);
  v.setBigUint64(off + iovec.iov_len, BigInt(len), LE);
}
