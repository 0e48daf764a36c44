import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { policies } from "../../policies/all";
import { anchorIds, anchorProblems, CONTROLS, controlSource, type Anchors, type ControlId } from "../../policies/lib/anchors";
import { anchorsMarkdown, README, readmeAnchors, updateReadme } from "../../tools/anchors";

describe("anchors: the well-known controls each policy maps to", () => {
    it("every policy of the pack names the controls it covers or goes beyond, or why none matches", () => {
        const problems = policies.flatMap((p) => anchorProblems(p));
        assert.deepEqual(problems, [], `\n  ${problems.join("\n  ")}\n`);
    });

    it("tells the author of a policy without anchors exactly what to add", () => {
        assert.deepEqual(anchorProblems({ name: "appsync-api-auth" }), [
            'policy "appsync-api-auth" has no anchors: add anchors: { covers: ["<control id>"], beyond: ["<control id>"] }  or  anchors: { none: "<why no published control matches>" } next to its description (ids and titles: policies/lib/anchors.ts CONTROLS; see policies/README.md#well-known-controls)',
        ]);
    });

    it("refuses empty, contradictory, unknown and repeated anchors, all at once", () => {
        const check = (anchors: unknown): string[] => anchorProblems({ name: "p", anchors: anchors as Anchors });
        assert.deepEqual(check({}), ['policy "p" names no control and gives no reason: add anchors: { covers: ["<control id>"], beyond: ["<control id>"] }  or  anchors: { none: "<why no published control matches>" }']);
        assert.deepEqual(check({ none: "   " }), check({}));
        assert.deepEqual(check({ covers: [], beyond: [] }), check({}));
        assert.deepEqual(check({ covers: ["Cognito.2"], none: "nothing matches" }), ['policy "p" names controls and also says none matches: keep one of covers/beyond or none']);
        assert.deepEqual(check({ covers: ["Cognito.99", "CKV_AWS_366"], beyond: ["CKV_AWS_366"] }), [
            'policy "p" names "Cognito.99", which is not in CONTROLS: use a published id (AwsSolutions-*, CKV_AWS_*, CKV2_AWS_*, <Service>.<n>) and add it to policies/lib/anchors.ts with its publisher\'s title',
            'policy "p" names CKV_AWS_366 twice: list each control once, in covers or in beyond',
        ]);
        assert.deepEqual(check({ covers: ["toString"] }).length, 1, "an inherited property name is no control");
        assert.deepEqual(check({ covers: ["Cognito.2"] }), []);
        assert.deepEqual(check({ none: "No published control checks this." }), []);
    });

    it("anchorIds lists covers then beyond, and nothing for a policy without anchors", () => {
        assert.deepEqual(anchorIds({ covers: ["Cognito.2"], beyond: ["CKV_AWS_366", "AwsSolutions-COG1"] }), ["Cognito.2", "CKV_AWS_366", "AwsSolutions-COG1"]);
        assert.deepEqual(anchorIds({ beyond: ["CKV_AWS_366"] }), ["CKV_AWS_366"]);
        assert.deepEqual(anchorIds({ none: "No published control checks this." }), []);
        assert.deepEqual(anchorIds(undefined), []);
    });

    it("every catalogued id has its publisher's format, a title, and is named by some policy", () => {
        const used = new Set(policies.flatMap((p) => anchorIds(p.anchors)));
        for (const [id, title] of Object.entries(CONTROLS)) {
            assert.match(id, /^(AwsSolutions-[A-Z]+[0-9]+|CKV2?_AWS_[0-9]+|[A-Za-z][A-Za-z0-9]*\.[0-9]+)$/, id);
            assert.ok(title.length > 10, `${id} has a title`);
            assert.ok(used.has(id as ControlId), `${id} is catalogued but no policy names it: remove it or anchor a policy to it`);
        }
    });

    it("links each control to where its publisher defines it", () => {
        assert.deepEqual(controlSource("Cognito.5"), { source: "AWS Security Hub", url: "https://docs.aws.amazon.com/securityhub/latest/userguide/cognito-controls.html#cognito-5" });
        assert.deepEqual(controlSource("APIGateway.4"), { source: "AWS Security Hub", url: "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4" });
        assert.deepEqual(controlSource("AwsSolutions-COG2"), { source: "cdk-nag", url: "https://github.com/cdklabs/cdk-nag/blob/main/RULES.md#awssolutions" });
        assert.deepEqual(controlSource("CKV2_AWS_65"), { source: "Checkov", url: "https://www.checkov.io/5.Policy%20Index/terraform.html" });
    });

    it("maps the policies auditors ask about first to their controls", () => {
        const of = (name: string): Anchors | undefined => policies.find((p) => p.name === name)?.anchors;
        assert.deepEqual(of("cognito-user-pool-mfa"), { covers: ["AwsSolutions-COG2"], beyond: ["Cognito.5"] });
        assert.deepEqual(of("cognito-identity-pool-unauthenticated-access"), { covers: ["Cognito.2", "AwsSolutions-COG7", "CKV_AWS_366"] });
        assert.deepEqual(of("s3-bucket-tls-only"), { covers: ["S3.5", "AwsSolutions-S10"] });
        assert.match(of("cognito-client-privileged-attributes")?.none ?? "", /^No published control checks which attributes app clients let users write\.$/);
    });

    it("policies/README.md shows the current table (regenerate: npm run anchors -- --update-readme)", () => {
        const readme = fs.readFileSync(README, "utf8");
        const { start, end } = readmeAnchors(readme);
        assert.equal(readme.slice(start, end), anchorsMarkdown(), "policies/README.md's table of well-known controls is stale: run npm run anchors -- --update-readme");
        const row = anchorsMarkdown().split("\n").find((l) => l.startsWith("| cognito-user-pool-threat-protection |"));
        assert.equal(row, "| cognito-user-pool-threat-protection | Cognito.1, AwsSolutions-COG3 | AwsSolutions-COG8 |  |");
        assert.match(anchorsMarkdown(), /^\| \[CKV_AWS_366\]\(https:\/\/www\.checkov\.io\/5\.Policy%20Index\/terraform\.html\) \| Checkov \| Ensure AWS Cognito identity pool does not allow unauthenticated guest access \|$/m);
    });

    it("the README's policy-pack section counts the rules of the pack", () => {
        const readme = fs.readFileSync(path.join(path.dirname(README), "..", "README.md"), "utf8");
        assert.match(readme, new RegExp(`^${policies.length} rules in nine areas,`, "m"), `README.md's "## Policy pack" names another count than the ${policies.length} policies of policies/all.ts: update it`);
    });

    it("replaces only the text between the markers, and names missing markers", () => {
        const updated = updateReadme("# t\n<!-- anchors:start -->old<!-- anchors:end -->\ntail\n", policies.slice(0, 1));
        assert.match(updated, /^# t\n<!-- anchors:start -->\n\| Policy \|[^]*\| cognito-user-pool-mfa \| AwsSolutions-COG2 \| Cognito\.5 \| {2}\|[^]*<!-- anchors:end -->\ntail\n$/);
        assert.throws(() => updateReadme("# no markers"), /^Error: policies\/README\.md has no <!-- anchors:start --> \.\.\. <!-- anchors:end --> markers: add them where the table of well-known controls belongs$/);
    });
});
