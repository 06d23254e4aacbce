/** `networking.proxy.*` and the environment variables derived from them. */
import type { ModuleArgs } from "../../lib/module-types.js";
import { mkOption } from "../../lib/options.js";
import { types } from "../../types/index.js";

type Proxy = {
  default: string | null;
  httpProxy: string | null;
  httpsProxy: string | null;
  ftpProxy: string | null;
  rsyncProxy: string | null;
  noProxy: string | null;
};

export const networkingModule = (args: ModuleArgs) => {
  const proxy = (): Proxy => args.config.networking.proxy as Proxy;
  const nullOrStr = (dflt: () => string | null, description: string) =>
    mkOption({
      type: types.nullOr(types.str),
      get default() {
        return dflt();
      },
      description,
    });
  return {
    options: {
      networking: {
        proxy: {
          default: nullOrStr(() => null, "Proxy for every protocol."),
          httpProxy: nullOrStr(() => proxy().default, "http_proxy."),
          httpsProxy: nullOrStr(() => proxy().default, "https_proxy."),
          ftpProxy: nullOrStr(() => proxy().default, "ftp_proxy."),
          rsyncProxy: nullOrStr(() => proxy().default, "rsync_proxy."),
          noProxy: nullOrStr(() => null, "no_proxy."),
          envVars: mkOption({
            type: types.attrs,
            internal: true,
            default: {},
            description: "Proxy environment variables.",
          }),
        },
      },
    },
    config: {
      networking: {
        proxy: {
          get envVars(): Record<string, string> {
            const p = proxy();
            // Later entries win, as with `//`.
            return {
              ...(p.default !== null ? { no_proxy: "127.0.0.1,localhost" } : {}),
              ...(p.httpProxy !== null ? { http_proxy: p.httpProxy } : {}),
              ...(p.httpsProxy !== null ? { https_proxy: p.httpsProxy } : {}),
              ...(p.rsyncProxy !== null ? { rsync_proxy: p.rsyncProxy } : {}),
              ...(p.ftpProxy !== null ? { ftp_proxy: p.ftpProxy } : {}),
              ...(p.noProxy !== null ? { no_proxy: p.noProxy } : {}),
            };
          },
        },
      },
    },
  };
};

export default networkingModule;
