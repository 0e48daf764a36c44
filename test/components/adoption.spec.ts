import * as assert from "node:assert/strict";
import { Adoption, adoptedResources, validateAdoption } from "../../components/adoption";
import { formatIssue } from "../../components/issues";
import { UserGroups } from "../../components/userGroups";
import { UserPool } from "../../components/userPool";
import { named } from "../helpers/plans";
import { build } from "../helpers/record";

const POOL = "us-east-1_AbCdEf123";
const context = {
    userPoolLock: { usernameAttributes: ["email"] },
    appClients: [{ name: "web" }],
    groups: [{ name: "admins" }, { name: "members" }],
    providerNames: ["Google", "Okta"],
    resourceServers: [{ identifier: "https://api.example.com" }],
    domainPrefix: "acme-auth",
    region: "us-east-1",
};

describe("adopting an existing user pool", () => {
    it("gives each adopted type the id format its import takes", () =>
        assert.deepEqual(
            adoptedResources({ userPoolId: POOL, appClientIds: { web: "4tbsk7r0dn0u3mgl6vq1example" }, groups: ["admins"], identityProviders: ["Okta"], resourceServers: ["https://api.example.com"], domain: true }, "acme-auth").map((r) => [r.type, r.importId]),
            [
                ["aws:cognito/userPool:UserPool", POOL],
                ["aws:cognito/userPoolClient:UserPoolClient", `${POOL}/4tbsk7r0dn0u3mgl6vq1example`],
                ["aws:cognito/userGroup:UserGroup", `${POOL}/admins`],
                ["aws:cognito/identityProvider:IdentityProvider", `${POOL}:Okta`],
                ["aws:cognito/resourceServer:ResourceServer", `${POOL}|https://api.example.com`],
                ["aws:cognito/userPoolDomain:UserPoolDomain", "acme-auth"],
            ],
        ));

    it("accepts an adoption of declared parts with a lock", () =>
        assert.deepEqual(validateAdoption({ ...context, adoptUserPool: { userPoolId: POOL, appClientIds: { web: "abc123" }, groups: ["admins"], identityProviders: ["Okta"], domain: true } }), []));

    it("refuses an adoption without the lock, or of parts the config does not declare, naming each", () =>
        assert.deepEqual(
            validateAdoption({
                ...context,
                userPoolLock: undefined,
                domainPrefix: undefined,
                adoptUserPool: { userPoolId: "eu-west-1_AbCdEf123", appClientIds: { mobile: "abc/123" }, groups: ["ops"], identityProviders: ["Auth0"], resourceServers: ["https://other.example.com"], domain: true },
            }).map((i) => formatIssue(i)),
            [
                'adoptUserPool.userPoolId is a pool of eu-west-1, but the stack deploys to us-east-1 (received: "eu-west-1_AbCdEf123"). Fix: set aws:region to the pool\'s region, or name a pool of the stack\'s region',
                "userPoolLock is required with adoptUserPool: the existing pool's create-only settings must be checked against this config before it is imported (received: nothing). Fix: run `aws cognito-idp describe-user-pool --user-pool-id <id>` and record its UsernameAttributes, AliasAttributes, UsernameConfiguration.CaseSensitive and custom: attributes in userPoolLock",
                'adoptUserPool.appClientIds.mobile names no app client of appClients (received: "mobile"). Fix: use one of web, or add the client to appClients',
                'adoptUserPool.appClientIds.mobile must be an app client id (letters, digits, _ and +) (received: "abc/123"). Fix: copy the client id from `aws cognito-idp list-user-pool-clients --user-pool-id <id>`',
                'adoptUserPool.groups[0] is not in groups (received: "ops"). Fix: declare it in groups first (the program adopts only what it declares), or remove it here',
                'adoptUserPool.identityProviders[0] is not in the configured identity providers (received: "Auth0"). Fix: declare it in the configured identity providers first (the program adopts only what it declares), or remove it here',
                'adoptUserPool.resourceServers[0] is not in resourceServers (received: "https://other.example.com"). Fix: declare it in resourceServers first (the program adopts only what it declares), or remove it here',
                "adoptUserPool.domain is true but neither domainPrefix nor customDomain is set (received: true). Fix: set the pool's existing domain as domainPrefix or customDomain",
            ],
        ));

    it("refuses a malformed pool id", () =>
        assert.deepEqual(validateAdoption({ ...context, adoptUserPool: { userPoolId: "AbCdEf123" } }).map((i) => i.rule), ["must be a user pool id, <region>_<id>"]));

    it("passes the import option to exactly the named resources of the components", async () => {
        const adoption = new Adoption(adoptedResources({ userPoolId: POOL, groups: ["admins"] }));
        const rs = await build(() => {
            const pool = new UserPool("auth", { deletionProtection: true }, { transformations: [adoption.transformation] });
            new UserGroups("grp", { userPoolId: pool.userPoolId, groups: [{ name: "admins" }, { name: "members" }] }, { transformations: [adoption.transformation] });
        });
        const pool = named(rs, "aws:cognito/userPool:UserPool", "auth");
        assert.equal(pool.options.importId, POOL);
        assert.equal(pool.outputs?.id, POOL, "the adopted pool keeps its id");
        assert.equal(named(rs, "aws:cognito/userGroup:UserGroup", "grp-admins").options.importId, `${POOL}/admins`);
        assert.equal(named(rs, "aws:cognito/userGroup:UserGroup", "grp-members").options.importId, undefined, "a group the pool lacks is created");
        assert.equal(named(rs, "aws:cognito/userGroup:UserGroup", "grp-admins").props.userPoolId, POOL);
        assert.deepEqual(adoption.unmatched(), []);
        assert.doesNotThrow(() => adoption.assertAllMatched());
    });

    it("fails when an adopted part never appears, or two resources claim one id", async () => {
        const missing = new Adoption(adoptedResources({ userPoolId: POOL, appClientIds: { web: "abc123" } }));
        await build(() => new UserPool("auth2", {}, { transformations: [missing.transformation] }));
        assert.throws(
            () => missing.assertAllMatched(),
            /adoptUserPool names resources the program does not declare: aws:cognito\/userPoolClient:UserPoolClient with name web\. Declare them in the config or remove them from adoptUserPool\./,
        );
        const twice = new Adoption(adoptedResources({ userPoolId: POOL }));
        assert.throws(
            () => {
                new UserPool("first", {}, { transformations: [twice.transformation] });
                new UserPool("second", {}, { transformations: [twice.transformation] });
            },
            /adoptUserPool: both first and second are aws:cognito\/userPool:UserPool; only one resource can import us-east-1_AbCdEf123/,
        );
    });
});
