/**
 * ISO-8601 calendar time for any whole second a 64-bit timestamp can hold, in UTC. Years 0 to
 * 9999 take four digits (`2026-11-26T23:25:47`); years outside them take ISO-8601's expanded
 * form, a sign and at least six digits (`+584554-...`, `-000001-...`), as JavaScript's
 * `toISOString` writes them. `Date` only reaches ±275,760 years; capture files reach further
 * (pcapng counts 64-bit ticks), so the calendar is computed here.
 */

const DAY = 86_400n;

function two(n: bigint): string {
  return n < 10n ? "0" + n : "" + n;
}

/** `YYYY-MM-DDTHH:MM:SS` for `sec` seconds since 1970 (negative before). */
export function isoSecond(sec: bigint): string {
  let days = sec / DAY, rem = sec % DAY;
  if (rem < 0n) {
    rem += DAY;
    days -= 1n;
  }
  // Days to civil date (H. Hinnant's algorithm), in eras of 400 years.
  const z = days + 719_468n;
  const era = (z >= 0n ? z : z - 146_096n) / 146_097n;
  const doe = z - era * 146_097n;
  const yoe = (doe - doe / 1_460n + doe / 36_524n - doe / 146_096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const day = doy - (153n * mp + 2n) / 5n + 1n;
  const month = mp < 10n ? mp + 3n : mp - 9n;
  const year = yoe + era * 400n + (month <= 2n ? 1n : 0n);
  const y = year >= 0n && year <= 9999n
    ? year.toString().padStart(4, "0")
    : (year < 0n ? "-" : "+") + (year < 0n ? -year : year).toString().padStart(6, "0");
  return `${y}-${two(month)}-${two(day)}T${two(rem / 3600n)}:${two(rem / 60n % 60n)}:${
    two(rem % 60n)
  }`;
}
