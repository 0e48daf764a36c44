import * as assert from "node:assert/strict";
import { parseStackConfig } from "../../config";
import { formatIssue } from "../../components/issues";

const bag = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [`cognito-stack:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));

function problems(o: Record<string, unknown>): string[] {
    const r = parseStackConfig(bag({ environment: "dev", domainPrefix: "acme-auth-dev", ...o }));
    return r.ok ? [] : r.issues.map((i) => formatIssue(i));
}

const tenant = { customAttributes: [{ name: "tenant_id", type: "String" }], triggers: { preTokenGeneration: { tenantAttribute: "custom:tenant_id" } } };
const okta = (attributeMapping: Record<string, string>) => ({ samlProviders: [{ name: "Okta", metadataUrl: "https://acme.okta.com/m", attributeMapping }] });
const web = { appClients: [{ name: "web", callbackUrls: ["https://app.example.com/cb"] }] };

describe("stack config: privileged attributes", () => {
    it("refuses an identity provider that maps the tenant attribute (users would choose their tenant)", () => {
        const out = problems({ ...tenant, ...web, ...okta({ "custom:tenant_id": "tenant" }) });
        assert.equal(out.length, 1);
        assert.match(out[0], /^appClients\[0\]\.identityProviders offer Okta, whose attributeMapping writes custom:tenant_id, which the tenant claim of pre token generation trusts/);
    });

    it("refuses a mapped attribute that a principal tag or a role-mapping rule reads", () => {
        const tag = problems({ ...web, ...okta({ "custom:dept": "department" }), customAttributes: [{ name: "dept", type: "String" }], principalTags: { dept: "custom:dept" } });
        assert.match(tag[0], /writes custom:dept, which principal tag dept trusts/);
        const rule = problems({
            ...web, ...okta({ "custom:dept": "department" }), customAttributes: [{ name: "dept", type: "String" }],
            groups: [{ name: "admins" }], groupRoles: ["admins"], roleMappingType: "Rules",
            roleMappingRules: [{ claim: "custom:dept", matchType: "Equals", value: "it", role: "admins" }],
        });
        assert.match(rule[0], /writes custom:dept, which a role-mapping rule trusts/);
    });

    it("refuses an explicit email_verified mapping, and accepts it mapped into the provider-verification attribute", () => {
        const oidc = (attributeMapping: Record<string, string>) => ({ oidcProviders: [{ name: "Auth0", clientId: "c", issuer: "https://acme.eu.auth0.com/", attributeMapping }], oidcClientSecrets: { Auth0: "secret" } });
        assert.match(problems({ ...web, ...oidc({ email_verified: "email_verified" }) })[0], /offer Auth0, whose attributeMapping writes email_verified/);
        assert.deepEqual(problems({
            ...web, ...oidc({ "custom:idp_email_verified": "email_verified" }),
            customAttributes: [{ name: "idp_email_verified", type: "String" }],
            triggers: { preSignUp: { providerEmailVerifiedAttribute: "custom:idp_email_verified" } },
        }), []);
    });

    it("accepts the tenant attribute when no provider maps it, and a tenant mapped for a stack that trusts no tenant", () => {
        assert.deepEqual(problems({ ...tenant, ...web, ...okta({ name: "displayName" }) }), []);
        assert.deepEqual(problems({ ...web, ...okta({ "custom:tenant_id": "tenant" }), customAttributes: [{ name: "tenant_id", type: "String" }] }), []);
    });
});
