/**
 * How the runner calls policies and turns what they report or throw into violations, with small
 * policies of the test's own over a two-resource plan, so every field of a violation is written out.
 */
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { Policies, PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy, validateResourceOfType, validateStackResourcesOfType } from "@pulumi/policy";
import { userPoolMfa } from "../../policies/cognito";
import { UndecidedError, unknownStringSentinel } from "../../policies/lib/unknowns";
import { MalformedValueError } from "../../policies/lib/values";
import { PlanLike, PolicyConfigError, PolicyRunError, Violation, runPolicyPack } from "../../policies/runner";

const poolType = "aws:cognito/userPool:UserPool";
const clientType = "aws:cognito/userPoolClient:UserPoolClient";
const poolUrn = `urn:pulumi:dev::proj::${poolType}::pool`;
const clientUrn = `urn:pulumi:dev::proj::${clientType}::client`;
const stackUrn = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";

function plan(): PlanLike {
    return {
        project: "proj",
        stack: "dev",
        resources: [
            {
                urn: poolUrn,
                type: poolType,
                name: "pool",
                parent: null,
                dependencies: [],
                props: { name: "users", mfaConfiguration: "ON" },
                options: { protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: false },
                outputs: { arn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/p", mfaConfiguration: "OPTIONAL" },
            },
            {
                urn: clientUrn,
                type: clientType,
                name: "client",
                parent: poolUrn,
                dependencies: [poolUrn, "urn:pulumi:dev::proj::aws:iam/role:Role::not-in-plan"],
                props: { userPoolId: "p", generateSecret: false },
                options: { protect: false, ignoreChanges: [], deleteBeforeReplace: true },
            },
        ],
    };
}

const base = { description: "Checks whether the test holds.", enforcementLevel: "mandatory" as const };

function resourcePolicy(name: string, validateResource: ResourceValidationPolicy["validateResource"], extra: Partial<ResourceValidationPolicy> = {}): ResourceValidationPolicy {
    return { name, ...base, validateResource, ...extra };
}

function stackPolicy(name: string, validateStack: StackValidationPolicy["validateStack"], extra: Partial<StackValidationPolicy> = {}): StackValidationPolicy {
    return { name, ...base, validateStack, ...extra };
}

const noAnchors = { covers: [], beyond: [] };

async function runOnly(policies: Policies, config: unknown = {}, p: PlanLike = plan()): Promise<Violation[]> {
    return runPolicyPack(p, config, { policies });
}

describe("policy runner: violations", () => {
    it("reports each resource policy's violations in policy order, then resource order, with every field", async () => {
        const policies = [
            resourcePolicy("test-names", (args, report) => report(`${args.name} is ${args.type}`), { severity: "low", anchors: { covers: ["Cognito.1"], beyond: ["AwsSolutions-COG2"] } }),
            resourcePolicy("test-second", (args, report) => {
                if (args.name === "client") {
                    report("second");
                }
            }, { enforcementLevel: "advisory" }),
        ];
        assert.deepEqual(await runOnly(policies), [
            { policy: "test-names", enforcementLevel: "mandatory", severity: "low", urn: poolUrn, message: `pool is ${poolType}`, description: base.description, anchors: { covers: ["Cognito.1"], beyond: ["AwsSolutions-COG2"] } },
            { policy: "test-names", enforcementLevel: "mandatory", severity: "low", urn: clientUrn, message: `client is ${clientType}`, description: base.description, anchors: { covers: ["Cognito.1"], beyond: ["AwsSolutions-COG2"] } },
            { policy: "test-second", enforcementLevel: "advisory", severity: undefined, urn: clientUrn, message: "second", description: base.description, anchors: noAnchors },
        ]);
    });

    it("gives each violation its own copy of the anchors", async () => {
        const anchors = { covers: ["Cognito.1" as const], beyond: [] };
        const [first, second] = await runOnly([resourcePolicy("test-anchors", (_args, report) => report("x"), { anchors })]);
        first.anchors.covers.push("Cognito.3");
        assert.deepEqual(anchors.covers, ["Cognito.1"]);
        assert.deepEqual(second.anchors, { covers: ["Cognito.1", "Cognito.3"], beyond: [] });
        assert.deepEqual(anchors, { covers: ["Cognito.1"], beyond: [] });
    });

    it("reports under another resource's URN when the policy names one", async () => {
        const v = await runOnly([resourcePolicy("test-urn", (args, report) => {
            if (args.name === "pool") {
                report("elsewhere", "urn:other");
            }
        })]);
        assert.deepEqual(v.map((x) => x.urn), ["urn:other"]);
    });

    it("reports a stack policy's violation on the stack unless it names a resource", async () => {
        const v = await runOnly([stackPolicy("test-stack", (_args, report) => {
            report("on the stack");
            report("on the pool", poolUrn);
        })]);
        assert.deepEqual(v, [
            { policy: "test-stack", enforcementLevel: "mandatory", severity: undefined, urn: stackUrn, message: "on the stack", description: base.description, anchors: noAnchors },
            { policy: "test-stack", enforcementLevel: "mandatory", severity: undefined, urn: poolUrn, message: "on the pool", description: base.description, anchors: noAnchors },
        ]);
    });

    it("runs resource and stack policies in the order given", async () => {
        const v = await runOnly([
            stackPolicy("test-a", (_args, report) => report("a")),
            resourcePolicy("test-b", (args, report) => report(`b ${args.name}`)),
            stackPolicy("test-c", (_args, report) => report("c")),
        ]);
        assert.deepEqual(v.map((x) => x.message), ["a", "b pool", "b client", "c"]);
    });

    it("runs every validation of a policy given as a list, each over every resource", async () => {
        const v = await runOnly([resourcePolicy("test-list", [(args, report) => report(`one ${args.name}`), (args, report) => report(`two ${args.name}`)])]);
        assert.deepEqual(v.map((x) => x.message), ["one pool", "one client", "two pool", "two client"]);
    });

    it("calls a validation bound to a type only on resources of that type", async () => {
        const seen: string[] = [];
        await runOnly([resourcePolicy("test-bound", [
            validateResourceOfType(aws.cognito.UserPoolClient, (_props, args) => {
                seen.push(`client-only ${args.name}`);
            }),
            (args) => {
                seen.push(`any ${args.name}`);
            },
        ])]);
        assert.deepEqual(seen, ["client-only client", "any pool", "any client"]);
    });

    for (const validateResource of [undefined, null]) {
        it(`skips a policy that declares no validation (validateResource: ${validateResource})`, async () => {
            const policy = { name: "test-empty", ...base, validateResource } as unknown as ResourceValidationPolicy;
            assert.deepEqual(await runOnly([policy, stackPolicy("test-after", (_a, report) => report("after"))]), [
                { policy: "test-after", enforcementLevel: "mandatory", severity: undefined, urn: stackUrn, message: "after", description: base.description, anchors: noAnchors },
            ]);
        });
    }
});

describe("policy runner: enforcement levels", () => {
    const reportAll = resourcePolicy("test-level", (args, report) => report(args.name));

    const cases: [string, unknown, string[]][] = [
        ["the policy's own level", {}, ["mandatory", "mandatory"]],
        ["a configured advisory level", { "test-level": { enforcementLevel: "advisory", reason: "trial" } }, ["advisory", "advisory"]],
        ["remediate, reported as mandatory", { "test-level": "remediate" }, ["mandatory", "mandatory"]],
        ["disabled", { "test-level": { enforcementLevel: "disabled", reason: "not here" } }, []],
        ["'all' set to advisory", { all: { enforcementLevel: "advisory", reason: "audit" } }, ["advisory", "advisory"]],
    ];
    for (const [what, config, expected] of cases) {
        it(`uses ${what}`, async () => {
            assert.deepEqual((await runOnly([reportAll], config)).map((v) => v.enforcementLevel), expected);
        });
    }

    it("takes the pack default when a policy states no level", async () => {
        const policy = { name: "test-nolevel", description: base.description, validateResource: (_a: ResourceValidationArgs, report: (m: string) => void) => report("x") } as unknown as ResourceValidationPolicy;
        assert.deepEqual((await runOnly([policy])).map((v) => v.enforcementLevel), ["mandatory", "mandatory"]);
    });
});

describe("policy runner: what a policy throws", () => {
    it("turns a malformed value into a mandatory violation naming the field, even for an advisory policy", async () => {
        const v = await runOnly([resourcePolicy("test-malformed", (args) => {
            if (args.name === "client") {
                throw new MalformedValueError("generateSecret", "a boolean", "yes");
            }
        }, { enforcementLevel: "advisory", severity: "high" })]);
        assert.deepEqual(v, [{
            policy: "test-malformed",
            enforcementLevel: "mandatory",
            severity: "high",
            urn: clientUrn,
            message: 'generateSecret must be a boolean (received: "yes"): give the value the provider expects.',
            description: base.description,
            anchors: noAnchors,
            malformed: { field: "generateSecret" },
        }]);
    });

    it("reports a malformed value a stack policy reads on the resource holding it", async () => {
        const v = await runOnly([stackPolicy("test-malformed-stack", () => {
            throw new MalformedValueError("userPoolId", "a string", 3, clientUrn);
        })]);
        assert.deepEqual(v.map((x) => [x.urn, x.enforcementLevel, x.message, x.malformed]), [[clientUrn, "mandatory", "userPoolId must be a string (received: 3): give the value the provider expects.", { field: "userPoolId" }]]);
    });

    it("reports a malformed value of a stack policy without a resource on the stack", async () => {
        const v = await runOnly([stackPolicy("test-malformed-stack", () => {
            throw new MalformedValueError("roles", "an object", null);
        })]);
        assert.deepEqual(v.map((x) => x.urn), [stackUrn]);
    });

    it("turns an unknown value into an advisory 'can't run' violation, even for a mandatory policy", async () => {
        const v = await runOnly([stackPolicy("test-undecided", () => {
            throw new UndecidedError("cannot decide yet: the arn is not known");
        }, { severity: "medium" })]);
        assert.deepEqual(v, [{
            policy: "test-undecided",
            enforcementLevel: "advisory",
            severity: "medium",
            urn: stackUrn,
            message: "can't run policy 'test-undecided' from policy pack 'cognito-stack@v0.1.0' during preview: cannot decide yet: the arn is not known",
            description: base.description,
            anchors: noAnchors,
            undecided: true,
        }]);
    });

    it("keeps the violations a policy reported before it threw, and goes on with the next resource", async () => {
        const v = await runOnly([resourcePolicy("test-partial", (args, report) => {
            report(`first ${args.name}`);
            throw new UndecidedError(`later ${args.name}`);
        })]);
        assert.deepEqual(v.map((x) => [x.urn, x.enforcementLevel, x.message]), [
            [poolUrn, "mandatory", "first pool"],
            [poolUrn, "advisory", "can't run policy 'test-partial' from policy pack 'cognito-stack@v0.1.0' during preview: later pool"],
            [clientUrn, "mandatory", "first client"],
            [clientUrn, "advisory", "can't run policy 'test-partial' from policy pack 'cognito-stack@v0.1.0' during preview: later client"],
        ]);
    });

    it("fails with PolicyRunError naming the policy and resource when a policy has a defect", async () => {
        const defect = new TypeError("Cannot read properties of undefined (reading 'x')");
        const policy = resourcePolicy("test-defect", (args) => {
            if (args.name === "client") {
                throw defect;
            }
        });
        const error = await runOnly([policy]).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof PolicyRunError);
        assert.equal(error.message, `policy 'test-defect' failed on ${clientUrn}: Cannot read properties of undefined (reading 'x')`);
        assert.equal(error.policy, "test-defect");
        assert.equal(error.urn, clientUrn);
        assert.equal(error.cause, defect);
    });

    it("fails with PolicyRunError when a stack policy throws something that is not an Error", async () => {
        const error = await runOnly([stackPolicy("test-throws-string", () => {
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a defective policy may throw
            throw "out of cheese";
        })]).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof PolicyRunError);
        assert.equal(error.message, `policy 'test-throws-string' failed on ${stackUrn}: out of cheese`);
        assert.equal(error.cause, "out of cheese");
    });

    it("reports nothing for a resource the policy calls not applicable, and goes on", async () => {
        const v = await runOnly([
            resourcePolicy("test-na", (args, report) => {
                if (args.name === "pool") {
                    args.notApplicable("not a client");
                }
                report(`checked ${args.name}`);
            }),
            stackPolicy("test-na-stack", (args, report) => {
                report("before");
                args.notApplicable();
            }),
        ]);
        assert.deepEqual(v.map((x) => [x.policy, x.urn, x.message]), [["test-na", clientUrn, "checked client"], ["test-na-stack", stackUrn, "before"]]);
    });

    it("hands notApplicable's reason, or the engine's default, to a policy that catches it", async () => {
        const v = await runOnly([resourcePolicy("test-na-message", (args, report) => {
            try {
                if (args.name === "pool") {
                    args.notApplicable("only clients");
                } else {
                    args.notApplicable();
                }
            } catch (e) {
                report((e as Error).message);
            }
        })]);
        assert.deepEqual(v.map((x) => x.message), ["only clients", "Policy does not apply"]);
    });
});

describe("policy runner: what a policy is given", () => {
    it("gives a resource policy the resource's inputs, options and config", async () => {
        const seen: unknown[] = [];
        await runOnly([resourcePolicy("test-args", (args) => {
            seen.push({ type: args.type, name: args.name, urn: args.urn, props: { ...args.props }, opts: args.opts, tags: [...args.stackTags], config: args.getConfig() });
        }, { configSchema: { properties: { limit: { type: "integer", default: 3 } } } })], { "test-args": { limit: 2 } });
        assert.deepEqual(seen, [
            {
                type: poolType,
                name: "pool",
                urn: poolUrn,
                props: { name: "users", mfaConfiguration: "ON" },
                opts: { protect: true, ignoreChanges: ["tags"], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], deleteBeforeReplace: false },
                tags: [],
                config: { limit: 2 },
            },
            {
                type: clientType,
                name: "client",
                urn: clientUrn,
                props: { userPoolId: "p", generateSecret: false },
                opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], deleteBeforeReplace: true, parent: poolUrn },
                tags: [],
                config: { limit: 2 },
            },
        ]);
    });

    it("gives each call its own copy of the config", async () => {
        const seen: unknown[] = [];
        await runOnly([resourcePolicy("test-config-copy", (args) => {
            const config = args.getConfig<{ limit: number }>();
            seen.push(config.limit);
            config.limit = 99;
        }, { configSchema: { properties: { limit: { type: "integer", default: 3 } } } })]);
        assert.deepEqual(seen, [3, 3]);
    });

    it("reads the plan's own props when nothing in them is unknown, and wraps them otherwise", async () => {
        const p = plan();
        p.resources[1].props.userPoolId = unknownStringSentinel;
        const seen: boolean[] = [];
        await runOnly([resourcePolicy("test-identity", (args) => {
            seen.push(args.props === p.resources.find((r) => r.urn === args.urn)!.props);
        })], {}, p);
        assert.deepEqual(seen, [true, false]);
    });

    it("finds unknowns nested in lists and objects, and not in other values", async () => {
        const p = plan();
        p.resources[0].props = { n: 5, flag: true, none: null, nested: { list: ["a", { deep: unknownStringSentinel }] } };
        p.resources[1].props = { n: 5, flag: true, none: null, unset: undefined, nested: { list: ["a", { deep: "known" }] } };
        const v = await runOnly([resourcePolicy("test-nested", (args, report) => {
            const nested = args.props.nested as { list: [string, { deep: string }] };
            report(`${args.props === p.resources.find((r) => r.urn === args.urn)!.props} ${nested.list[1].deep}`);
        })], {}, p);
        assert.deepEqual(v.map((x) => [x.urn, x.enforcementLevel, x.message]), [
            [poolUrn, "advisory", "can't run policy 'test-nested' from policy pack 'cognito-stack@v0.1.0' during preview: string value at .nested.list.1.deep can't be known during preview"],
            [clientUrn, "mandatory", "true known"],
        ]);
    });

    it("builds each resource's inputs once and hands the same objects to every resource policy", async () => {
        const p = plan();
        p.resources[0].props.name = unknownStringSentinel;
        const seen = new Map<string, unknown[]>();
        const record = (args: ResourceValidationArgs): void => {
            seen.set(args.urn, [...(seen.get(args.urn) ?? []), args.props, args.opts]);
        };
        await runOnly([resourcePolicy("test-once-a", record), resourcePolicy("test-once-b", [record, record])], {}, p);
        for (const urn of [poolUrn, clientUrn]) {
            const [props, opts, ...rest] = seen.get(urn)!;
            // Compared by identity only: printing a wrapped value reads its unknowns.
            assert.deepEqual(rest.map((value, i) => value === (i % 2 === 0 ? props : opts)), [true, true, true, true]);
        }
    });

    it("answers isType and asType from the resource's type", async () => {
        const seen: unknown[] = [];
        await runOnly([resourcePolicy("test-types", (args) => {
            seen.push([args.name, args.isType(aws.cognito.UserPool), args.isType(aws.cognito.UserPoolClient), args.asType(aws.cognito.UserPool) === args.props, args.asType(aws.cognito.UserPoolClient) === undefined]);
        })]);
        assert.deepEqual(seen, [["pool", true, false, true, true], ["client", false, true, false, false]]);
    });

    it("matches a class by its type name alone, or by isInstance when it has no type name", async () => {
        const byName = { __pulumiType: clientType } as unknown as typeof aws.cognito.UserPool;
        const byInstance = { isInstance: (o: { __pulumiType: string }) => o.__pulumiType === poolType } as unknown as typeof aws.cognito.UserPool;
        const emptyName = { __pulumiType: "", isInstance: (o: { __pulumiType: string }) => o.__pulumiType === clientType } as unknown as typeof aws.cognito.UserPool;
        const truthy = { isInstance: () => "yes" } as unknown as typeof aws.cognito.UserPool;
        const neither = {} as unknown as typeof aws.cognito.UserPool;
        const seen: unknown[] = [];
        await runOnly([resourcePolicy("test-class-likes", (args) => {
            seen.push([args.name, args.isType(byName), args.isType(byInstance), args.isType(emptyName), args.isType(truthy), args.isType(neither)]);
        })]);
        assert.deepEqual(seen, [["pool", false, true, false, false, false], ["client", true, false, true, false, false]]);
    });

    it("runs a validation with an empty type name over every resource", async () => {
        const validation = Object.assign((args: ResourceValidationArgs, report: (m: string) => void) => report(args.name), { __pulumiType: "" });
        assert.deepEqual((await runOnly([resourcePolicy("test-empty-type", validation)])).map((v) => v.message), ["pool", "client"]);
    });

    it("gives a stack policy outputs over inputs, options, linked parents and the dependencies in the plan", async () => {
        let resources: PolicyResource[] = [];
        let config: unknown;
        await runOnly([stackPolicy("test-resources", (args: StackValidationArgs) => {
            resources = args.resources;
            config = args.getConfig();
            assert.deepEqual([...args.stackTags], []);
        })]);
        const [pool, client] = resources;
        assert.deepEqual(config, {});
        assert.deepEqual(resources.map((r) => [r.type, r.name, r.urn, { ...r.props }, r.propertyDependencies]), [
            [poolType, "pool", poolUrn, { name: "users", mfaConfiguration: "OPTIONAL", arn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/p" }, {}],
            [clientType, "client", clientUrn, { userPoolId: "p", generateSecret: false }, {}],
        ]);
        assert.deepEqual(pool.opts, { protect: true, ignoreChanges: ["tags"], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], deleteBeforeReplace: false });
        assert.equal(client.opts.parent, poolUrn);
        assert.equal(Object.hasOwn(pool, "parent"), false);
        assert.equal(client.parent, pool);
        assert.deepEqual(pool.dependencies, []);
        assert.equal(client.dependencies.length, 1);
        assert.equal(client.dependencies[0], pool);
        assert.deepEqual([pool.isType(aws.cognito.UserPool), client.isType(aws.cognito.UserPool), pool.asType(aws.cognito.UserPool) === pool.props, client.asType(aws.cognito.UserPool)], [true, false, true, undefined]);
    });

    it("gives every stack policy the same resources", async () => {
        const seen: PolicyResource[][] = [];
        const record = (args: StackValidationArgs): void => {
            seen.push(args.resources);
        };
        await runOnly([stackPolicy("test-s1", record), stackPolicy("test-s2", record)]);
        assert.equal(seen[0], seen[1]);
    });

    it("runs a stack policy bound to a type only when the plan has a resource of that type", async () => {
        const seen: string[] = [];
        await runOnly([
            stackPolicy("test-bound-absent", validateStackResourcesOfType(aws.iam.Role, () => {
                seen.push("roles");
            })),
            stackPolicy("test-bound-present", validateStackResourcesOfType(aws.cognito.UserPoolClient, (clients) => {
                seen.push(`clients ${clients.length}`);
            })),
        ]);
        assert.deepEqual(seen, ["clients 1"]);
    });

    it("does not call a stack validation marked with a type the plan lacks, and calls one whose type it has", async () => {
        const seen: string[] = [];
        const marked = (type: string): StackValidationPolicy["validateStack"] => Object.assign(() => {
            seen.push(type);
        }, { __pulumiType: type });
        await runOnly([stackPolicy("test-marked-role", marked("aws:iam/role:Role")), stackPolicy("test-marked-client", marked(clientType)), stackPolicy("test-marked-pool", marked(poolType))]);
        assert.deepEqual(seen, [clientType, poolType]);
    });

    it("calls a resource validation marked with a type on resources of that type only", async () => {
        const seen: string[] = [];
        const validation = Object.assign((args: ResourceValidationArgs) => {
            seen.push(args.name);
        }, { __pulumiType: poolType });
        await runOnly([resourcePolicy("test-marked", validation)]);
        assert.deepEqual(seen, ["pool"]);
    });
});

describe("policy runner: config", () => {
    it("checks the config against the whole pack when only some policies run", async () => {
        const v = await runOnly([resourcePolicy("test-only", () => undefined)], { "cognito-user-pool-mfa": { enforcementLevel: "advisory", reason: "trial" } });
        assert.deepEqual(v, []);
        await assert.rejects(runOnly([resourcePolicy("test-only", () => undefined)], { "cognito-user-pol-mfa": "advisory" }), (e: unknown) => e instanceof PolicyConfigError && /^invalid policy pack config:\n {2}"cognito-user-pol-mfa" is not a policy of the cognito-stack pack: use one of cognito-/.test(e.message));
    });

    it("reports each config problem once when a pack policy is also run on its own", async () => {
        await assert.rejects(
            runPolicyPack(plan(), { "cognito-user-pool-mfa": { allowOptionnal: true } }, { policies: [userPoolMfa] }),
            (e: unknown) => e instanceof PolicyConfigError && e.message === 'invalid policy pack config:\n  "cognito-user-pool-mfa".allowOptionnal is not a setting of this policy: use allowOptional, allowedFactors',
        );
    });
});
