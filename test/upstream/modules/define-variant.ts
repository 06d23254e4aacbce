import { fromFile } from "./part1-file.js";

export default fromFile("define-variant.nix", ({ config, lib }) => {
  const { types, mkOption, attrNames } = lib;
  const names = (attrs: object): string => lib.concatMapStringsSep(" ", String, attrNames(attrs));
  return {
    options: {
      attrs: mkOption({ type: types.attrsOf(types.int) }),
      result: mkOption({}),
      resultFoo: mkOption({}),
      resultFooBar: mkOption({}),
      resultFooFoo: mkOption({}),
    },
    config: {
      attrs: { a: 1 },
      variants: {
        foo: {
          attrs: { b: 1 },
          variants: { bar: { attrs: { z: 1 } }, foo: { attrs: { c: 3 } } },
        },
        bar: { attrs: { y: 1 } },
      },
      get resultFoo() {
        return names(config.variants.foo.attrs);
      },
      get resultFooBar() {
        return names(config.variants.foo.variants.bar.attrs);
      },
      get resultFooFoo() {
        return names(config.variants.foo.variants.foo.attrs);
      },
    },
  };
});
