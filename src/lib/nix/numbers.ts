/**
 * Number formatting as Nix (C++) does it: `toString` of a float is `std::to_string` (printf "%f"),
 * and printing a float (`nix-instantiate --eval`, `builtins.toJSON` in Nix 2.8) uses an ostream
 * with its default precision, i.e. printf "%g" with 6 significant digits. Rounding is done on the
 * exact binary value with ties to even, like glibc.
 */

/** The exact decimal expansion of a finite, non-negative double: digits and the position of the point. */
function exactDecimal(x: number): { digits: string; point: number } {
  if (x === 0) return { digits: "0", point: 1 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  if (exp >= 0) {
    const digits = (mant << BigInt(exp)).toString();
    return { digits, point: digits.length };
  }
  // mant / 2^-exp = mant * 5^-exp / 10^-exp
  const digits = (mant * 5n ** BigInt(-exp)).toString();
  return { digits, point: digits.length + exp };
}

/**
 * Round the exact decimal `d` to keep digits up to (but excluding) index `keep` of the digit string
 * (index relative to digits, may exceed its length), ties to even. Returns the kept digits and point.
 */
function roundDigits(d: { digits: string; point: number }, keep: number): { digits: string; point: number } {
  const { point } = d;
  let { digits } = d;
  if (keep < 0) return { digits: "0", point: point + 1 - 0 };
  if (keep >= digits.length) return { digits: digits + "0".repeat(keep - digits.length), point };
  const head = digits.slice(0, keep);
  const first = digits.charCodeAt(keep) - 48;
  const rest = digits.slice(keep + 1);
  let roundUp: boolean;
  if (first > 5) roundUp = true;
  else if (first < 5) roundUp = false;
  else if (/[1-9]/.test(rest)) roundUp = true;
  else {
    const last = head.length > 0 ? head.charCodeAt(head.length - 1) - 48 : 0;
    roundUp = last % 2 === 1;
  }
  if (!roundUp) return { digits: head.length > 0 ? head : "0", point: head.length > 0 ? point : point + 1 };
  if (head.length === 0) return { digits: "1", point: point + 1 };
  const bumped = (BigInt(head) + 1n).toString().padStart(head.length, "0");
  if (bumped.length > head.length) {
    // carried into a new leading digit, e.g. 999 -> 1000
    return { digits: bumped.slice(0, head.length), point: point + 1 };
  }
  digits = bumped;
  return { digits, point };
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return undefined;
}

/** printf("%.Nf", x) with N = `decimals`. */
export function formatFixed(x: number, decimals = 6): string {
  const s = special(x);
  if (s !== undefined) return s;
  const neg = x < 0 || Object.is(x, -0);
  const d = exactDecimal(Math.abs(x));
  const r = roundDigits(d, d.point + decimals);
  let intPart: string;
  let frac: string;
  if (r.point <= 0) {
    intPart = "0";
    frac = ("0".repeat(-r.point) + r.digits).slice(0, decimals).padEnd(decimals, "0");
  } else {
    const all = r.digits.padEnd(r.point + decimals, "0");
    intPart = all.slice(0, r.point).replace(/^0+(?=\d)/, "");
    frac = all.slice(r.point, r.point + decimals);
  }
  return (neg ? "-" : "") + intPart + (decimals > 0 ? "." + frac : "");
}

/** printf("%g", x) (precision 6 by default): how Nix prints a float. */
export function formatG(x: number, precision = 6): string {
  const s = special(x);
  if (s !== undefined) return s;
  const neg = x < 0 || Object.is(x, -0);
  const sign = neg ? "-" : "";
  if (x === 0) return sign + "0";
  const p = precision === 0 ? 1 : precision;
  const d = exactDecimal(Math.abs(x));
  // skip leading zeros of the exact expansion to find the first significant digit
  const lead = d.digits.search(/[1-9]/);
  const norm = { digits: d.digits.slice(lead), point: d.point - lead };
  const r = roundDigits(norm, p);
  const exp = r.point - 1;
  const strip = (m: string): string => (m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m);
  if (exp < -4 || exp >= p) {
    const mant = strip(r.digits.slice(0, 1) + "." + r.digits.slice(1));
    const e = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" + e : e}`;
  }
  let body: string;
  if (exp >= 0) body = r.digits.slice(0, exp + 1) + "." + r.digits.slice(exp + 1);
  else body = "0." + "0".repeat(-exp - 1) + r.digits;
  return sign + strip(body);
}

/** How Nix shows a number: an integer in decimal, a float with "%g". */
export function showNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : formatG(x);
}
