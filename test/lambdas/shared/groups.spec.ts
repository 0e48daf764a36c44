import * as assert from "node:assert/strict";
import { decodeGroups, encodeGroups, parseGroups } from "../../../lambdas/shared/groups";

describe("lambdas/shared/groups", () => {
    it("reads a list of group names, without duplicates, in order; none when absent", () => {
        assert.deepEqual(parseGroups(undefined), []);
        assert.deepEqual(parseGroups([]), []);
        assert.deepEqual(parseGroups(["b", "a", "b", "admins,ops", "équipe"]), ["b", "a", "admins,ops", "équipe"]);
        assert.deepEqual(parseGroups(["g".repeat(128)]), ["g".repeat(128)]);
    });

    it("refuses anything else, never guessing a list", () => {
        for (const value of [null, "admins", "admins,ops", 1, {}, { 0: "admins", length: 1 }, [1], ["admins", null], [""], ["a b"], ["g".repeat(129)], [["admins"]]]) {
            assert.equal(parseGroups(value), undefined, JSON.stringify(value));
        }
    });

    it("encodes as JSON and decodes only an encoded list", () => {
        assert.equal(encodeGroups(["admins,ops", "members"]), '["admins,ops","members"]');
        assert.equal(encodeGroups([]), "[]");
        assert.deepEqual(decodeGroups('["admins,ops","members","members"]'), ["admins,ops", "members"]);
        assert.deepEqual(decodeGroups("[]"), []);
        for (const value of [undefined, 5, ["admins"], "admins", "", "[", '"admins"', '{"0":"admins"}', "[1]", "null"]) {
            assert.equal(decodeGroups(value), undefined, JSON.stringify(value));
        }
    });
});
