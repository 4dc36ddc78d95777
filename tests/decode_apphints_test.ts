/** Application hints (issue 15, family 5): the start-line, SSH banner and TLS readers. */
import assert from "node:assert/strict";
import { HTTP_VERSION_PREFIX, SIP_VERSION_PREFIX, startLine } from "../src/decode/http.ts";
import { HTTP_METHODS, SIP_METHODS } from "../src/decode/numbers.ts";
import { sshBanner } from "../src/decode/ssh.ts";
import { isTlsHandshake, tlsRecord } from "../src/decode/tls.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const http = (s: string) => {
  const d = enc(s);
  return startLine(d, 0, d.length, HTTP_VERSION_PREFIX, HTTP_METHODS);
};

Deno.test("startLine reads request and status lines, and nothing else", () => {
  assert.deepEqual(http("GET /a b HTTP/1.1\r\n"), {
    version: "HTTP/1.1",
    method: "GET",
    uri: "/a b",
  });
  assert.deepEqual(http("HTTP/1.0 204\n"), { version: "HTTP/1.0", status: 204, reason: "" });
  assert.equal(http("GET /a HTTP/1.1"), undefined);
  assert.equal(http("GET /a HTTP/1.1\r"), undefined);
  assert.equal(http("BREW /a HTTP/1.1\r\n"), undefined);
  assert.equal(http("HTTP/1.1 2000 x\r\n"), undefined);
  assert.equal(http("GET /\x01 HTTP/1.1\r\n"), undefined);
  const sip = enc("SIP/2.0 180 Ringing\r\n");
  assert.deepEqual(startLine(sip, 0, sip.length, SIP_VERSION_PREFIX, SIP_METHODS), {
    version: "SIP/2.0",
    status: 180,
    reason: "Ringing",
  });
});

Deno.test("sshBanner wants a whole printable line starting SSH-", () => {
  const d = enc("SSH-2.0-x y\r\nrest");
  assert.deepEqual(sshBanner(d, 0, d.length), { banner: "SSH-2.0-x y" });
  for (const s of ["SSH-2.0-x", "SSH-2.0-\tx\r\n", "ssh-2.0-x\r\n", "SS"]) {
    const b = enc(s);
    assert.equal(sshBanner(b, 0, b.length), undefined, s);
  }
});

Deno.test("tlsRecord finds the SNI of a ClientHello and stops at every cut", () => {
  const name = enc("a.example");
  const ext = [0, 0, 0, name.length + 5, 0, name.length + 3, 0, 0, name.length, ...name];
  const hello = [3, 3, ...new Array(32).fill(0), 0, 0, 2, 0x13, 1, 1, 0, 0, ext.length, ...ext];
  const hs = [1, 0, 0, hello.length, ...hello];
  const rec = new Uint8Array([22, 3, 1, 0, hs.length, ...hs]);
  assert.ok(isTlsHandshake(rec, 0, rec.length));
  assert.deepEqual(tlsRecord(rec, 0, rec.length), {
    version: 0x0301,
    helloVersion: 0x0303,
    sni: "a.example",
  });
  for (let n = 5; n < rec.length; n++) {
    const r = tlsRecord(rec.subarray(0, n), 0, rec.length);
    assert.equal(r.sni, undefined, String(n));
  }
  assert.equal(isTlsHandshake(rec.subarray(0, 4), 0, rec.length), false);
});
