/**
 * The floor of the plan benchmark: a process that only loads @pulumi/aws and registers as many
 * mocked resources as the plan has, which every Pulumi program of that size pays.
 *
 *   node bin/tools/benchFloor.js <custom resources> <components>
 */
import * as pulumi from "@pulumi/pulumi";

const [customCount, componentCount] = process.argv.slice(2).map(Number);
if (!Number.isInteger(customCount) || !Number.isInteger(componentCount)) {
    process.stderr.write("usage: node bin/tools/benchFloor.js <custom resources> <components>\n");
    process.exit(2);
}

void pulumi.runtime.setMocks(
    {
        newResource: (args) => ({ id: `${args.name}-id`, state: { ...(args.inputs as Record<string, unknown>), arn: `arn:aws:s3:::${args.name}` } }),
        call: (args) => args.inputs as Record<string, unknown>,
    },
    "floor",
    "bench",
    false,
);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");

class Group extends pulumi.ComponentResource {
    constructor(name: string) {
        super("floor:bench:Group", name);
        this.registerOutputs({});
    }
}

const groups = Array.from({ length: componentCount }, (_, i) => new Group(`group-${i}`));
const urns = Array.from({ length: customCount }, (_, i) =>
    new aws.s3.Bucket(`bucket-${i}`, { tags: { index: String(i) } }, groups.length > 0 ? { parent: groups[i % groups.length] } : {}).urn,
);
pulumi.all([...urns, ...groups.map((g) => g.urn)]).apply((all) => process.stdout.write(`${all.length} resources registered\n`));
