/**
 * Typed configuration: the TypeScript type of `config` inferred from option declarations
 * (like zod's `z.infer`), the type of what a module may define, and `defineModule`, an
 * authoring API that gives editors the option paths.
 *
 * - `ConfigOf<Options>`: an `OptionDecl<T, V>` leaf becomes `V` (the value after `apply`,
 *   `T` without one); a nested declaration object becomes a nested object.
 * - `DefinitionOf<Options>`: what a module may write in `config`: deep-partial, and at every
 *   level the value may be wrapped in properties (mkIf, mkMerge, mkOverride/mkForce/mkDefault,
 *   mkOrder/mkBefore/mkAfter) whose content is checked against the option they wrap.
 * - `defineModule<Base>()({ options, config })`: a module whose `config` argument is typed by
 *   `Base` (e.g. `NixosOptions`) plus its own `options`, and whose `config` result is checked
 *   against them.
 * - `configCodec(options)`: an io-ts codec whose static type is `ConfigOf<Options>` and whose
 *   runtime check is the options' types' `check`, for validating an evaluated config.
 *
 * Nothing here changes evaluation: at run time a typed module is an ordinary module.
 */
import * as t from "io-ts";
import type { Module, ModuleArgs } from "./module-types.js";
import { isOption, type OptionDecl } from "./options.js";
import type { If, Merge, Order, Override } from "./properties.js";
import type { OptionType } from "../types/option-type.js";

// ---------------------------------------------------------------------------
// Type-level helpers

type IsAny<T> = 0 extends 1 & T ? true : false;
type IsUnknown<T> = IsAny<T> extends true ? false : unknown extends T ? true : false;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
/** No options: the option tree of a module that declares none. */
export type NoOptions = Record<never, never>;
/** Flattens intersections for readable hover types. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Values that definitions give whole: never deep-partial. */
type Atom = string | number | boolean | bigint | symbol | null | undefined | ((...args: any[]) => unknown);
/** A package: a definition gives it whole. */
type PackageLike = { readonly type: "derivation" } | { readonly outPath: string };

/** An option declaration as it appears in a declaration tree. */
export type AnyOptionDecl = OptionDecl<any, any>;
/** A tree of option declarations: what a module's `options` holds. */
export interface OptionTree {
  // Leaves are matched by their tag only: a contextual `OptionDecl<any, any>` would make
  // `mkOption` infer `any` for the value type of options without `apply`.
  readonly [name: string]: { readonly _type: "option" } | OptionTree;
}

// ---------------------------------------------------------------------------
// ConfigOf: declarations -> config

/** The value of one declared option: the `apply` result, else the type's value. */
export type OptionValueOf<O> = O extends { apply?: (value: any) => infer V }
  ? IsUnknown<V> extends true
    ? OptionTypeValue<O>
    : V
  : OptionTypeValue<O>;
type OptionTypeValue<O> = O extends { type?: infer Ty }
  ? Ty extends OptionType<infer T>
    ? T
    : unknown
  : unknown;

/** The TypeScript type of `config` for a tree of option declarations. */
export type ConfigOf<O> =
  IsAny<O> extends true
    ? any
    : O extends { readonly _type: "option" }
      ? OptionValueOf<O>
      : O extends object
        ? { [K in keyof O as K extends "_module" ? never : K]: ConfigOf<O[K]> }
        : unknown;

/** The value type (before `apply`) a definition of an option merges into. */
export type MergedValueOf<O> = OptionTypeValue<O>;

// ---------------------------------------------------------------------------
// DefinitionOf: what a module may define

/**
 * A definition of a value of type `T`: the value itself, or a property wrapping a
 * definition of `T`. mkForce(1) where `T` is string is a type error, as is mkBefore of a
 * list of numbers where a list of strings is declared.
 */
export type Definable<T> =
  T | If<Definable<T>> | Merge<Definable<T>> | Override<Definable<T>> | Order<Definable<T>>;

/**
 * What a definition of a merged value of type `T` may look like: lists of element
 * definitions, attribute sets (submodules, attrsOf) as partial sets of definitions, atoms
 * and packages whole.
 */
export type DefinitionValue<T> =
  IsAny<T> extends true
    ? any
    : IsUnknown<T> extends true
      ? unknown
      : T extends Atom
        ? T
        : T extends PackageLike
          ? T
          : T extends readonly (infer E)[]
            ? readonly Definable<DefinitionValue<E>>[]
            : T extends object
              ? { [K in keyof T]?: Definable<DefinitionValue<T[K]>> }
              : T;

/** The definition of one declared option. */
export type OptionDefinitionOf<O> = Definable<DefinitionValue<MergedValueOf<O>>>;

/** What a module may write in `config` for a tree of option declarations. */
export type DefinitionOf<O> =
  IsAny<O> extends true
    ? any
    : O extends { readonly _type: "option" }
      ? OptionDefinitionOf<O>
      : O extends object
        ? Definable<{ [K in keyof O as K extends "_module" ? never : K]?: DefinitionOf<O[K]> }>
        : never;

// ---------------------------------------------------------------------------
// Options of modules

/** The option tree a module declares (for a function module, the one its result declares). */
export type OptionsOf<M> =
  IsAny<M> extends true
    ? any
    : M extends { readonly __options?: infer O }
      ? unknown extends O
        ? OptionsOfBody<M>
        : O
      : OptionsOfBody<M>;
type OptionsOfBody<M> = M extends (...args: any[]) => infer R
  ? IsUnknown<R> extends true
    ? any
    : OptionsOfBody<R>
  : M extends { readonly options?: infer O }
    ? IsUnknown<O> extends true
      ? NoOptions
      : NonNullable<O>
    : NoOptions;

/** The options declared by a list (union) of modules, together. */
export type OptionsOfAll<M> = UnionToIntersection<M extends unknown ? OptionsOf<M> : never>;

/** The config of a submodule made of the modules `M` (used by `types.submodule`). */
export type SubmoduleConfigOf<M> =
  IsUnknown<M> extends true ? any : Module extends M ? any : ConfigOf<OptionsOfAll<M>>;

// ---------------------------------------------------------------------------
// The `options` argument: declarations with their values and definitions

/** An evaluated option, as `options.a.b` gives it to modules. */
export type EvaluatedOption<O> = O & {
  readonly value: OptionValueOf<O>;
  readonly isDefined: boolean;
  readonly highestPrio: number;
  readonly files: readonly string[];
  readonly definitions: readonly unknown[];
  readonly definitionsWithLocations: readonly { file: string; value: unknown }[];
  readonly declarations: readonly string[];
  readonly loc: readonly string[];
};
/** The type of the `options` module argument for a tree of declarations. */
export type EvaluatedOptionsOf<O> =
  IsAny<O> extends true
    ? any
    : O extends { readonly _type: "option" }
      ? EvaluatedOption<O>
      : O extends object
        ? { [K in keyof O]: EvaluatedOptionsOf<O[K]> }
        : never;

// ---------------------------------------------------------------------------
// defineModule

/**
 * The module arguments, with `config` and `options` typed by a tree of declarations, and
 * `Extra` (e.g. `{ pkgs: Pkgs }`) typing other arguments.
 */
export type TypedModuleArgs<O, Extra = NoOptions> = Omit<ModuleArgs, "config" | "options" | keyof Extra> & {
  readonly config: ConfigOf<O>;
  readonly options: EvaluatedOptionsOf<O>;
} & Extra;

/** What `defineModule` takes: a module body whose options and config are typed. */
export interface ModuleSpec<Base, Own, Extra = NoOptions> {
  _file?: string;
  key?: string;
  _class?: string;
  imports?: readonly Module[];
  disabledModules?: readonly unknown[];
  meta?: unknown;
  /** Options this module declares; a function of the module arguments when defaults need them. */
  options?: Own | ((args: TypedModuleArgs<Base, Extra>) => Own);
  /** Definitions, checked against `Base` and this module's own options. */
  config?:
    DefinitionOf<Base & Own> | ((args: TypedModuleArgs<Base & Own, Extra>) => DefinitionOf<Base & Own>);
}

/**
 * A module made by `defineModule`: at run time a function module; for the type checker it
 * also carries the options it declares, so `OptionsOf<typeof m>` finds them.
 */
export type TypedModule<Own, Knows = Own> = ((args: ModuleArgs) => {
  _file?: string;
  key?: string;
  imports: readonly Module[];
  options: Own;
  config: unknown;
}) &
  Knowing<Knows> & { readonly __options?: Own };

/**
 * The options a module is typed against (phantom, like `__options`): those it declares and
 * those of its builder's `Base` (`defineModule<NixosOptions & OptionsOf<typeof app>>()`), which
 * include the options of the modules it imports. `defaultModules` carry the NixOS options.
 * (A function of them, not them: so that no typed module is a subtype of another, which a
 * list of them would reduce to the other, and lose what the one knows.)
 */
export type Knowing<O> = { readonly __knows?: (options: O) => O };

/** The options module `M` is typed against, or `never` for a module that is not typed. */
type KnownBy<M> = "__knows" extends keyof M
  ? M extends { readonly __knows?: (options: infer K) => unknown }
    ? unknown extends K
      ? never
      : K
    : never
  : never;
/** Is some module of the union `M` not typed? */
type SomeUntyped<M> = true extends (M extends unknown ? ([KnownBy<M>] extends [never] ? true : false) : never)
  ? true
  : false;

/**
 * The config of an evaluation of the module list `Ms` (an array or tuple type): typed by the
 * options its modules know when every one of them is typed (made by defineModule or
 * defineNixosModule, or one of `defaultModules`), `any` otherwise.
 */
export type ConfigOfModules<Ms> = Ms extends readonly (infer M)[]
  ? [KnownBy<M>] extends [never]
    ? any
    : SomeUntyped<M> extends true
      ? any
      : ConfigOf<UnionToIntersection<KnownBy<M>>>
  : any;

const optionalKeys = ["_file", "key", "_class", "disabledModules", "meta"] as const;
/** The attributes of a ModuleSpec that `build` reads. */
const specKeys: ReadonlySet<string> = new Set([...optionalKeys, "imports", "options", "config"]);

function build<Base, Own, Extra>(spec: ModuleSpec<Base, Own, Extra>): TypedModule<Own, Base & Own> {
  const mod = (args: ModuleArgs) => {
    const typedArgs = args as unknown as TypedModuleArgs<Base & Own, Extra>;
    const out: Record<string, unknown> = {};
    // Anything else (definitions written beside `config:` rather than in it, say) is kept, so
    // that the module is refused as Nix refuses it ("has an unsupported attribute"), and not
    // dropped without a word.
    for (const k of Object.keys(spec)) {
      if (!specKeys.has(k)) Object.defineProperty(out, k, Object.getOwnPropertyDescriptor(spec, k)!);
    }
    for (const k of optionalKeys) if (spec[k] !== undefined) out[k] = spec[k];
    out.imports = spec.imports ?? [];
    out.options =
      typeof spec.options === "function"
        ? (spec.options as (a: unknown) => Own)(typedArgs)
        : (spec.options ?? {});
    out.config =
      typeof spec.config === "function"
        ? (spec.config as (a: unknown) => unknown)(typedArgs)
        : (spec.config ?? {});
    return out as ReturnType<TypedModule<Own>>;
  };
  return mod as TypedModule<Own, Base & Own>;
}

/**
 * A typed module builder. `defineModule<NixosOptions>()` gives a function taking
 * `{ options?, config? }` where `config` (an object, or a function of the module arguments)
 * is checked against the NixOS options plus the module's own, and the `config` argument is
 * typed the same way:
 *
 * ```ts
 * export default defineModule<NixosOptions>()({
 *   options: { services: { hello: { enable: mkEnableOption("hello") } } },
 *   config: ({ config }) =>
 *     mkIf(() => config.services.hello.enable, {
 *       virtualisation: { "oci-containers": { containers: { hello: { image: "hello-world" } } } },
 *     }),
 * });
 * ```
 *
 * Called with a module body directly, it is a module whose config is checked against its
 * own options only. `Extra` types further module arguments (`defineNixosModule` has
 * `{ pkgs: Pkgs }`).
 */
export function defineModule<Base = NoOptions, Extra = NoOptions>(): <Own extends OptionTree = NoOptions>(
  spec: ModuleSpec<Base, Own, Extra>,
) => TypedModule<Own, Base & Own>;
export function defineModule<Own extends OptionTree = NoOptions>(
  spec: ModuleSpec<NoOptions, Own>,
): TypedModule<Own>;
export function defineModule(spec?: ModuleSpec<any, any, any>): unknown {
  return spec === undefined ? build : build(spec);
}

/**
 * Type an untyped `config` (for example `evalModules(...).config`) by a tree of
 * declarations; no check at run time (see `configCodec` for one).
 */
export const typedConfig = <O>(config: unknown): ConfigOf<O> => config as ConfigOf<O>;

// ---------------------------------------------------------------------------
// io-ts: a codec for the config of a declaration tree

/** An io-ts codec for the values of one option type (its check is the type's `check`). */
export function optionTypeCodec<T>(type: OptionType<T>): t.Type<T, T, unknown> {
  return new t.Type<T, T, unknown>(
    type.description,
    (u): u is T => type.check(u),
    (u, c) => (type.check(u) ? t.success(u as T) : t.failure(u, c, `not of type \`${type.description}'`)),
    (a) => a,
  );
}

/**
 * An io-ts codec for the config of a tree of option declarations: its static type is
 * `ConfigOf<O>`, and it checks every declared option's value with the option's type. Values
 * of options that are not read by the check stay unevaluated only if the check does not
 * reach them: decoding reads every option, so decode an evaluated config you mean to force.
 * Options after `apply`, and options without a type, are accepted as they are.
 */
export function configCodec<O extends object>(options: O): t.Type<ConfigOf<O>, ConfigOf<O>, unknown> {
  const props: Record<string, t.Mixed> = {};
  for (const name of Object.keys(options)) {
    if (name === "_module") continue;
    const decl = (options as Record<string, unknown>)[name];
    if (isOption(decl)) {
      const d = decl as AnyOptionDecl;
      props[name] = d.type !== undefined && d.apply === undefined ? optionTypeCodec(d.type) : t.unknown;
    } else if (typeof decl === "object" && decl !== null) {
      props[name] = configCodec(decl);
    }
  }
  return t.type(props) as unknown as t.Type<ConfigOf<O>, ConfigOf<O>, unknown>;
}
