import * as assert from "node:assert/strict";
import type { Statement } from "../../../policies/lib/iamDocument";
import { freshLib } from "./fresh";

type IamDocument = typeof import("../../../policies/lib/iamDocument");

const where = 'RolePolicy "app-policy"';
const readPublic = { Sid: "ReadPublic", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/public/*" };
const readPublicParsed: Statement = { sid: "ReadPublic", effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/public/*"], principals: {}, conditions: {} };

/** A statement with only the fields a test sets. */
const statement = (conditions: Statement["conditions"]): Statement => ({ effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::data"], principals: {}, conditions });

describe("policies/lib/iamDocument", () => {
    // Each test gets a module whose caches are empty, so it sees this parse, not an earlier one.
    let lib: IamDocument;
    beforeEach(() => {
        lib = freshLib<IamDocument>("iamDocument");
    });

    const fails = (document: unknown, message: string): void => {
        assert.throws(() => lib.parsePolicyDocument(document, where), (e: unknown) => e instanceof lib.PolicyDocumentError && e.message === message);
    };
    const one = (s: Record<string, unknown>): unknown => ({ Version: "2012-10-17", Statement: [s] });

    describe("parsePolicyDocument", () => {
        it("reports a statement nested too deep to show as a document error, not a crash", () => {
            fails(`{"Statement":[${"[".repeat(5000)}${"]".repeat(5000)}]}`, 'RolePolicy "app-policy" statement 1 is [...], not an object: write each statement as {Effect, Action, Resource}');
        });

        it("reads every field of a statement into lists", () => {
            const document = {
                Version: "2012-10-17",
                Statement: [
                    readPublic,
                    {
                        Effect: "Deny",
                        Action: ["s3:PutObject", "s3:DeleteObject"],
                        Resource: ["arn:aws:s3:::data/*", "arn:aws:s3:::logs/*"],
                        Principal: { AWS: "arn:aws:iam::111122223333:root", Service: ["lambda.amazonaws.com", "apigateway.amazonaws.com"] },
                        Condition: { Bool: { "aws:SecureTransport": false }, NumericLessThan: { "s3:max-keys": 10 }, StringLike: { "s3:prefix": ["public/*", "shared/*"] } },
                    },
                ],
            };
            assert.deepEqual(lib.parsePolicyDocument(document, where), [
                readPublicParsed,
                {
                    effect: "Deny",
                    actions: ["s3:PutObject", "s3:DeleteObject"],
                    resources: ["arn:aws:s3:::data/*", "arn:aws:s3:::logs/*"],
                    principals: { AWS: ["arn:aws:iam::111122223333:root"], Service: ["lambda.amazonaws.com", "apigateway.amazonaws.com"] },
                    conditions: { Bool: { "aws:SecureTransport": ["false"] }, NumericLessThan: { "s3:max-keys": ["10"] }, StringLike: { "s3:prefix": ["public/*", "shared/*"] } },
                },
            ]);
        });

        it("reads NotAction, NotResource and NotPrincipal apart from Action, Resource and Principal", () => {
            const parsed = lib.parsePolicyDocument(one({ Effect: "Allow", NotAction: "iam:*", NotResource: ["arn:aws:s3:::secret/*"], NotPrincipal: { AWS: ["arn:aws:iam::111122223333:role/admin"] } }), where);
            assert.deepEqual(parsed, [
                { effect: "Allow", actions: [], notActions: ["iam:*"], resources: [], notResources: ["arn:aws:s3:::secret/*"], principals: {}, notPrincipals: { AWS: ["arn:aws:iam::111122223333:role/admin"] }, conditions: {} },
            ]);
        });

        it('reads Principal "*" as every principal of every kind, and null fields as empty', () => {
            assert.deepEqual(lib.parsePolicyDocument(one({ Effect: "Allow", Action: "sts:AssumeRole", Principal: "*" }), where)[0].principals, { "*": ["*"] });
            assert.deepEqual(lib.parsePolicyDocument(one({ Effect: "Allow", Action: "sts:AssumeRole", NotPrincipal: "*" }), where)[0].notPrincipals, { "*": ["*"] });
            assert.deepEqual(lib.parsePolicyDocument(one({ Effect: "Allow", Action: "s3:GetObject", Resource: null, Principal: null, Condition: null }), where), [
                { effect: "Allow", actions: ["s3:GetObject"], resources: [], principals: {}, conditions: {} },
            ]);
            assert.deepEqual(lib.parsePolicyDocument(one({ Effect: "Allow", Action: "s3:GetObject", Principal: { AWS: null } }), where)[0].principals, { AWS: [] });
        });

        it("keeps a string Sid only, and an empty NotAction list (which grants every action)", () => {
            assert.deepEqual(lib.parsePolicyDocument(one({ Sid: 7, Effect: "Allow", Action: "s3:GetObject" }), where), [{ effect: "Allow", actions: ["s3:GetObject"], resources: [], principals: {}, conditions: {} }]);
            assert.deepEqual(lib.parsePolicyDocument(one({ Effect: "Allow", NotAction: [] }), where)[0].notActions, []);
            assert.deepEqual(lib.parsePolicyDocument(one({ Effect: "Allow", NotAction: null }), where)[0].notActions, []);
        });

        it("reads a Statement given as one object as a list of one", () => {
            assert.deepEqual(lib.parsePolicyDocument({ Version: "2012-10-17", Statement: readPublic }, where), [readPublicParsed]);
            assert.deepEqual(lib.parsePolicyDocument(JSON.stringify({ Statement: readPublic }), where), [readPublicParsed]);
        });

        it("reads a JSON string as the document it holds, once per text", () => {
            const text = JSON.stringify({ Version: "2012-10-17", Statement: [readPublic] });
            const first = lib.parsePolicyDocument(text, where);
            assert.deepEqual(first, [readPublicParsed]);
            assert.equal(lib.parsePolicyDocument(text, where), first, "the second parse of the same text is the first one's result");
            assert.notEqual(lib.parsePolicyDocument(text, "another place"), first, "where is part of the key: messages name it");
            assert.notEqual(lib.parsePolicyDocument({ Statement: [readPublic] }, where), lib.parsePolicyDocument({ Statement: [readPublic] }, where), "objects are parsed each time");
        });

        it("keeps at most 20 001 parsed texts, then starts over", () => {
            const text = (i: number): string => JSON.stringify({ Statement: { Sid: `S${i}`, Effect: "Allow", Action: "s3:GetObject" } });
            const first = lib.parsePolicyDocument(text(0), where);
            for (let i = 1; i <= 20_000; i++) {
                lib.parsePolicyDocument(text(i), where);
            }
            assert.equal(lib.parsePolicyDocument(text(0), where), first, "20 001 texts are all kept");
            lib.parsePolicyDocument(text(20_001), where);
            const again = lib.parsePolicyDocument(text(0), where);
            assert.notEqual(again, first, "the 20 002nd text emptied the cache");
            assert.deepEqual(again, first);
        });

        it("reports a text that is not JSON, and the same error again for the same text", () => {
            fails("{Statement:", 'RolePolicy "app-policy" is not valid JSON: write it with JSON.stringify or aws.iam.getPolicyDocument');
            let error: unknown;
            try {
                lib.parsePolicyDocument("{Statement:", where);
            } catch (e) {
                error = e;
            }
            assert.throws(() => lib.parsePolicyDocument("{Statement:", where), (e: unknown) => e === error);
        });

        it("reports a document without a Statement", () => {
            const message = 'RolePolicy "app-policy" has no Statement: give it a policy document {Version, Statement}';
            for (const document of ["42", '"s3:GetObject"', "null", "[]", '{"Version":"2012-10-17"}', '{"statement":[]}', 42, null, undefined, { Version: "2012-10-17" }, [readPublic], Object.assign([], { Statement: [readPublic] })]) {
                fails(document, message);
            }
        });

        it("reports a statement that is not an object, naming it by its position", () => {
            fails({ Statement: [readPublic, "s3:GetObject"] }, 'RolePolicy "app-policy" statement 2 is "s3:GetObject", not an object: write each statement as {Effect, Action, Resource}');
            fails({ Statement: null }, 'RolePolicy "app-policy" statement 1 is null, not an object: write each statement as {Effect, Action, Resource}');
            fails({ Statement: [["s3:GetObject"]] }, 'RolePolicy "app-policy" statement 1 is ["s3:GetObject"], not an object: write each statement as {Effect, Action, Resource}');
        });

        it("reports an Effect other than Allow and Deny, in any case", () => {
            fails(one({ Effect: "allow", Action: "s3:GetObject" }), 'RolePolicy "app-policy" statement 1 has Effect "allow": write "Allow" or "Deny"');
            fails(one({ Effect: "DENY", Action: "s3:GetObject" }), 'RolePolicy "app-policy" statement 1 has Effect "DENY": write "Allow" or "Deny"');
            fails(one({ Action: "s3:GetObject" }), 'RolePolicy "app-policy" statement 1 has Effect undefined: write "Allow" or "Deny"');
            assert.equal(lib.parsePolicyDocument(one({ Effect: "Deny", Action: "s3:GetObject" }), where)[0].effect, "Deny");
        });

        it("reports a statement with both Action and NotAction, or neither", () => {
            fails(one({ Effect: "Allow", Action: "s3:GetObject", NotAction: "iam:*" }), 'RolePolicy "app-policy" statement 1 must have exactly one of Action and NotAction');
            fails(one({ Effect: "Allow", Action: null, NotAction: "iam:*" }), 'RolePolicy "app-policy" statement 1 must have exactly one of Action and NotAction');
            fails(one({ Effect: "Allow", Resource: "*" }), 'RolePolicy "app-policy" statement 1 must have exactly one of Action and NotAction');
        });

        it("reports a list field holding something else than strings", () => {
            const at = 'RolePolicy "app-policy" statement 1';
            fails(one({ Effect: "Allow", Action: ["s3:GetObject", 3] }), `${at} has Action ["s3:GetObject",3]: give a string or a list of strings`);
            fails(one({ Effect: "Allow", Action: [3, "s3:GetObject"] }), `${at} has Action [3,"s3:GetObject"]: give a string or a list of strings`);
            fails(one({ Effect: "Allow", Action: "s3:GetObject", Resource: { Bucket: "data" } }), `${at} has Resource {"Bucket":"data"}: give a string or a list of strings`);
            fails(one({ Effect: "Allow", NotAction: [true] }), `${at} has NotAction [true]: give a string or a list of strings`);
            fails(one({ Effect: "Allow", Action: "s3:GetObject", NotResource: 5 }), `${at} has NotResource 5: give a string or a list of strings`);
            fails(one({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["lambda.amazonaws.com", null] } }), `${at} has Principal.Service ["lambda.amazonaws.com",null]: give a string or a list of strings`);
            fails(one({ Effect: "Allow", Action: "sts:AssumeRole", NotPrincipal: { AWS: 111122223333 } }), `${at} has NotPrincipal.AWS 111122223333: give a string or a list of strings`);
        });

        it('reports a Principal that is neither "*" nor an object of kinds', () => {
            const at = 'RolePolicy "app-policy" statement 1';
            const fix = 'give "*" or an object such as {"Service": "lambda.amazonaws.com"}';
            fails(one({ Effect: "Allow", Action: "sts:AssumeRole", Principal: "arn:aws:iam::111122223333:root" }), `${at} has Principal "arn:aws:iam::111122223333:root": ${fix}`);
            fails(one({ Effect: "Allow", Action: "sts:AssumeRole", Principal: ["*"] }), `${at} has Principal ["*"]: ${fix}`);
            fails(one({ Effect: "Allow", Action: "sts:AssumeRole", Principal: true }), `${at} has Principal true: ${fix}`);
            fails(one({ Effect: "Allow", Action: "sts:AssumeRole", NotPrincipal: "" }), `${at} has NotPrincipal "": ${fix}`);
        });

        it("reports a Condition that is not operator to key to values", () => {
            const at = 'RolePolicy "app-policy" statement 1';
            const fix = "give an object of operator to {key: values}";
            fails(one({ Effect: "Allow", Action: "s3:ListBucket", Condition: "aws:SecureTransport" }), `${at} has Condition "aws:SecureTransport": ${fix}`);
            fails(one({ Effect: "Allow", Action: "s3:ListBucket", Condition: [{ Bool: { "aws:SecureTransport": "true" } }] }), `${at} has Condition [{"Bool":{"aws:SecureTransport":"true"}}]: ${fix}`);
            fails(one({ Effect: "Allow", Action: "s3:ListBucket", Condition: { StringLike: ["s3:prefix"] } }), `${at} has Condition.StringLike ["s3:prefix"]: give an object of condition key to values`);
            fails(one({ Effect: "Allow", Action: "s3:ListBucket", Condition: { StringLike: null } }), `${at} has Condition.StringLike null: give an object of condition key to values`);
            fails(one({ Effect: "Allow", Action: "s3:ListBucket", Condition: { StringLike: "public/*" } }), `${at} has Condition.StringLike "public/*": give an object of condition key to values`);
            fails(one({ Effect: "Allow", Action: "s3:ListBucket", Condition: { StringLike: { "s3:prefix": { any: "public/*" } } } }), `${at} has Condition.StringLike.s3:prefix {"any":"public/*"}: give strings`);
            fails(one({ Effect: "Allow", Action: "s3:ListBucket", Condition: { StringLike: { "s3:prefix": ["public/*", null] } } }), `${at} has Condition.StringLike.s3:prefix ["public/*",null]: give strings`);
            fails(one({ Effect: "Allow", Action: "s3:ListBucket", Condition: { StringLike: { "s3:prefix": [null, "public/*"] } } }), `${at} has Condition.StringLike.s3:prefix [null,"public/*"]: give strings`);
        });
    });

    describe("conditionEntries and conditionValues", () => {
        const s = statement({
            StringEquals: { "AWS:SourceAccount": ["111122223333"] },
            StringLike: { "aws:sourceaccount": ["2222*"], "s3:prefix": ["public/*"] },
            ArnLike: {},
        });

        it("finds a key under every operator, in any case", () => {
            assert.deepEqual(lib.conditionEntries(s, "aws:SourceAccount"), [
                { operator: "StringEquals", values: ["111122223333"] },
                { operator: "StringLike", values: ["2222*"] },
            ]);
            assert.deepEqual(lib.conditionEntries(s, "S3:PREFIX"), [{ operator: "StringLike", values: ["public/*"] }]);
            assert.deepEqual(lib.conditionEntries(s, "aws:SourceArn"), []);
        });

        it("gives the values under the first operator allowed, or undefined", () => {
            assert.deepEqual(lib.conditionValues(s, "aws:SourceAccount"), ["111122223333"]);
            assert.deepEqual(lib.conditionValues(s, "aws:SourceAccount", ["StringLike", "ArnLike"]), ["2222*"]);
            assert.equal(lib.conditionValues(s, "aws:SourceAccount", ["ArnEquals"]), undefined);
            assert.equal(lib.conditionValues(s, "aws:SourceArn"), undefined);
        });
    });

    describe("requiresKey", () => {
        const key = "s3:prefix";
        const cases: [string, Statement["conditions"], boolean][] = [
            ["StringLike", { StringLike: { "s3:prefix": ["public/*"] } }, true],
            ["StringEquals on the key in another case", { StringEquals: { "S3:Prefix": ["public/"] } }, true],
            ["ForAnyValue:StringLike", { "ForAnyValue:StringLike": { "s3:prefix": ["public/*"] } }, true],
            ["ForAnyValue:StringNotLike (false for an empty set)", { "ForAnyValue:StringNotLike": { "s3:prefix": ["private/*"] } }, true],
            ["Null false", { Null: { "s3:prefix": ["false"] } }, true],
            ["Null false and a StringLikeIfExists", { StringLikeIfExists: { "s3:prefix": ["public/*"] }, Null: { "s3:prefix": ["false"] } }, true],
            ["StringLikeIfExists", { StringLikeIfExists: { "s3:prefix": ["public/*"] } }, false],
            ["ForAllValues:StringLike", { "ForAllValues:StringLike": { "s3:prefix": ["public/*"] } }, false],
            ["ForAnyValue:StringLikeIfExists", { "ForAnyValue:StringLikeIfExists": { "s3:prefix": ["public/*"] } }, false],
            ["StringNotLike", { StringNotLike: { "s3:prefix": ["private/*"] } }, false],
            ["StringNotEquals", { StringNotEquals: { "s3:prefix": ["private/"] } }, false],
            ["StringNotEqualsIgnoreCase", { StringNotEqualsIgnoreCase: { "s3:prefix": ["private/"] } }, false],
            ["ArnNotLike", { ArnNotLike: { "s3:prefix": ["arn:aws:s3:::x"] } }, false],
            ["NotIpAddress", { NotIpAddress: { "s3:prefix": ["10.0.0.0/8"] } }, false],
            ["Null true", { Null: { "s3:prefix": ["true"] } }, false],
            ["Null with both values", { Null: { "s3:prefix": ["false", "true"] } }, false],
            ["Null with no value", { Null: { "s3:prefix": [] } }, false],
            ["a condition on another key only", { StringLike: { "s3:delimiter": ["/"] } }, false],
            ["no condition", {}, false],
        ];
        for (const [title, conditions, expected] of cases) {
            it(`${title}: ${expected ? "false" : "true"} for a request without the key`, () => {
                assert.equal(lib.requiresKey(statement(conditions), key), expected);
            });
        }
    });

    describe("describeStatement", () => {
        it("names a statement by its Sid, or by its position from 1", () => {
            assert.equal(lib.describeStatement(readPublicParsed, 4), 'statement "ReadPublic"');
            assert.equal(lib.describeStatement(statement({}), 2), "statement 3");
            assert.equal(lib.describeStatement({ ...statement({}), sid: "" }, 0), "statement 1");
        });
    });

    describe("wildcardMatch, wildcardRegExp and hasWildcard", () => {
        it("matches * as any run of characters and ? as exactly one, over the whole value", () => {
            assert.equal(lib.wildcardMatch("arn:aws:s3:::data/*", "arn:aws:s3:::data/private/a/b"), true);
            assert.equal(lib.wildcardMatch("arn:aws:s3:::data/*", "arn:aws:s3:::data/"), true);
            assert.equal(lib.wildcardMatch("arn:aws:s3:::data/*", "arn:aws:s3:::database/x"), false);
            assert.equal(lib.wildcardMatch("arn:aws:s3:::data", "arn:aws:s3:::data/x"), false);
            assert.equal(lib.wildcardMatch("arn:aws:s3:::data", "x-arn:aws:s3:::data"), false);
            assert.equal(lib.wildcardMatch("table/t?", "table/t1"), true);
            assert.equal(lib.wildcardMatch("table/t?", "table/t"), false);
            assert.equal(lib.wildcardMatch("table/t?", "table/t12"), false);
            assert.equal(lib.wildcardMatch("arn:aws:s3:::Data", "arn:aws:s3:::data"), false);
        });

        it("reads every other character literally", () => {
            for (const literal of ["a.c", "a+c", "^a", "a$", "${aws:username}", "(a)", "a|c", "[ac]", "a\\c"]) {
                assert.equal(lib.wildcardMatch(literal, literal), true, literal);
            }
            assert.equal(lib.wildcardMatch("a.c", "abc"), false);
            assert.equal(lib.wildcardMatch("a+c", "aac"), false);
            assert.equal(lib.wildcardMatch("a|c", "a"), false);
            assert.equal(lib.wildcardMatch("[ac]", "a"), false);
            assert.equal(lib.wildcardRegExp("a.b*c?${x}").source, "^a\\.b.*c.\\$\\{x\\}$");
        });

        it("compiles each pattern once per set of flags", () => {
            const plain = lib.wildcardRegExp("s3:Get*");
            assert.equal(lib.wildcardRegExp("s3:Get*"), plain);
            assert.equal(plain.flags, "");
            const insensitive = lib.wildcardRegExp("s3:Get*", "i");
            assert.notEqual(insensitive, plain);
            assert.equal(insensitive.flags, "i");
            assert.equal(insensitive.test("S3:getobject"), true);
            assert.equal(plain.test("S3:getobject"), false);
        });

        it("says whether a pattern has * or ?", () => {
            assert.equal(lib.hasWildcard("arn:aws:s3:::data/*"), true);
            assert.equal(lib.hasWildcard("table/t?"), true);
            assert.equal(lib.hasWildcard("arn:aws:s3:::data/a.b"), false);
            assert.equal(lib.hasWildcard(""), false);
        });
    });
});
