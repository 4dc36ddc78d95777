/**
 * A file written through its raw descriptor with writev(2): the zero-copy output path points
 * iovecs at frames in the packet ring and at record headers in an arena, and writes them in
 * one call. Short writes are resumed; on failure the file is cut back to the last whole record.
 */
import { EINTR } from "./errno.ts";
import { errno, libc, SysError } from "./libc.ts";
import { Arena } from "./memory.ts";
import {
  AT_EMPTY_PATH,
  AT_FDCWD,
  MFD_CLOEXEC,
  O_CLOEXEC,
  O_CREAT,
  O_TRUNC,
  O_WRONLY,
  STATX_INO,
} from "./constants.ts";
import { iovec, statx } from "./structs.ts";

/** Which file a statx result describes: "major:minor:inode". */
function identity(view: DataView): string {
  return `${view.getUint32(statx.stx_dev_major, true)}:${
    view.getUint32(statx.stx_dev_minor, true)
  }:${view.getBigUint64(statx.stx_ino, true)}`;
}

/** A writable descriptor: a file we opened, or stdout. */
export class FdFile {
  /** Bytes written so far (the file offset, for a file we created). */
  written = 0;
  readonly #scratch: Arena;
  readonly #one;
  #closed = false;
  /** Emptied after every write (see {@link discard}). */
  #discard = false;

  private constructor(readonly fd: number, readonly path: string, readonly owned: boolean) {
    this.#scratch = new Arena(4096);
    this.#one = this.#scratch.alloc(iovec.size);
  }

  /** Creates or truncates `path` (mode 0644); "-" is stdout. Throws SysError. */
  static open(path: string): FdFile {
    if (path === "-") return new FdFile(1, path, false);
    const name = new Arena(4096).cString(path);
    const fd = libc().open(name.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644);
    if (fd < 0) throw new SysError("open", errno(), path);
    return new FdFile(fd, path, true);
  }

  /**
   * A file that takes every write and keeps nothing: an anonymous file in memory, emptied
   * after each write. For rehearsing a writer's path, system calls included, before the
   * capture starts. Throws SysError.
   */
  static discard(): FdFile {
    const name = new Arena(64).cString("rawcap-rehearsal");
    const fd = libc().memfd_create(name.ptr, MFD_CLOEXEC);
    if (fd < 0) throw new SysError("memfd_create", errno(), "rehearsal");
    const f = new FdFile(fd, "(discarded)", true);
    f.#discard = true;
    return f;
  }

  /**
   * Writes every byte the `count` iovecs at `iov` describe (the iovec array is modified
   * while resuming a short write). Throws SysError.
   */
  writevAll(iov: DataView, iovPtr: Deno.PointerValue, count: number, total: number) {
    const lib = libc();
    let first = 0;
    let left = total;
    while (left > 0) {
      const ptr = first === 0 ? iovPtr : Deno.UnsafePointer.offset(iovPtr!, first * iovec.size);
      const r = Number(lib.writev(this.fd, ptr, count - first));
      if (r < 0) {
        const e = errno();
        if (e === EINTR) continue;
        throw new SysError("writev", e, this.path);
      }
      this.written += r;
      left -= r;
      if (left === 0) break;
      // A short write: skip the iovecs written whole; shorten the one written in part.
      let done = r;
      while (first < count && done > 0) {
        const base = first * iovec.size;
        const len = Number(iov.getBigUint64(base + iovec.iov_len, true));
        if (done >= len) {
          done -= len;
          first++;
        } else {
          const addr = iov.getBigUint64(base + iovec.iov_base, true);
          iov.setBigUint64(base + iovec.iov_base, addr + BigInt(done), true);
          iov.setBigUint64(base + iovec.iov_len, BigInt(len - done), true);
          done = 0;
        }
      }
    }
    // A rehearsal's file keeps no memory: its pages go (the offset stays, past a hole).
    if (this.#discard) lib.ftruncate(this.fd, 0n);
  }

  /** Writes `bytes` (any memory: it is copied into stable memory first when small). */
  writeAll(bytes: Uint8Array) {
    const mem = new Arena(bytes.length + 64).alloc(bytes.length);
    mem.bytes.set(bytes);
    const v = this.#one.view;
    v.setBigUint64(iovec.iov_base, BigInt(Deno.UnsafePointer.value(mem.ptr)), true);
    v.setBigUint64(iovec.iov_len, BigInt(bytes.length), true);
    this.writevAll(v, this.#one.ptr, 1, bytes.length);
  }

  /**
   * Whether `path` names this very file (same device and inode): false when it names another
   * file or nothing (moved away or removed, as log rotation does). Throws SysError when the
   * open file itself cannot be examined.
   */
  isAt(path: string): boolean {
    const lib = libc();
    const mem = new Arena(statx.size + 3 * path.length + 64);
    const buf = mem.alloc(statx.size);
    const empty = mem.cString("");
    if (lib.statx(this.fd, empty.ptr, AT_EMPTY_PATH, STATX_INO, buf.ptr) < 0) {
      throw new SysError("statx", errno(), this.path);
    }
    const open = identity(buf.view);
    if (lib.statx(AT_FDCWD, mem.cString(path).ptr, 0, STATX_INO, buf.ptr) < 0) return false;
    return identity(buf.view) === open;
  }

  /** Cuts the file to `len` bytes (only for files we created). */
  truncate(len: number) {
    if (!this.owned) return;
    libc().ftruncate(this.fd, BigInt(len));
    this.written = len;
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.owned) libc().close(this.fd);
  }
}
