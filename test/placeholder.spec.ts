import * as assert from "node:assert/strict";
describe("placeholder", () => { it("builds", () => { assert.equal(1 + 1, 2); }); });
