// Fuzzing the module system with the oci-containers module: random modules (random option
// paths, real oci-containers and base paths among them, values of every kind, properties
// with right and wrong arguments, hostile attribute names) must either evaluate to values
// that pass their option types, or fail with an EvalError of one of the documented kinds
// (docs/security.md) whose text names an option path or a file. Never a TypeError, a
// RangeError, a hang or a polluted Object.prototype. Bounded runs: a few seconds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attrs, shown } from "./helpers.js";
import { EvalError } from "../../src/lib/errors.js";
import { LoadError } from "../../src/loader/loader.js";
import { evalModules } from "../../src/lib/evaluation.js";
import type { Module } from "../../src/lib/module-types.js";
import { isOption } from "../../src/lib/options.js";
import { mkIf, mkMerge, mkOrder, mkOverride } from "../../src/lib/properties.js";
import { toJsonValue } from "../../src/tools/render-json.js";
import type { OptionType } from "../../src/types/option-type.js";
import { referenceCleaning } from "../../src/tools/conformance.js";
import { defaultModules, makePkgs } from "../../src/modules/index.js";
import { containerNameType } from "../../src/modules/virtualisation/oci-containers/hardening.js";

/** The kinds of evaluation errors (docs/security.md, "Error kinds"). */
export const errorKinds: RegExp[] = [
  /^The option `.*' does not exist\. Definition values:/,
  /^A definition for option `.*' is not of type `/,
  /^The name of option `.*' is not of type `/,
  /^The option `.*' has conflicting definition values:/,
  /^The option `.*' has conflicting option types in/,
  /^The option `.*' has conflicting definitions, in/,
  /^The option `.*' (is used but not defined|was accessed but has no value defined\. Try setting the option)\./,
  /^Cannot merge definitions of `.*'\. Definition values:/,
  /^The option `.*' is defined multiple times while it's expected to be unique\./,
  /^The option `.*` is defined both null and not null, in/,
  /^The option `.*' is read-only, but it's set multiple times\./,
  /^infinite recursion encountered/,
  /^stack overflow /,
  /^An option declaration for `.*' has type\n`.*' rather than an attribute set\./,
  /^(You're|In module `.*', you're) trying to define a value of type `.*'\nrather than an attribute set for the option/,
  /^In module .*: expected an option declaration at option path `.*` but got an attribute set with type/,
  /^module .* does not look like a module\./,
  /^Module imports can't be nested lists\./,
  /^Module `.*' has an unsupported attribute `/,
  /^Could not load a value as a module, because it is of type/,
  /^Expected a module, but found a value of type/,
  /^value is .* while a (list|set) was expected, in /,
  /^value is .* while a set was expected\nThe (definition of `.*' in|config of module) `/,
  /^\w+: value is .* while a .* was expected/,
  /^cannot compare .* with an integer, in the priority of an mk(Override|Order)/,
  /^‘mkIf’ called with a non-Boolean condition/,
  /^cannot import `.*': module files are loaded by/,
  /^cannot convert .* to JSON/,
  /^cannot coerce a \w+ to a string/,
];

const hostileNames = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];
const key = fc.oneof(
  fc.constantFrom(
    ...hostileNames,
    "a",
    "web",
    "x y",
    "$(id)",
    "_module",
    "image",
    "enable",
    "config",
    "imports",
  ),
  fc.string({ maxLength: 5 }),
);

const drv = { type: "derivation", name: "img", outPath: "/nix/store/0123456789abcdef0123456789abcdef-img" };
const leaf = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -5, max: 70000 }),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom("nginx", "docker", "podman", "/run/x", "a;b", "u; curl x|sh", "22.05", "", "web"),
  fc.constant(drv),
  fc.constantFrom({ ...drv, outPath: "/nix/store/abc-x; reboot" }, "/nix/store/abc-x y"),
);

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    leaf,
    leaf,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.array(fc.tuple(key, tie("value")), { maxLength: 3 }).map((es) => attrs(es)),
    tie("property"),
  ),
  property: fc.oneof(
    fc
      .tuple(fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: leaf }), tie("value"))
      .map(([c, x]) => mkIf(c as boolean, x)),
    fc.oneof(fc.array(tie("value"), { maxLength: 3 }), leaf).map((xs) => mkMerge(xs as unknown[])),
    fc
      .tuple(fc.oneof(fc.constantFrom(10, 50, 100, 1000, 1500), leaf), tie("value"))
      .map(([p, x]) => mkOverride(p as number, x)),
    fc
      .tuple(fc.oneof(fc.constantFrom(500, 1000, 1500), leaf), tie("value"))
      .map(([p, x]) => mkOrder(p as number, x)),
  ),
}));

const fields = [
  "image",
  "imageFile",
  "login",
  "login.username",
  "login.passwordFile",
  "login.registry",
  "cmd",
  "entrypoint",
  "environment",
  "environmentFiles",
  "log-driver",
  "ports",
  "user",
  "volumes",
  "workdir",
  "dependsOn",
  "extraOptions",
  "autoStart",
];
const containerName = fc.constantFrom("web", "db", "web.v2", ...hostileNames, "x y", "a;b");
const C = ["virtualisation", "oci-containers", "containers"];
const optionPath = fc.oneof(
  fc.tuple(containerName, fc.constantFrom(...fields)).map(([n, f]) => [...C, n, ...f.split(".")]),
  fc.tuple(containerName, fc.constantFrom(...fields)).map(([n, f]) => [...C, n, ...f.split(".")]),
  containerName.map((n) => [...C, n]),
  fc.constantFrom(
    ["virtualisation", "oci-containers", "backend"],
    C,
    ["docker-containers"],
    ["docker-containers", "old"],
    ["networking", "proxy", "default"],
    ["system", "stateVersion"],
    ["systemd", "services"],
    ["systemd", "services", "s", "serviceConfig"],
    ["systemd", "services", "s", "environment"],
    ["virtualisation", "docker", "enable"],
    ["virtualisation", "podman", "enable"],
    ["_module", "check"],
    ["_module", "args"],
  ),
  fc.array(key, { minLength: 1, maxLength: 3 }),
);

const atPath = (path: readonly string[], v: unknown): unknown =>
  path.reduceRight<unknown>((acc, k) => attrs([[k, acc]]), v);

/** A container that is valid, with hostile-but-escaped strings: evaluations that succeed. */
const validContainer = fc
  .record({
    name: fc.constantFrom("web", "db", "constructor", "toString", "web.v2", "A-1"),
    image: fc.constantFrom("nginx", "redis:7", "registry.example.com/a/b:1@sha256:00"),
    cmd: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
    environment: fc
      .array(fc.tuple(key, fc.string({ maxLength: 6 })), { maxLength: 3 })
      .map((es) => attrs(es)),
    ports: fc.array(fc.constantFrom("80", "8080:80", "a b; c"), { maxLength: 2 }),
    user: fc.constantFrom(null, "nobody", "$(id)"),
    autoStart: fc.boolean(),
    backend: fc.constantFrom("docker", "podman"),
  })
  .map(({ name, backend, ...c }) => ({
    virtualisation: { "oci-containers": { backend, containers: attrs([[name, c]]) } },
  }));

/** A random module: definitions at random paths, sometimes wrapped, sometimes not a module at all. */
const moduleArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(optionPath, value), { minLength: 1, maxLength: 3 })
      .map((defs) => ({ config: mkMerge(defs.map(([p, v]) => atPath(p, v))) })),
  },
  { weight: 3, arbitrary: fc.tuple(optionPath, value).map(([p, v]) => atPath(p, v)) },
  { weight: 4, arbitrary: validContainer },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      5,
      null,
      "x",
      [],
      { config: 5 },
      { imports: "x" },
      { imports: [5] },
      { options: 5 },
      mkMerge([]),
    ),
  },
);
const modulesArb = fc
  .array(moduleArb, { minLength: 1, maxLength: 4 })
  .map((ms) =>
    ms.map((m, i) =>
      m !== null && typeof m === "object" && !Array.isArray(m) && !("_type" in m)
        ? { _file: `m${i}.nix`, ...m }
        : m,
    ),
  );

/** Evaluate everything the oci-containers module produces; on success, check values against their types. */
function evaluate(modules: unknown[]): void {
  const ev = evalModules({
    modules: [...(defaultModules as readonly Module[]), ...(modules as Module[])],
    specialArgs: { pkgs: makePkgs() },
  });
  const config = ev.config as Record<string, any>;
  toJsonValue(config.systemd.services, referenceCleaning(["systemd", "services"]));
  const opts = ev.options.virtualisation["oci-containers"];
  const oci = config.virtualisation["oci-containers"];
  expect(opts.backend.type.check(oci.backend)).toBe(true);
  expect(opts.containers.type.check(oci.containers)).toBe(true);
  const sub = opts.containers.type.nestedTypes.elemType.getSubOptions([]) as Record<string, any>;
  for (const name of Object.keys(oci.containers)) {
    expect(containerNameType.check(name)).toBe(true);
    const c = oci.containers[name];
    for (const f of Object.keys(sub)) {
      if (f === "_module") continue;
      const o = sub[f] as Record<string, any>;
      if (isOption(o)) expect((o.type as OptionType).check(c[f]), `${name}.${f}`).toBe(true);
      else for (const g of Object.keys(o)) expect(o[g].type.check(c[f][g]), `${name}.${f}.${g}`).toBe(true);
    }
  }
}

describe("fuzz: random modules against the oci-containers module", () => {
  it("evaluate to well-typed values or fail with a documented, located evaluation error", () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(modulesArb, (modules) => {
        try {
          evaluate(modules);
          seen.set("value", (seen.get("value") ?? 0) + 1);
        } catch (e) {
          // A string module is a file to load: its errors name the file.
          if (e instanceof LoadError) {
            seen.set("load", (seen.get("load") ?? 0) + 1);
            expect(e.message.startsWith(`${e.file}: `)).toBe(true);
            return;
          }
          if (!(e instanceof EvalError)) throw e;
          const kind = errorKinds.find((k) => k.test(e.message));
          expect(kind, `undocumented error kind: ${e.message}`).toBeDefined();
          // Names an option path or a module (file) in the message or its trace.
          expect(shown(e)).toMatch(/`[^`']*'|module/);
          seen.set(String(kind), (seen.get(String(kind)) ?? 0) + 1);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300, seed: 7, endOnFailure: true },
    );
    // Both outcomes occur (the generator is not degenerate).
    expect(seen.get("value") ?? 0).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(4);
  });

  it("random seeds too (fewer runs)", () => {
    fc.assert(
      fc.property(modulesArb, (modules) => {
        try {
          evaluate(modules);
        } catch (e) {
          if (e instanceof LoadError) return;
          if (!(e instanceof EvalError)) throw e;
          expect(
            errorKinds.some((k) => k.test(e.message)),
            `undocumented error kind: ${e.message}`,
          ).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
