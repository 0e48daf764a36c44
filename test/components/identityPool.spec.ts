import * as assert from "node:assert/strict";
import { groupRoleNames, IdentityPool, IdentityPoolArgs, validateIdentityPoolArgs } from "../../components/identityPool";
import { parseStackConfig } from "../../config";
import { ValidationError } from "../../config/issues";
import { localPlan } from "../helpers/localPlan";
import { ACCOUNT, byName, IDENTITY_POOL_ID, installRecordingMocks, ofType, Recorded, settle, USER_POOL_ID } from "../helpers/stackMocks";

const ENDPOINT = `cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`;
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment";
const POOL = "aws:cognito/identityPool:IdentityPool";
const METADATA = '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"></md:EntityDescriptor>';

const trust = (amr: string, actions: string | string[] = "sts:AssumeRoleWithWebIdentity") => ({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: actions,
            Condition: {
                StringEquals: { "cognito-identity.amazonaws.com:aud": IDENTITY_POOL_ID },
                "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr },
            },
        },
    ],
});

function baseArgs(over: Partial<IdentityPoolArgs> = {}): IdentityPoolArgs {
    return { userPoolEndpoint: ENDPOINT, clientIds: ["webclient1"], groups: ["admins", "members"], ...over };
}

describe("IdentityPool", () => {
    let records: Recorded[];
    beforeEach(() => {
        records = installRecordingMocks();
    });

    async function build(args: IdentityPoolArgs, name = "id"): Promise<IdentityPool> {
        const pool = new IdentityPool(name, args);
        await settle();
        return pool;
    }

    it("creates an enhanced-flow pool that accepts the user pool with a server-side token check, and no guests by default", async () => {
        await build(baseArgs({ clientIds: ["webclient1", "mobileclient2"] }));
        const pool = byName(records, POOL, "id");
        assert.equal(pool.inputs.allowClassicFlow, false);
        assert.equal(pool.inputs.allowUnauthenticatedIdentities, false);
        assert.deepEqual(pool.inputs.cognitoIdentityProviders, [
            { providerName: ENDPOINT, clientId: "webclient1", serverSideTokenCheck: true },
            { providerName: ENDPOINT, clientId: "mobileclient2", serverSideTokenCheck: true },
        ]);
        assert.equal(pool.inputs.supportedLoginProviders, undefined);
        assert.deepEqual(
            ofType(records, ROLE).map((r) => r.name),
            ["id-authenticated-role"],
        );
        assert.equal(byName(records, "cognito-stack:identity:IdentityPool", "id").custom, false);
        assert.equal(pool.parent, byName(records, ROLE, "id-authenticated-role").parent);
    });

    it("pins the authenticated role's trust to this pool's id and authenticated identities", async () => {
        await build(baseArgs());
        const role = byName(records, ROLE, "id-authenticated-role");
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string), trust("authenticated"));
    });

    it("creates a separate guest role trusted for unauthenticated identities only when guests are allowed", async () => {
        await build(baseArgs({ allowGuests: true }));
        assert.equal(byName(records, POOL, "id").inputs.allowUnauthenticatedIdentities, true);
        const guest = byName(records, ROLE, "id-guest-role");
        assert.deepEqual(JSON.parse(guest.inputs.assumeRolePolicy as string), trust("unauthenticated"));
        const roles = byName(records, ATTACHMENT, "id-roles").inputs.roles as Record<string, string>;
        assert.deepEqual(roles, {
            authenticated: `arn:aws:iam::${ACCOUNT}:role/id-authenticated-role-1a2b3c4`,
            unauthenticated: `arn:aws:iam::${ACCOUNT}:role/id-guest-role-1a2b3c4`,
        });
        assert.notEqual(roles.authenticated, roles.unauthenticated);
    });

    it("maps each app client by token with the provider key <endpoint>:<clientId>", async () => {
        await build(baseArgs({ clientIds: ["webclient1", "mobileclient2"], ambiguousRoleResolution: "Deny" }));
        const attachment = byName(records, ATTACHMENT, "id-roles");
        assert.equal(attachment.inputs.identityPoolId, IDENTITY_POOL_ID);
        assert.deepEqual(attachment.inputs.roleMappings, [
            { identityProvider: `${ENDPOINT}:webclient1`, type: "Token", ambiguousRoleResolution: "Deny" },
            { identityProvider: `${ENDPOINT}:mobileclient2`, type: "Token", ambiguousRoleResolution: "Deny" },
        ]);
        assert.deepEqual(attachment.inputs.roles, { authenticated: `arn:aws:iam::${ACCOUNT}:role/id-authenticated-role-1a2b3c4` });
    });

    it("maps by rules to group roles, the authenticated role or a given role ARN", async () => {
        const external = `arn:aws:iam::${ACCOUNT}:role/partner-readers`;
        const pool = await build(
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
        const mapping = (byName(records, ATTACHMENT, "id-roles").inputs.roleMappings as Record<string, unknown>[])[0];
        assert.equal(mapping.type, "Rules");
        assert.equal(mapping.ambiguousRoleResolution, "AuthenticatedRole");
        assert.deepEqual(mapping.mappingRules, [
            { claim: "custom:tenant_id", matchType: "Equals", value: "acme-staff", roleArn: `arn:aws:iam::${ACCOUNT}:role/id-group-admins-role-1a2b3c4` },
            { claim: "custom:tenant_id", matchType: "StartsWith", value: "partner-", roleArn: external },
            { claim: "email", matchType: "NotEqual", value: "x@example.com", roleArn: `arn:aws:iam::${ACCOUNT}:role/id-authenticated-role-1a2b3c4` },
        ]);
        assert.deepEqual(Object.keys(pool.groupRoles), ["admins"]);
    });

    it("sets no role mappings for roleMappingType None", async () => {
        await build(baseArgs({ roleMappingType: "None" }));
        assert.equal(byName(records, ATTACHMENT, "id-roles").inputs.roleMappings, undefined);
    });

    it("gives each listed group a role trusted like the authenticated role", async () => {
        const pool = await build(baseArgs({ groupRoles: ["admins", "members"] }));
        for (const g of ["admins", "members"]) {
            const role = byName(records, ROLE, `id-group-${g}-role`);
            assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string), trust("authenticated"));
        }
        const arns = await Promise.all(Object.values(pool.groupRoleArns).map((o) => new Promise((r) => o.apply(r))));
        assert.deepEqual(arns, [`arn:aws:iam::${ACCOUNT}:role/id-group-admins-role-1a2b3c4`, `arn:aws:iam::${ACCOUNT}:role/id-group-members-role-1a2b3c4`]);
    });

    it("maps principal tags for the user pool and lets signed-in roles, not the guest role, tag the session", async () => {
        await build(baseArgs({ allowGuests: true, groupRoles: ["admins"], principalTags: { tenant_id: "custom:tenant_id" } }));
        const tag = byName(records, "aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag", "id-principal-tags");
        assert.deepEqual(tag.inputs, { identityPoolId: IDENTITY_POOL_ID, identityProviderName: ENDPOINT, principalTags: { tenant_id: "custom:tenant_id" }, useDefaults: false });
        const tagging = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"];
        assert.deepEqual(JSON.parse(byName(records, ROLE, "id-authenticated-role").inputs.assumeRolePolicy as string), trust("authenticated", tagging));
        assert.deepEqual(JSON.parse(byName(records, ROLE, "id-group-admins-role").inputs.assumeRolePolicy as string), trust("authenticated", tagging));
        assert.deepEqual(JSON.parse(byName(records, ROLE, "id-guest-role").inputs.assumeRolePolicy as string), trust("unauthenticated"));
    });

    it("creates no principal-tag mapping and no sts:TagSession without principal tags", async () => {
        await build(baseArgs());
        assert.equal(ofType(records, "aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag").length, 0);
        assert.doesNotMatch(byName(records, ROLE, "id-authenticated-role").inputs.assumeRolePolicy as string, /TagSession/);
    });

    it("accepts social tokens by provider domain and SAML/OIDC through IAM providers", async () => {
        await build(
            baseArgs({
                socialLogins: { google: "g-client.apps.googleusercontent.com", facebook: "100000000000001", apple: "com.example.app.signin" },
                samlProviders: [{ name: "Okta", metadataDocument: METADATA }],
                oidcProviders: [{ name: "Auth0", issuer: "https://acme.eu.auth0.com/", clientId: "auth0-client" }],
            }),
        );
        const pool = byName(records, POOL, "id");
        assert.deepEqual(pool.inputs.supportedLoginProviders, {
            "accounts.google.com": "g-client.apps.googleusercontent.com",
            "graph.facebook.com": "100000000000001",
            "appleid.apple.com": "com.example.app.signin",
        });
        const saml = byName(records, "aws:iam/samlProvider:SamlProvider", "id-saml-okta");
        assert.equal(saml.inputs.samlMetadataDocument, METADATA);
        const oidc = byName(records, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "id-oidc-auth0");
        assert.equal(oidc.inputs.url, "https://acme.eu.auth0.com/");
        assert.deepEqual(oidc.inputs.clientIdLists, ["auth0-client"]);
        assert.equal(oidc.inputs.thumbprintLists, undefined);
        assert.deepEqual(pool.inputs.samlProviderArns, [`arn:aws:iam::${ACCOUNT}:saml-provider/id-saml-okta-1a2b3c4`]);
        assert.deepEqual(pool.inputs.openidConnectProviderArns, [`arn:aws:iam::${ACCOUNT}:oidc-provider/acme.eu.auth0.com`]);
    });

    it("reports every problem of its args at once, before creating the pool", () => {
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
        assert.equal(ofType(records, POOL).length, 0);
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
            issues.map((i) => `${i.field} ${i.rule}`),
            ["roleMappingRules must list at least one rule when roleMappingType is Rules"],
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

    it("defaults to no guests, token mapping, the authenticated role on ambiguity, direct logins and no group roles", () => {
        const result = parseStackConfig(base);
        assert.ok(result.ok);
        const c = result.config;
        assert.deepEqual(
            [c.allowGuests, c.roleMappingType, c.ambiguousRoleResolution, c.identityPoolDirectLogins, c.groupRoles, c.roleMappingRules, c.principalTags, c.retainDataOnDelete],
            [false, "Token", "AuthenticatedRole", true, false, [], {}, false],
        );
    });
});

describe("identity pool per stack", () => {
    const plans: Record<string, Recorded[]> = {};
    before(async () => {
        for (const stack of ["dev", "prod"]) plans[stack] = await localPlan(stack);
    });

    it("dev: guests allowed with their own role, a role per group, ABAC tags with sts:TagSession", () => {
        const dev = plans.dev;
        assert.equal(byName(dev, POOL, "auth-identity").inputs.allowUnauthenticatedIdentities, true);
        assert.deepEqual(JSON.parse(byName(dev, ROLE, "auth-identity-guest-role").inputs.assumeRolePolicy as string), trust("unauthenticated"));
        assert.deepEqual(
            ofType(dev, ROLE).filter((r) => r.name.startsWith("auth-identity")).map((r) => r.name).sort(),
            ["auth-identity-authenticated-role", "auth-identity-group-admins-role", "auth-identity-group-members-role", "auth-identity-guest-role"],
        );
        assert.deepEqual(JSON.parse(byName(dev, ROLE, "auth-identity-authenticated-role").inputs.assumeRolePolicy as string), trust("authenticated", ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]));
        // The groups carry their roles, so the ID token's cognito:preferred_role names them.
        assert.equal(byName(dev, "aws:cognito/userGroup:UserGroup", "auth-group-admins").inputs.roleArn, `arn:aws:iam::${ACCOUNT}:role/auth-identity-group-admins-role-1a2b3c4`);
    });

    it("prod: no guests, token mapping for the web client, admins' role only, social and OIDC logins accepted, SAML by URL only through the user pool", () => {
        const prod = plans.prod;
        const pool = byName(prod, POOL, "auth-identity");
        assert.equal(pool.inputs.allowUnauthenticatedIdentities, false);
        assert.equal(pool.inputs.allowClassicFlow, false);
        assert.deepEqual(pool.inputs.supportedLoginProviders, {
            "accounts.google.com": "123456789012-prodexampleclient.apps.googleusercontent.com",
            "graph.facebook.com": "100000000000002",
            "appleid.apple.com": "com.example.app.signin",
        });
        assert.equal(pool.inputs.samlProviderArns, undefined);
        assert.equal(ofType(prod, "aws:iam/samlProvider:SamlProvider").length, 0);
        assert.deepEqual(pool.inputs.openidConnectProviderArns, [`arn:aws:iam::${ACCOUNT}:oidc-provider/acme.eu.auth0.com`]);
        assert.equal(ofType(prod, ROLE).some((r) => r.name === "auth-identity-guest-role"), false);
        assert.deepEqual(byName(prod, ATTACHMENT, "auth-identity-roles").inputs.roleMappings, [
            { identityProvider: `${ENDPOINT}:clientauthclientweb`, type: "Token", ambiguousRoleResolution: "AuthenticatedRole" },
        ]);
        assert.equal(byName(prod, "aws:cognito/userGroup:UserGroup", "auth-group-members").inputs.roleArn, undefined);
        assert.deepEqual(JSON.parse(byName(prod, ROLE, "auth-identity-group-admins-role").inputs.assumeRolePolicy as string), trust("authenticated"));
    });
});
