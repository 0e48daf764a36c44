/**
 * The resolver bundles as AppSync receives them: ES modules that import only the runtime's
 * module, carry the stack's settings, stay within the syntax APPSYNC_JS runs and under its size
 * limit; and the schema as deployed, read with graphql-js.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Linter } from "eslint";
import { buildASTSchema, GraphQLObjectType, Kind, parse, type DirectiveNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from "graphql";
import { GRAPHQL_OPERATIONS } from "../../components/graphqlApi";
import { bundleResolver, GRAPHQL_DIR, MAX_RESOLVER_CODE, RESOLVER_NAMES, renderSchema, settingsModule } from "../../graphql/bundle";
import { SETTINGS } from "./harness";

const appsyncJs = JSON.parse(fs.readFileSync(path.join(GRAPHQL_DIR, "appsyncJs.json"), "utf8")) as { restrictedSyntax: { selector: string; message: string }[] };

/** Lints code with the APPSYNC_JS rules of eslint.config.mjs. */
function appsyncProblems(code: string): string[] {
    const linter = new Linter({ configType: "flat" });
    return linter
        .verify(code, [{ languageOptions: { sourceType: "module", ecmaVersion: "latest" }, rules: { "no-restricted-syntax": ["error", ...appsyncJs.restrictedSyntax], "no-undef": "error" } }])
        .map((m) => `${m.line}:${m.column} ${m.message}`);
}

describe("graphql/bundle: resolver code", () => {
    for (const name of RESOLVER_NAMES) {
        it(`${name}: an ES module exporting request and response, with the stack's settings, in APPSYNC_JS's syntax`, async () => {
            const code = await bundleResolver(name, SETTINGS);
            assert.deepEqual(appsyncProblems(code), []);
            assert.match(code, /^export \{[^}]*\brequest\b[^}]*\bresponse\b[^}]*\};?$/m);
            assert.deepEqual([...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]).filter((m, i, all) => all.indexOf(m) === i), code.includes("@aws-appsync/utils") ? ["@aws-appsync/utils"] : []);
            assert.ok(code.length < MAX_RESOLVER_CODE, `${code.length} characters`);
            assert.ok(code.includes(`"${SETTINGS.identityPoolId}"`) || !code.includes("IDENTITY_POOL_ID"), "the identity pool id is written in");
            assert.ok(!/ = "";/.test(code), "no empty default of settings.js is left in");
        });
    }

    it("the APPSYNC_JS rules find what the runtime does not run", () => {
        const problems = appsyncProblems('import fs from "node:fs";\nexport function request(ctx) { try { ctx.n++; } catch (e) { throw e; } for (let i = 0; i < 2; i += 1) {} return /x/.test(ctx) || "a" in ctx || process || new Date(); }\n');
        assert.deepEqual(problems.map((p) => p.replace(/^\d+:\d+ /, "")).sort(), [
            "'process' is not defined.",
            "APPSYNC_JS has no ++ or --: write x += 1",
            "APPSYNC_JS has no for(;;) loop: use for-of or an array method",
            "APPSYNC_JS has no in operator: use Object.hasOwn",
            "APPSYNC_JS has no throw: use util.error or util.unauthorized",
            "APPSYNC_JS has no try/catch/finally: report problems with util.error",
            "a resolver imports only @aws-appsync/utils and the modules beside it",
            "the resolvers create no objects with new: use literals and util",
            "the resolvers use util.matches instead of regular expression literals",
        ].sort());
    });

    it("writes the settings as literal values", () => {
        assert.equal(
            settingsModule({ userPoolIssuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X", identityPoolId: "eu-west-1:1", adminGroups: ['a"b', "ops"], partitionKey: "pk", sortKey: "sk" }),
            'export const USER_POOL_ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X";\nexport const IDENTITY_POOL_ID = "eu-west-1:1";\nexport const ADMIN_GROUPS = ["a\\"b","ops"];\nexport const PARTITION_KEY = "pk";\nexport const SORT_KEY = "sk";\n',
        );
    });

    it("keeps bundles on disk, one per resolver and settings, the same as a fresh build", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "resolvers-"));
        const code = await bundleResolver("getItem", SETTINGS, { cacheDir: dir });
        assert.equal(fs.readdirSync(dir).length, 1);
        assert.equal(await bundleResolver("getItem", SETTINGS, { cacheDir: dir }), code);
        await bundleResolver("getItem", { ...SETTINGS, identityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" }, { cacheDir: dir });
        await bundleResolver("listItems", SETTINGS, { cacheDir: dir });
        assert.equal(fs.readdirSync(dir).length, 3);
        assert.equal(await bundleResolver("getItem", SETTINGS, { cacheDir: false }), code);
        fs.rmSync(dir, { recursive: true });
    });

    it("refuses a resolver name it does not have", async () => {
        await assert.rejects(bundleResolver("scan" as never, SETTINGS), /^Error: Unknown resolver "scan"; use one of me, getItem, listItems, putItem, deleteItem, userItems$/);
    });
});

/** AppSync's own scalars and directives, which a schema uses without declaring them. */
const APPSYNC_DECLARATIONS = `
scalar AWSDateTime
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
`;

function directives(node: { directives?: readonly DirectiveNode[] }): Map<string, DirectiveNode> {
    return new Map((node.directives ?? []).map((d) => [d.name.value, d]));
}

function groupsOf(d: DirectiveNode | undefined): string[] | undefined {
    const arg = d?.arguments?.find((a) => a.name.value === "cognito_groups");
    return arg?.value.kind === Kind.LIST ? arg.value.values.map((v) => (v.kind === Kind.STRING ? v.value : "?")) : undefined;
}

describe("graphql/schema.graphql", () => {
    const sdl = renderSchema(["ops", 'we"ird']);
    const doc = parse(sdl + APPSYNC_DECLARATIONS);
    const schema = buildASTSchema(doc);
    const types = new Map(doc.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION).map((d) => [d.name.value, d]));
    const fields = (type: string): FieldDefinitionNode[] => [...(types.get(type)?.fields ?? [])];

    it("has exactly the operations the component resolves", () => {
        const declared = ["Query", "Mutation"].flatMap((t) => fields(t).map((f) => `${t}.${f.name.value}`));
        assert.deepEqual(declared.sort(), GRAPHQL_OPERATIONS.map((o) => `${o.type}.${o.field}`).sort());
    });

    it("lets IAM callers reach exactly the operations meant for them, and user-pool callers every one", () => {
        for (const op of GRAPHQL_OPERATIONS) {
            const field = fields(op.type).find((f) => f.name.value === op.field)!;
            const d = directives(field);
            assert.equal(d.has("aws_iam"), op.iam !== "none", `${op.type}.${op.field} @aws_iam`);
            assert.ok(d.has("aws_cognito_user_pools"), `${op.type}.${op.field} @aws_cognito_user_pools`);
        }
    });

    it("limits the admin operation to the admin groups written in", () => {
        for (const op of GRAPHQL_OPERATIONS) {
            const field = fields(op.type).find((f) => f.name.value === op.field)!;
            assert.deepEqual(groupsOf(directives(field).get("aws_cognito_user_pools")), op.admin ? ["ops", 'we"ird'] : undefined, `${op.type}.${op.field}`);
        }
        assert.equal(sdl.match(/cognito_groups:/g)?.length, 1);
    });

    it("marks every type an IAM field returns for both modes (AppSync checks types too)", () => {
        const returned = (t: string): string[] => {
            const type = schema.getType(t);
            return type instanceof GraphQLObjectType ? [t, ...Object.values(type.getFields()).flatMap((f) => { const named = f.type.toString().replace(/[[\]!]/g, ""); return named === t ? [] : returned(named); })] : [];
        };
        const reached = new Set(GRAPHQL_OPERATIONS.filter((o) => o.iam !== "none").flatMap((o) => returned(schema.getType(o.type) instanceof GraphQLObjectType ? (schema.getType(o.type) as GraphQLObjectType).getFields()[o.field].type.toString().replace(/[[\]!]/g, "") : "")));
        assert.deepEqual([...reached].sort(), ["Caller", "Item", "ItemPage"]);
        for (const t of reached) {
            const d = directives(types.get(t)!);
            assert.ok(d.has("aws_iam") && d.has("aws_cognito_user_pools"), `type ${t}`);
        }
    });
});
