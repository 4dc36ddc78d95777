/** errno numbers and their names (Linux, asm-generic). */

export const EPERM = 1;
export const ENOENT = 2;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const ENODEV = 19;
export const EINVAL = 22;
export const ENOSPC = 28;
export const EPIPE = 32;
export const ENOPROTOOPT = 92;
export const EPROTONOSUPPORT = 93;
export const EAFNOSUPPORT = 97;
export const ENETDOWN = 100;
export const ENOBUFS = 105;

const NAMES: Record<number, string> = {
  [EPERM]: "EPERM",
  [ENOENT]: "ENOENT",
  [EINTR]: "EINTR",
  [EIO]: "EIO",
  [ENXIO]: "ENXIO",
  [EBADF]: "EBADF",
  [EAGAIN]: "EAGAIN",
  [ENOMEM]: "ENOMEM",
  [EACCES]: "EACCES",
  [EFAULT]: "EFAULT",
  [EBUSY]: "EBUSY",
  [ENODEV]: "ENODEV",
  [EINVAL]: "EINVAL",
  [ENOSPC]: "ENOSPC",
  [EPIPE]: "EPIPE",
  [ENOPROTOOPT]: "ENOPROTOOPT",
  [EPROTONOSUPPORT]: "EPROTONOSUPPORT",
  [EAFNOSUPPORT]: "EAFNOSUPPORT",
  [ENETDOWN]: "ENETDOWN",
  [ENOBUFS]: "ENOBUFS",
};

const MESSAGES: Record<number, string> = {
  [EPERM]: "Operation not permitted",
  [ENOENT]: "No such file or directory",
  [EINTR]: "Interrupted system call",
  [ENXIO]: "No such device or address",
  [EBADF]: "Bad file descriptor",
  [EAGAIN]: "Resource temporarily unavailable",
  [ENOMEM]: "Cannot allocate memory",
  [EACCES]: "Permission denied",
  [EBUSY]: "Device or resource busy",
  [ENODEV]: "No such device",
  [EINVAL]: "Invalid argument",
  [ENOSPC]: "No space left on device",
  [ENOPROTOOPT]: "Protocol not available",
  [ENETDOWN]: "Network is down",
  [ENOBUFS]: "No buffer space available",
};

/** The symbolic name of an errno value, e.g. `EPERM`; `E<n>` when unknown. */
export function errnoName(errno: number): string {
  return NAMES[errno] ?? `E${errno}`;
}

/** A short description of an errno value, like strerror(3). */
export function errnoMessage(errno: number): string {
  return MESSAGES[errno] ?? `errno ${errno}`;
}
