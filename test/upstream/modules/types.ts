// types.pathInStore accepts store paths and paths below them, nothing else.
import { fromFile } from "./part1-file.js";

const storeDir = "/nix/store";

export default fromFile("types.nix", ({ lib }) => ({
  options: {
    pathInStore: lib.mkOption({ type: lib.types.lazyAttrsOf(lib.types.pathInStore) }),
  },
  config: {
    pathInStore: {
      ok1: `${storeDir}/0lz9p8xhf89kb1c1kk6jxrzskaiygnlh-bash-5.2-p15.drv`,
      ok2: `${storeDir}/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15`,
      ok3: `${storeDir}/0fb3ykw9r5hpayd05sr0cizwadzq1d8q-bash-5.2-p15/bin/bash`,
      bad1: "",
      bad2: `${storeDir}`,
      bad3: `${storeDir}/`,
      bad4: `${storeDir}/.links`, // a store entry, but not a reasonable path
      bad5: "/foo/bar",
    },
  },
}));
