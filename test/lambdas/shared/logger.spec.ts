import * as assert from "node:assert/strict";
import { createLogger } from "../../../lambdas/shared/logger";

describe("lambdas/shared/logger", () => {
    it("writes one JSON line per entry, naming the function as the service, at INFO by default", () => {
        const logger = createLogger("preSignUp");
        const written: string[] = [];
        const stdout = Object.getOwnPropertyDescriptor(process.stdout, "write");
        Object.defineProperty(process.stdout, "write", {
            configurable: true,
            value: (chunk: string | Uint8Array) => written.push(String(chunk)) > 0,
        });
        try {
            logger.debug("not shown");
            logger.info("pre sign-up", { userName: "u1" });
        } finally {
            if (stdout) {
                Object.defineProperty(process.stdout, "write", stdout);
            } else {
                delete (process.stdout as { write?: unknown }).write;
            }
        }
        assert.equal(written.length, 1, written.join(""));
        const line = JSON.parse(written[0]) as Record<string, unknown>;
        assert.deepEqual([line.level, line.message, line.service, line.userName], ["INFO", "pre sign-up", "preSignUp", "u1"]);
    });
});
