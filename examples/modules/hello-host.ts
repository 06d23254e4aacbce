// A host using examples/modules/hello.ts: it imports the module and sets its options, type
// checked against the NixOS options plus the hello module's (OptionsOf<typeof hello>).
import { defineModule, type OptionsOf } from "nixmod";
import type { NixosOptions } from "nixmod/modules";
import hello from "./hello.js";

export default defineModule<NixosOptions & OptionsOf<typeof hello>>()({
  _file: "examples/modules/hello-host.ts",
  imports: [hello],
  config: {
    services: { hello: { enable: true, greeting: "Hello from nixmod", port: 8081 } },
  },
});
