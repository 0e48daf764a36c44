import * as assert from "node:assert/strict";
import { createPostAuthenticationHandler } from "../../lambdas/postAuthentication/postAuthentication";
import { silentLogger } from "./helpers";

const event = (request: Record<string, unknown> = {}) => ({
    version: "1", region: "eu-west-1", userPoolId: "eu-west-1_Pool1", userName: "ann", triggerSource: "PostAuthentication_Authentication",
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client1" },
    request: { userAttributes: { sub: "sub-1", email: "ann@example.com", "cognito:user_status": "CONFIRMED" }, newDeviceUsed: false, ...request },
    response: {},
});

describe("lambdas/postAuthentication", () => {
    const lines: [string, Record<string, unknown>][] = [];
    const logger = Object.assign(silentLogger(), { info: (message: string, extra: Record<string, unknown>) => lines.push([message, extra]) });
    const handler = createPostAuthenticationHandler({ logger }, () => new Date("2026-12-02T10:00:00Z"));
    beforeEach(() => { lines.length = 0; });

    it("logs one sign-in record with the sub, the client and the time, and no address", async () => {
        const input = event({ newDeviceUsed: true });
        assert.equal(await handler(input), input);
        assert.deepEqual(lines, [["sign-in", { event: "sign-in", sub: "sub-1", userName: "ann", userPoolId: "eu-west-1_Pool1", clientId: "client1", newDevice: true, at: "2026-12-02T10:00:00.000Z" }]]);
        assert.ok(!JSON.stringify(lines).includes("ann@example.com"));
    });

    it("stamps the record with the current time when no clock is given", async () => {
        const stamped: Record<string, unknown>[] = [];
        const h = createPostAuthenticationHandler({ logger: Object.assign(silentLogger(), { info: (_m: string, extra: Record<string, unknown>) => stamped.push(extra) }) });
        const before = Date.now();
        await h(event());
        const at = Date.parse(String(stamped[0].at));
        assert.ok(at >= before && at <= Date.now(), String(stamped[0].at));
    });

    it("counts a missing newDeviceUsed as a known device", async () => {
        await handler(event({ newDeviceUsed: undefined }));
        assert.equal(lines[0][1].newDevice, false);
    });

    const malformed: [string, unknown, RegExp][] = [
        ["no event", "sign-in", /the event must be an object \(received: a string\)/],
        ["no sub", event({ userAttributes: { email: "ann@example.com" } }), /request.userAttributes.sub must be a string/],
        ["a newDeviceUsed that is not a boolean", event({ newDeviceUsed: "true" }), /request.newDeviceUsed must be a boolean \(received: a string\)/],
        ["no request", { ...event(), request: [] }, /^MalformedEventError: Malformed event: request must be an object \(received: an array\)$/],
        ["no attributes", event({ userAttributes: null }), /^MalformedEventError: Malformed event: request\.userAttributes must be an object \(received: null\)$/],
        ["no user name", { ...event(), userName: undefined }, /^MalformedEventError: Malformed event: userName must be a string \(received: nothing\)$/],
        ["no user pool id", { ...event(), userPoolId: 1 }, /^MalformedEventError: Malformed event: userPoolId must be a string \(received: a number\)$/],
        ["no callerContext", { ...event(), callerContext: null }, /callerContext must be an object/],
        ["a clientId that is not a string", { ...event(), callerContext: { clientId: 1 } }, /callerContext.clientId must be a string/],
    ];
    for (const [what, input, message] of malformed) {
        it(`rejects ${what}, and logs nothing`, async () => {
            await assert.rejects(handler(input), message);
            assert.equal(lines.length, 0);
        });
    }
});
