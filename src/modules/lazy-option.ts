/** Option declarations with lazy attributes. */
import { mkOption, type OptionDecl, type OptionSpec } from "../lib/options.js";
import { thunk } from "./support.js";

/**
 * `mkOption` with lazy attributes: a getter in `spec` (a `default` that reads `config`,
 * a `description` that reads `options`) stays a (memoized) getter on the declaration.
 */
export function mkOptionLazy<T = unknown>(spec: OptionSpec<T>): OptionDecl<T> {
  const data: Record<string, unknown> = {};
  const getters: [string, () => unknown][] = [];
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(spec))) {
    if (d.get) getters.push([k, d.get.bind(spec) as () => unknown]);
    else data[k] = d.value;
  }
  const o = mkOption(data as OptionSpec<T>);
  for (const [k, g] of getters)
    Object.defineProperty(o, k, { enumerable: true, configurable: true, get: thunk(g) });
  return o;
}
