/**
 * libc bound through Deno FFI. Every function here is the raw C call; `check()` turns a
 * failing return value into a {@link SysError} carrying the call name and errno name.
 *
 * Pointers handed to these calls must come from {@link Arena} memory (see memory.ts):
 * small typed arrays live on V8's moving heap and the kernel would write into freed memory.
 */
import { errnoMessage, errnoName } from "./errno.ts";
import { denoPermission, RawcapError } from "../errors.ts";

const SYMBOLS = {
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "pointer", "u32"], result: "i32" },
  getsockopt: { parameters: ["i32", "i32", "i32", "pointer", "pointer"], result: "i32" },
  bind: { parameters: ["i32", "pointer", "u32"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  if_nametoindex: { parameters: ["pointer"], result: "u32" },
  epoll_create1: { parameters: ["i32"], result: "i32" },
  epoll_ctl: { parameters: ["i32", "i32", "i32", "pointer"], result: "i32" },
  /** Blocking wait, run on a worker thread so the JS event loop stays free. */
  epoll_wait: {
    parameters: ["i32", "pointer", "i32", "i32"],
    result: "i32",
    nonblocking: true,
  },
  /** The same call for a zero timeout: polls without a thread hop. */
  epoll_poll: { name: "epoll_wait", parameters: ["i32", "pointer", "i32", "i32"], result: "i32" },
  eventfd: { parameters: ["u32", "i32"], result: "i32" },
  read: { parameters: ["i32", "pointer", "usize"], result: "isize" },
  write: { parameters: ["i32", "pointer", "usize"], result: "isize" },
  writev: { parameters: ["i32", "pointer", "i32"], result: "isize" },
  recvmsg: { parameters: ["i32", "pointer", "i32"], result: "isize" },
  recv: { parameters: ["i32", "pointer", "usize", "i32"], result: "isize" },
  sendto: {
    parameters: ["i32", "pointer", "usize", "i32", "pointer", "u32"],
    result: "isize",
  },
  open: { parameters: ["pointer", "i32", "u32"], result: "i32" },
  ftruncate: { parameters: ["i32", "i64"], result: "i32" },
  /** An anonymous file in memory (glibc 2.27): where a rehearsed writer's output goes. */
  memfd_create: { parameters: ["pointer", "u32"], result: "i32" },
  /** statx(2) (glibc 2.28): one layout on every architecture, unlike struct stat. */
  statx: { parameters: ["i32", "pointer", "i32", "u32", "pointer"], result: "i32" },
  setpriority: { parameters: ["i32", "u32", "i32"], result: "i32" },
  mmap: { parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"], result: "pointer" },
  munmap: { parameters: ["pointer", "usize"], result: "i32" },
  getuid: { parameters: [], result: "u32" },
  getgid: { parameters: [], result: "u32" },
  setuid: { parameters: ["u32"], result: "i32" },
  setgid: { parameters: ["u32"], result: "i32" },
  setgroups: { parameters: ["usize", "pointer"], result: "i32" },
  initgroups: { parameters: ["pointer", "u32"], result: "i32" },
  getpwnam: { parameters: ["pointer"], result: "pointer" },
  geteuid: { parameters: [], result: "u32" },
  __errno_location: { parameters: [], result: "pointer" },
} as const;

type Libc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

let lib: Deno.DynamicLibrary<typeof SYMBOLS> | undefined;

/**
 * The libc symbols, opened on first use. Without Deno's `--allow-ffi` this throws
 * `PermissionDenied` naming the flag.
 */
export function libc(): Libc {
  if (!lib) {
    try {
      lib = Deno.dlopen("libc.so.6", SYMBOLS);
    } catch (e) {
      throw denoPermission(e, "libc.so.6");
    }
  }
  return lib.symbols;
}

/**
 * errno of the calling thread. Only meaningful right after a synchronous call: a
 * `nonblocking` call runs on a pool thread whose errno this cannot see.
 */
export function errno(): number {
  const p = libc().__errno_location();
  return new Deno.UnsafePointerView(p!).getInt32(0);
}

/** A failed system call: `call` is the C function, `code` the errno name (`EPERM`, `ENODEV`...). */
export class SysError extends RawcapError {
  /** The C function that failed. */
  readonly call: string;
  /** errno value. */
  readonly errno: number;
  /** errno name, e.g. `ENODEV`. */
  readonly code: string;

  constructor(call: string, errnoValue: number, detail?: string) {
    const code = errnoName(errnoValue);
    super(`${call}${detail ? ` (${detail})` : ""}: ${code}: ${errnoMessage(errnoValue)}`);
    this.name = "SysError";
    this.call = call;
    this.errno = errnoValue;
    this.code = code;
  }
}

/** Throws a {@link SysError} for `call` when `ret` is negative; returns `ret` otherwise. */
export function check<T extends number | bigint>(call: string, ret: T, detail?: string): T {
  if (ret < 0) throw new SysError(call, errno(), detail);
  return ret;
}
