// docs/testing.md shows test/examples/recipe.test.ts as it is (that test runs the recipe).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("docs/testing.md quotes test/examples/recipe.test.ts word for word", () => {
  const doc = readFileSync(new URL("../../docs/testing.md", import.meta.url), "utf8");
  const recipe = readFileSync(new URL("../examples/recipe.test.ts", import.meta.url), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
  expect(block).toBe(recipe);
});
