/** Kernel constants rawcap uses, by their kernel names (Linux UAPI; same on x86_64 and aarch64). */

export const AF_PACKET = 17;
export const SOCK_RAW = 3;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const ETH_P_ALL = 0x0003;

export const SOL_SOCKET = 1;
export const SO_ERROR = 4;
export const SO_RCVBUF = 8;
export const SO_RCVTIMEO = 20;
export const SO_ATTACH_FILTER = 26;
export const SO_RCVBUFFORCE = 33;
export const SO_TIMESTAMPNS = 35;
export const SCM_TIMESTAMPNS = SO_TIMESTAMPNS;

export const SOL_PACKET = 263;
export const PACKET_ADD_MEMBERSHIP = 1;
export const PACKET_RX_RING = 5;
export const PACKET_STATISTICS = 6;
export const PACKET_AUXDATA = 8;
export const PACKET_VERSION = 10;
export const PACKET_RESERVE = 12;
export const PACKET_MR_PROMISC = 1;

export const TPACKET_V1 = 0;
export const TPACKET_V3 = 2;

export const TP_STATUS_KERNEL = 0;
export const TP_STATUS_USER = 1 << 0;
export const TP_STATUS_VLAN_VALID = 1 << 4;
export const TP_STATUS_BLK_TMO = 1 << 5;
export const TP_STATUS_VLAN_TPID_VALID = 1 << 6;

/** `sll_pkttype` values. */
export const PACKET_HOST = 0;
export const PACKET_BROADCAST = 1;
export const PACKET_MULTICAST = 2;
export const PACKET_OTHERHOST = 3;
export const PACKET_OUTGOING = 4;

export const MSG_TRUNC = 0x20;
export const MSG_DONTWAIT = 0x40;

export const EPOLL_CLOEXEC = 0o2000000;
export const EPOLL_CTL_ADD = 1;
export const EPOLL_CTL_DEL = 2;
export const EPOLLIN = 0x001;
export const EPOLLERR = 0x008;

export const EFD_NONBLOCK = 0o4000;
export const EFD_CLOEXEC = 0o2000000;

export const O_WRONLY = 0o1;
export const O_CREAT = 0o100;
export const O_TRUNC = 0o1000;
export const O_CLOEXEC = 0o2000000;
/** memfd_create(2) flag: close on exec. */
export const MFD_CLOEXEC = 1;
/** statx(2): a path relative to the working directory; the descriptor itself; the inode. */
export const AT_FDCWD = -100;
export const AT_EMPTY_PATH = 0x1000;
export const STATX_INO = 0x100;
/** setpriority(2): `who` is a process id. */
export const PRIO_PROCESS = 0;

/** Most iovecs one writev(2) takes (IOV_MAX). */
export const IOV_MAX = 1024;

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const MAP_SHARED = 1;

export const ARPHRD_ETHER = 1;
export const ARPHRD_LOOPBACK = 772;
/** A device with no link-layer header (tun, WireGuard). */
export const ARPHRD_NONE = 0xfffe;
/** Raw IP without a link-layer header (ARPHRD_RAWIP, e.g. some cellular modems). */
export const ARPHRD_RAWIP = 519;

/** `ifi_flags` bits (net/if.h). */
export const IFF_UP = 0x1;

/** rtnetlink: a netlink socket family and protocol, message types, flags, groups. */
export const AF_UNSPEC = 0;
export const AF_NETLINK = 16;
export const NETLINK_ROUTE = 0;
export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLMSG_OVERRUN = 4;
export const NLM_F_REQUEST = 0x01;
export const NLM_F_MULTI = 0x02;
export const NLM_F_ACK = 0x04;
export const NLM_F_ROOT = 0x100;
export const NLM_F_MATCH = 0x200;
export const NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
export const RTM_NEWLINK = 16;
export const RTM_DELLINK = 17;
export const RTM_GETLINK = 18;
/** Multicast group of link events (bind with `nl_groups`). */
export const RTMGRP_LINK = 1;

/** Flag bits of a netlink attribute's type (`nla_type`). */
export const NLA_F_NESTED = 1 << 15;
export const NLA_F_NET_BYTEORDER = 1 << 14;

/** `IFLA_*` attributes of an RTM_NEWLINK message. */
export const IFLA_ADDRESS = 1;
export const IFLA_IFNAME = 3;
export const IFLA_MTU = 4;
export const IFLA_OPERSTATE = 16;

/** RFC 2863 operational states (`IFLA_OPERSTATE`), in the kernel's numbering. */
export const IF_OPER_UNKNOWN = 0;
export const IF_OPER_NOTPRESENT = 1;
export const IF_OPER_DOWN = 2;
export const IF_OPER_LOWERLAYERDOWN = 3;
export const IF_OPER_TESTING = 4;
export const IF_OPER_DORMANT = 5;
export const IF_OPER_UP = 6;
