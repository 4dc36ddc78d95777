/**
 * Struct layouts against the kernel ABI: a C program compiled here prints sizeof/offsetof from
 * the system headers, the independent oracle for src/sys/structs.ts.
 */
import { assertEquals } from "./assert.ts";
import * as S from "../src/sys/structs.ts";
import * as C from "../src/sys/constants.ts";
import { hasTool } from "./helpers/tools.ts";

const CC = ["cc", "gcc"].find(hasTool);

const FIELDS: Record<string, [string, Record<string, number>]> = {
  "struct sockaddr_ll": ["sockaddr_ll", S.sockaddr_ll],
  "struct packet_mreq": ["packet_mreq", S.packet_mreq],
  "struct iovec": ["iovec", S.iovec],
  "struct msghdr": ["msghdr", S.msghdr],
  "struct cmsghdr": ["cmsghdr", {
    size: S.cmsghdr.size,
    cmsg_len: 0,
    cmsg_level: 8,
    cmsg_type: 12,
  }],
  "struct tpacket_auxdata": ["tpacket_auxdata", S.tpacket_auxdata],
  "struct epoll_event": ["epoll_event", S.epoll_event],
  "struct tpacket_stats": ["tpacket_stats", S.tpacket_stats],
  "struct tpacket_stats_v3": ["tpacket_stats_v3", S.tpacket_stats_v3],
  "struct tpacket_req3": ["tpacket_req3", S.tpacket_req3],
  "struct tpacket3_hdr": ["tpacket3_hdr", S.tpacket3_hdr],
  "struct sock_filter": ["sock_filter", S.sock_filter],
  "struct sock_fprog": ["sock_fprog", S.sock_fprog],
  "struct timespec": ["timespec", S.timespec],
  "struct sockaddr_nl": ["sockaddr_nl", S.sockaddr_nl],
  "struct nlmsghdr": ["nlmsghdr", S.nlmsghdr],
  "struct nlmsgerr": ["nlmsgerr", S.nlmsgerr],
  "struct ifinfomsg": ["ifinfomsg", S.ifinfomsg],
  "struct rtattr": ["rtattr", S.rtattr],
  "struct statx": ["statx", S.statx],
};

/** Fields whose C name differs from ours (union members, nested structs). */
const C_NAME: Record<string, string> = {
  "tpacket3_hdr.tp_rxhash": "hv1.tp_rxhash",
  "tpacket3_hdr.tp_vlan_tci": "hv1.tp_vlan_tci",
  "tpacket3_hdr.tp_vlan_tpid": "hv1.tp_vlan_tpid",
};

const CONSTANTS = [
  "AF_PACKET",
  "SOCK_RAW",
  "SOCK_NONBLOCK",
  "SOCK_CLOEXEC",
  "ETH_P_ALL",
  "SOL_SOCKET",
  "SO_ATTACH_FILTER",
  "SO_RCVBUFFORCE",
  "SO_TIMESTAMPNS",
  "SOL_PACKET",
  "PACKET_ADD_MEMBERSHIP",
  "PACKET_RX_RING",
  "PACKET_STATISTICS",
  "PACKET_AUXDATA",
  "PACKET_VERSION",
  "PACKET_RESERVE",
  "PACKET_MR_PROMISC",
  "TPACKET_V3",
  "TP_STATUS_USER",
  "TP_STATUS_VLAN_VALID",
  "TP_STATUS_VLAN_TPID_VALID",
  "TP_STATUS_BLK_TMO",
  "PACKET_OUTGOING",
  "PACKET_OTHERHOST",
  "MSG_TRUNC",
  "EPOLLIN",
  "EPOLL_CLOEXEC",
  "EFD_NONBLOCK",
  "MAP_SHARED",
  "SO_RCVTIMEO",
  "ARPHRD_ETHER",
  "ARPHRD_LOOPBACK",
  "ARPHRD_NONE",
  "IFF_UP",
  "AF_UNSPEC",
  "AF_NETLINK",
  "NETLINK_ROUTE",
  "NLMSG_NOOP",
  "NLMSG_ERROR",
  "NLMSG_DONE",
  "NLMSG_OVERRUN",
  "NLM_F_REQUEST",
  "NLM_F_MULTI",
  "NLM_F_ACK",
  "NLM_F_ROOT",
  "NLM_F_MATCH",
  "NLM_F_DUMP",
  "RTM_NEWLINK",
  "RTM_DELLINK",
  "RTM_GETLINK",
  "RTMGRP_LINK",
  "NLA_F_NESTED",
  "NLA_F_NET_BYTEORDER",
  "IFLA_ADDRESS",
  "IFLA_IFNAME",
  "IFLA_MTU",
  "IFLA_OPERSTATE",
  "IF_OPER_UNKNOWN",
  "IF_OPER_NOTPRESENT",
  "IF_OPER_DOWN",
  "IF_OPER_LOWERLAYERDOWN",
  "IF_OPER_TESTING",
  "IF_OPER_DORMANT",
  "IF_OPER_UP",
  "AT_FDCWD",
  "AT_EMPTY_PATH",
  "STATX_INO",
  "PRIO_PROCESS",
] as const;

async function kernelLayout(): Promise<Map<string, number>> {
  const lines: string[] = [];
  for (const [cname, [ours, layout]] of Object.entries(FIELDS)) {
    for (const field of Object.keys(layout)) {
      const key = `${ours}.${field}`;
      const expr = field === "size"
        ? `sizeof(${cname})`
        : `offsetof(${cname}, ${C_NAME[key] ?? field})`;
      lines.push(`printf("${key} %zu\\n", (size_t)(${expr}));`);
    }
  }
  for (const c of CONSTANTS) lines.push(`printf("${c} %ld\\n", (long)(${c}));`);
  const src = `#define _GNU_SOURCE
#include <stdio.h>
#include <stddef.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_arp.h>
int main(void) { ${lines.join("\n")} return 0; }
`;
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/l.c`, src);
    const cc = await new Deno.Command(CC!, { args: ["-o", `${dir}/l`, `${dir}/l.c`] }).output();
    if (!cc.success) throw new Error(new TextDecoder().decode(cc.stderr));
    const out = await new Deno.Command(`${dir}/l`).output();
    const m = new Map<string, number>();
    for (const l of new TextDecoder().decode(out.stdout).trim().split("\n")) {
      const [k, v] = l.split(" ");
      m.set(k, Number(v));
    }
    return m;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "structs: sizes and offsets match the kernel headers",
  ignore: !CC,
  async fn() {
    const k = await kernelLayout();
    for (const [ours, layout] of Object.values(FIELDS)) {
      for (const [field, off] of Object.entries(layout)) {
        assertEquals(off, k.get(`${ours}.${field}`), `${ours}.${field}`);
      }
    }
  },
});

Deno.test({
  name: "constants: values match the kernel headers",
  ignore: !CC,
  async fn() {
    const k = await kernelLayout();
    for (const c of CONSTANTS) assertEquals((C as Record<string, number>)[c], k.get(c), c);
  },
});

Deno.test("structs: CMSG_SPACE and TPACKET_ALIGN round as the kernel macros do", () => {
  assertEquals(S.CMSG_SPACE(20), 40);
  assertEquals(S.CMSG_SPACE(16), 32);
  assertEquals(S.TPACKET_ALIGN(48), 48);
  assertEquals(S.TPACKET_ALIGN(49), 64);
  assertEquals(S.NLMSG_ALIGN(17), 20);
  assertEquals(S.NLMSG_ALIGN(20), 20);
});

if (!CC) console.warn("structs_test: no C compiler (cc/gcc): the kernel-header checks are ignored");
