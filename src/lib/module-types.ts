/** The shapes of modules, declarations and definitions, as TypeScript types. */
import type { OptionType } from "../types/option-type.js";

/** A definition of an option: its value and the file it came from. */
export interface Definition<T = unknown> {
  file: string;
  value: T;
  priority?: number;
}

/** The arguments handed to a function module. */
export interface ModuleArgs {
  config: any;
  options: any;
  lib: any;
  specialArgs: Record<string, unknown>;
  /** The attribute name a submodule is bound to. */
  name: string;
  pkgs: any;
  [arg: string]: any;
}

export interface ModuleObject {
  _file?: string;
  _class?: string | null;
  key?: string;
  imports?: Module[];
  require?: Module[];
  disabledModules?: unknown[];
  options?: Record<string, unknown>;
  config?: unknown;
  freeformType?: OptionType;
  meta?: unknown;
  [name: string]: unknown;
}

export type ModuleFunction = (args: ModuleArgs) => ModuleObject | unknown;

/** A module: an attribute set, or a function of the module arguments returning one. */
export type Module = ModuleObject | ModuleFunction | object;

/** A module in canonical form (Nix's unifyModuleSyntax). */
export interface UnifiedModule {
  _file: string;
  _class: string | null;
  key: string;
  disabledModules: unknown[];
  imports: unknown[];
  options: unknown;
  config: unknown;
}
