/**
 * One epoll set over every capture socket, driven from one JavaScript thread. `epoll_wait`
 * runs as a nonblocking FFI call (on a worker thread, so timers and signals keep running);
 * while frames keep coming a zero-timeout poll avoids the thread hop. An eventfd in the set
 * wakes the wait at once when the capture stops.
 */
import {
  EFD_CLOEXEC,
  EFD_NONBLOCK,
  EPOLL_CLOEXEC,
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLLERR,
  EPOLLIN,
} from "../sys/constants.ts";
import { check, libc, SysError } from "../sys/libc.ts";
import { takeSocketError } from "./socket.ts";
import { Arena } from "../sys/memory.ts";
import { epoll_event } from "../sys/structs.ts";
import type { CaptureSource, Emit } from "./source.ts";

const MAX_EVENTS = 64;
/** Frames taken from one socket before the others get a turn (a ring block holds ~3000). */
const BUDGET = 4096;
/** Longest time the loop keeps polling without letting timers and signals run. */
const YIELD_MS = 20;
const WAKE_ID = 0xffff_ffff;

/** Hooks the loop calls besides handing over frames. */
export interface LoopHooks {
  /**
   * A socket reported an error (ENETDOWN: interface down; ENODEV: interface deleted). The
   * socket stays in the set unless the hook removes it.
   */
  onSourceError?: (source: CaptureSource, error: SysError) => void;
  /** After each batch of frames, e.g. to flush output. */
  afterBatch?: () => void;
  /** About every `tickMs`, whatever the traffic. */
  onTick?: () => void | Promise<void>;
  /** Interval of `onTick` and the longest single wait (default 250 ms). */
  tickMs?: number;
  /**
   * While frames come, wait on this thread instead: a blocking `epoll_wait` of at most this
   * many ms, and the event loop (signals, timers, other promises) gets a turn at least that
   * often. Once such a wait ends with nothing, the next waits are on a worker thread again
   * until frames come. For a program with nothing else to do on its thread (the CLI): a wait
   * on a worker thread costs ~100-150 µs of CPU per wake-up on a virtual machine, one wake-up
   * per ring block; this one a system call. Signals and timers wait up to this long.
   */
  blockMs?: number;
}

/** Runs capture sockets in one epoll set until stopped. */
export class CaptureLoop {
  readonly #epfd: number;
  readonly #wakefd: number;
  readonly #events;
  readonly #ctl;
  readonly #wakeBuf;
  readonly #sources = new Map<number, CaptureSource>();
  readonly #watchers = new Map<number, { fd: number; onReadable: () => void }>();
  /** Sockets whose interface is gone, kept until the frames already queued are handed over. */
  readonly #dying = new Map<CaptureSource, { deadline: number; done: () => void }>();
  #nextId = 1;
  /** Pull mode: sockets epoll reported readable and not yet drained empty. */
  #ready: CaptureSource[] = [];
  #lastTick = performance.now();
  #stopped = false;
  #running = false;

  constructor() {
    const lib = libc();
    this.#epfd = check("epoll_create1", lib.epoll_create1(EPOLL_CLOEXEC));
    this.#wakefd = check("eventfd", lib.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    const arena = new Arena(MAX_EVENTS * epoll_event.size + 64);
    this.#events = arena.alloc(MAX_EVENTS * epoll_event.size);
    this.#ctl = arena.alloc(epoll_event.size);
    this.#wakeBuf = arena.alloc(8);
    this.#register(this.#wakefd, WAKE_ID);
  }

  #register(fd: number, id: number) {
    this.#ctl.view.setUint32(epoll_event.events, EPOLLIN, true);
    this.#ctl.view.setBigUint64(epoll_event.data, BigInt(id), true);
    check("epoll_ctl(ADD)", libc().epoll_ctl(this.#epfd, EPOLL_CTL_ADD, fd, this.#ctl.ptr));
  }

  /** Adds a socket to the set. */
  add(source: CaptureSource) {
    const id = this.#nextId++;
    this.#register(source.fd, id);
    this.#sources.set(id, source);
  }

  /** Removes a socket from the set (it is not closed). */
  remove(source: CaptureSource) {
    this.#ready = this.#ready.filter((s) => s !== source);
    for (const [id, s] of this.#sources) {
      if (s === source) {
        libc().epoll_ctl(this.#epfd, EPOLL_CTL_DEL, s.fd, this.#ctl.ptr);
        this.#sources.delete(id);
      }
    }
  }

  /**
   * Removes `source` once the frames already queued on it have been handed over: its interface
   * is gone, but what it captured before is not. A ring hands back a partly filled block only
   * when its block timeout fires, so the socket counts as empty only after `graceMs`; then it
   * leaves the set and `done` runs (to close it).
   */
  removeWhenDrained(source: CaptureSource, graceMs: number, done: () => void) {
    if (this.#dying.has(source)) return;
    takeSocketError(source.fd); // so recvmsg hands over what is queued instead of the error
    this.#dying.set(source, { deadline: performance.now() + graceMs, done });
  }

  /**
   * Hands over up to `budget` frames from dying sockets; those empty past their deadline leave
   * the set. Returns the frames handed over, or -1 when `emit` asked to stop.
   */
  #reap(emit: Emit, budget: number): number {
    const now = performance.now();
    let total = 0;
    for (const [source, d] of this.#dying) {
      let got: number;
      try {
        got = source.drain(emit, budget - total);
      } catch {
        got = 0; // the socket failed for good: nothing more will come out of it
      }
      if (got < 0) return -1;
      total += got;
      if (got === 0 && now >= d.deadline) {
        this.#dying.delete(source);
        this.remove(source);
        d.done();
      }
      if (total >= budget) break;
    }
    return total;
  }

  /** How long one wait may last: short while dying sockets are waiting out their grace. */
  #waitMs(hooks: LoopHooks): number {
    const tickMs = hooks.tickMs ?? 250;
    return this.#dying.size > 0 ? Math.min(tickMs, 20) : tickMs;
  }

  /**
   * Adds a descriptor that is not a capture socket (e.g. rtnetlink link events):
   * `onReadable` runs on the loop's thread whenever it has something to read, in push and pull
   * mode alike. It is not closed by the loop.
   */
  watch(fd: number, onReadable: () => void) {
    const id = this.#nextId++;
    this.#register(fd, id);
    this.#watchers.set(id, { fd, onReadable });
  }

  /** The sockets in the set. */
  get sources(): CaptureSource[] {
    return [...this.#sources.values()];
  }

  /** Asks the loop to stop; a pending wait returns at once. Safe to call from signal handlers. */
  stop() {
    this.#stopped = true;
    this.#wakeBuf.view.setBigUint64(0, 1n, true);
    libc().write(this.#wakefd, this.#wakeBuf.ptr, 8n);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** A socket failed: the hook decides, else it leaves the set. */
  #fail(source: CaptureSource, e: unknown, hooks: LoopHooks) {
    if (!(e instanceof SysError)) throw e;
    if (hooks.onSourceError) hooks.onSourceError(source, e);
    else this.remove(source);
  }

  /**
   * Handles the `i`-th event epoll returned, the one dispatch of both modes: the wake-up
   * eventfd is emptied, a watched descriptor's handler runs, a socket error goes to
   * {@link LoopHooks.onSourceError}. Returns the capture socket that has frames to read, if any.
   */
  #dispatch(i: number, hooks: LoopHooks): CaptureSource | undefined {
    const ev = this.#events.view;
    // Ids fit in 32 bits: the low half of the 64-bit data word (little-endian), no BigInt.
    const id = ev.getUint32(i * epoll_event.size + epoll_event.data, true);
    if (id === WAKE_ID) {
      libc().read(this.#wakefd, this.#wakeBuf.ptr, 8n);
      return undefined;
    }
    const watcher = this.#watchers.get(id);
    if (watcher) {
      watcher.onReadable();
      return undefined;
    }
    const source = this.#sources.get(id);
    if (!source) return undefined; // removed earlier in this batch
    const mask = ev.getUint32(i * epoll_event.size + epoll_event.events, true);
    const err = mask & EPOLLERR ? takeSocketError(source.fd) : 0;
    if (err) {
      this.#fail(source, new SysError("recv", err, source.iface), hooks);
      return undefined;
    }
    return source;
  }

  /** Waits for events: a poll first (no thread hop while frames keep coming), then a wait. */
  async #wait(timeoutMs: number): Promise<number> {
    const lib = libc();
    const n = lib.epoll_poll(this.#epfd, this.#events.ptr, MAX_EVENTS, 0);
    if (n > 0) return n;
    return await lib.epoll_wait(this.#epfd, this.#events.ptr, MAX_EVENTS, timeoutMs);
  }

  /** Runs `onTick` when `tickMs` has passed since the last one. */
  async #tick(hooks: LoopHooks) {
    const now = performance.now();
    if (now - this.#lastTick >= (hooks.tickMs ?? 250)) {
      this.#lastTick = now;
      await hooks.onTick?.();
    }
  }

  /** Hands every frame to `emit` until `stop()` or `emit` returns false. */
  async run(emit: Emit, hooks: LoopHooks = {}): Promise<void> {
    if (this.#running) throw new Error("capture loop is already running");
    this.#running = true;
    const lib = libc();
    const evPtr = this.#events.ptr;
    const block = hooks.blockMs;
    const tickMs = hooks.tickMs ?? 250;
    let lastYield = performance.now(), now = lastYield, idle = false;
    try {
      while (!this.#stopped) {
        let n = lib.epoll_poll(this.#epfd, evPtr, MAX_EVENTS, 0);
        if (block !== undefined) {
          if (n <= 0 && idle) {
            // Nothing came during the last wait: wait on a worker thread, as the library does,
            // so that signals and timers run at once while nothing comes.
            n = await lib.epoll_wait(this.#epfd, evPtr, MAX_EVENTS, this.#waitMs(hooks));
            lastYield = performance.now();
          } else if (n <= 0) {
            n = lib.epoll_poll(this.#epfd, evPtr, MAX_EVENTS, Math.min(block, this.#waitMs(hooks)));
          }
          idle = n === 0;
          now = performance.now();
          // n < 0: EINTR, a signal reached this thread; its listener runs in the turn.
          if (n < 0 || now - lastYield >= block) {
            // A turn of the event loop that parks it for a moment: only then does it poll for
            // signals (a call that returns at once, e.g. a zero-timeout wait on a worker thread,
            // let a SIGTERM wait many turns, seconds).
            await new Promise((r) => setTimeout(r, 1));
            lastYield = now = performance.now();
          }
        } else if (n <= 0) {
          n = await lib.epoll_wait(this.#epfd, evPtr, MAX_EVENTS, this.#waitMs(hooks));
          lastYield = now = performance.now();
        } else if ((now = performance.now()) - lastYield > YIELD_MS) {
          await new Promise((r) => setTimeout(r, 0));
          lastYield = now = performance.now();
        }
        for (let i = 0; i < n && !this.#stopped; i++) {
          const source = this.#dispatch(i, hooks);
          if (!source) continue;
          let got: number;
          try {
            got = source.drain(emit, BUDGET);
          } catch (e) {
            this.#fail(source, e, hooks);
            continue;
          }
          if (got < 0) this.#stopped = true;
        }
        if (this.#dying.size > 0 && !this.#stopped) {
          const got = this.#reap(emit, BUDGET);
          if (got < 0) this.#stopped = true;
          else if (got > 0) n = Math.max(n, 1);
        }
        if (n > 0) hooks.afterBatch?.();
        if (now - this.#lastTick >= tickMs) {
          this.#lastTick = now;
          await hooks.onTick?.();
        }
      }
    } finally {
      this.#running = false;
      hooks.afterBatch?.();
    }
  }

  /**
   * Pull mode: hands exactly one frame to `emit` and resolves true, or resolves false once the
   * loop is stopped. The frame stays valid until the next call (its ring block or receive
   * buffer is only reused then). Sockets take turns, so a busy one cannot starve the others.
   */
  async next(emit: Emit, hooks: LoopHooks = {}): Promise<boolean> {
    while (!this.#stopped) {
      if (this.#dying.size > 0) {
        if (this.#reap(emit, 1) !== 0) return true;
      }
      if (this.#takeReady(emit, hooks)) return true;
      const n = await this.#wait(this.#waitMs(hooks));
      for (let i = 0; i < n; i++) {
        const src = this.#dispatch(i, hooks);
        if (src && !this.#ready.includes(src)) this.#ready.push(src);
      }
      await this.#tick(hooks);
    }
    return false;
  }

  /**
   * Pull mode without waiting: hands one frame to `emit` and returns true when one is ready
   * right now; false means "call {@link next}" (nothing queued, a tick due, sockets dying, or
   * stopped). While frames keep coming, a consumer pays no promise of the loop's per frame.
   */
  tryNext(emit: Emit, hooks: LoopHooks = {}): boolean {
    if (this.#stopped || this.#dying.size > 0) return false;
    if (performance.now() - this.#lastTick >= (hooks.tickMs ?? 250)) return false;
    if (this.#takeReady(emit, hooks)) return true;
    const n = libc().epoll_poll(this.#epfd, this.#events.ptr, MAX_EVENTS, 0);
    for (let i = 0; i < n; i++) {
      const src = this.#dispatch(i, hooks);
      if (src && !this.#ready.includes(src)) this.#ready.push(src);
    }
    return n > 0 && this.#takeReady(emit, hooks);
  }

  /** Hands one frame from the sockets known to be readable, taking turns; false when none. */
  #takeReady(emit: Emit, hooks: LoopHooks): boolean {
    while (this.#ready.length > 0) {
      const src = this.#ready.shift()!;
      let got: number;
      try {
        got = src.drain(emit, 1);
      } catch (e) {
        this.#fail(src, e, hooks);
        continue;
      }
      if (got !== 0) {
        this.#ready.push(src);
        return true;
      }
    }
    return false;
  }

  /** Closes the epoll set and the wake-up eventfd (not the sockets). */
  close() {
    const lib = libc();
    lib.close(this.#epfd);
    lib.close(this.#wakefd);
  }
}
