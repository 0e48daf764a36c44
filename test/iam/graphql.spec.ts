/**
 * The GraphQL API's IAM side, proven by IAM evaluation of the real plans' policies: identity-pool
 * roles may call only their fields (appsync:GraphQL on field ARNs), the data source role reaches
 * only items of the stack's table, the logging role only its log group, and AppSync assumes those
 * roles only for APIs of this account.
 */
import * as assert from "node:assert/strict";
import { MOCK_ACCOUNT_ID as ACCOUNT } from "../../tools/mocks";
import { named, output, realPlan } from "../helpers/plans";
import { decideData, decideTrust, Decision, policiesFromPlan, StackPolicies } from "./simulate";

const A = "us-east-1:aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const GUEST = "us-east-1:99999999-9999-9999-9999-999999999999";
const OTHER_API = `arn:aws:appsync:us-east-1:${ACCOUNT}:apis/zzzzzzzzzzzzzzzzzzzzzzzzzz`;
const ALLOWED: Decision = "Allowed";
const DENIED: Decision = "ImplicitlyDenied";

/** The operations and who may call them with IAM credentials, as the schema means them (written out here). */
const SIGNED_IN = ["Query/fields/me", "Query/fields/item", "Query/fields/items", "Mutation/fields/putItem", "Mutation/fields/deleteItem"];
const GUEST_FIELDS = ["Query/fields/me"];
const ALL_FIELDS = [...SIGNED_IN, "Query/fields/userItems"];

const STACKS = {
    dev: { signedInRoles: ["auth-identity-authenticated-role", "auth-identity-group-admins-role", "auth-identity-group-members-role"], guests: true },
    prod: { signedInRoles: ["auth-identity-authenticated-role", "auth-identity-group-admins-role"], guests: false },
} as const;

for (const stack of ["dev", "prod"] as const) {
    describe(`GraphQL API by IAM simulation: ${stack}`, () => {
        let policies: StackPolicies;
        let apiArn: string;
        let logGroupArn: string;
        before(async () => {
            const plan = await realPlan(stack);
            policies = policiesFromPlan(plan);
            apiArn = output(named(plan, "aws:appsync/graphQLApi:GraphQLApi", "graphql"), "arn");
            logGroupArn = output(named(plan, "aws:cloudwatch/logGroup:LogGroup", "graphql-logs"), "arn");
        });
        const call = (roleName: string, identityId: string, resource: string, action = "appsync:GraphQL") => decideData({ role: policies.roles[roleName], identityId, action, resource });

        const roles: [string, string, string[]][] = [
            ...STACKS[stack].signedInRoles.map((r): [string, string, string[]] => [r, A, SIGNED_IN]),
            ...(STACKS[stack].guests ? [["auth-identity-guest-role", GUEST, GUEST_FIELDS] as [string, string, string[]]] : []),
        ];
        for (const [roleName, identityId, fields] of roles) {
            describe(roleName, () => {
                for (const f of ALL_FIELDS) {
                    const want = fields.includes(f) ? ALLOWED : DENIED;
                    it(`calls ${f.replace("/fields/", ".")}: ${want}`, async () => {
                        assert.equal(await call(roleName, identityId, `${apiArn}/types/${f}`), want);
                    });
                }
                const denied: [string, () => Promise<Decision>][] = [
                    ["the whole API (graphqlapi resource)", () => call(roleName, identityId, apiArn)],
                    ["a field of another API of the account", () => call(roleName, identityId, `${OTHER_API}/types/Query/fields/item`)],
                    ["a field of a type the schema does not have", () => call(roleName, identityId, `${apiArn}/types/Subscription/fields/onItem`)],
                    ["appsync:UpdateGraphqlApi on the API", () => call(roleName, identityId, apiArn, "appsync:UpdateGraphqlApi")],
                    ["appsync:GetGraphqlApi on the API", () => call(roleName, identityId, apiArn, "appsync:GetGraphqlApi")],
                ];
                for (const [what, run] of denied) {
                    it(`${what}: ${DENIED}`, async () => {
                        assert.equal(await run(), DENIED);
                    });
                }
            });
        }

        describe("graphql-data-role (the items data source)", () => {
            const data = (action: string, resource?: string) => decideData({ role: policies.roles["graphql-data-role"], identityId: "", action, resource: resource ?? policies.tableArn });
            const cells: [string, () => Promise<Decision>, Decision][] = [
                ...["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"].map((a): [string, () => Promise<Decision>, Decision] => [`${a} on the table`, () => data(a), ALLOWED]),
                ["dynamodb:Scan on the table", () => data("dynamodb:Scan"), DENIED],
                ["dynamodb:UpdateItem on the table", () => data("dynamodb:UpdateItem"), DENIED],
                ["dynamodb:DeleteTable", () => data("dynamodb:DeleteTable"), DENIED],
                ["dynamodb:GetItem on another table", () => data("dynamodb:GetItem", `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/billing`), DENIED],
                ["s3:GetObject in the data bucket", () => data("s3:GetObject", `${policies.bucketArn}/public/logo.png`), DENIED],
                ["logs:PutLogEvents", () => data("logs:PutLogEvents", `${logGroupArn}:log-stream:x`), DENIED],
            ];
            for (const [what, run, want] of cells) {
                it(`${what}: ${want}`, async () => {
                    assert.equal(await run(), want);
                });
            }
        });

        describe("graphql-logs-role (field logs)", () => {
            const logs = (action: string, resource: string) => decideData({ role: policies.roles["graphql-logs-role"], identityId: "", action, resource });
            const cells: [string, () => Promise<Decision>, Decision][] = [
                ["logs:PutLogEvents to the API's log group", () => logs("logs:PutLogEvents", `${logGroupArn}:log-stream:abc`), ALLOWED],
                ["logs:CreateLogStream in the API's log group", () => logs("logs:CreateLogStream", `${logGroupArn}:log-stream:abc`), ALLOWED],
                ["logs:CreateLogGroup of the API's log group", () => logs("logs:CreateLogGroup", logGroupArn), ALLOWED],
                ["logs:PutLogEvents to another log group", () => logs("logs:PutLogEvents", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/x:log-stream:abc`), DENIED],
                ["logs:DeleteLogGroup of the API's log group", () => logs("logs:DeleteLogGroup", logGroupArn), DENIED],
                ["dynamodb:GetItem on the table", () => logs("dynamodb:GetItem", policies.tableArn), DENIED],
            ];
            for (const [what, run, want] of cells) {
                it(`${what}: ${want}`, async () => {
                    assert.equal(await run(), want);
                });
            }
        });

        for (const roleName of ["graphql-data-role", "graphql-logs-role"]) {
            describe(`${roleName} trust`, () => {
                const assume = (principal: string, context: Record<string, string>) => decideTrust({ role: policies.roles[roleName], action: "sts:AssumeRole", principal, context });
                const cells: [string, () => Promise<Decision>, Decision][] = [
                    ["AppSync for this account's API", () => assume("appsync.amazonaws.com", { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": apiArn }), ALLOWED],
                    ["AppSync for another account's API", () => assume("appsync.amazonaws.com", { "aws:SourceAccount": "999999999999", "aws:SourceArn": "arn:aws:appsync:us-east-1:999999999999:apis/evil" }), DENIED],
                    ["AppSync without a source", () => assume("appsync.amazonaws.com", {}), DENIED],
                    ["Lambda", () => assume("lambda.amazonaws.com", { "aws:SourceAccount": ACCOUNT }), DENIED],
                    ["an IAM principal of the account", () => assume(`arn:aws:iam::${ACCOUNT}:root`, {}), DENIED],
                ];
                for (const [what, run, want] of cells) {
                    it(`${what}: ${want}`, async () => {
                        assert.equal(await run(), want);
                    });
                }
            });
        }
    });
}
