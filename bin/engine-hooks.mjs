// Module resolution hooks of the nixmod command (registered with `module.register` before
// the first TypeScript or JavaScript module file is loaded: src/cli/module-setup.ts).
// `import ... from "nixmod"` (and "nixmod/modules") in a module file gives the engine the
// command runs, even where Node would find another copy of the package first: a project's
// own node_modules/nixmod, when the command is installed elsewhere. Two copies of the
// engine in one evaluation would not know each other's errors and lazy values.

/** What each name resolves to: the URLs of the running engine's modules. */
let engine = new Map();

export function initialize(data) {
  engine = new Map(Object.entries(data.engine));
}

export function resolve(specifier, context, nextResolve) {
  const url = engine.get(specifier);
  return url !== undefined ? { url, shortCircuit: true } : nextResolve(specifier, context);
}
