// Before any test: the nixmod command's bundle (dist/bundle), made from the sources under
// test, so that the tests which spawn the command run what `npm run build` would install.
import { bundleDist } from "../scripts/bundle.mjs";

export default async function setup(): Promise<void> {
  await bundleDist();
}
