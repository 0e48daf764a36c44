import * as assert from "node:assert/strict";
import { describe as describeValue, MalformedEventError, optionalStringsAt } from "../../../lambdas/shared/event";

describe("lambdas/shared/event", () => {
    it("reads an optional list of strings: absent and null are none", () => {
        assert.equal(optionalStringsAt({}, "scopes", "request.scopes"), undefined);
        assert.equal(optionalStringsAt({ scopes: null }, "scopes", "request.scopes"), undefined);
        assert.deepEqual(optionalStringsAt({ scopes: [] }, "scopes", "request.scopes"), []);
        assert.deepEqual(optionalStringsAt({ scopes: ["a", "b"] }, "scopes", "request.scopes"), ["a", "b"]);
    });

    it("names the path and what came instead of a list of strings", () => {
        const cases: [unknown, string][] = [["a", "a string"], [["a", 1], "an array"], [{}, "an object"], [0, "a number"], [false, "a boolean"]];
        for (const [value, what] of cases) {
            assert.throws(() => optionalStringsAt({ scopes: value }, "scopes", "request.scopes"), (e: Error) => {
                assert.ok(e instanceof MalformedEventError);
                assert.equal(e.message, `Malformed event: request.scopes must be an array of strings (received: ${what})`);
                return true;
            });
        }
    });

    it("describes values without showing them", () => {
        assert.deepEqual([undefined, null, [], {}, "secret", 1, true].map(describeValue), ["nothing", "null", "an array", "an object", "a string", "a number", "a boolean"]);
    });
});
