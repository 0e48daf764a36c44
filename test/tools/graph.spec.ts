import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { dotLabel, mermaidLabel, parseArgs, readmeBlock, readmeGraph, renderDot, renderMermaid, updateReadme } from "../../tools/graph";
import type { Plan, PlanResource } from "../../tools/planTypes";
import { ROOT, realPlan } from "../helpers/plans";

const urn = (type: string, name: string, parentType?: string): string =>
    `urn:pulumi:dev::demo::${parentType ? `${parentType}$` : ""}${type}::${name}`;

function resource(type: string, name: string, over: Partial<PlanResource> = {}): PlanResource {
    return {
        urn: urn(type, name),
        type,
        name,
        custom: !type.startsWith("demo:"),
        parent: null,
        dependencies: [],
        props: {},
        options: { protect: false, retainOnDelete: false, ignoreChanges: [], deleteBeforeReplace: false },
        ...over,
    };
}

/** Two components, a resource outside both, and dependencies with duplicates. */
function smallPlan(): Plan {
    const pool = resource("demo:auth:Pool", "auth");
    const data = resource("demo:data:Data", "data");
    const userPool = resource("aws:cognito/userPool:UserPool", "auth-pool", { urn: urn("aws:cognito/userPool:UserPool", "auth-pool", pool.type), parent: pool.urn });
    const client = resource("aws:cognito/userPoolClient:UserPoolClient", "auth-web", {
        urn: urn("aws:cognito/userPoolClient:UserPoolClient", "auth-web", pool.type), parent: pool.urn, dependencies: [userPool.urn],
    });
    const table = resource("aws:dynamodb/table:Table", "data-table", {
        urn: urn("aws:dynamodb/table:Table", "data-table", data.type), parent: data.urn, dependencies: [userPool.urn, client.urn],
    });
    const policy = resource("aws:iam/rolePolicy:RolePolicy", "data-policy", {
        urn: urn("aws:iam/rolePolicy:RolePolicy", "data-policy", data.type), parent: data.urn, dependencies: [table.urn, userPool.urn],
    });
    const topic = resource("aws:sns/topic:Topic", "alerts", { dependencies: [pool.urn] });
    return { project: "demo", stack: "dev", resources: [pool, userPool, client, data, table, policy, topic], outputs: {} };
}

describe("npm run graph", () => {
    it("groups resources by component and draws one arrow per pair of components (Mermaid)", () => {
        assert.equal(renderMermaid(smallPlan()), [
            "flowchart LR",
            '    subgraph Pool_auth["Pool: auth"]',
            '        UserPool_auth_pool["UserPool: auth-pool"]',
            '        UserPoolClient_auth_web["UserPoolClient: auth-web"]',
            "    end",
            '    subgraph Data_data["Data: data"]',
            '        Table_data_table["Table: data-table"]',
            '        RolePolicy_data_policy["RolePolicy: data-policy"]',
            "    end",
            '    Topic_alerts["Topic: alerts"]',
            "    Data_data --> Pool_auth",
            "    Topic_alerts --> Pool_auth",
            "",
        ].join("\n"));
    });

    it("draws every resource dependency once with --detail, inside-component ones too", () => {
        const text = renderMermaid(smallPlan(), { detail: true });
        const edges = text.split("\n").filter((l) => l.includes("-->"));
        assert.deepEqual(edges, [
            "    RolePolicy_data_policy --> Table_data_table",
            "    RolePolicy_data_policy --> UserPool_auth_pool",
            "    Table_data_table --> UserPoolClient_auth_web",
            "    Table_data_table --> UserPool_auth_pool",
            "    Topic_alerts --> Pool_auth",
            "    UserPoolClient_auth_web --> UserPool_auth_pool",
        ]);
    });

    it("renders DOT clusters, arrows between clusters clipped at their borders", () => {
        assert.equal(renderDot(smallPlan()), [
            'digraph "demo-dev" {',
            "    rankdir=LR;",
            "    compound=true;",
            "    node [shape=box];",
            '    subgraph "cluster_Pool_auth" {',
            '        label="Pool: auth";',
            '        "UserPool_auth_pool" [label="UserPool: auth-pool"];',
            '        "UserPoolClient_auth_web" [label="UserPoolClient: auth-web"];',
            "    }",
            '    subgraph "cluster_Data_data" {',
            '        label="Data: data";',
            '        "Table_data_table" [label="Table: data-table"];',
            '        "RolePolicy_data_policy" [label="RolePolicy: data-policy"];',
            "    }",
            '    "Topic_alerts" [label="Topic: alerts"];',
            '    "Table_data_table" -> "UserPool_auth_pool" [ltail="cluster_Data_data", lhead="cluster_Pool_auth"];',
            '    "Topic_alerts" -> "UserPool_auth_pool" [lhead="cluster_Pool_auth"];',
            "}",
            "",
        ].join("\n"));
    });

    it("escapes labels: quotes, #, <, >, & and backticks in Mermaid; quotes, backslashes and newlines in DOT", () => {
        assert.equal(mermaidLabel('a "b" #1 <c> & `d`'), '"a #quot;b#quot; #35;1 #lt;c#gt; #amp; #96;d#96;"');
        assert.equal(mermaidLabel("two\nlines"), '"two lines"');
        assert.equal(dotLabel('a "b" \\ c\nd'), '"a \\"b\\" \\\\ c\\nd"');
        const plan = smallPlan();
        plan.resources[6] = { ...plan.resources[6], name: 'alerts "prod"' };
        assert.match(renderMermaid(plan), /Topic_alerts__prod_\["Topic: alerts #quot;prod#quot;"\]/);
        assert.match(renderDot(plan), /"Topic_alerts__prod_" \[label="Topic: alerts \\"prod\\""\];/);
    });

    it("is deterministic whatever the order of the plan's resources", () => {
        const plan = smallPlan();
        const reversed = { ...plan, resources: [...plan.resources].reverse() };
        assert.equal(renderMermaid(reversed), renderMermaid(plan));
        assert.equal(renderDot(reversed, { detail: true }), renderDot(plan, { detail: true }));
    });

    it("replaces only the text between a stack's README markers, and names missing markers", () => {
        const readme = "# Title\n<!-- graph:dev:start -->\nold\n<!-- graph:dev:end -->\nafter\n";
        assert.equal(updateReadme(readme, smallPlan()), `# Title\n<!-- graph:dev:start -->${readmeBlock(smallPlan())}<!-- graph:dev:end -->\nafter\n`);
        assert.throws(() => readmeGraph("# no markers\n", "dev"),
            /^Error: README\.md has no <!-- graph:dev:start --> \.\.\. <!-- graph:dev:end --> markers: add them where the graph of stack dev belongs$/);
    });

    it("parses its arguments and refuses what it cannot do", () => {
        assert.deepEqual(parseArgs(["--stack", "dev", "--format", "dot", "--detail", "--out", "g.dot"]), { stack: "dev", format: "dot", detail: true, out: "g.dot", updateReadme: false });
        assert.throws(() => parseArgs(["--stack", "dev", "--format", "svg"]), /^Error: --format must be mermaid or dot \(received: svg\)$/);
        assert.throws(() => parseArgs(["--format", "dot"]), /^Error: --stack is required$/);
        assert.throws(() => parseArgs(["--stack", "dev", "--update-readme", "--detail"]), /--update-readme writes the default Mermaid picture/);
    });

    it("README.md shows the current graph of the dev stack (regenerate: npm run graph -- --stack dev --update-readme)", async function () {
        this.timeout(120_000);
        const plan = await realPlan("dev");
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const { start, end } = readmeGraph(readme, "dev");
        assert.equal(readme.slice(start, end), readmeBlock(plan), "README.md's dev graph is stale: run npm run graph -- --stack dev --update-readme");
        // Every component of the plan appears as a group.
        for (const c of plan.resources.filter((r) => !r.custom)) {
            assert.ok(readme.slice(start, end).includes(`["${c.type.split(":").pop()}: ${c.name}"]`), `component ${c.name} missing from the graph`);
        }
    });
});
