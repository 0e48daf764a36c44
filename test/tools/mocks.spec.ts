import * as assert from "node:assert/strict";
import { createAwsMocks, MOCK_ACCOUNT_ID } from "../../tools/mocks";

const mocks = createAwsMocks({ region: "eu-west-1", stack: "dev" });

function create(type: string, name: string, inputs: Record<string, unknown> = {}): { id: string; state: Record<string, unknown> } {
    const r = mocks.newResource({ type, name, inputs, custom: true }) as { id: string; state: Record<string, unknown> };
    return r;
}

describe("createAwsMocks", () => {
    it("gives user pools AWS-shaped ids, ARNs and endpoints, the same on every call", () => {
        const pool = create("aws:cognito/userPool:UserPool", "pool");
        assert.match(pool.id, /^eu-west-1_[A-Za-z0-9]{9}$/);
        assert.equal(pool.state.arn, `arn:aws:cognito-idp:eu-west-1:${MOCK_ACCOUNT_ID}:userpool/${pool.id}`);
        assert.equal(pool.state.endpoint, `cognito-idp.eu-west-1.amazonaws.com/${pool.id}`);
        assert.match(String(pool.state.name), /^pool-[0-9a-f]{7}$/);
        assert.deepEqual(create("aws:cognito/userPool:UserPool", "pool"), pool);
        assert.notEqual(create("aws:cognito/userPool:UserPool", "pool2").id, pool.id);
        assert.notEqual((createAwsMocks({ region: "eu-west-1", stack: "prod" }).newResource({ type: "aws:cognito/userPool:UserPool", name: "pool", inputs: {}, custom: true }) as { id: string }).id, pool.id);
    });

    it("gives identity pools <region>:<uuid> ids and app clients 26-character ids", () => {
        const idp = create("aws:cognito/identityPool:IdentityPool", "ids", { identityPoolName: "ids" });
        assert.match(idp.id, /^eu-west-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.equal(idp.state.arn, `arn:aws:cognito-identity:eu-west-1:${MOCK_ACCOUNT_ID}:identitypool/${idp.id}`);
        assert.match(create("aws:cognito/userPoolClient:UserPoolClient", "web", { userPoolId: "p" }).id, /^[a-z0-9]{26}$/);
    });

    it("autonames IAM roles within 64 characters and keeps given names", () => {
        const role = create("aws:iam/role:Role", "a".repeat(80));
        assert.equal(String(role.state.name).length, 64);
        assert.match(String(role.state.name), /^a{56}-[0-9a-f]{7}$/);
        const named = create("aws:iam/role:Role", "r", { name: "fixed", path: "/svc/" });
        assert.equal(named.id, "fixed");
        assert.equal(named.state.arn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/svc/fixed`);
        assert.equal(create("aws:s3/bucket:Bucket", "Logs").state.bucket, `logs-${String(create("aws:s3/bucket:Bucket", "Logs").state.bucket).slice(-7)}`);
    });

    it("gives Lambda invoke ARNs and API Gateway ids, paths and URLs", () => {
        const fn = create("aws:lambda/function:Function", "fn", { name: "auth" });
        assert.equal(fn.state.invokeArn, `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:${MOCK_ACCOUNT_ID}:function:auth/invocations`);
        assert.equal(fn.state.timeout, 3);
        assert.equal(create("aws:lambda/function:Function", "fn", { name: "auth", timeout: 5 }).state.timeout, 5);
        const api = create("aws:apigateway/restApi:RestApi", "api");
        assert.match(api.id, /^[a-z0-9]{10}$/);
        assert.equal(api.state.executionArn, `arn:aws:execute-api:eu-west-1:${MOCK_ACCOUNT_ID}:${api.id}`);
        const items = create("aws:apigateway/resource:Resource", "items", { restApi: api.id, parentId: api.state.rootResourceId, pathPart: "items" });
        const item = create("aws:apigateway/resource:Resource", "item", { restApi: api.id, parentId: items.id, pathPart: "{id}" });
        assert.equal(items.state.path, "/items");
        assert.equal(item.state.path, "/items/{id}");
        const stage = create("aws:apigateway/stage:Stage", "v1", { restApi: api.id, stageName: "v1", deployment: "d" });
        assert.equal(stage.state.invokeUrl, `https://${api.id}.execute-api.eu-west-1.amazonaws.com/v1`);
    });

    it("gives AppSync APIs their ids, ARNs and URIs, and their parts ARNs under the API", () => {
        const api = create("aws:appsync/graphQLApi:GraphQLApi", "graphql", { name: "g", authenticationType: "AMAZON_COGNITO_USER_POOLS" });
        assert.match(api.id, /^[a-z0-9]{26}$/);
        assert.equal(api.state.arn, `arn:aws:appsync:eu-west-1:${MOCK_ACCOUNT_ID}:apis/${api.id}`);
        const uris = api.state.uris as Record<string, string>;
        assert.match(uris.GRAPHQL, /^https:\/\/[a-z0-9]{26}\.appsync-api\.eu-west-1\.amazonaws\.com\/graphql$/);
        assert.match(uris.REALTIME, /^wss:\/\/[a-z0-9]{26}\.appsync-realtime-api\.eu-west-1\.amazonaws\.com\/graphql$/);
        const ds = create("aws:appsync/dataSource:DataSource", "items", { apiId: api.id, name: "items", type: "NONE" });
        assert.deepEqual([ds.id, ds.state.arn], [`${api.id}-items`, `arn:aws:appsync:eu-west-1:${MOCK_ACCOUNT_ID}:apis/${api.id}/datasources/items`]);
        const resolver = create("aws:appsync/resolver:Resolver", "r", { apiId: api.id, type: "Query", field: "item" });
        assert.deepEqual([resolver.id, resolver.state.arn], [`${api.id}-Query-item`, `arn:aws:appsync:eu-west-1:${MOCK_ACCOUNT_ID}:apis/${api.id}/types/Query/resolvers/item`]);
        const fn = create("aws:appsync/function:Function", "f", { apiId: api.id, name: "f", dataSource: "items" });
        assert.equal(fn.state.arn, `arn:aws:appsync:eu-west-1:${MOCK_ACCOUNT_ID}:apis/${api.id}/functions/${fn.state.functionId as string}`);
        assert.match(create("aws:appsync/apiKey:ApiKey", "k", { apiId: api.id }).state.key as string, /^da2-[a-z0-9]{26}$/);
    });

    it("answers the account, region and partition invokes and fails others by name", () => {
        const call = (token: string): Record<string, unknown> => mocks.call({ token, inputs: {} }) as Record<string, unknown>;
        assert.equal(call("aws:index/getCallerIdentity:getCallerIdentity").accountId, MOCK_ACCOUNT_ID);
        assert.equal(call("aws:index/getRegion:getRegion").region, "eu-west-1");
        assert.equal(call("aws:index/getPartition:getPartition").dnsSuffix, "amazonaws.com");
        assert.throws(() => call("aws:ec2/getVpc:getVpc"), /invoke aws:ec2\/getVpc:getVpc has no offline answer; add one to tools\/mocks.ts/);
    });

    it("returns the inputs of components unchanged", () => {
        assert.deepEqual(mocks.newResource({ type: "x:y:Z", name: "c", inputs: { a: 1 }, custom: false }), { id: undefined, state: { a: 1 } });
    });
});
