import * as assert from "node:assert/strict";
import { renderPlanTree } from "../../tools/tree";
import type { Plan, PlanResource } from "../../tools/planTypes";

const options = { protect: false, retainOnDelete: false, ignoreChanges: [], deleteBeforeReplace: false };
const res = (type: string, name: string, parent: string | null, extra: Partial<PlanResource["options"]> = {}): PlanResource => ({
    urn: `urn:pulumi:dev::p::${type}::${name}`,
    type,
    name,
    custom: true,
    parent,
    dependencies: [],
    props: {},
    options: { ...options, ...extra },
});

describe("renderPlanTree", () => {
    it("lays the plan out like pulumi preview, with option markers, outputs and the count", () => {
        const comp = res("p:x:Comp", "comp", null);
        const plan: Plan = {
            project: "p",
            stack: "dev",
            resources: [comp, res("aws:iam/role:Role", "role", comp.urn, { protect: true, retainOnDelete: true }), res("aws:s3/bucket:Bucket", "b", null, { ignoreChanges: ["tags"] })],
            outputs: { url: "https://x", ids: ["a"] },
        };
        assert.equal(
            renderPlanTree(plan),
            [
                "Previewing update (dev):",
                "     Type                     Name   Plan    Info",
                " +   pulumi:pulumi:Stack      p-dev  create",
                " +   ├─ p:x:Comp              comp   create",
                " +   │  └─ aws:iam/role:Role  role   create  [protect; retainOnDelete]",
                " +   └─ aws:s3/bucket:Bucket  b      create  [ignoreChanges: tags]",
                "",
                "Outputs:",
                '    url: "https://x"',
                "    ids: [",
                '      "a"',
                "    ]",
                "",
                "Resources:",
                "    + 4 to create",
                "",
            ].join("\n"),
        );
    });
});
