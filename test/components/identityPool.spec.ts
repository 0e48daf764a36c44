import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { groupRoleNames, IdentityPool, IdentityPoolArgs, validateIdentityPoolArgs } from "../../components/identityPool";
import { parseStackConfig } from "../../config";
import { ValidationError } from "../../components/issues";
import type { Plan } from "../../tools/planTypes";
import { named, ofType, one, output, realPlan, Resources } from "../helpers/plans";
import { ACCOUNT, build, Recording, record } from "../helpers/record";

/** The user pool the identity pool accepts, as its args name it. */
const ENDPOINT = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment";
const POOL = "aws:cognito/identityPool:IdentityPool";
const METADATA = '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"></md:EntityDescriptor>';

/** The trust policy of a role for identities of the identity pool `poolId`. */
const trust = (poolId: string, amr: string, actions: string | string[] = "sts:AssumeRoleWithWebIdentity") => ({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: actions,
            Condition: {
                StringEquals: { "cognito-identity.amazonaws.com:aud": poolId },
                "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr },
            },
        },
    ],
});

function baseArgs(over: Partial<IdentityPoolArgs> = {}): IdentityPoolArgs {
    return { userPoolEndpoint: ENDPOINT, clientIds: ["webclient1"], groups: ["admins", "members"], ...over };
}

/** The id AWS gave the stack's (or test's) only identity pool. */
const poolIdOf = (plan: Resources) => output(one(plan, POOL), "id");
const roleArn = (plan: Resources, name: string) => output(named(plan, ROLE, name), "arn");
const trustOf = (plan: Resources, name: string) => JSON.parse(named(plan, ROLE, name).props.assumeRolePolicy as string);

describe("IdentityPool", () => {
    let records: Recording;

    async function identityPool(args: IdentityPoolArgs): Promise<IdentityPool> {
        const { component, ...rec } = await build(() => new IdentityPool("id", args));
        records = rec;
        return component;
    }

    it("creates an enhanced-flow pool that accepts the user pool with a server-side token check, and no guests by default", async () => {
        await identityPool(baseArgs({ clientIds: ["webclient1", "mobileclient2"] }));
        const pool = named(records, POOL, "id");
        assert.equal(pool.props.allowClassicFlow, false);
        assert.equal(pool.props.allowUnauthenticatedIdentities, false);
        assert.deepEqual(pool.props.cognitoIdentityProviders, [
            { providerName: ENDPOINT, clientId: "webclient1", serverSideTokenCheck: true },
            { providerName: ENDPOINT, clientId: "mobileclient2", serverSideTokenCheck: true },
        ]);
        assert.equal(pool.props.supportedLoginProviders, undefined);
        assert.deepEqual(
            ofType(records, ROLE).map((r) => r.name),
            ["id-authenticated-role"],
        );
        assert.equal(named(records, "cognito-stack:identity:IdentityPool", "id").custom, false);
        assert.equal(pool.parent, named(records, ROLE, "id-authenticated-role").parent);
    });

    it("pins the authenticated role's trust to this pool's id and authenticated identities", async () => {
        await identityPool(baseArgs());
        assert.deepEqual(trustOf(records, "id-authenticated-role"), trust(poolIdOf(records), "authenticated"));
    });

    it("creates a separate guest role trusted for unauthenticated identities only when guests are allowed", async () => {
        await identityPool(baseArgs({ allowGuests: true }));
        assert.equal(named(records, POOL, "id").props.allowUnauthenticatedIdentities, true);
        assert.deepEqual(trustOf(records, "id-guest-role"), trust(poolIdOf(records), "unauthenticated"));
        const roles = named(records, ATTACHMENT, "id-roles").props.roles as Record<string, string>;
        assert.deepEqual(roles, {
            authenticated: roleArn(records, "id-authenticated-role"),
            unauthenticated: roleArn(records, "id-guest-role"),
        });
        assert.notEqual(roles.authenticated, roles.unauthenticated);
    });

    it("maps each app client by token with the provider key <endpoint>:<clientId>", async () => {
        await identityPool(baseArgs({ clientIds: ["webclient1", "mobileclient2"], ambiguousRoleResolution: "Deny" }));
        const attachment = named(records, ATTACHMENT, "id-roles");
        assert.equal(attachment.props.identityPoolId, poolIdOf(records));
        assert.deepEqual(attachment.props.roleMappings, [
            { identityProvider: `${ENDPOINT}:webclient1`, type: "Token", ambiguousRoleResolution: "Deny" },
            { identityProvider: `${ENDPOINT}:mobileclient2`, type: "Token", ambiguousRoleResolution: "Deny" },
        ]);
        assert.deepEqual(attachment.props.roles, { authenticated: roleArn(records, "id-authenticated-role") });
    });

    it("maps by rules to group roles, the authenticated role or a given role ARN", async () => {
        const external = `arn:aws:iam::${ACCOUNT}:role/partner-readers`;
        const pool = await identityPool(
            baseArgs({
                groupRoles: ["admins"],
                roleMappingType: "Rules",
                roleMappingRules: [
                    { claim: "custom:tenant_id", matchType: "Equals", value: "acme-staff", role: "admins" },
                    { claim: "custom:tenant_id", matchType: "StartsWith", value: "partner-", role: external },
                    { claim: "email", matchType: "NotEqual", value: "x@example.com", role: "authenticated" },
                ],
            }),
        );
        const mapping = (named(records, ATTACHMENT, "id-roles").props.roleMappings as Record<string, unknown>[])[0];
        assert.equal(mapping.type, "Rules");
        assert.equal(mapping.ambiguousRoleResolution, "AuthenticatedRole");
        assert.deepEqual(mapping.mappingRules, [
            { claim: "custom:tenant_id", matchType: "Equals", value: "acme-staff", roleArn: roleArn(records, "id-group-admins-role") },
            { claim: "custom:tenant_id", matchType: "StartsWith", value: "partner-", roleArn: external },
            { claim: "email", matchType: "NotEqual", value: "x@example.com", roleArn: roleArn(records, "id-authenticated-role") },
        ]);
        assert.deepEqual(Object.keys(pool.groupRoles), ["admins"]);
    });

    it("sets no role mappings for roleMappingType None", async () => {
        await identityPool(baseArgs({ roleMappingType: "None" }));
        assert.equal(named(records, ATTACHMENT, "id-roles").props.roleMappings, undefined);
    });

    it("gives each listed group a role trusted like the authenticated role", async () => {
        const pool = await identityPool(baseArgs({ groupRoles: ["admins", "members"] }));
        for (const g of ["admins", "members"]) {
            assert.deepEqual(trustOf(records, `id-group-${g}-role`), trust(poolIdOf(records), "authenticated"));
        }
        const arns = await Promise.all(Object.values(pool.groupRoleArns).map((o) => new Promise((r) => o.apply(r))));
        assert.deepEqual(arns, [roleArn(records, "id-group-admins-role"), roleArn(records, "id-group-members-role")]);
    });

    it("maps principal tags for the user pool and lets signed-in roles, not the guest role, tag the session", async () => {
        await identityPool(baseArgs({ allowGuests: true, groupRoles: ["admins"], principalTags: { tenant_id: "custom:tenant_id" } }));
        const tag = named(records, "aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag", "id-principal-tags");
        assert.deepEqual(tag.props, { identityPoolId: poolIdOf(records), identityProviderName: ENDPOINT, principalTags: { tenant_id: "custom:tenant_id" }, useDefaults: false });
        const tagging = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"];
        assert.deepEqual(trustOf(records, "id-authenticated-role"), trust(poolIdOf(records), "authenticated", tagging));
        assert.deepEqual(trustOf(records, "id-group-admins-role"), trust(poolIdOf(records), "authenticated", tagging));
        assert.deepEqual(trustOf(records, "id-guest-role"), trust(poolIdOf(records), "unauthenticated"));
    });

    it("creates no principal-tag mapping and no sts:TagSession without principal tags", async () => {
        await identityPool(baseArgs());
        assert.equal(ofType(records, "aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag").length, 0);
        assert.doesNotMatch(named(records, ROLE, "id-authenticated-role").props.assumeRolePolicy as string, /TagSession/);
    });

    it("accepts social tokens by provider domain and SAML/OIDC through IAM providers", async () => {
        await identityPool(
            baseArgs({
                socialLogins: { google: "g-client.apps.googleusercontent.com", facebook: "100000000000001", apple: "com.example.app.signin" },
                samlProviders: [{ name: "Okta", metadataDocument: METADATA }],
                oidcProviders: [{ name: "Auth0", issuer: "https://acme.eu.auth0.com/", clientId: "auth0-client" }],
            }),
        );
        const pool = named(records, POOL, "id");
        assert.deepEqual(pool.props.supportedLoginProviders, {
            "accounts.google.com": "g-client.apps.googleusercontent.com",
            "graph.facebook.com": "100000000000001",
            "appleid.apple.com": "com.example.app.signin",
        });
        const saml = named(records, "aws:iam/samlProvider:SamlProvider", "id-saml-okta");
        assert.equal(saml.props.samlMetadataDocument, METADATA);
        const oidc = named(records, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "id-oidc-auth0");
        assert.equal(oidc.props.url, "https://acme.eu.auth0.com/");
        assert.deepEqual(oidc.props.clientIdLists, ["auth0-client"]);
        assert.equal(oidc.props.thumbprintLists, undefined);
        assert.deepEqual(pool.props.samlProviderArns, [output(saml, "arn")]);
        assert.match(output(saml, "arn"), new RegExp(`^arn:aws:iam::${ACCOUNT}:saml-provider/id-saml-okta-[0-9a-f]{7}$`));
        assert.deepEqual(pool.props.openidConnectProviderArns, [output(oidc, "arn")]);
        // IAM names an OIDC provider by its URL without the scheme, a trailing slash included.
        assert.equal(output(oidc, "arn"), `arn:aws:iam::${ACCOUNT}:oidc-provider/acme.eu.auth0.com/`);
    });

    it("creates every resource under the component with the given tags, each role described, the pool named after the stack", async () => {
        const registered: string[][] = [];
        // The outputs a component registers are the engine's only: watch the call.
        const proto = pulumi.ComponentResource.prototype as unknown as { registerOutputs: (this: pulumi.ComponentResource, outputs?: unknown) => void };
        const original = proto.registerOutputs;
        proto.registerOutputs = function (outputs) {
            if (this instanceof IdentityPool && outputs !== undefined) registered.push(Object.keys(outputs as object));
            return original.call(this, outputs);
        };
        try {
            await identityPool(
                baseArgs({
                    groupRoles: ["admins"],
                    allowGuests: true,
                    principalTags: { tenant: "custom:tenant_id" },
                    socialLogins: { amazon: "amzn1.application.x" },
                    samlProviders: [{ name: "Okta", metadataDocument: METADATA }],
                    oidcProviders: [{ name: "Auth0", issuer: "https://acme.eu.auth0.com/", clientId: "c", thumbprints: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] }],
                    tags: { team: "identity" },
                }),
            );
        } finally {
            proto.registerOutputs = original;
        }
        assert.deepEqual(registered, [["identityPoolId", "authenticatedRoleArn", "guestRoleArn", "groupRoleArns"]]);
        const parent = "urn:pulumi:test::cognito-stack::cognito-stack:identity:IdentityPool::id";
        assert.deepEqual(
            records.resources.filter((r) => r.name !== "id" || r.type === POOL).map((r) => [r.name, r.parent]).sort(),
            ["id", "id-authenticated-role", "id-group-admins-role", "id-guest-role", "id-oidc-auth0", "id-principal-tags", "id-roles", "id-saml-okta"].map((n) => [n, parent]),
        );
        const pool = named(records, POOL, "id");
        assert.deepEqual([pool.props.identityPoolName, pool.props.tags, pool.props.supportedLoginProviders], ["cognito-stack-test", { team: "identity" }, { "www.amazon.com": "amzn1.application.x" }]);
        assert.deepEqual(
            ofType(records, ROLE).map((r) => [r.name, r.props.description, r.props.tags]).sort(),
            [
                ["id-authenticated-role", "Signed-in identities of this identity pool", { team: "identity" }],
                ["id-group-admins-role", "Signed-in members of user-pool group admins", { team: "identity" }],
                ["id-guest-role", "Guest identities of this identity pool: public data only", { team: "identity" }],
            ],
        );
        const oidc = named(records, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "id-oidc-auth0");
        assert.deepEqual([oidc.props.thumbprintLists, oidc.props.tags], [["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"], { team: "identity" }]);
        assert.deepEqual(named(records, "aws:iam/samlProvider:SamlProvider", "id-saml-okta").props.tags, { team: "identity" });
    });

    it("tags with nothing by default, lists no IAM provider it does not have, and takes no empty thumbprint list", async () => {
        await identityPool(baseArgs({ oidcProviders: [{ name: "Auth0", issuer: "https://acme.eu.auth0.com/", clientId: "c", thumbprints: [] }] }));
        const pool = named(records, POOL, "id");
        assert.deepEqual([pool.props.tags, pool.props.samlProviderArns, pool.props.openidConnectProviderArns?.length], [{}, undefined, 1]);
        assert.equal(named(records, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "id-oidc-auth0").props.thumbprintLists, undefined);
        await identityPool(baseArgs());
        assert.deepEqual([named(records, POOL, "id").props.samlProviderArns, named(records, POOL, "id").props.openidConnectProviderArns], [undefined, undefined]);
    });

    it("reports every problem of its args at once, before creating the pool", async () => {
        const session = record();
        assert.throws(
            () =>
                new IdentityPool(
                    "bad",
                    baseArgs({
                        groupRoles: ["owners"],
                        roleMappingType: "Token",
                        roleMappingRules: [{ claim: "custom:tenant_id", matchType: "Equals", value: "a", role: "members" }],
                        principalTags: { "aws:tenant": "custom:tenant_id" },
                        samlProviders: [{ name: "Okta", metadataDocument: "https://acme.okta.com/metadata" }],
                    }),
                ),
            (err: unknown) => {
                assert.ok(err instanceof ValidationError);
                assert.match(err.message, /^IdentityPool bad has 5 problems:/);
                assert.match(err.message, /IdentityPoolArgs\.groupRoles\[0\] names group owners, which is not in groups \(received: "owners"\)\. Fix: use one of admins, members/);
                assert.match(err.message, /roleMappingRules apply only when roleMappingType is Rules \(it is Token\)/);
                assert.match(err.message, /roleMappingRules\[0\]\.role must be authenticated, a group listed in groupRoles, or an IAM role ARN \(received: "members"\)\. Fix: add members to groupRoles/);
                assert.match(err.message, /principalTags\.aws:tenant must be a session tag key/);
                assert.match(err.message, /samlProviders\[0\]\.metadataDocument must be SAML metadata XML/);
                return true;
            },
        );
        assert.equal(ofType(await session.settled(), POOL).length, 0);
    });
});

describe("validateIdentityPoolArgs", () => {
    const ok = { clientCount: 1, groups: ["admins"] };

    it("accepts the defaults", () => {
        assert.deepEqual(validateIdentityPoolArgs(ok), []);
    });

    it("requires rules for roleMappingType Rules", () => {
        const issues = validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules" });
        assert.deepEqual(
            issues.map((i) => `${i.field} ${i.rule}. Fix: ${i.fix}`),
            ["roleMappingRules must list at least one rule when roleMappingType is Rules. Fix: add a rule ({claim, matchType, value, role}) or set roleMappingType Token"],
        );
    });

    it("limits rules to 25 and role mappings to 10 clients", () => {
        const rules = Array.from({ length: 26 }, (_, i) => ({ claim: "c", matchType: "Equals" as const, value: String(i), role: "authenticated" }));
        const issues = validateIdentityPoolArgs({ ...ok, clientCount: 11, roleMappingType: "Rules", roleMappingRules: rules });
        assert.deepEqual(
            issues.map((i) => [i.field, i.received]),
            [
                ["appClients", 11],
                ["roleMappingRules", 26],
            ],
        );
        assert.match(issues[0].rule, /at most 10 clients when roleMappingType is Rules/);
        assert.deepEqual(validateIdentityPoolArgs({ ...ok, clientCount: 11, roleMappingType: "None" }), []);
    });

    it("accepts a role ARN as a rule's role and rejects a malformed one", () => {
        const rule = (role: string) => [{ claim: "c", matchType: "Equals" as const, value: "v", role }];
        assert.deepEqual(validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: rule(`arn:aws:iam::${ACCOUNT}:role/x`) }), []);
        const bad = validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: rule("arn:aws:iam::12:role/x") });
        assert.equal(bad[0].field, "roleMappingRules[0].role");
        assert.equal(bad[0].fix, "name a group with a role or give the role's ARN");
    });

    it("rejects an OIDC issuer that is not https or has a port", () => {
        const issues = validateIdentityPoolArgs({ ...ok, oidcProviders: [{ name: "A", issuer: "https://idp.example.com:8443/", clientId: "c" }] });
        assert.equal(issues[0].field, "oidcProviders[0].issuer");
        assert.match(issues[0].rule, /without a port/);
    });
});

describe("validateIdentityPoolArgs at each limit", () => {
    const ok = { clientCount: 1, groups: ["admins", "members"] };
    const rule = (over: Partial<{ claim: string; value: string; role: string }> = {}) => ({ claim: "c", matchType: "Equals" as const, value: "v", role: "authenticated", ...over });
    const lines = (issues: ReturnType<typeof validateIdentityPoolArgs>) => issues.map((i) => `${i.field} ${i.rule} [${JSON.stringify(i.received)}] ${i.fix}`);

    it("names a group role of no group, and every group there is", () => {
        assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, groupRoles: ["admins", "ops"] })), ['groupRoles[1] names group ops, which is not in groups ["ops"] use one of admins, members, or add the group to groups']);
        assert.deepEqual(lines(validateIdentityPoolArgs({ clientCount: 1, groupRoles: ["ops"] })), ['groupRoles[0] names group ops, which is not in groups ["ops"] use one of (no groups), or add the group to groups']);
    });

    it("allows 10 clients and 25 rules, not one more", () => {
        assert.deepEqual(validateIdentityPoolArgs({ ...ok, clientCount: 10 }), []);
        assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, clientCount: 11 })), ["appClients must have at most 10 clients when roleMappingType is Token (AWS allows 10 role mappings per identity pool) [11] remove clients or set roleMappingType None"]);
        const rules = (n: number) => Array.from({ length: n }, (_, i) => rule({ value: String(i) }));
        assert.deepEqual(validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: rules(25) }), []);
        assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: rules(26) })), ["roleMappingRules must have at most 25 rules (AWS limit) [26] merge rules, e.g. with StartsWith"]);
    });

    it("refuses rules when the type is not Rules, naming the type", () => {
        assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, roleMappingRules: [rule()] })), ["roleMappingRules apply only when roleMappingType is Rules (it is Token) [1] set roleMappingType Rules, or remove roleMappingRules"]);
    });

    it("suggests groupRoles for a rule naming a group without a role", () => {
        assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: [rule({ role: "members" })] })), [
            'roleMappingRules[0].role must be authenticated, a group listed in groupRoles, or an IAM role ARN ["members"] add members to groupRoles so the group gets a role',
        ]);
        assert.deepEqual(validateIdentityPoolArgs({ ...ok, groupRoles: ["members"], roleMappingType: "Rules", roleMappingRules: [rule({ role: "members" })] }), []);
        assert.equal(validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: [rule({ role: "x arn:aws:iam::123456789012:role/x" })] }).length, 1);
        assert.equal(validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: [rule({ role: "arn:aws:iam::123456789012:role/x y" })] }).length, 1);
    });

    it("allows rule values of 1 to 128 characters", () => {
        for (const value of ["v", "v".repeat(128)]) assert.deepEqual(validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: [rule({ value })] }), []);
        for (const value of ["", "v".repeat(129)]) {
            assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, roleMappingType: "Rules", roleMappingRules: [rule({ value })] })), [`roleMappingRules[0].value must be 1-128 characters [${JSON.stringify(value)}] give the claim value to match`]);
        }
    });

    it("allows 50 principal tags, not 51", () => {
        const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, "sub"]));
        assert.deepEqual(validateIdentityPoolArgs({ ...ok, principalTags: tags(50) }), []);
        assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, principalTags: tags(51) })), ["principalTags must have at most 50 tags [51] map fewer claims"]);
    });

    it("allows session tag keys as AWS does, and claims of 1 to 256 characters", () => {
        for (const tag of ["tenant_id", "a b", "x.y:z/w=v+u@t-s", "été2", "k".repeat(128)]) {
            assert.deepEqual(validateIdentityPoolArgs({ ...ok, principalTags: { [tag]: "sub" } }), [], tag);
        }
        for (const tag of ["", "k".repeat(129), "a\tb", "a#b", "aws:tag", "AWS:tag"]) {
            assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, principalTags: { [tag]: "sub" } })), [
                `principalTags.${tag} must be a session tag key: 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws: [${JSON.stringify(tag)}] rename the tag`,
            ], tag);
        }
        assert.deepEqual(validateIdentityPoolArgs({ ...ok, principalTags: { t: "c".repeat(256) } }), []);
        assert.deepEqual(validateIdentityPoolArgs({ ...ok, principalTags: { t: "c" } }), []);
        for (const claim of ["", "c".repeat(257)]) {
            assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, principalTags: { t: claim } })), [`principalTags.t must name a token claim (1-256 characters) [${JSON.stringify(claim)}] e.g. custom:tenant_id`]);
        }
    });

    it("wants SAML metadata with an EntityDescriptor, prefixed or not, and shows its start", () => {
        for (const doc of ['<EntityDescriptor entityID="x"></EntityDescriptor>', '<md:EntityDescriptor xmlns:md="urn">', "<EntityDescriptor>"]) {
            assert.deepEqual(validateIdentityPoolArgs({ ...ok, samlProviders: [{ name: "Okta", metadataDocument: doc }] }), [], doc);
        }
        const doc = `<EntityDescriptors>${"x".repeat(60)}`;
        assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, samlProviders: [{ name: "Okta", metadataDocument: doc }] })), [
            `samlProviders[0].metadataDocument must be SAML metadata XML with an EntityDescriptor [${JSON.stringify(`${doc.slice(0, 40)}...`)}] download the federation metadata XML from the IdP`,
        ]);
        assert.equal(validateIdentityPoolArgs({ ...ok, samlProviders: [{ name: "Okta", metadataDocument: "<a:b:EntityDescriptor>" }] }).length, 1);
    });

    it("wants an OIDC issuer as IAM does: https, a host, no port, an optional path", () => {
        for (const issuer of ["https://idp.example.com", "https://idp.example.com/", "https://idp.example.com/tenant/v2"]) {
            assert.deepEqual(validateIdentityPoolArgs({ ...ok, oidcProviders: [{ name: "A", issuer, clientId: "c" }] }), [], issuer);
        }
        for (const issuer of ["http://idp.example.com", "https://idp.example.com:8443", "https://", "x https://idp.example.com", "https://idp.example.com/a b", "https://idp.example.com/ "]) {
            assert.deepEqual(lines(validateIdentityPoolArgs({ ...ok, oidcProviders: [{ name: "A", issuer, clientId: "c" }] })), [
                `oidcProviders[0].issuer must be an https:// URL without a port (IAM OIDC provider rule) [${JSON.stringify(issuer)}] use the iss value of the provider's tokens`,
            ], issuer);
        }
    });
});

describe("groupRoleNames", () => {
    it("expands true to every group, false to none, and keeps a list", () => {
        assert.deepEqual(groupRoleNames(true, ["a", "b"]), ["a", "b"]);
        assert.deepEqual(groupRoleNames(false, ["a", "b"]), []);
        assert.deepEqual(groupRoleNames(["b"], ["a", "b"]), ["b"]);
    });
});

describe("identity pool stack config", () => {
    const base = { "cognito-stack:environment": "dev" };

    it("reports every identity-pool problem of a config together, with the config key", () => {
        const result = parseStackConfig({
            "cognito-stack:environment": "prod",
            "cognito-stack:protect": "true",
            "cognito-stack:deletionProtection": "true",
            "cognito-stack:groups": JSON.stringify([{ name: "admins", precedence: 1 }]),
            "cognito-stack:customAttributes": JSON.stringify([{ name: "tenant_id", type: "String" }]),
            "cognito-stack:groupRoles": JSON.stringify(["admin"]),
            "cognito-stack:roleMappingRules": JSON.stringify([{ claim: "custom:tenant_id", matchType: "Equals", value: "a", role: "admins" }]),
        });
        assert.equal(result.ok, false);
        const issues = result.ok ? [] : result.issues;
        assert.deepEqual(
            issues.map((i) => i.field),
            ["retainDataOnDelete", "groupRoles[0]", "roleMappingRules", "roleMappingRules[0].role"],
        );
        assert.equal(issues[0].fix, "pulumi config set retainDataOnDelete true");
    });

    it("rejects an unknown role-mapping type and a bad SAML metadata document by key", () => {
        const result = parseStackConfig({
            ...base,
            "cognito-stack:roleMappingType": "Groups",
            "cognito-stack:samlProviders": JSON.stringify([{ name: "Okta", metadataUrl: "https://okta.example.com/md", identityPoolMetadataFile: "https://okta.example.com/md" }]),
        });
        assert.equal(result.ok, false);
        const text = result.ok ? "" : result.issues.map((i) => `${i.field} ${i.rule}`).join("\n");
        assert.match(text, /^roleMappingType must be one of Token, Rules, None$/m);
        assert.match(text, /^samlProviders\[0\]\.identityPoolMetadataFile must be SAML metadata XML with an EntityDescriptor$/m);
    });

    it("defaults to no guests, token mapping, the authenticated role on ambiguity, no direct logins and no group roles", () => {
        const result = parseStackConfig(base);
        assert.ok(result.ok);
        const c = result.config;
        assert.deepEqual(
            [c.allowGuests, c.roleMappingType, c.ambiguousRoleResolution, c.identityPoolDirectLogins, c.groupRoles, c.roleMappingRules, c.principalTags, c.retainDataOnDelete],
            [false, "Token", "AuthenticatedRole", false, false, [], {}, false],
        );
    });
});

describe("identity pool per stack", () => {
    let dev: Plan, prod: Plan;
    before(async () => {
        [dev, prod] = await Promise.all([realPlan("dev"), realPlan("prod")]);
    });

    it("dev: guests allowed with their own role, a role per group, ABAC tags with sts:TagSession", () => {
        assert.equal(named(dev, POOL, "auth-identity").props.allowUnauthenticatedIdentities, true);
        assert.deepEqual(trustOf(dev, "auth-identity-guest-role"), trust(poolIdOf(dev), "unauthenticated"));
        assert.deepEqual(
            ofType(dev, ROLE).filter((r) => r.name.startsWith("auth-identity")).map((r) => r.name).sort(),
            ["auth-identity-authenticated-role", "auth-identity-group-admins-role", "auth-identity-group-members-role", "auth-identity-guest-role"],
        );
        assert.deepEqual(trustOf(dev, "auth-identity-authenticated-role"), trust(poolIdOf(dev), "authenticated", ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]));
        // The groups carry their roles, so the ID token's cognito:preferred_role names them.
        assert.equal(named(dev, "aws:cognito/userGroup:UserGroup", "auth-group-admins").props.roleArn, roleArn(dev, "auth-identity-group-admins-role"));
    });

    it("dev: Google and the OIDC provider accepted directly, each through its own login entry", () => {
        const pool = named(dev, POOL, "auth-identity");
        assert.deepEqual(pool.props.supportedLoginProviders, { "accounts.google.com": "123456789012-devexampleclient.apps.googleusercontent.com" });
        const oidc = one(dev, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assert.deepEqual(pool.props.openidConnectProviderArns, [output(oidc, "arn")]);
        assert.equal(output(oidc, "arn"), `arn:aws:iam::${ACCOUNT}:oidc-provider/acme-dev.eu.auth0.com/`);
        assert.deepEqual(oidc.props.clientIdLists, ["dev-auth0-client-id"]);
    });

    it("prod: no guests, no direct logins (every identity comes through the user pool and its MFA), token mapping for the web client, admins' role only", () => {
        const pool = named(prod, POOL, "auth-identity");
        assert.equal(pool.props.allowUnauthenticatedIdentities, false);
        assert.equal(pool.props.allowClassicFlow, false);
        assert.equal(pool.props.supportedLoginProviders, undefined);
        assert.equal(pool.props.samlProviderArns, undefined);
        assert.equal(pool.props.openidConnectProviderArns, undefined);
        assert.equal(ofType(prod, "aws:iam/samlProvider:SamlProvider").length, 0);
        assert.equal(ofType(prod, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 0);
        assert.equal(ofType(prod, ROLE).some((r) => r.name === "auth-identity-guest-role"), false);
        const endpoint = output(one(prod, "aws:cognito/userPool:UserPool"), "endpoint");
        const webClient = output(named(prod, "aws:cognito/userPoolClient:UserPoolClient", "auth-client-web"), "id");
        assert.deepEqual(named(prod, ATTACHMENT, "auth-identity-roles").props.roleMappings, [
            { identityProvider: `${endpoint}:${webClient}`, type: "Token", ambiguousRoleResolution: "AuthenticatedRole" },
        ]);
        assert.equal(named(prod, "aws:cognito/userGroup:UserGroup", "auth-group-members").props.roleArn, undefined);
        assert.deepEqual(trustOf(prod, "auth-identity-group-admins-role"), trust(poolIdOf(prod), "authenticated"));
    });
});
