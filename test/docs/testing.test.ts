// docs/testing.md shows test/examples/recipe.test.ts and test/examples/switch-plan.test.ts as
// they are (those tests run the recipes).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("docs/testing.md quotes its two recipes word for word", () => {
  const doc = readFileSync(new URL("../../docs/testing.md", import.meta.url), "utf8");
  const blocks = Array.from(doc.matchAll(/```ts\n([\s\S]*?)```/g), (m) => m[1]);
  const file = (name: string) => readFileSync(new URL(`../examples/${name}`, import.meta.url), "utf8");
  expect(blocks).toEqual([file("recipe.test.ts"), file("switch-plan.test.ts")]);
});
