/**
 * Isomorphic: byte counts for people. Papers and vendors use decimal units (1 GB = 10^9 bytes),
 * GPUs and operating systems report binary ones (1 GiB = 2^30 bytes); we always show both, labelled.
 */

const BINARY = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const DECIMAL = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** An exact integer with thousands separators: 17179869184 → "17,179,869,184". */
export function groupDigits(n: bigint | number): string {
  return BigInt(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function scaled(n: bigint, base: number, units: string[]): string {
  let value = Number(n);
  let i = 0;
  while (Math.abs(value) >= base && i < units.length - 1) {
    value /= base;
    i++;
  }
  if (i === 0) return `${groupDigits(n)} ${n === 1n ? 'byte' : 'bytes'}`;
  // Four significant figures without trailing zeros: "16 GiB", "17.18 GB", "1.5 MiB".
  const text = String(Number(value.toPrecision(4)));
  return `${text} ${units[i]}`;
}

/** Binary units: 1 KiB = 1024 bytes. */
export const binary = (n: bigint) => scaled(n, 1024, BINARY);
/** Decimal units: 1 kB = 1000 bytes. */
export const decimal = (n: bigint) => scaled(n, 1000, DECIMAL);

/** True when the scaled figure is a whole number of its unit, so "=" is honest. */
function isExact(n: bigint, base: bigint): boolean {
  let unit = 1n;
  while (n >= unit * base && unit < base ** 6n) unit *= base;
  return n % unit === 0n;
}

/** "17,179,869,184 bytes = 16 GiB ≈ 17.2 GB": the exact count, then both units. */
export function describeBytes(n: bigint): string {
  const exact = `${groupDigits(n)} ${n === 1n ? 'byte' : 'bytes'}`;
  if (n < 1000n) return exact;
  const bin = binary(n);
  const dec = decimal(n);
  return `${exact} ${isExact(n, 1024n) ? '=' : '≈'} ${bin} ${isExact(n, 1000n) ? '=' : '≈'} ${dec}`;
}
