import * as assert from "node:assert/strict";
import { Fields, MalformedValueError, fieldsOf, show } from "../../../policies/lib/values";

/** The message of the MalformedValueError `f` throws. */
function malformed(f: () => unknown): string {
    try {
        f();
    } catch (e) {
        assert.ok(e instanceof MalformedValueError, `expected a MalformedValueError, got ${String(e)}`);
        return e.message;
    }
    assert.fail("expected a MalformedValueError, nothing was thrown");
}

describe("policies/lib/values: typed reads of resource props", () => {
    describe("show", () => {
        it("renders values as JSON, and what JSON cannot hold as text", () => {
            assert.equal(show("on"), '"on"');
            assert.equal(show([1, "a"]), '[1,"a"]');
            assert.equal(show(undefined), "undefined");
            assert.equal(show(10n), "10");
            const circular: Record<string, unknown> = {};
            circular.self = circular;
            assert.equal(show(circular), "[object Object]");
        });

        it("shows an array nested too deep for JSON as [...] instead of overflowing the stack", () => {
            let deep: unknown[] = [];
            for (let i = 0; i < 20000; i++) deep = [deep];
            assert.equal(show(deep), "[...]");
        });

        it("keeps 80 characters whole and cuts longer text to 77 and an ellipsis", () => {
            const eighty = "x".repeat(78);
            assert.equal(show(eighty), `"${eighty}"`);
            assert.equal(show("y".repeat(79)), `"${"y".repeat(76)}...`);
        });
    });

    it("a MalformedValueError names field, rule, value and resource", () => {
        const e = new MalformedValueError("Role \"r\".path", "a string", 3, "urn:r");
        assert.equal(e.message, 'Role "r".path must be a string (received: 3)');
        assert.deepEqual([e.field, e.expected, e.received, e.urn], ['Role "r".path', "a string", 3, "urn:r"]);
    });

    describe("Fields.raw", () => {
        it("walks dotted paths; null and undefined anywhere are not set", () => {
            const f = new Fields({ a: { b: { c: 1 } }, n: null, m: { k: null } });
            assert.equal(f.raw("a.b.c"), 1);
            assert.equal(f.raw("n"), undefined);
            assert.equal(f.raw("n.deeper"), undefined);
            assert.equal(f.raw("m.k"), undefined);
            assert.equal(f.raw("missing.deeper"), undefined);
        });

        it("refuses an intermediate that is a string, a list or a number, naming the path up to it", () => {
            assert.equal(malformed(() => new Fields({ a: { b: "x" } }).raw("a.b.c")), 'a.b must be an object (received: "x")');
            assert.equal(malformed(() => new Fields({ a: [{ b: 1 }] }).raw("a.b")), 'a must be an object (received: [{"b":1}])');
            assert.equal(malformed(() => new Fields({ a: 5 }, "UserPool \"p\"").raw("a.b")), 'UserPool "p".a must be an object (received: 5)');
        });
    });

    describe("scalar reads", () => {
        const f = new Fields({ s: "text", t: "true", fa: "false", b: true, yes: "yes", n: 12, ns: "12", sp: " ", empty: "", nan: "abc", inf: Infinity, nul: null, list: ["a"], obj: { k: "v" } });

        it("str: a string, or not set; anything else is malformed", () => {
            assert.equal(f.str("s"), "text");
            assert.equal(f.str("nul"), undefined);
            assert.equal(f.str("missing"), undefined);
            assert.equal(malformed(() => f.str("n")), "n must be a string (received: 12)");
        });

        it("bool: booleans and the strings the provider coerces, nothing else", () => {
            assert.equal(f.bool("b"), true);
            assert.equal(f.bool("t"), true);
            assert.equal(f.bool("fa"), false);
            assert.equal(f.bool("missing"), undefined);
            assert.equal(malformed(() => f.bool("yes")), 'yes must be a boolean (received: "yes")');
            assert.equal(malformed(() => f.bool("n")), "n must be a boolean (received: 12)");
        });

        it("num: finite numbers and numeric strings; blank, NaN, infinite and other kinds are malformed", () => {
            assert.equal(f.num("n"), 12);
            assert.equal(f.num("ns"), 12);
            assert.equal(f.num("missing"), undefined);
            assert.equal(malformed(() => f.num("sp")), 'sp must be a number (received: " ")');
            assert.equal(malformed(() => f.num("empty")), 'empty must be a number (received: "")');
            assert.equal(malformed(() => f.num("nan")), 'nan must be a number (received: "abc")');
            assert.equal(malformed(() => f.num("inf")), "inf must be a number (received: null)");
            assert.equal(malformed(() => f.num("b")), "b must be a number (received: true)");
            assert.equal(malformed(() => f.num("list")), 'list must be a number (received: ["a"])');
        });

        it("strings: a list of strings only; a single string is not a list", () => {
            assert.deepEqual(f.strings("list"), ["a"]);
            assert.equal(f.strings("missing"), undefined);
            assert.equal(malformed(() => f.strings("s")), 's must be a list of strings (received: "text")');
            assert.equal(malformed(() => new Fields({ l: ["a", 1] }).strings("l")), 'l must be a list of strings (received: ["a",1])');
        });
    });

    describe("nested reads", () => {
        it("obj: an object, named from its parent; a list, a string or a number is malformed", () => {
            const f = new Fields({ o: { k: 1 }, l: [{ k: 1 }], s: "x" }, "Role \"r\"", "urn:r");
            const o = f.obj("o");
            assert.ok(o);
            assert.deepEqual([o.value, o.where, o.urn], [{ k: 1 }, 'Role "r".o', "urn:r"]);
            assert.equal(f.obj("missing"), undefined);
            assert.equal(malformed(() => f.obj("l")), 'Role "r".l must be an object (received: [{"k":1}])');
            assert.equal(malformed(() => f.obj("s")), 'Role "r".s must be an object (received: "x")');
            assert.equal(malformed(() => o.str("k")), 'Role "r".o.k must be a string (received: 1)');
        });

        it("objs: a list of objects, each named by its index; a list with anything else in it is malformed", () => {
            const f = new Fields({ rules: [{ a: "1" }, { a: 2 }], mixed: [{ a: "1" }, "x"], lists: [[1]], one: { a: "1" } });
            const rules = f.objs("rules");
            assert.deepEqual(rules.map((r) => r.where), ["rules[0]", "rules[1]"]);
            assert.equal(rules[0].str("a"), "1");
            assert.equal(malformed(() => rules[1].str("a")), "rules[1].a must be a string (received: 2)");
            assert.deepEqual(f.objs("missing"), []);
            assert.equal(malformed(() => f.objs("mixed")), 'mixed must be a list of objects (received: [{"a":"1"},"x"])');
            assert.equal(malformed(() => f.objs("lists")), "lists must be a list of objects (received: [[1]])");
            assert.equal(malformed(() => f.objs("one")), 'one must be a list of objects (received: {"a":"1"})');
            assert.equal(malformed(() => new Fields({ l: [{ a: "1" }, null] }).objs("l")), 'l must be a list of objects (received: [{"a":"1"},null])');
        });

        it("stringMap: an object of strings only; a string, a list or a non-string value is malformed", () => {
            const f = new Fields({ env: { A: "1" }, num: { A: 1 }, text: "AB", list: ["A"], nul: null });
            assert.deepEqual(f.stringMap("env"), { A: "1" });
            assert.deepEqual(f.stringMap("nul"), {});
            assert.equal(malformed(() => f.stringMap("num")), 'num must be a map of strings (received: {"A":1})');
            assert.equal(malformed(() => new Fields({ env: { A: "1", B: 2 } }).stringMap("env")), 'env must be a map of strings (received: {"A":"1","B":2})');
            assert.equal(malformed(() => f.stringMap("text")), 'text must be a map of strings (received: "AB")');
            assert.equal(malformed(() => f.stringMap("list")), 'list must be a map of strings (received: ["A"])');
        });
    });

    it("fieldsOf names a resource by its type's last segment and name, or not at all", () => {
        const r = { type: "aws:iam/role:Role", name: "app-role", urn: "urn:role", props: { path: 3 } };
        assert.equal(malformed(() => fieldsOf(r).str("path")), 'Role "app-role".path must be a string (received: 3)');
        assert.equal(malformed(() => fieldsOf(r, false).str("path")), "path must be a string (received: 3)");
        assert.equal(fieldsOf(r).urn, "urn:role");
    });
});
