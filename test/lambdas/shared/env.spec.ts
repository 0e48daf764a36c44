import * as assert from "node:assert/strict";
import { ConfigError, EMAIL_DOMAIN_PATTERN, EnvReader, GROUP_NAME_PATTERN, SCOPE_PATTERN, splitList, USER_POOL_ID_PATTERN } from "../../../lambdas/shared/env";

const item = { pattern: /^[a-z]+$/, rule: "lower-case words", fix: "use lower-case words" };

/** The problems `read` records, as the ConfigError lists them; [] when none. */
function problemsOf(env: Record<string, string | undefined>, read: (r: EnvReader) => unknown): string[] {
    const r = new EnvReader("test", env);
    read(r);
    try {
        r.done({});
        return [];
    } catch (e) {
        assert.ok(e instanceof ConfigError);
        assert.equal(e.name, "ConfigError");
        assert.equal(e.functionName, "test");
        assert.equal(e.message, `Invalid configuration of the test function:\n- ${e.problems.join("\n- ")}`);
        return [...e.problems];
    }
}

describe("lambdas/shared/env", () => {
    it("reads optional values trimmed, blank as unset", () => {
        const r = new EnvReader("test", { A: "  x  ", B: "   ", C: "" });
        assert.deepEqual([r.optional("A"), r.optional("B"), r.optional("C"), r.optional("D")], ["x", undefined, undefined, undefined]);
        assert.deepEqual(r.done({ ok: true }), { ok: true });
    });

    it("names a required variable that is unset or blank, with the value received", () => {
        assert.deepEqual(problemsOf({ B: " " }, (r) => [r.required("A", "set A"), r.required("B", "set B")]), [
            "A is required (received: not set); set A",
            'B is required (received: " "); set B',
        ]);
    });

    it("checks a value against its pattern only when it is set", () => {
        assert.deepEqual(problemsOf({ A: "Bad" }, (r) => r.matching("A", /^[a-z]+$/, "lower case", "fix A", { required: false })), ['A must be lower case (received: "Bad"); fix A']);
        assert.deepEqual(problemsOf({}, (r) => r.matching("A", /^[a-z]+$/, "lower case", "fix A", { required: false })), []);
        assert.deepEqual(problemsOf({}, (r) => r.matching("A", /^[a-z]+$/, "lower case", "fix A", { required: true })), ["A is required (received: not set); fix A"]);
        const r = new EnvReader("test", { A: " ok " });
        assert.equal(r.matching("A", /^[a-z]+$/, "lower case", "fix A", { required: true }), "ok");
    });

    it("splits lists on commas, trims items, drops empty ones and names the invalid ones", () => {
        assert.deepEqual(splitList(" a , ,b,,c "), ["a", "b", "c"]);
        assert.deepEqual(splitList(""), []);
        const r = new EnvReader("test", { L: "a, b ,c" });
        assert.deepEqual(r.list("L", item, { required: true }), ["a", "b", "c"]);
        assert.deepEqual(problemsOf({ L: "a,B,c d" }, (x) => x.list("L", item, { required: false })), ['L must be a comma-separated list of lower-case words; invalid: B, c d (received: "a,B,c d"); use lower-case words']);
        // Once, as required: no second problem about an empty list.
        assert.deepEqual(problemsOf({ L: "  " }, (x) => x.list("L", item, { required: true })), ['L is required (received: "  "); use lower-case words']);
        assert.deepEqual(problemsOf({}, (x) => x.list("L", item, { required: true })), ["L is required (received: not set); use lower-case words"]);
        assert.deepEqual(problemsOf({ L: " , , " }, (x) => x.list("L", item, { required: true })), ['L must name at least one item (received: ", ,"); use lower-case words']);
        assert.deepEqual(problemsOf({ L: ",," }, (x) => x.list("L", item, { required: true })), ['L must name at least one item (received: ",,"); use lower-case words']);
        assert.deepEqual(problemsOf({ L: ",," }, (x) => x.list("L", item, { required: false })), []);
        assert.deepEqual(problemsOf({}, (x) => x.list("L", item, { required: false })), []);
    });

    it("parses JSON values and reports bad JSON and bad shapes", () => {
        const parse = (v: unknown) => (Array.isArray(v) ? v : "it is not a list");
        const r = new EnvReader("test", { J: " [1,2] " });
        assert.deepEqual(r.json("J", parse, "a JSON list", "fix J"), [1, 2]);
        assert.equal(r.json("K", parse, "a JSON list", "fix J"), undefined);
        assert.deepEqual(problemsOf({ J: "[1," }, (x) => x.json("J", parse, "a JSON list", "fix J")), ['J must be valid JSON: a JSON list (received: "[1,"); fix J']);
        assert.deepEqual(problemsOf({ J: "{}" }, (x) => x.json("J", parse, "a JSON list", "fix J")), ['J must be a JSON list; it is not a list (received: "{}"); fix J']);
    });

    describe("patterns", () => {
        const table: [string, RegExp, string[], string[]][] = [
            ["user pool ids", USER_POOL_ID_PATTERN, ["eu-west-1_AbCdEf123", "us-east-1_a"], ["eu-west-1_", "_abc", "eu-west-1_Ab-c", "x eu-west-1_Abc", "eu-west-1_Abc\n", "eu-west-1"]],
            ["email domains", EMAIL_DOMAIN_PATTERN, ["example.com", "a.b-c.example", "xn--bcher-kva.example", `${"a".repeat(63)}.com`, `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`],
                ["example", "Example.com", "-a.com", "a-.com", "a..com", ".a.com", "a.com.", "a.c", "a.c0m", `${"a".repeat(64)}.com`, `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`, "a.com b.com"]],
            ["group names", GROUP_NAME_PATTERN, ["admins", "admins,ops", "équipe", "a.b-c_d", "g".repeat(128)], ["", "a b", "a\tb", "g".repeat(129), "a\nb"]],
            ["scopes", SCOPE_PATTERN, ["openid", "https://api.example.com/items.read", "a!#[]~", "s".repeat(256)], ["", "a b", 'a"b', "a\\b", "s".repeat(257), "é"]],
        ];
        for (const [what, pattern, good, bad] of table) {
            it(`accepts valid ${what} and refuses others`, () => {
                for (const v of good) assert.ok(pattern.test(v), `accepts ${v}`);
                for (const v of bad) assert.ok(!pattern.test(v), `refuses ${JSON.stringify(v)}`);
            });
        }
    });
});
