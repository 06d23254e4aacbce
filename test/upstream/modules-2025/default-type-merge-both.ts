// A type whose functor has both a payload and a wrapped type, declared twice.
import { fromFile } from "../modules/part1-file.js";

export default fromFile("default-type-merge-both.nix", ({ lib, options }) => {
  const foo = lib.types.mkOptionType({
    name: "foo",
    functor: { ...lib.types.defaultFunctor("foo"), wrapped: lib.types.int, payload: 10 },
  });
  return {
    imports: [
      { options: { foo: lib.mkOption({ type: foo }) } },
      { options: { foo: lib.mkOption({ type: foo }) } },
    ],
    options: {
      result: lib.mkOption({
        get default() {
          // (`builtins.seq options.foo null`.)
          void options.foo;
          return null;
        },
      }),
    },
  };
});
