/**
 * Layouts of the headers the filter compiler reads that rawcap has no decoder for yet (MPLS,
 * PPPoE, Geneve, VXLAN, DECnet, IS-IS, the AH length rule). Each moves to its decoder module
 * when one is written; the protocol numbers themselves are in decode/numbers.ts.
 *
 * @module
 */

import { LLC_CTRL_AT } from "../decode/llc.ts";

/** MPLS label stack entry (RFC 3032): octets. */
export const MPLS_HLEN = 4;
/** MPLS: where the label sits in the entry (its low bit). */
export const MPLS_LABEL_SHIFT = 12;
/** MPLS: the label bits of the entry (as a 32-bit word). */
export const MPLS_LABEL_MASK = 0xfffff000;
/** MPLS: the largest label. */
export const MPLS_LABEL_MAX = 0xfffff;
/** MPLS: offset of the octet holding the bottom-of-stack bit. */
export const MPLS_BOS_AT = 2;
/** MPLS: the bottom-of-stack bit in that octet. */
export const MPLS_BOS = 0x01;

/** PPPoE (RFC 2516): octets of the header (version/type, code, session id, length). */
export const PPPOE_HLEN = 6;
/** PPPoE: the session id is the low half of the header's first word. */
export const PPPOE_SESSION_MASK = 0xffff;
/** PPPoE: the largest session id. */
export const PPPOE_SESSION_MAX = 0xffff;
/** PPP in PPPoE: octets of the protocol field (no address and control octets). */
export const PPP_PROTO_LEN = 2;

/** Geneve (RFC 8926): offset of the protocol type (an EtherType). */
export const GENEVE_PROTO_AT = 2;
/** Geneve: offset of the word holding the VNI (upper 24 bits). */
export const GENEVE_VNI_AT = 4;
/** Geneve: octets of the fixed header. */
export const GENEVE_HLEN = 8;
/** Geneve: the version bits of the first octet (rawcap, like libpcap, reads version 0). */
export const GENEVE_VER_MASK = 0xc0;
/** Geneve: the option length bits of the first octet, in units of `GENEVE_OPT_UNIT`. */
export const GENEVE_OPTLEN_MASK = 0x3f;
/** Geneve: the unit of the option length. */
export const GENEVE_OPT_UNIT = 4;

/** VXLAN (RFC 7348): offset of the flags octet. */
export const VXLAN_FLAGS_AT = 0;
/** VXLAN: the flags octet of a valid header (the I bit alone). */
export const VXLAN_FLAG_I = 0x08;
/** VXLAN: offset of the word holding the VNI (upper 24 bits). */
export const VXLAN_VNI_AT = 4;
/** VXLAN: octets of the header. */
export const VXLAN_HLEN = 8;

/** Geneve and VXLAN network identifiers: the upper 24 bits of a word. */
export const VNI_SHIFT = 8;
/** The VNI bits of that word. */
export const VNI_MASK = 0xffffff00;
/** The largest VNI. */
export const VNI_MAX = 0xffffff;

/**
 * DECnet phase IV over Ethernet: the routing message follows a 2-octet length; a first octet
 * with the pad bit set is padding, the flags octet follows it.
 */
export const DN_MSG_AT = 2;
/** DECnet: the pad octet with one octet of padding (0x81), as a word's upper octet. */
export const DN_PAD1 = 0x81;
/** DECnet flags: the message type bits. */
export const DN_TYPE_MASK = 0x07;
/** DECnet flags: a long data message (Ethernet endnodes and routers). */
export const DN_LONG = 0x06;
/** DECnet flags: a short data message. */
export const DN_SHORT = 0x02;
/** DECnet long header: offset of the destination node address from the flags. */
export const DN_LONG_DST_AT = 7;
/** DECnet long header: offset of the source node address from the flags. */
export const DN_LONG_SRC_AT = 15;
/** DECnet short header: offset of the destination node address from the flags. */
export const DN_SHORT_DST_AT = 1;
/** DECnet short header: offset of the source node address from the flags. */
export const DN_SHORT_SRC_AT = 3;
/** DECnet address: the area (6 bits) above the node (10 bits). */
export const DN_AREA_SHIFT = 10;
/** DECnet address: the area bits. */
export const DN_AREA_MASK = 0xfc00;
/** DECnet address: the node bits. */
export const DN_NODE_MASK = 0x03ff;

/** IS-IS: offset of the PDU type in the common header (after the NLPID). */
export const ISIS_PDU_TYPE_AT = 4;

/** IPsec AH (RFC 4302): its length field counts 4-octet words, minus 2. */
export const AH_LEN_UNIT = 4;
/** AH: the words not counted by the length field. */
export const AH_LEN_BIAS = 2;

/** An 802.2 LLC header with a one-octet control field (U frames, SNAP): where its payload starts. */
export const LLC_HLEN_U = LLC_CTRL_AT + 1;
