import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { PolicyResource } from "@pulumi/policy";
import { roleTrust, serviceRolePermissions } from "../../../policies/iam";
import { Statement } from "../../../policies/lib/iamDocument";
import { classOfPrincipal, cognitoTrustStatements, identityRoles, parseTrust, principalsOf, roleClass, trustOf } from "../../../policies/lib/roles";
import { undecided } from "../../../policies/lib/unknowns";
import { MalformedValueError } from "../../../policies/lib/values";
import { policyDocument, run, securePlan, setProp } from "../fixtures";
import { resource } from "./resources";

const account = "123456789012";
const poolId = "us-east-1:11111111-2222-3333-4444-555555555555";
const arnOf = (name: string): string => `arn:aws:iam::${account}:role/${name}`;

function statement(effect: "Allow" | "Deny", principals: Record<string, string[]>, extra: Partial<Statement> = {}): Statement {
    return { effect, actions: ["sts:AssumeRole"], resources: [], principals, conditions: {}, ...extra };
}

function cognitoTrust(amr?: string | string[]): string {
    return policyDocument({
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": poolId }, ...(amr === undefined ? {} : { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr } }) },
    });
}

function role(name: string, trust: unknown): PolicyResource {
    return resource(aws.iam.Role, name, { name, arn: arnOf(name), assumeRolePolicy: trust });
}

type Reported = [string, string | undefined][];

describe("policies/lib/roles: whom a role's trust policy admits", () => {
    it("principalsOf writes each principal as `Kind value`, and * alone", () => {
        assert.deepEqual(principalsOf(statement("Allow", { Service: ["lambda.amazonaws.com", "apigateway.amazonaws.com"], AWS: ["arn:aws:iam::111111111111:root"], "*": ["*"] })), [
            "Service lambda.amazonaws.com",
            "Service apigateway.amazonaws.com",
            "AWS arn:aws:iam::111111111111:root",
            "*",
        ]);
    });

    describe("classOfPrincipal", () => {
        it("classes the identity pool and the four services, and configured principals", () => {
            assert.equal(classOfPrincipal("Federated cognito-identity.amazonaws.com", []), "identity");
            assert.equal(classOfPrincipal("Service lambda.amazonaws.com", []), "lambda");
            assert.equal(classOfPrincipal("Service apigateway.amazonaws.com", []), "apigateway");
            assert.equal(classOfPrincipal("Service cognito-idp.amazonaws.com", []), "cognito-sms");
            assert.equal(classOfPrincipal("Service appsync.amazonaws.com", []), "appsync");
            assert.equal(classOfPrincipal("AWS arn:aws:iam::111111111111:role/ci", ["AWS arn:aws:iam::111111111111:role/ci"]), "configured");
        });

        it("classes nothing else: another kind naming a service, another federation, an unknown service", () => {
            assert.equal(classOfPrincipal("AWS lambda.amazonaws.com", []), undefined);
            assert.equal(classOfPrincipal("Federated accounts.google.com", []), undefined);
            assert.equal(classOfPrincipal("Service ec2.amazonaws.com", []), undefined);
            assert.equal(classOfPrincipal("*", []), undefined);
            assert.equal(classOfPrincipal("Service lambda.amazonaws.com extra", []), undefined);
            assert.equal(classOfPrincipal("Service lambda.amazonaws.com ", []), undefined);
            assert.equal(classOfPrincipal("Servicelambda.amazonaws.com", []), undefined);
        });

        it("classes no service named like a property every object has", () => {
            for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
                assert.equal(classOfPrincipal(`Service ${name}`, []), undefined, name);
            }
        });
    });

    describe("roleClass", () => {
        const lambda = statement("Allow", { Service: ["lambda.amazonaws.com"] });

        it("is the one class of the Allow statements' principals", () => {
            assert.equal(roleClass([lambda]), "lambda");
            assert.equal(roleClass([lambda, statement("Allow", { Service: ["lambda.amazonaws.com"] })]), "lambda");
            assert.equal(roleClass([lambda, statement("Deny", { AWS: ["*"] })]), "lambda", "a Deny admits nobody");
            assert.equal(roleClass([statement("Allow", { AWS: ["arn:aws:iam::111111111111:role/ci"] })], ["AWS arn:aws:iam::111111111111:role/ci"]), "configured");
        });

        it("is undefined for two classes, an unknown principal, a NotPrincipal or no principal", () => {
            assert.equal(roleClass([lambda, statement("Allow", { Service: ["appsync.amazonaws.com"] })]), undefined);
            assert.equal(roleClass([lambda, statement("Allow", { AWS: ["arn:aws:iam::111111111111:role/ci"] })]), undefined);
            assert.equal(roleClass([lambda, statement("Allow", {}, { notPrincipals: { AWS: ["arn:aws:iam::111111111111:root"] } })]), undefined);
            assert.equal(roleClass([]), undefined);
            assert.equal(roleClass([statement("Deny", { Service: ["lambda.amazonaws.com"] })]), undefined);
        });
    });

    it("cognitoTrustStatements keeps the Allow statements federating the identity pool", () => {
        const cognito = statement("Allow", { Federated: ["accounts.google.com", "cognito-identity.amazonaws.com"] });
        const denied = statement("Deny", { Federated: ["cognito-identity.amazonaws.com"] });
        assert.deepEqual(cognitoTrustStatements([cognito, denied, statement("Allow", { Service: ["lambda.amazonaws.com"] })]), [cognito]);
    });

    it("parseTrust reports an unreadable trust policy under the role, and trustOf reads it as empty", () => {
        const r = role("bad", "{");
        const reported: Reported = [];
        assert.equal(parseTrust(r, (m, u) => void reported.push([m, u])), undefined);
        assert.equal(parseTrust(r), undefined);
        assert.deepEqual(reported, [['assumeRolePolicy of role "bad" is not valid JSON: write it with JSON.stringify or aws.iam.getPolicyDocument.', r.urn]]);
        assert.deepEqual(trustOf([r], r), []);
        assert.deepEqual(trustOf([role("ok", cognitoTrust("authenticated"))], role("ok", cognitoTrust("authenticated"))).map((s) => s.actions), [["sts:AssumeRoleWithWebIdentity"]]);
    });

    it("parseTrust lets an unknown trust policy through to the engine", () => {
        const r = resource(aws.iam.Role, "later", { get assumeRolePolicy(): unknown { return undecided("the trust policy"); } });
        assert.throws(() => parseTrust(r, () => assert.fail("reported")), (e: unknown) => (e as Error).message.startsWith("cannot decide yet: the trust policy"));
    });

    describe("identityRoles", () => {
        const names = (found: { role: PolicyResource; urn: string }[]): [string, string][] => found.map(({ role: r, urn }) => [r.name, urn.split("::").pop() ?? ""]);

        it("finds roles handed out by attachments and groups, and every role trusting the identity pool, each once with who hands it out first", () => {
            const rs = [
                role("auth", cognitoTrust("authenticated")),
                role("guest", cognitoTrust("unauthenticated")),
                role("admins", cognitoTrust("authenticated")),
                role("editors", cognitoTrust("authenticated")),
                role("loose", cognitoTrust()),
                role("both", cognitoTrust(["authenticated", "unauthenticated"])),
                role("attached-as-guest", cognitoTrust("authenticated")),
                role("lambda", policyDocument({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" })),
                resource(aws.cognito.IdentityPoolRoleAttachment, "roles", {
                    roles: { authenticated: arnOf("auth"), unauthenticated: arnOf("guest") },
                    roleMappings: [{ mappingRules: [{ roleArn: arnOf("admins") }, { roleArn: arnOf("auth") }] }],
                }),
                resource(aws.cognito.IdentityPoolRoleAttachment, "second", { roles: { authenticated: arnOf("admins"), unauthenticated: arnOf("attached-as-guest") } }),
                resource(aws.cognito.UserGroup, "editors-group", { roleArn: arnOf("editors") }),
                resource(aws.cognito.UserGroup, "admins-group", { roleArn: arnOf("admins") }),
                resource(aws.cognito.UserGroup, "no-role", {}),
            ];
            const found = identityRoles(rs, () => assert.fail("reported"), "authenticated");
            assert.deepEqual(names(found.guests), [["guest", "roles"], ["attached-as-guest", "second"], ["both", "both"]]);
            // No amr condition at all is iam-cognito-trust-policy's to refuse; here it is a role of signed-in users.
            assert.deepEqual(names(found.authenticated), [["auth", "roles"], ["admins", "roles"], ["editors", "editors-group"], ["loose", "loose"]]);
            assert.equal(found.unknown, undefined);
        });

        it("judges a role trusting guests as a guest role even when an attachment hands it to signed-in users", () => {
            const rs = [
                role("shared", cognitoTrust("unauthenticated")),
                resource(aws.cognito.IdentityPoolRoleAttachment, "roles", { roles: { authenticated: arnOf("shared") } }),
            ];
            const found = identityRoles(rs, () => undefined, "guests");
            assert.deepEqual(names(found.guests), [["shared", "shared"]]);
            assert.deepEqual(names(found.authenticated), [["shared", "roles"]]);
        });

        it("reports roles that are not in the stack to the policy asking about that kind only", () => {
            const rs = [
                resource(aws.cognito.IdentityPoolRoleAttachment, "roles", { roles: { authenticated: arnOf("gone-auth"), unauthenticated: arnOf("gone-guest") }, roleMappings: [{ mappingRules: [{ roleArn: arnOf("gone-rule") }] }] }),
                resource(aws.cognito.UserGroup, "group", { roleArn: arnOf("gone-group") }),
            ];
            const urn = (n: string): string => rs.find((r) => r.name === n)?.urn ?? "";
            const guests: Reported = [];
            identityRoles(rs, (m, u) => void guests.push([m, u]), "guests");
            assert.deepEqual(guests, [[`The guest role ${arnOf("gone-guest")} is not a role of this stack, so its permissions cannot be checked: declare the role in this program.`, urn("roles")]]);
            const authenticated: Reported = [];
            identityRoles(rs, (m, u) => void authenticated.push([m, u]), "authenticated");
            assert.deepEqual(authenticated, [
                [`The authenticated role ${arnOf("gone-auth")} is not a role of this stack, so its permissions cannot be checked: declare the role in this program.`, urn("roles")],
                [`The authenticated role ${arnOf("gone-rule")} is not a role of this stack, so its permissions cannot be checked: declare the role in this program.`, urn("roles")],
                [`The group role ${arnOf("gone-group")} is not a role of this stack, so its permissions cannot be checked: declare the role in this program.`, urn("group")],
            ]);
        });

        it("keeps going past an unknown value and returns the first one met", () => {
            const rs = [
                role("auth", cognitoTrust("authenticated")),
                resource(aws.cognito.IdentityPoolRoleAttachment, "roles", { get roles(): unknown { return undecided("the roles of the attachment"); } }),
                resource(aws.cognito.UserGroup, "group", { get roleArn(): unknown { return undecided("the group's role"); } }),
            ];
            const found = identityRoles(rs, () => undefined, "authenticated");
            assert.deepEqual(names(found.authenticated), [["auth", "auth"]]);
            assert.match(found.unknown?.message ?? "", /^cannot decide yet: the roles of the attachment is not known/);
        });

        it("does not take a malformed value for an unknown one", () => {
            const rs = [resource(aws.cognito.UserGroup, "group", { roleArn: 5 })];
            assert.throws(() => identityRoles(rs, () => undefined, "authenticated"), (e: unknown) => e instanceof MalformedValueError && e.message === 'UserGroup "group".roleArn must be a string (received: 5)');
        });
    });

    describe("the trust policies guarding on these classes", () => {
        for (const name of ["constructor", "__proto__"]) {
            it(`iam-role-trust refuses a role trusting Service ${name}`, async () => {
                const plan = setProp(securePlan(), "post-confirmation-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: name }, Action: "sts:AssumeRole" }));
                const violations = await run(plan, roleTrust);
                assert.deepEqual(violations.map((v) => [v.policy, v.urn.split("::").pop()]), [["iam-role-trust", "post-confirmation-role"]]);
                assert.match(violations[0].message, new RegExp(`^assumeRolePolicy statement 1 trusts Service ${name}: `));
            });
        }

        it("iam-service-role-permissions leaves a role trusting Service constructor to iam-role-trust instead of failing", async () => {
            const plan = setProp(securePlan(), "post-confirmation-role", "assumeRolePolicy", policyDocument({ Effect: "Allow", Principal: { Service: "constructor" }, Action: "sts:AssumeRole" }));
            assert.deepEqual(await run(plan, serviceRolePermissions), []);
        });
    });
});
