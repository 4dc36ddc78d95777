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
/** Frames taken from one socket before the others get a turn. */
const BUDGET = 1024;
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
}

/** Runs capture sockets in one epoll set until stopped. */
export class CaptureLoop {
  readonly #epfd: number;
  readonly #wakefd: number;
  readonly #events;
  readonly #ctl;
  readonly #wakeBuf;
  readonly #sources = new Map<number, CaptureSource>();
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

  /** Hands every frame to `emit` until `stop()` or `emit` returns false. */
  async run(emit: Emit, hooks: LoopHooks = {}): Promise<void> {
    if (this.#running) throw new Error("capture loop is already running");
    this.#running = true;
    const lib = libc();
    const tickMs = hooks.tickMs ?? 250;
    const ev = this.#events.view;
    const evPtr = this.#events.ptr;
    let lastTick = performance.now();
    let lastYield = lastTick;
    try {
      while (!this.#stopped) {
        let n = lib.epoll_poll(this.#epfd, evPtr, MAX_EVENTS, 0);
        const now = performance.now();
        if (n <= 0) {
          n = await lib.epoll_wait(this.#epfd, evPtr, MAX_EVENTS, tickMs);
          lastYield = performance.now();
        } else if (now - lastYield > YIELD_MS) {
          await new Promise((r) => setTimeout(r, 0));
          lastYield = performance.now();
        }
        for (let i = 0; i < n && !this.#stopped; i++) {
          const id = Number(ev.getBigUint64(i * epoll_event.size + epoll_event.data, true));
          if (id === WAKE_ID) {
            lib.read(this.#wakefd, this.#wakeBuf.ptr, 8n);
            continue;
          }
          const source = this.#sources.get(id);
          if (!source) continue;
          let got: number;
          try {
            const mask = ev.getUint32(i * epoll_event.size + epoll_event.events, true);
            if (mask & EPOLLERR) {
              const err = takeSocketError(source.fd);
              if (err) throw new SysError("recv", err, source.iface);
            }
            got = source.drain(emit, BUDGET);
          } catch (e) {
            if (!(e instanceof SysError)) throw e;
            if (hooks.onSourceError) hooks.onSourceError(source, e);
            else this.remove(source);
            continue;
          }
          if (got < 0) this.#stopped = true;
        }
        if (n > 0) hooks.afterBatch?.();
        const t = performance.now();
        if (t - lastTick >= tickMs) {
          lastTick = t;
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
    const lib = libc();
    const ev = this.#events.view;
    while (!this.#stopped) {
      while (this.#ready.length > 0) {
        const src = this.#ready.shift()!;
        let got: number;
        try {
          got = src.drain(emit, 1);
        } catch (e) {
          if (!(e instanceof SysError)) throw e;
          if (hooks.onSourceError) hooks.onSourceError(src, e);
          else this.remove(src);
          continue;
        }
        if (got !== 0) {
          this.#ready.push(src);
          return true;
        }
      }
      let n = lib.epoll_poll(this.#epfd, this.#events.ptr, MAX_EVENTS, 0);
      if (n <= 0) {
        n = await lib.epoll_wait(this.#epfd, this.#events.ptr, MAX_EVENTS, hooks.tickMs ?? 250);
      }
      for (let i = 0; i < n; i++) {
        const id = Number(ev.getBigUint64(i * epoll_event.size + epoll_event.data, true));
        if (id === WAKE_ID) {
          lib.read(this.#wakefd, this.#wakeBuf.ptr, 8n);
          continue;
        }
        const src = this.#sources.get(id);
        if (!src || this.#ready.includes(src)) continue;
        const mask = ev.getUint32(i * epoll_event.size + epoll_event.events, true);
        const err = mask & EPOLLERR ? takeSocketError(src.fd) : 0;
        if (err) {
          const e = new SysError("recv", err, src.iface);
          if (hooks.onSourceError) hooks.onSourceError(src, e);
          else this.remove(src);
          continue;
        }
        this.#ready.push(src);
      }
      const now = performance.now();
      if (now - this.#lastTick >= (hooks.tickMs ?? 250)) {
        this.#lastTick = now;
        await hooks.onTick?.();
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
