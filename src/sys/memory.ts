/**
 * Memory the kernel reads or writes. An Arena is one large ArrayBuffer (its backing store
 * lives off V8's moving heap) from which fixed, aligned regions are carved once and reused.
 */

/** A region of an arena: byte and DataView access plus the native pointer for FFI calls. */
export interface Region {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly ptr: Deno.PointerValue;
  readonly size: number;
}

/** Smallest arena: well above the size V8 keeps on its heap. */
const MIN_ARENA = 4096;

/** A bump allocator over one large ArrayBuffer. */
export class Arena {
  readonly buffer: ArrayBuffer;
  readonly #base: Deno.PointerValue;
  #used = 0;

  constructor(size: number) {
    this.buffer = new ArrayBuffer(Math.max(size, MIN_ARENA));
    this.#base = Deno.UnsafePointer.of(new Uint8Array(this.buffer));
  }

  /** Carves `size` bytes aligned to `align`; throws when the arena is full. */
  alloc(size: number, align = 8): Region {
    const off = Math.ceil(this.#used / align) * align;
    if (off + size > this.buffer.byteLength) {
      throw new RangeError(`arena of ${this.buffer.byteLength} bytes is full`);
    }
    this.#used = off + size;
    return {
      bytes: new Uint8Array(this.buffer, off, size),
      view: new DataView(this.buffer, off, size),
      ptr: Deno.UnsafePointer.offset(this.#base!, off),
      size,
    };
  }

  /** Writes `s` as a NUL-terminated string into a new region. */
  cString(s: string): Region {
    const enc = new TextEncoder().encode(s);
    const r = this.alloc(enc.length + 1, 1);
    r.bytes.set(enc);
    r.bytes[enc.length] = 0;
    return r;
  }
}
