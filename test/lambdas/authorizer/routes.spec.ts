import * as assert from "node:assert/strict";
import { compileRoutes, satisfies } from "../../../lambdas/authorizer/routes";

const FORMAT = 'look like "GET /items/{id}", "ANY /admin/{proxy+}" or "* /reports/*" (a method, ANY or *, one space, a path of literal segments, {param}, and a final {proxy+} or *)';
const NEEDS = 'needs { "groups": [...] } and/or { "scopes": [...] } with valid names';
const admins = { groups: ["admins"] };

/** The ARN suffix of one valid rule; fails when the rule is refused. */
function suffixOf(key: string): string {
    const { routes, problems } = compileRoutes({ [key]: admins });
    assert.deepEqual(problems, [], `${key} is valid`);
    assert.equal(routes.length, 1);
    return routes[0].arnSuffix;
}

/** The only problem of one rule; fails when the rule is accepted. */
function problemOf(key: string, value: unknown = admins): string {
    const { routes, problems } = compileRoutes({ [key]: value });
    assert.deepEqual(routes, [], `${key} is refused`);
    assert.equal(problems.length, 1, `one problem for ${key}: ${problems.join(" | ")}`);
    return problems[0];
}

describe("lambdas/authorizer/routes", () => {
    describe("compileRoutes: the ARN suffix of each valid rule", () => {
        const table: [string, string][] = [
            ["GET /", "GET/"],
            ["GET /items", "GET/items"],
            ["POST /items", "POST/items"],
            ["PUT /items/{id}", "PUT/items/*"],
            ["PATCH /items/{id}", "PATCH/items/*"],
            ["DELETE /items/{id}", "DELETE/items/*"],
            ["HEAD /items", "HEAD/items"],
            ["OPTIONS /items", "OPTIONS/items"],
            ["ANY /admin/{proxy+}", "*/admin/*"],
            ["* /reports/*", "*/reports/*"],
            ["GET /users/{userId}/items/{item.id_2-x}", "GET/users/*/items/*"],
            ["GET /a.b_c~d:e@f-G9", "GET/a.b_c~d:e@f-G9"],
        ];
        for (const [key, suffix] of table) {
            it(`${key} -> ${suffix}`, () => assert.equal(suffixOf(key), suffix));
        }
    });

    describe("compileRoutes: refuses keys that could not be matched as written", () => {
        // [key, the reason in parentheses, or "" when the key has no method and path at all]
        const table: [string, string][] = [
            // The key's shape: one method, one space, one path; nothing before or after.
            ["GET", ""],
            ["GET  /x", ""],
            [" GET /x", ""],
            ["GET /x ", ""],
            ["GET /x /y", ""],
            ["GET\t/x", ""],
            // Methods: the listed ones in upper case, nothing else, no prototype names.
            ["get /x", ""],
            ["FETCH /x", ""],
            ["GETX /x", ""],
            ["constructor /x", ""],
            ["__proto__ /x", ""],
            ["toString /x", ""],
            // Paths.
            ["GET x", "the path must start with /"],
            ["GET items/{id}", "the path must start with /"],
            ["GET /a/{proxy+}/b", "{proxy+} may only be the last segment"],
            ["GET /a/*/b", "* may only be the last segment"],
            ["GET /*/b", "* may only be the last segment"],
        ];
        for (const [key, why] of table) {
            it(`refuses ${JSON.stringify(key)}`, () => {
                assert.equal(problemOf(key), `route "${key}" must ${FORMAT}${why === "" ? "" : ` (${why})`}`);
            });
        }

        const segments: [string, string][] = [
            ["GET /a//b", ""],
            ["GET /a/", ""],
            ["GET /a?b", "a?b"],
            ["GET /a%20b", "a%20b"],
            ["GET /items/x*", "x*"],
            ["GET /items/*x", "*x"],
            ["GET /items/{id", "{id"],
            ["GET /items/id}", "id}"],
            ["GET /items/{id}x", "{id}x"],
            ["GET /items/x{id}", "x{id}"],
            ["GET /items/{}", "{}"],
            ["GET /items/{a b}", ""],
            ["GET /items/{a/b}", "{a"],
            ["GET /files/{proxy+}x", "{proxy+}x"],
            ["GET /files/x{proxy+}", "x{proxy+}"],
            ["GET /files/{+}", "{+}"],
            ["GET /files/{proxy++}", "{proxy++}"],
            ["GET /files/{proxy*}", "{proxy*}"],
            ["GET /**", "**"],
        ];
        for (const [key, segment] of segments) {
            if (key.includes(" ", 4)) {
                it(`refuses ${JSON.stringify(key)} (a space in the path)`, () => {
                    assert.equal(problemOf(key), `route "${key}" must ${FORMAT}`);
                });
                continue;
            }
            it(`refuses ${JSON.stringify(key)}, naming the segment`, () => {
                const why = `segment ${JSON.stringify(segment)} is not a literal (letters, digits, . _ ~ : @ -), {param}, {proxy+} or *`;
                assert.equal(problemOf(key), `route "${key}" must ${FORMAT} (${why})`);
            });
        }
    });

    describe("compileRoutes: the requirement of a rule", () => {
        it("keeps groups and scopes as given, and leaves the missing one unset", () => {
            const { routes, problems } = compileRoutes({
                "GET /a": { groups: ["admins", "ops"] },
                "GET /b": { scopes: ["api/read", "api/write"] },
                "GET /c": { groups: ["admins"], scopes: ["api/admin"] },
            });
            assert.deepEqual(problems, []);
            assert.deepEqual(routes, [
                { key: "GET /a", arnSuffix: "GET/a", requirement: { groups: ["admins", "ops"], scopes: undefined } },
                { key: "GET /b", arnSuffix: "GET/b", requirement: { groups: undefined, scopes: ["api/read", "api/write"] } },
                { key: "GET /c", arnSuffix: "GET/c", requirement: { groups: ["admins"], scopes: ["api/admin"] } },
            ]);
        });

        it("copies the lists: a later change of the input changes no compiled rule", () => {
            const groups = ["admins"];
            const { routes } = compileRoutes({ "GET /a": { groups } });
            groups.push("everyone");
            assert.deepEqual(routes[0].requirement.groups, ["admins"]);
        });

        const bad: [string, unknown, string][] = [
            ["no requirement", {}, ""],
            ["a string", "admins", ""],
            ["a list", ["admins"], ""],
            ["null", null, ""],
            ["an empty groups list", { groups: [] }, ""],
            ["an empty scopes list", { scopes: [] }, ""],
            ["a groups string", { groups: "admins" }, ""],
            ["a number in groups", { groups: ["admins", 7] }, ""],
            ["an empty group name", { groups: [""] }, ""],
            ["a group name with a space", { groups: ["a b"] }, ""],
            ["a scope with a space", { scopes: ["api/read api/write"] }, ""],
            ["a scope with a quote", { scopes: ['api/"x'] }, ""],
            ["a valid groups list and an invalid scopes list", { groups: ["admins"], scopes: [] }, ""],
            ["a valid scopes list and an invalid groups list", { groups: [1], scopes: ["api/read"] }, ""],
            ["an unknown key", { groups: ["admins"], group: ["x"] }, " and nothing else (unknown: group)"],
            ["two unknown keys", { groups: ["admins"], roles: ["x"], users: ["y"] }, " and nothing else (unknown: roles, users)"],
        ];
        for (const [what, value, extra] of bad) {
            it(`refuses ${what}`, () => assert.equal(problemOf("GET /a", value), `route "GET /a" ${NEEDS}${extra}`));
        }

        it("reads groups and scopes as own properties only", () => {
            const inherited = Object.create({ groups: ["admins"] }) as object;
            assert.equal(problemOf("GET /a", inherited), `route "GET /a" ${NEEDS}`);
        });
    });

    describe("compileRoutes: the whole table", () => {
        it("refuses anything but an object keyed by route", () => {
            for (const routes of [null, undefined, "GET /a", ["GET /a"], 42]) {
                assert.deepEqual(compileRoutes(routes), { routes: [], problems: ["route requirements must be an object keyed by route"] });
            }
        });

        it("names every bad rule and keeps the good ones", () => {
            const { routes, problems } = compileRoutes({ "GET /a": admins, "get /b": admins, "GET /c": {}, "GET /d": admins });
            assert.deepEqual(routes.map((r) => r.key), ["GET /a", "GET /d"]);
            assert.deepEqual(problems, [`route "get /b" must ${FORMAT}`, `route "GET /c" ${NEEDS}`]);
        });

        it("accepts an empty table", () => {
            assert.deepEqual(compileRoutes({}), { routes: [], problems: [] });
        });
    });

    describe("satisfies", () => {
        it("asks nothing of a caller when the requirement names nothing", () => {
            assert.equal(satisfies({}, [], []), true);
        });

        it("needs one of the groups, not all of them", () => {
            const req = { groups: ["admins", "ops"] };
            assert.equal(satisfies(req, ["ops"], []), true);
            assert.equal(satisfies(req, ["members", "admins"], []), true);
            assert.equal(satisfies(req, ["members"], ["admins"]), false, "a scope named like a group is no group");
            assert.equal(satisfies(req, [], []), false);
        });

        it("needs one of the scopes, not all of them", () => {
            const req = { scopes: ["api/read", "api/write"] };
            assert.equal(satisfies(req, [], ["api/write"]), true);
            assert.equal(satisfies(req, [], ["openid", "api/read"]), true);
            assert.equal(satisfies(req, ["api/read"], ["openid"]), false, "a group named like a scope is no scope");
            assert.equal(satisfies(req, [], []), false);
        });

        it("needs a group and a scope when it names both", () => {
            const req = { groups: ["admins"], scopes: ["api/admin"] };
            assert.equal(satisfies(req, ["admins"], ["api/admin"]), true);
            assert.equal(satisfies(req, ["admins"], ["api/read"]), false);
            assert.equal(satisfies(req, ["members"], ["api/admin"]), false);
        });
    });
});
