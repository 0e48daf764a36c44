import * as assert from "node:assert/strict";
import { start } from "../../tools/start";

describe("npm start", function () {
    this.timeout(120_000);

    it("prints the dev plan as a preview, then checks that same plan with the dev policy config", async () => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await start({ out: (t) => out.push(t), err: (t) => err.push(t) });
        assert.equal(code, 0, err.join("\n"));
        assert.equal(out.length, 2);
        assert.match(out[0], /^Previewing update \(dev\):\n/);
        assert.match(out[0], /aws:cognito\/userPool:UserPool +auth +create/);
        // dev lowers four policies to advisory, each with a reason in policies/config/dev.json.
        assert.match(out[1], /\ndev: 0 mandatory, \d+ advisory violation\(s\)\.$/);
    });
});
