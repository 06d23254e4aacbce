// mkAliasOptionModule keeps the priority of definitions made through the alias:
// an alias defined with a high priority overrides the option itself.
import type { ModuleArgs } from "../../../src/lib/module-types.js";
import { fromFile } from "./part1-file.js";

export default fromFile("alias-with-priority-can-override.nix", ({ lib }) => ({
  options: {
    enable: lib.mkOption({
      type: lib.types.nullOr(lib.types.bool),
      default: null,
      example: true,
      description: "Whether the test feature is on.",
    }),
    // mkAliasOptionModule emits warnings, so the option must exist.
    warnings: lib.mkOption({
      internal: true,
      default: [],
      type: lib.types.listOf(lib.types.str),
      example: ["a deprecation notice"],
      description: "Warnings shown during evaluation.",
    }),
  },
  imports: [
    lib.mkAliasOptionModule(["enableAlias"], ["enable"]),
    ({ lib }: ModuleArgs) => ({ enableAlias: lib.mkForce(false) }),
    () => ({ enable: true }),
  ],
}));
