/**
 * List builtins and nixpkgs `lib.lists` functions with Nix semantics (equality is Nix `==`,
 * `sort` is stable and takes a `lessThan` predicate, indices are checked like Nix).
 */
import * as R from "ramda";
import { nullProto } from "../attrs-lazy.js";
import { throwError, throwTypeError } from "../errors.js";
import { describeType, nixEquals, nixEqualsNested, setOwn } from "./attrsets.js";

function expectList(v: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(v)) throwTypeError(`${what}: value is ${describeType(v)} while a list was expected`);
  return v;
}

/** `lib.optional cond elem`. */
export function optional<T>(cond: boolean, elem: T): T[] {
  return cond ? [elem] : [];
}

/** `lib.optionals cond list`. */
export function optionals<T>(cond: boolean, list: readonly T[]): T[] {
  return cond ? (list as T[]) : [];
}

/** `lib.toList x`: a list as is, anything else wrapped. */
export function toList<T>(x: T | readonly T[]): T[] {
  return Array.isArray(x) ? (x as T[]) : [x as T];
}

/** `lib.singleton x`. */
export function singleton<T>(x: T): T[] {
  return [x];
}

/** `builtins.length`. */
export function length(list: readonly unknown[]): number {
  return expectList(list, "length").length;
}

/** `builtins.elemAt list n`. */
export function elemAt<T>(list: readonly T[], n: number): T {
  expectList(list, "elemAt");
  if (!Number.isInteger(n) || n < 0 || n >= list.length) throwError(`list index ${n} is out of bounds`);
  return list[n]!;
}

/** `builtins.head`. */
export function head<T>(list: readonly T[]): T {
  return elemAt(list, 0);
}

/** `builtins.tail`. */
export function tail<T>(list: readonly T[]): T[] {
  expectList(list, "tail");
  if (list.length === 0) throwError("'tail' called on an empty list");
  return list.slice(1);
}

/** `lib.last list`. */
export function last<T>(list: readonly T[]): T {
  if (list.length === 0) throwError("lists.last: list must not be empty!");
  return list[list.length - 1]!;
}

/** `lib.init list`: all but the last element. */
export function init<T>(list: readonly T[]): T[] {
  if (list.length === 0) throwError("lists.init: list must not be empty!");
  return list.slice(0, -1);
}

/** `builtins.genList f n`. */
export function genList<T>(f: (i: number) => T, n: number): T[] {
  if (n < 0) throwError(`cannot create list of size ${n}`);
  return R.times(f, n);
}

/** `builtins.map f list`. */
export function map<A, B>(f: (x: A) => B, list: readonly A[]): B[] {
  return expectList(list, "map").map((x) => f(x as A));
}

/** `lib.forEach xs f`. */
export function forEach<A, B>(xs: readonly A[], f: (x: A) => B): B[] {
  return map(f, xs);
}

/** `builtins.filter pred list`. */
export function filter<T>(pred: (x: T) => boolean, list: readonly T[]): T[] {
  return expectList(list, "filter").filter((x) => pred(x as T)) as T[];
}

/** `lib.imap0 f list` with `f(i, x)`, i from 0. */
export function imap0<A, B>(f: (i: number, x: A) => B, list: readonly A[]): B[] {
  return list.map((x, i) => f(i, x));
}

/** `lib.imap1 f list` with `f(i, x)`, i from 1. */
export function imap1<A, B>(f: (i: number, x: A) => B, list: readonly A[]): B[] {
  return list.map((x, i) => f(i + 1, x));
}

/** `lib.foldr op nul list` with `op(x, acc)`. */
export function foldr<A, B>(op: (x: A, acc: B) => B, nul: B, list: readonly A[]): B {
  let acc = nul;
  for (let i = list.length - 1; i >= 0; i--) acc = op(list[i]!, acc);
  return acc;
}

/** `lib.fold` (alias of foldr). */
export const fold = foldr;

/** `lib.foldl op nul list` with `op(acc, x)`. */
export function foldl<A, B>(op: (acc: B, x: A) => B, nul: B, list: readonly A[]): B {
  let acc = nul;
  for (const x of list) acc = op(acc, x);
  return acc;
}

/** `builtins.foldl'` (strict foldl; identical here). */
export const foldlPrime = foldl;

/** `builtins.concatLists lists`. */
export function concatLists<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (const l of expectList(lists, "concatLists")) out.push(...(expectList(l, "concatLists") as T[]));
  return out;
}

/** `builtins.concatMap f list`. */
export function concatMap<A, B>(f: (x: A) => readonly B[], list: readonly A[]): B[] {
  return concatLists(list.map((x) => f(x)));
}

/** `lib.flatten x`: nested lists flattened; a non-list becomes a singleton. */
export function flatten(x: unknown): unknown[] {
  return Array.isArray(x) ? x.flatMap((y) => flatten(y)) : [x];
}

/** `lib.remove e list`: the elements that are not `== e`. */
export function remove<T>(e: T, list: readonly T[]): T[] {
  return list.filter((x) => !nixEquals(x, e));
}

/** `lib.findSingle pred default multiple list`. */
export function findSingle<T, D, M>(pred: (x: T) => boolean, dflt: D, multiple: M, list: readonly T[]): T | D | M {
  const found = list.filter((x) => pred(x));
  if (found.length === 0) return dflt;
  if (found.length !== 1) return multiple;
  return found[0]!;
}

/** `lib.findFirst pred default list`. */
export function findFirst<T, D>(pred: (x: T) => boolean, dflt: D, list: readonly T[]): T | D {
  for (const x of list) if (pred(x)) return x;
  return dflt;
}

/** `builtins.any pred list`. */
export function any<T>(pred: (x: T) => boolean, list: readonly T[]): boolean {
  return list.some((x) => pred(x));
}

/** `builtins.all pred list`. */
export function all<T>(pred: (x: T) => boolean, list: readonly T[]): boolean {
  return list.every((x) => pred(x));
}

/** `lib.count pred list`. */
export function count<T>(pred: (x: T) => boolean, list: readonly T[]): number {
  let c = 0;
  for (const x of list) if (pred(x)) c++;
  return c;
}

/** `lib.range first last`: the integers from first to last inclusive. */
export function range(first: number, lastN: number): number[] {
  return first > lastN ? [] : R.range(first, lastN + 1);
}

/** `lib.replicate n elem`. */
export function replicate<T>(n: number, elem: T): T[] {
  return genList(() => elem, n);
}

/** `builtins.partition pred list` -> `{ right, wrong }`. */
export function partition<T>(pred: (x: T) => boolean, list: readonly T[]): { right: T[]; wrong: T[] } {
  const right: T[] = [];
  const wrong: T[] = [];
  for (const x of list) (pred(x) ? right : wrong).push(x);
  const out = nullProto() as { right: T[]; wrong: T[] };
  setOwn(out, "right", right);
  setOwn(out, "wrong", wrong);
  return out;
}

/** `builtins.groupBy f list`: name -> elements, in list order. */
export function groupBy<T>(f: (x: T) => string, list: readonly T[]): Record<string, T[]> {
  const out = nullProto<T[]>();
  for (const x of list) {
    const key = f(x);
    if (typeof key !== "string") throwTypeError(`value is ${describeType(key)} while a string was expected`);
    if (Object.prototype.propertyIsEnumerable.call(out, key)) out[key]!.push(x);
    else setOwn(out, key, [x]);
  }
  return out;
}

/** `lib.groupBy' op nul pred list`: fold every group with `op(acc, x)`. */
export function groupByPrime<T, A>(
  op: (acc: A, x: T) => A,
  nul: A,
  pred: (x: T) => string,
  list: readonly T[],
): Record<string, A> {
  const groups = groupBy(pred, list);
  const out = nullProto<A>();
  for (const k of Object.keys(groups)) setOwn(out, k, foldl(op, nul, groups[k]!));
  return out;
}

/** `lib.zipListsWith f fst snd`, up to the shorter length. */
export function zipListsWith<A, B, C>(f: (a: A, b: B) => C, fst: readonly A[], snd: readonly B[]): C[] {
  return R.zipWith((a: A, b: B) => f(a, b), fst as A[], snd as B[]);
}

/** `lib.zipLists fst snd` -> `[{ fst, snd }]`. */
export function zipLists<A, B>(fst: readonly A[], snd: readonly B[]): { fst: A; snd: B }[] {
  return zipListsWith(
    (a, b) => {
      const o = nullProto() as { fst: A; snd: B };
      setOwn(o, "fst", a);
      setOwn(o, "snd", b);
      return o;
    },
    fst,
    snd,
  );
}

/** `lib.reverseList xs`. */
export function reverseList<T>(xs: readonly T[]): T[] {
  return [...xs].reverse();
}

/** `builtins.sort lessThan list`: stable merge sort with a strict-order predicate. */
export function sort<T>(lessThan: (a: T, b: T) => boolean, list: readonly T[]): T[] {
  const a = [...expectList(list, "sort")] as T[];
  if (a.length < 2) return a;
  const tmp = new Array<T>(a.length);
  const mergeSort = (lo: number, hi: number): void => {
    if (hi - lo < 2) return;
    const mid = (lo + hi) >>> 1;
    mergeSort(lo, mid);
    mergeSort(mid, hi);
    let i = lo;
    let j = mid;
    let k = lo;
    while (i < mid && j < hi) {
      // take from the right only if strictly less: keeps equal elements in order
      if (lessThan(a[j]!, a[i]!)) tmp[k++] = a[j++]!;
      else tmp[k++] = a[i++]!;
    }
    while (i < mid) tmp[k++] = a[i++]!;
    while (j < hi) tmp[k++] = a[j++]!;
    for (let m = lo; m < hi; m++) a[m] = tmp[m]!;
  };
  mergeSort(0, a.length);
  return a;
}

/** `lib.compareLists cmp a b`: lexicographic comparison with `cmp(x, y)` -> -1/0/1. */
export function compareLists<T>(cmp: (a: T, b: T) => number, a: readonly T[], b: readonly T[]): number {
  for (let i = 0; ; i++) {
    if (i === a.length) return i === b.length ? 0 : -1;
    if (i === b.length) return 1;
    const rel = cmp(a[i]!, b[i]!);
    if (rel !== 0) return rel;
  }
}

/** `lib.sublist start count list`. */
export function sublist<T>(start: number, cnt: number, list: readonly T[]): T[] {
  const len = list.length;
  const n = start >= len ? 0 : start + cnt > len ? len - start : cnt;
  return genList((i) => elemAt(list, i + start), n);
}

/** `lib.take count list`. */
export function take<T>(cnt: number, list: readonly T[]): T[] {
  return sublist(0, cnt, list);
}

/** `lib.drop count list`. */
export function drop<T>(cnt: number, list: readonly T[]): T[] {
  return sublist(cnt, list.length, list);
}

/** `builtins.elem x list` (Nix equality). */
export function elem(x: unknown, list: readonly unknown[]): boolean {
  return expectList(list, "elem").some((y) => nixEqualsNested(x, y));
}

/** `lib.unique list`: the first occurrence of every value (Nix equality). */
export function unique<T>(list: readonly T[]): T[] {
  const out: T[] = [];
  for (const e of list) if (!elem(e, out)) out.push(e);
  return out;
}

/** `lib.intersectLists e list`: the elements of `list` that are in `e`. */
export function intersectLists<T>(e: readonly unknown[], list: readonly T[]): T[] {
  return list.filter((x) => elem(x, e));
}

/** `lib.subtractLists e list`: the elements of `list` that are not in `e`. */
export function subtractLists<T>(e: readonly unknown[], list: readonly T[]): T[] {
  return list.filter((x) => !elem(x, e));
}

/** `lib.mutuallyExclusive a b`. */
export function mutuallyExclusive(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === 0 || !b.some((x) => elem(x, a));
}

/** `lib.listDfs stopOnCycles before list`. */
export function listDfs<T>(
  stopOnCycles: boolean,
  before: (a: T, b: T) => boolean,
  list: readonly T[],
): { minimal?: T; cycle?: T; loops?: T[]; visited: T[]; rest: T[] } {
  let us = head(list);
  let visited: T[] = [];
  let rest: T[] = list.slice(1);
  for (;;) {
    const c = visited.filter((x) => before(x, us));
    const b = partition((x: T) => before(x, us), rest);
    if (stopOnCycles && c.length > 0) return { cycle: us, loops: c, visited, rest };
    if (b.right.length === 0) return { minimal: us, visited, rest };
    visited = [us, ...visited];
    rest = [...b.right.slice(1), ...b.wrong];
    us = b.right[0]!;
  }
}

/** `lib.toposort before list` -> `{ result }` or `{ cycle, loops }`. */
export function toposort<T>(
  before: (a: T, b: T) => boolean,
  list: readonly T[],
): { result: T[] } | { cycle: T[]; loops: T[] } {
  const result: T[] = [];
  let cur: readonly T[] = list;
  for (;;) {
    if (cur.length < 2) return { result: [...result, ...cur] };
    const dfs = listDfs(true, before, cur);
    if (dfs.cycle !== undefined) return { cycle: reverseList([dfs.cycle, ...dfs.visited]), loops: dfs.loops! };
    result.push(dfs.minimal as T);
    cur = [...dfs.visited, ...dfs.rest];
  }
}
