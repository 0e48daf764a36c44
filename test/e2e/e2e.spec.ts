/**
 * End to end, one code path for every target (test/e2e/target.ts): cognito-local by default,
 * a deployed stack with E2E_TARGET=aws and E2E_STACK_OUTPUTS=<pulumi stack output --json file>.
 */
import * as assert from "node:assert/strict";
import { AdminAddUserToGroupCommand, AdminConfirmSignUpCommand, AdminListGroupsForUserCommand, AdminUpdateUserAttributesCommand, SignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { targetFromEnv, type E2eTarget, type IdentityCredentials, type Tokens } from "./target";

const PASSWORD = "Corr3ct-horse-battery-staple";
type Json = Record<string, unknown>;
const claimsOf = (jwt: string): Json => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8")) as Json;

describe(`end to end (${process.env.E2E_TARGET ?? "cognito-local"})`, function () {
    this.timeout(process.env.E2E_TARGET === "aws" ? 300_000 : 60_000);

    let target: E2eTarget;
    let alice: string;
    let bob: string;
    const subs = new Map<string, string>();
    const tokens = new Map<string, Tokens>();

    before(async () => {
        target = await targetFromEnv();
        alice = target.address("alice");
        bob = target.address("bob");
    });

    after(async () => {
        await target?.dispose();
    });

    it("rejects a sign-up from a domain outside the allow-list in preSignUp", async () => {
        await assert.rejects(
            target.cognito.send(new SignUpCommand({ ClientId: target.clientId, Username: "mallory@evil.test", Password: PASSWORD })),
            /failed with error Sign-up is not open to email addresses at evil\.test\./,
        );
    });

    it("refuses a self sign-up that sets its own tenant in preSignUp", async () => {
        await assert.rejects(
            target.cognito.send(new SignUpCommand({ ClientId: target.clientId, Username: target.address("mallory"), Password: PASSWORD, UserAttributes: [{ Name: "custom:tenant_id", Value: "acme-staff" }] })),
            /failed with error Sign-up may not set custom:tenant_id\./,
        );
    });

    it("confirms a sign-up: postConfirmation adds the default group and sends the welcome email", async () => {
        for (const [email, tenant] of [[alice, "tenant-a"], [bob, "tenant-b"]]) {
            subs.set(email, await target.signUpAndConfirm(email, PASSWORD));
            // The tenant (and the phone number, which the app client does not let users write) are set by an administrator.
            await target.cognito.send(new AdminUpdateUserAttributesCommand({
                UserPoolId: target.userPoolId, Username: email, UserAttributes: [{ Name: "custom:tenant_id", Value: tenant }, { Name: "phone_number", Value: "+15555550100" }],
            }));
        }
        const { Groups = [] } = await target.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: target.userPoolId, Username: subs.get(alice) }));
        assert.deepEqual(Groups.map((g) => g.GroupName), ["members"]);
        assert.equal(await target.welcomeEmail(subs.get(alice)!), "sent");
        assert.equal(await target.welcomeEmail(subs.get(bob)!), "sent");
    });

    it("sends no welcome email to a user an administrator confirmed (nothing verified the address)", async () => {
        const carol = target.address("carol");
        const { UserSub } = await target.cognito.send(new SignUpCommand({ ClientId: target.clientId, Username: carol, Password: PASSWORD }));
        await target.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: target.userPoolId, Username: carol }));
        assert.equal(await target.welcomeEmail(UserSub!), "skipped");
    });

    it("signs in: the ID token carries tenant and roles, not phone_number; the access token the API's scopes", async () => {
        await target.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: target.userPoolId, Username: alice, GroupName: "admins" }));
        tokens.set(alice, await target.signIn(alice, PASSWORD));
        tokens.set(bob, await target.signIn(bob, PASSWORD));
        const id = claimsOf(tokens.get(alice)!.idToken);
        assert.equal(id.tenant_id, "tenant-a");
        assert.deepEqual((id.roles as string).split(" ").sort(), ["admins", "members"]);
        assert.equal(id.phone_number, undefined);
        assert.equal(claimsOf(tokens.get(bob)!.idToken).roles, "members");
        const scopes = String(claimsOf(tokens.get(bob)!.accessToken).scope).split(" ");
        assert.ok(scopes.some((s) => s.endsWith("/items.read")) && scopes.some((s) => s.endsWith("/items.write")), scopes.join(" "));
    });

    it("the API's Cognito authorizer: access tokens with the route's scope pass, ID tokens and no token do not", async () => {
        const access = tokens.get(bob)!.accessToken;
        const put = await target.api("PUT", "/items/note-1", access, { title: "Bob's note" });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        assert.deepEqual((await target.api("GET", "/items/note-1", access)).body, { ...(put.body as Json), title: "Bob's note" });
        const me = await target.api("GET", "/me", access);
        assert.equal((me.body as Json).sub, subs.get(bob));
        assert.equal((await target.api("GET", "/items/note-1", tokens.get(bob)!.idToken)).status, 401);
        assert.equal((await target.api("GET", "/items/note-1")).status, 401);
        // Alice's partition is her own: Bob's item is not there.
        assert.equal((await target.api("GET", "/items/note-1", tokens.get(alice)!.accessToken)).status, 404);
    });

    it("the API's JWT Lambda authorizer: the admin route lets an admin in and keeps a member out", async () => {
        const path = `/admin/users/${subs.get(bob)}/items`;
        const asAdmin = await target.api("GET", path, tokens.get(alice)!.accessToken);
        assert.equal(asAdmin.status, 200, JSON.stringify(asAdmin.body));
        assert.deepEqual(((asAdmin.body as { items: Json[] }).items).map((i) => i.title), ["Bob's note"]);
        assert.equal((await target.api("GET", path, tokens.get(bob)!.accessToken)).status, 403);
        assert.equal((await target.api("GET", path, tokens.get(bob)!.idToken)).status, 401);
    });

    it("a machine client's token reads a user's items on the machine route and nothing a user route serves", async () => {
        const machine = await target.machineToken();
        const claims = claimsOf(machine);
        assert.equal(claims.username, undefined);
        assert.equal(claims.sub, claims.client_id);
        const read = await target.api("GET", `/service/users/${subs.get(bob)}/items`, machine);
        assert.equal(read.status, 200, JSON.stringify(read.body));
        assert.deepEqual(((read.body as { items: Json[] }).items).map((i) => i.title), ["Bob's note"]);
        // Refused by the authorizers (no user scope, no group) and, behind them, by the handler.
        for (const [method, path] of [["GET", "/me"], ["GET", "/items/note-1"], ["PUT", "/items/m-1"], ["GET", `/admin/users/${subs.get(bob)}/items`]]) {
            const r = await target.api(method, path, machine, method === "PUT" ? { title: "from a machine" } : undefined);
            assert.ok([401, 403].includes(r.status), `${method} ${path} answered ${r.status}`);
        }
        // A user's access token, whatever its scopes, is not a machine's.
        assert.ok([401, 403].includes((await target.api("GET", `/service/users/${subs.get(bob)}/items`, tokens.get(alice)!.accessToken)).status));
    });

    describe("identity pool credentials", () => {
        let a: IdentityCredentials;
        let b: IdentityCredentials;

        before(async () => {
            a = await target.identity(tokens.get(alice)!.idToken);
            b = await target.identity(tokens.get(bob)!.idToken);
        });

        it("reach the caller's own S3 prefix and no other identity's", async () => {
            assert.notEqual(a.identityId, b.identityId);
            assert.equal(await b.s3("put", `private/${b.identityId}/note.txt`), "allowed");
            assert.equal(await a.s3("put", `private/${a.identityId}/note.txt`), "allowed");
            assert.equal(await a.s3("get", `private/${a.identityId}/note.txt`), "allowed");
            assert.equal(await a.s3("get", `private/${b.identityId}/note.txt`), "denied");
            assert.equal(await a.s3("put", `private/${b.identityId}/note.txt`), "denied");
            assert.equal(await a.s3("put", "public/defaced.txt"), "denied");
        });

        it("reach the caller's own DynamoDB partition and no other", async () => {
            assert.equal(await a.dynamo("put", a.identityId), "allowed");
            assert.equal(await a.dynamo("get", a.identityId), "allowed");
            assert.equal(await a.dynamo("put", b.identityId), "denied");
            assert.equal(await a.dynamo("get", b.identityId), "denied");
        });

        it("a guest is denied every write", async () => {
            const guest = await target.identity();
            assert.equal(await guest.s3("put", `private/${guest.identityId}/x.txt`), "denied");
            assert.equal(await guest.s3("put", "public/x.txt"), "denied");
            assert.equal(await guest.dynamo("put", guest.identityId), "denied");
        });
    });
});
