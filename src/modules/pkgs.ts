/**
 * Content-addressed stand-ins for the few packages and builders the NixOS base and the
 * oci-containers module use (see the conformance README, "Packages and store paths").
 *
 * A store path is `/nix/store/<h>-<name>` where `<h>` is the first 32 hex characters of
 * sha256("<kind>\n<name>\n<text>").
 */
import * as crypto from "node:crypto";
import { defineGetter } from "../lib/attrs-lazy.js";
import { throwError } from "../lib/errors.js";
import { evaluationChain } from "../lib/lazy.js";
import { markStableOutPath } from "../types/basic.js";

/** What a builder was asked to build. */
export interface DrvAttrs {
  name: string;
  kind: string;
  text: string;
  runtimeInputs?: unknown[];
  [extra: string]: unknown;
}

/** A derivation as the module system sees it: an attribute set with `type = "derivation"`. */
export interface Derivation extends DrvAttrs {
  type: "derivation";
  outPath: string;
  overrideAttrs(f: (old: DrvAttrs) => Partial<DrvAttrs>): Derivation;
  toString(): string;
}

/** One script built by a builder other than a plain package, as the conformance cases list them. */
export interface BuiltScript {
  kind: string;
  /** Same as `kind`: the name the conformance cases use. */
  builder: string;
  name: string;
  text: string;
  outPath: string;
  runtimeInputs: unknown[];
  /**
   * Where the file is inside the store path, as writeTextFile's `destination`: "" for the
   * store path itself (writeText), "/bin/<name>" for the script builders. overrideAttrs keeps
   * it, so a renamed job script stays at `bin/<its first name>`.
   */
  destination: string;
  /** writeShellApplication's `excludeShellChecks` and `extraShellCheckFlags` (empty otherwise). */
  excludeShellChecks: string[];
  extraShellCheckFlags: string[];
}

export interface WriteShellApplicationArgs {
  name: string;
  text: string;
  runtimeInputs?: unknown[];
  excludeShellChecks?: string[];
  extraShellCheckFlags?: string[];
  [extra: string]: unknown;
}

export interface Pkgs {
  coreutils: Derivation;
  findutils: Derivation;
  gnugrep: Derivation;
  gnused: Derivation;
  systemd: Derivation;
  docker: Derivation;
  podman: Derivation;
  writeShellApplication(args: WriteShellApplicationArgs): Derivation;
  writeShellScriptBin(name: string, text: string): Derivation;
  writeText(name: string, text: string): Derivation;
  /** Every script derivation whose store path has been used so far, by store path (non-enumerable). */
  readonly builtScripts: Map<string, BuiltScript>;
}

/** The hash part of a store path for the given kind, name and text. */
export function storeHash(kind: string, name: string, text: string): string {
  return sha256Hex(`${kind}\n${name}\n${text}`).slice(0, 32);
}

/** The hex SHA-256 of a string's UTF-8: `crypto.hash` (one call, Node 20.12 on), else a Hash object. */
const sha256Hex: (s: string) => string =
  typeof crypto.hash === "function"
    ? (s) => crypto.hash("sha256", s, "hex")
    : (s) => crypto.createHash("sha256").update(s, "utf8").digest("hex");

/** A name every rule of storeNameProblem takes but the `.drv` one (tried first: names usually are). */
const STORE_NAME = /^[0-9a-zA-Z+\-._?=]{1,211}$/;

/**
 * Nix's rule for the name of a store path (checkName in Nix 2.8's libstore/path.cc, and the
 * derivation builtin's `.drv` rule), as Nix words a refusal: not empty, at most 211
 * characters, only letters, digits and `+-._?=`, not ending in `.drv`. `hash` is the hash part
 * the refused path would have.
 */
function storeNameProblem(name: string, hash: string): string | undefined {
  if (name.endsWith(".drv")) return "derivation names are not allowed to end in '.drv'";
  if (name === "") return `store path '${hash}-' has an empty name`;
  if (name.length > 211) return `store path '${hash}-${name}' has a name longer than 211 characters`;
  const bad = /[^0-9a-zA-Z+\-._?=]/.exec(name);
  if (bad !== null) return `store path '${hash}-${name}' contains illegal character '${bad[0]}'`;
  return undefined;
}

/**
 * `/nix/store/<hash>-<name>`; a name Nix refuses is an evaluation error in Nix's words, with a
 * line naming the option being evaluated, if any.
 */
export function storePath(kind: string, name: string, text: string): string {
  const hash = storeHash(kind, name, text);
  if (!STORE_NAME.test(name) || name.endsWith(".drv")) {
    const problem = storeNameProblem(name, hash);
    if (problem !== undefined) {
      const chain = evaluationChain();
      const option = chain[chain.length - 1];
      throwError(
        problem +
          (option === undefined
            ? ""
            : `\n(the name of a store path made while evaluating the option \`${option}')`),
      );
    }
  }
  return `/nix/store/${hash}-${name}`;
}

/** Is `v` a derivation (an attribute set whose `type` is "derivation")? */
export function isDerivation(v: unknown): v is { type: "derivation"; outPath: string; name?: string } {
  return typeof v === "object" && v !== null && (v as { type?: unknown }).type === "derivation";
}

/** An empty list (one frozen list for all: a registry entry per script keeps three). */
const NO_ITEMS: never[] = Object.freeze([]) as unknown as never[];

const strings = (v: unknown): string[] => (Array.isArray(v) && v.length > 0 ? v.map(String) : NO_ITEMS);

/**
 * Build a package set; each call has its own registry of built scripts.
 *
 * A derivation's `outPath` (the hash of its kind, name and text) is computed when first
 * read, and a script is registered then: a script whose store path nothing uses, such as
 * the one a job script is made from before `overrideAttrs` renames it, is neither hashed
 * nor listed, as Nix builds only what the configuration refers to.
 */
export function makePkgs(): Pkgs {
  const builtScripts = new Map<string, BuiltScript>();

  /**
   * A derivation of this set: its attributes (those it was made from, `kind`, `text`, `type`
   * and `outPath`) are its own enumerable properties; `overrideAttrs` and `toString` are
   * inherited, not attributes; the store path is kept in a private field once hashed.
   * (Derivations are made by the thousand: a class gives them their methods and the cache
   * without three property definitions each.)
   */
  class Drv {
    #outPath: string | undefined;
    constructor(attrs: DrvAttrs) {
      // `{ ...attrs, kind, text, type }` written out: V8 makes a spread's copy a slow object
      // once properties are defined on it.
      const self = this as unknown as Record<string, unknown>;
      const names = Object.keys(attrs);
      for (let i = 0; i < names.length; i++) self[names[i]!] = attrs[names[i]!];
      self.kind = attrs.kind ?? "package";
      self.text = attrs.text ?? "";
      self.type = "derivation";
      defineGetter(this, "outPath", Drv.outPathOf);
    }

    static {
      // (Hashed once: every read gives the same path, so the package type takes it as it is.)
      markStableOutPath(Drv.outPathOf);
    }

    /** `drv.outPath`: hashed on first read, the script registered then. */
    static outPathOf(this: Drv): string {
      const known = this.#outPath;
      if (known !== undefined) return known;
      const drv = this as unknown as DrvAttrs;
      const { kind, text, name } = drv;
      const outPath = storePath(kind, name, text);
      this.#outPath = outPath;
      if (kind !== "package" && !builtScripts.has(outPath)) {
        builtScripts.set(outPath, {
          kind,
          builder: kind,
          name,
          text,
          outPath,
          runtimeInputs: Array.isArray(drv.runtimeInputs) ? drv.runtimeInputs : NO_ITEMS,
          destination: typeof drv.destination === "string" ? drv.destination : "",
          excludeShellChecks: strings(drv.excludeShellChecks),
          extraShellCheckFlags: strings(drv.extraShellCheckFlags),
        });
      }
      return outPath;
    }

    /** `drv.overrideAttrs f`: the derivation of its attributes updated with `f old`. */
    overrideAttrs(f: (old: DrvAttrs) => Partial<DrvAttrs>): Derivation {
      // The attributes but `type` and `outPath` (not read: that would hash this one).
      const old = {} as Record<string, unknown>;
      const names = Object.keys(this);
      for (let i = 0; i < names.length; i++) {
        const k = names[i]!;
        if (k !== "type" && k !== "outPath") old[k] = (this as unknown as DrvAttrs)[k];
      }
      return mkDrv({ ...old, ...f(old as DrvAttrs) } as DrvAttrs);
    }

    /** A derivation's `toString`: its store path. */
    toString(): string {
      return (this as unknown as Derivation).outPath;
    }
  }
  const mkDrv = (attrs: DrvAttrs): Derivation => new Drv(attrs) as unknown as Derivation;

  const pkg = (name: string): Derivation => mkDrv({ name, kind: "package", text: "" });

  const pkgs = {
    coreutils: pkg("coreutils-9.3"),
    findutils: pkg("findutils-4.9.0"),
    gnugrep: pkg("gnugrep-3.11"),
    gnused: pkg("gnused-4.9"),
    systemd: pkg("systemd-253.6"),
    docker: pkg("docker-24.0.5"),
    podman: pkg("podman-4.6.1"),
    writeShellApplication: ({
      name,
      text,
      runtimeInputs = [],
      excludeShellChecks,
      extraShellCheckFlags,
    }: WriteShellApplicationArgs): Derivation =>
      mkDrv({
        name,
        text,
        kind: "writeShellApplication",
        runtimeInputs,
        destination: `/bin/${name}`,
        ...(excludeShellChecks !== undefined ? { excludeShellChecks } : {}),
        ...(extraShellCheckFlags !== undefined ? { extraShellCheckFlags } : {}),
      }),
    writeShellScriptBin: (name: string, text: string): Derivation =>
      mkDrv({ name, text, kind: "writeShellScriptBin", destination: `/bin/${name}` }),
    writeText: (name: string, text: string): Derivation => mkDrv({ name, text, kind: "writeText" }),
  } as Omit<Pkgs, "builtScripts">;
  Object.defineProperty(pkgs, "builtScripts", { enumerable: false, value: builtScripts });
  return pkgs as Pkgs;
}
