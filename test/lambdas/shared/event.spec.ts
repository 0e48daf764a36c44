import * as assert from "node:assert/strict";
import { describe as describeValue, MalformedEventError, optionalStringsAt, own } from "../../../lambdas/shared/event";

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

    it("reads own properties of objects only: nothing inherited, nothing of arrays, strings or null", () => {
        assert.equal(own({ a: 1 }, "a"), 1);
        assert.equal(own({}, "toString"), undefined);
        assert.equal(own(Object.create({ a: 1 }) as object, "a"), undefined);
        assert.equal(own(JSON.parse('{"__proto__": "x"}'), "__proto__"), "x");
        assert.equal(own(["x"], "0"), undefined);
        assert.equal(own("abc", "length"), undefined);
        assert.equal(own(null, "a"), undefined);
        assert.equal(own(undefined, "a"), undefined);
    });

    it("describes values without showing them", () => {
        assert.deepEqual([undefined, null, [], {}, "secret", 1, true].map(describeValue), ["nothing", "null", "an array", "an object", "a string", "a number", "a boolean"]);
    });
});
