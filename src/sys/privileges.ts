/** Dropping root: look a user up (getpwnam) and become it (initgroups, setgid, setuid). */
import { check, libc } from "./libc.ts";
import { Arena } from "./memory.ts";
import { RawcapError } from "../errors.ts";

/** struct passwd (LP64): pw_name, pw_passwd pointers, then pw_uid and pw_gid. */
const passwd = { pw_uid: 16, pw_gid: 20 } as const;

/** The user does not exist. */
export class UnknownUser extends RawcapError {
  constructor(user: string) {
    super(`unknown user '${user}'`);
    this.name = "UnknownUser";
  }
}

/** uid and gid of `user`, via the system's user database (NSS). */
export function lookupUser(user: string): { uid: number; gid: number } {
  const name = new Arena(4096).cString(user);
  const p = libc().getpwnam(name.ptr);
  if (p === null) throw new UnknownUser(user);
  const v = new Deno.UnsafePointerView(p);
  return { uid: v.getUint32(passwd.pw_uid), gid: v.getUint32(passwd.pw_gid) };
}

/** Becomes `user` with its primary and supplementary groups, irrevocably (for every thread). */
export function dropPrivileges(user: string): { uid: number; gid: number } {
  const { uid, gid } = lookupUser(user);
  const lib = libc();
  const name = new Arena(4096).cString(user);
  check("initgroups", lib.initgroups(name.ptr, gid), user);
  check("setgid", lib.setgid(gid), String(gid));
  check("setuid", lib.setuid(uid), String(uid));
  return { uid, gid };
}

/** The effective uid of the process. */
export function effectiveUid(): number {
  return libc().geteuid();
}
