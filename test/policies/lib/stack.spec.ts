import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { PolicyResource } from "@pulumi/policy";
import {
    PropIndex,
    addTo,
    attachmentRoles,
    byIdentity,
    functionEnv,
    functionFor,
    memo,
    ofType,
    ofTypes,
    parseOrReport,
    requiredOutput,
    roleDocuments,
    roleForArn,
    rolePermissions,
    stackAccounts,
    unqualifiedFunctionArn,
} from "../../../policies/lib/stack";
import { UndecidedError, isUnknownValueError, undecided } from "../../../policies/lib/unknowns";
import { MalformedValueError } from "../../../policies/lib/values";
import { isTypeCalls, resource } from "./resources";

const account = "123456789012";
const roleArn = (name: string): string => `arn:aws:iam::${account}:role/${name}`;
const policyArn = (name: string): string => `arn:aws:iam::${account}:policy/${name}`;
const doc = (action: string, resource = "*"): string => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });

function role(name: string, props: Record<string, unknown> = {}): PolicyResource {
    return resource(aws.iam.Role, name, { name: `${name}-1a2b`, id: `${name}-1a2b`, arn: roleArn(`${name}-1a2b`), ...props });
}

function thrown(f: () => unknown): unknown {
    try {
        f();
    } catch (e) {
        return e;
    }
    return assert.fail("expected an error");
}

type Reported = [string, string | undefined][];

describe("policies/lib/stack: how the stack's resources relate", () => {
    it("memo builds once per stack and key", () => {
        const rs: PolicyResource[] = [];
        let builds = 0;
        const build = (): number => ++builds;
        assert.equal(memo(rs, "a", build), 1);
        assert.equal(memo(rs, "a", build), 1);
        assert.equal(memo(rs, "b", build), 2);
        assert.equal(memo([], "a", build), 3, "another stack");
    });

    it("addTo appends to the list of a key", () => {
        const m = new Map<string, number[]>();
        addTo(m, "k", 1);
        addTo(m, "k", 2);
        addTo(m, "j", 3);
        assert.deepEqual([...m], [["k", [1, 2]], ["j", [3]]]);
    });

    describe("ofType", () => {
        it("finds resources by type token without asking each resource, in stack order", () => {
            const a = role("a");
            const t = resource(aws.dynamodb.Table, "t", {});
            const b = role("b");
            const rs = [a, t, b];
            isTypeCalls.count = 0;
            assert.deepEqual(ofType(rs, aws.iam.Role), [a, b]);
            assert.deepEqual(ofType(rs, aws.lambda.Function), []);
            assert.deepEqual(ofTypes(rs, [aws.dynamodb.Table, aws.iam.Role]), [t, a, b]);
            assert.equal(isTypeCalls.count, 0);
        });

        it("asks each resource for a class without a string type token", () => {
            const a = role("a");
            const t = resource(aws.dynamodb.Table, "t", {});
            const anyRole = { isInstance: (o: { __pulumiType: string }) => o.__pulumiType === "aws:iam/role:Role" };
            assert.deepEqual(ofType([a, t], anyRole as never), [a]);
            const numbered = { __pulumiType: 7, isInstance: () => true };
            assert.deepEqual(ofType([a, t], numbered as never), [a, t]);
        });
    });

    it("requiredOutput returns a set string output and is undecided on a missing or empty one", () => {
        const r = resource(aws.iam.Policy, "p", { arn: policyArn("p"), id: "", n: 3 });
        assert.equal(requiredOutput(r, "arn"), policyArn("p"));
        for (const key of ["id", "name", "n"]) {
            const e = thrown(() => requiredOutput(r, key));
            assert.ok(e instanceof UndecidedError);
            assert.equal(e.message, `cannot decide yet: the ${key} of aws:iam/policy:Policy "p" is not known until the resources are created; it is checked again when it is`);
        }
    });

    describe("PropIndex", () => {
        const a = role("a");
        const b = role("b");
        const c = role("c");

        it("indexes each value read, a list value by each entry, a resource once per value", () => {
            const index = new PropIndex([a, b, c], (r) => (r === a ? ["x", "x", "y"] : r === b ? "y" : undefined));
            assert.deepEqual(index.matching(["x"]), [a]);
            assert.deepEqual(index.matching(["y"]), [a, b]);
            assert.deepEqual(index.matching(["x", "y"]), [a, b]);
            assert.deepEqual(index.matching(["z", "y"]), [a, b]);
            assert.deepEqual(index.matching([undefined]), [c]);
            assert.deepEqual(index.matching([]), []);
            assert.equal(index.unknown, undefined);
            assert.deepEqual(index.find(["x"]), [a]);
            assert.deepEqual(index.find(["z"]), []);
            assert.deepEqual(index.all(["y"]), [a, b]);
        });

        it("keeps the first unknown value: find is undecided only when nothing matches, all whenever", () => {
            const first = new UndecidedError("first");
            const index = new PropIndex([a, b, c], (r) => {
                if (r === a) {
                    return "x";
                }
                throw r === b ? first : new UndecidedError("second");
            });
            assert.equal(index.unknown, first);
            assert.deepEqual(index.find(["x"]), [a]);
            assert.equal(thrown(() => index.find(["z"])), first);
            assert.equal(thrown(() => index.all(["x"])), first);
        });

        it("does not take any other error for an unknown", () => {
            const bug = new TypeError("bug");
            assert.equal(thrown(() => new PropIndex([a], () => { throw bug; })), bug);
            const bad = new MalformedValueError("role", "a string", 1);
            assert.equal(thrown(() => new PropIndex([a], () => { throw bad; })), bad);
        });
    });

    describe("byIdentity", () => {
        it("indexes by id, name and ARN by default, ignoring empty and non-string ones", () => {
            const fn = resource(aws.lambda.Function, "f", { id: "", name: "app-f", arn: 5 });
            const index = byIdentity([fn], "test-default", [aws.lambda.Function]);
            assert.deepEqual(index.matching(["app-f"]), [fn]);
            assert.deepEqual(index.matching([""]), []);
            assert.deepEqual(index.matching([5]), []);
            assert.equal(index.unknown, undefined);
        });

        it("is undecided for a resource none of whose keys is known yet", () => {
            const fn = resource(aws.lambda.Function, "f", { id: "", name: undefined });
            const index = byIdentity([fn], "test-unknown", [aws.lambda.Function]);
            assert.equal(index.unknown?.message, 'cannot decide yet: the id or name or arn of aws:lambda/function:Function "f" is not known until the resources are created; it is checked again when it is');
            const byArn = byIdentity([fn], "test-unknown-arn", [aws.lambda.Function], ["arn"]);
            assert.equal(byArn.unknown?.message, 'cannot decide yet: the arn of aws:lambda/function:Function "f" is not known until the resources are created; it is checked again when it is');
        });
    });

    it("stackAccounts collects 12-digit accounts of role, function, table and pool ARNs only", () => {
        const rs = [
            role("a"),
            resource(aws.lambda.Function, "f", { arn: "arn:aws:lambda:us-east-1:210987654321:function:f" }),
            resource(aws.dynamodb.Table, "t", { arn: "arn:aws:dynamodb:us-east-1:1234567890123:table/t" }),
            resource(aws.cognito.UserPool, "p", { arn: "arn:aws:cognito-idp:us-east-1:x111111111111:userpool/p" }),
            resource(aws.iam.Role, "r2", { arn: "arn:aws:iam::abc:role/r" }),
            resource(aws.iam.Role, "r3", { arn: "arn:aws:iam:::role/r" }),
            resource(aws.iam.Role, "r4", { arn: 12 }),
            resource(aws.s3.BucketV2, "b", { arn: "arn:aws:s3:us-east-1:333333333333:b" }),
        ];
        assert.deepEqual([...stackAccounts(rs)], [account, "210987654321"]);
    });

    describe("parseOrReport", () => {
        it("returns the statements, or reports why the document cannot be read and returns none", () => {
            const reported: Reported = [];
            const report = (m: string, u?: string): void => void reported.push([m, u]);
            assert.equal(parseOrReport(doc("s3:GetObject"), 'policy "p"', "urn:p", report)[0].actions[0], "s3:GetObject");
            assert.deepEqual(parseOrReport("{", 'policy "p"', "urn:p", report), []);
            assert.deepEqual(reported, [['policy "p" is not valid JSON: write it with JSON.stringify or aws.iam.getPolicyDocument.', "urn:p"]]);
        });

        it("lets an unknown value through to the engine", () => {
            const unknownDoc = { get Statement(): unknown { return undecided("the policy"); } };
            const e = thrown(() => parseOrReport(unknownDoc, 'policy "p"', "urn:p", () => assert.fail("reported")));
            assert.ok(isUnknownValueError(e));
        });
    });

    describe("rolePermissions: every attachment kind, by name, id or ARN", () => {
        function stack(): { rs: PolicyResource[]; target: PolicyResource } {
            const target = role("target", {
                inlinePolicies: [{ name: "inline", policy: doc("s3:GetObject") }, { name: "empty", policy: "" }, { name: "unset" }, { policy: doc("s3:PutObject") }],
                managedPolicyArns: [policyArn("declared-managed"), "arn:aws:iam::aws:policy/AdministratorAccess"],
            });
            const other = role("other");
            const rs = [
                target,
                other,
                resource(aws.iam.Policy, "declared-managed", { arn: policyArn("declared-managed"), policy: doc("dynamodb:GetItem") }),
                resource(aws.iam.Policy, "attached", { arn: policyArn("attached"), policy: doc("dynamodb:PutItem") }),
                resource(aws.iam.Policy, "unrelated", { arn: policyArn("unrelated"), policy: doc("iam:*") }),
                resource(aws.iam.RolePolicy, "by-name", { role: "target-1a2b", policy: doc("sqs:SendMessage") }),
                resource(aws.iam.RolePolicy, "by-arn", { role: roleArn("target-1a2b"), policy: doc("sns:Publish") }),
                resource(aws.iam.RolePolicy, "of-other", { role: "other-1a2b", policy: doc("iam:PassRole") }),
                resource(aws.iam.RolePolicyAttachment, "rpa", { role: "target-1a2b", policyArn: policyArn("attached") }),
                resource(aws.iam.RolePolicyAttachment, "rpa-external", { role: "target-1a2b", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
                resource(aws.iam.RolePolicyAttachment, "rpa-other", { role: "other-1a2b", policyArn: policyArn("unrelated") }),
                resource(aws.iam.PolicyAttachment, "pa", { roles: ["other-1a2b", "target-1a2b"], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
                resource(aws.iam.RolePolicyAttachmentsExclusive, "exclusive", { roleName: "target-1a2b", policyArns: [policyArn("attached"), "arn:aws:iam::aws:policy/IAMFullAccess"] }),
            ];
            return { rs, target };
        }

        it("reads the documents the stack declares and lists the managed policies it does not", () => {
            const { rs, target } = stack();
            const reported: Reported = [];
            const { documents, external } = rolePermissions(rs, target, (m, u) => void reported.push([m, u]));
            assert.deepEqual(
                documents.map((d) => [d.where, d.urn.split("::").pop(), d.statements.flatMap((s) => s.actions)]),
                [
                    ['inline policy "inline" of role "target"', "target", ["s3:GetObject"]],
                    ['inline policy "" of role "target"', "target", ["s3:PutObject"]],
                    ['RolePolicy "by-name"', "by-name", ["sqs:SendMessage"]],
                    ['RolePolicy "by-arn"', "by-arn", ["sns:Publish"]],
                    ['policy "declared-managed"', "declared-managed", ["dynamodb:GetItem"]],
                    ['policy "attached"', "attached", ["dynamodb:PutItem"]],
                    ['policy "attached"', "attached", ["dynamodb:PutItem"]],
                ],
            );
            assert.deepEqual(
                external.map((e) => [e.arn, e.urn.split("::").pop(), e.via]),
                [
                    ["arn:aws:iam::aws:policy/AdministratorAccess", "target", 'managedPolicyArns of role "target"'],
                    ["arn:aws:iam::aws:policy/PowerUserAccess", "rpa-external", 'RolePolicyAttachment "rpa-external"'],
                    ["arn:aws:iam::aws:policy/ReadOnlyAccess", "pa", 'PolicyAttachment "pa"'],
                    ["arn:aws:iam::aws:policy/IAMFullAccess", "exclusive", 'RolePolicyAttachmentsExclusive "exclusive"'],
                ],
            );
            assert.deepEqual(reported, []);
        });

        it("finds an attachment naming the role by its id", () => {
            const target = role("t", { name: "t-name", id: "t-id", arn: roleArn("t-name") });
            const rs = [target, resource(aws.iam.RolePolicyAttachment, "by-id", { role: "t-id", policyArn: "arn:aws:iam::aws:policy/X" })];
            assert.deepEqual(rolePermissions(rs, target, () => undefined).external.map((e) => e.via), ['RolePolicyAttachment "by-id"']);
        });

        it("finds an inline RolePolicy naming the role by its name", () => {
            const target = role("t", { name: "t-name", id: "t-id", arn: roleArn("t-name") });
            const rs = [target, resource(aws.iam.RolePolicy, "by-name", { role: "t-name", policy: doc("s3:GetObject") })];
            assert.deepEqual(rolePermissions(rs, target, () => undefined).documents.map((d) => d.where), ['RolePolicy "by-name"']);
        });

        it("keeps each role's permissions apart", () => {
            const a = role("a", { inlinePolicies: [{ name: "a-inline", policy: doc("s3:GetObject") }] });
            const b = role("b", { inlinePolicies: [{ name: "b-inline", policy: doc("iam:PassRole") }] });
            const rs = [a, b, resource(aws.iam.RolePolicy, "b-extra", { role: "b-1a2b", policy: doc("sts:AssumeRole") })];
            assert.deepEqual(rolePermissions(rs, a, () => undefined).documents.map((d) => d.where), ['inline policy "a-inline" of role "a"']);
            assert.deepEqual(rolePermissions(rs, b, () => undefined).documents.map((d) => d.where), ['inline policy "b-inline" of role "b"', 'RolePolicy "b-extra"']);
        });

        it("reads an attachment without a policy ARN as an external policy with an empty ARN", () => {
            const target = role("t");
            const rs = [target, resource(aws.iam.RolePolicyAttachment, "rpa", { role: "t-1a2b" }), resource(aws.iam.PolicyAttachment, "pa", { roles: ["t-1a2b"] }), resource(aws.iam.RolePolicyAttachmentsExclusive, "ex", { roleName: "t-1a2b" })];
            assert.deepEqual(rolePermissions(rs, target, () => undefined).external.map((e) => [e.arn, e.via]), [["", 'RolePolicyAttachment "rpa"'], ["", 'PolicyAttachment "pa"']]);
        });

        it("reports an unreadable document to every policy that asks, under the resource declaring it", () => {
            const target = role("t", { inlinePolicies: [{ name: "bad", policy: "{" }] });
            const rs = [target, resource(aws.iam.RolePolicy, "rp", { role: "t-1a2b", policy: { Version: "2012-10-17" } })];
            for (let i = 0; i < 2; i++) {
                const reported: Reported = [];
                const { documents } = rolePermissions(rs, target, (m, u) => void reported.push([m, u]));
                assert.deepEqual(documents.map((d) => d.statements), [[], []]);
                assert.deepEqual(reported, [
                    ['inline policy "bad" of role "t" is not valid JSON: write it with JSON.stringify or aws.iam.getPolicyDocument.', target.urn],
                    ['RolePolicy "rp" has no Statement: give it a policy document {Version, Statement}.', rs[1].urn],
                ]);
            }
        });

        it("needs no name of a role when the stack has no attachments, and is undecided without one when it has", () => {
            const nameless = resource(aws.iam.Role, "nameless", { inlinePolicies: [{ name: "i", policy: doc("s3:GetObject") }] });
            assert.deepEqual(rolePermissions([nameless], nameless, () => undefined).documents.map((d) => d.where), ['inline policy "i" of role "nameless"']);
            const rs = [nameless, resource(aws.iam.RolePolicy, "rp", { role: "someone", policy: doc("s3:GetObject") })];
            const e = thrown(() => rolePermissions(rs, nameless, () => undefined));
            assert.equal((e as Error).message, 'cannot decide yet: the name of role "nameless" is not known until the resources are created; it is checked again when it is');
        });

        it("is undecided while an attachment's role is unknown, rather than missing its policy", () => {
            const target = role("t");
            const rs = [target, resource(aws.iam.RolePolicyAttachment, "rpa", { get role(): unknown { return undecided("the role of rpa"); }, policyArn: "arn:aws:iam::aws:policy/X" })];
            assert.ok(isUnknownValueError(thrown(() => rolePermissions(rs, target, () => undefined))));
        });

        it("roleDocuments reports each managed policy the stack does not declare", () => {
            const target = role("t", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
            const reported: Reported = [];
            assert.deepEqual(roleDocuments([target], target, (m, u) => void reported.push([m, u])), []);
            assert.deepEqual(reported, [[
                'Managed policy arn:aws:iam::aws:policy/AdministratorAccess attached to role "t" is not declared in this stack, so its actions cannot be checked: attach a customer-managed aws.iam.Policy declared in this program instead.',
                target.urn,
            ]]);
        });
    });

    describe("identity pool role attachments", () => {
        it("attachmentRoles reads the guest role, the authenticated role and every rule's role", () => {
            const attachment = resource(aws.cognito.IdentityPoolRoleAttachment, "roles", {
                roles: { authenticated: roleArn("auth"), unauthenticated: roleArn("guest") },
                roleMappings: [{ mappingRules: [{ roleArn: roleArn("admins") }, { claim: "x" }] }, { type: "Token" }, { mappingRules: [{ roleArn: roleArn("editors") }] }],
            });
            assert.deepEqual(attachmentRoles(attachment), { guest: roleArn("guest"), authenticated: [roleArn("auth"), roleArn("admins"), roleArn("editors")] });
            assert.deepEqual(attachmentRoles(resource(aws.cognito.IdentityPoolRoleAttachment, "none", {})), { guest: undefined, authenticated: [] });
            assert.deepEqual(attachmentRoles(resource(aws.cognito.IdentityPoolRoleAttachment, "guest", { roles: { unauthenticated: roleArn("g") } })), { guest: roleArn("g"), authenticated: [] });
        });

        it("attachmentRoles refuses a role mapping of the wrong kind", () => {
            const e = thrown(() => attachmentRoles(resource(aws.cognito.IdentityPoolRoleAttachment, "bad", { roleMappings: [{ mappingRules: [{ roleArn: 5 }] }] })));
            assert.equal((e as Error).message, 'IdentityPoolRoleAttachment "bad".roleMappings[0].mappingRules[0].roleArn must be a string (received: 5)');
        });

        it("roleForArn resolves a role of this stack by ARN only, and reports one that is not", () => {
            const r = role("auth");
            const reported: Reported = [];
            const report = (m: string, u?: string): void => void reported.push([m, u]);
            assert.equal(roleForArn([r], roleArn("auth-1a2b"), "authenticated role", "urn:a", report), r);
            assert.equal(roleForArn([r], "auth-1a2b", "authenticated role", "urn:a", report), undefined);
            assert.deepEqual(reported, [["The authenticated role auth-1a2b is not a role of this stack, so its permissions cannot be checked: declare the role in this program.", "urn:a"]]);
        });
    });

    describe("functions", () => {
        it("unqualifiedFunctionArn drops a version or alias, and nothing else", () => {
            const base = `arn:aws:lambda:us-east-1:${account}:function:f`;
            assert.equal(unqualifiedFunctionArn(`${base}:live`), base);
            assert.equal(unqualifiedFunctionArn(`${base}:7`), base);
            assert.equal(unqualifiedFunctionArn(base), base);
            assert.equal(unqualifiedFunctionArn(`arn:aws:logs:us-east-1:${account}:log-group:g:*`), `arn:aws:logs:us-east-1:${account}:log-group:g:*`);
            assert.equal(unqualifiedFunctionArn("f"), "f");
        });

        it("functionFor finds a function by ARN, qualified ARN, name or id", () => {
            const fn = resource(aws.lambda.Function, "f", { id: "f-id", name: "app-f", arn: `arn:aws:lambda:us-east-1:${account}:function:app-f` });
            const rs = [fn, resource(aws.lambda.Function, "g", { id: "g-id", name: "app-g", arn: `arn:aws:lambda:us-east-1:${account}:function:app-g` })];
            assert.equal(functionFor(rs, `arn:aws:lambda:us-east-1:${account}:function:app-f`), fn);
            assert.equal(functionFor(rs, `arn:aws:lambda:us-east-1:${account}:function:app-f:live`), fn);
            assert.equal(functionFor(rs, "app-f"), fn);
            assert.equal(functionFor(rs, "f-id"), fn);
            assert.equal(functionFor(rs, "app-h"), undefined);
        });

        it("does not mistake a role for a function when both are looked up in one stack", () => {
            const r = role("app-f", { arn: `arn:aws:lambda:us-east-1:${account}:function:app-f` });
            const fn = resource(aws.lambda.Function, "f", { id: "f-id", name: "app-f", arn: `arn:aws:lambda:us-east-1:${account}:function:app-f` });
            const rs = [r, fn];
            assert.equal(roleForArn(rs, `arn:aws:lambda:us-east-1:${account}:function:app-f`, "role", "urn:x", () => undefined), r);
            assert.equal(functionFor(rs, `arn:aws:lambda:us-east-1:${account}:function:app-f`), fn);
        });

        it("functionEnv reads the environment variables, or none", () => {
            assert.deepEqual(functionEnv(resource(aws.lambda.Function, "f", { environment: { variables: { A: "1" } } })), { A: "1" });
            assert.deepEqual(functionEnv(resource(aws.lambda.Function, "f", {})), {});
        });
    });
});
