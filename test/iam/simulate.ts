/**
 * IAM evaluation of the policies a stack's program produces, with @cloud-copilot/iam-simulate
 * (AGPL: imported from test code only).
 */
import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { MOCK_ACCOUNT_ID as ACCOUNT } from "../../tools/mocks";
import type { Plan } from "../../tools/planTypes";
import { named, ofType, one, output } from "../helpers/plans";

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** A policy as IAM stores it: the JSON text the program registered. */
export type PolicyText = string;

export interface RoleUnderTest {
    /** Logical (Pulumi) name, e.g. `auth-identity-authenticated-role`. */
    logicalName: string;
    arn: string;
    /** The trust policy. */
    trust: PolicyText;
    /** Inline policies of the role: its own `inlinePolicies` and separate RolePolicy resources. */
    policies: PolicyText[];
}

export interface StackPolicies {
    roles: Record<string, RoleUnderTest>;
    bucketArn: string;
    tableArn: string;
    bucketPolicy: PolicyText;
    /** The identity pool the roles trust, and the user pool its identities sign in with. */
    identityPoolId: string;
    userPoolId: string;
}

/** The roles, their trust and inline policies, and the bucket policy, from a stack's offline plan. */
export function policiesFromPlan(plan: Plan): StackPolicies {
    const roles: Record<string, RoleUnderTest> = {};
    const byRoleName = new Map<string, RoleUnderTest>();
    for (const r of ofType(plan, "aws:iam/role:Role")) {
        const inline = (r.props.inlinePolicies ?? []) as { policy?: string }[];
        const role = { logicalName: r.name, arn: output(r, "arn"), trust: r.props.assumeRolePolicy as string, policies: inline.flatMap((p) => p.policy ?? []) };
        roles[r.name] = role;
        byRoleName.set(output(r, "name"), role);
    }
    for (const p of ofType(plan, "aws:iam/rolePolicy:RolePolicy")) {
        const role = byRoleName.get(p.props.role as string);
        if (!role) throw new Error(`role policy ${p.name} names role ${String(p.props.role)}, which the ${plan.stack} stack does not create`);
        role.policies.push(p.props.policy as string);
    }
    return {
        roles,
        bucketArn: output(one(plan, "aws:s3/bucket:Bucket"), "arn"),
        tableArn: output(named(plan, "aws:dynamodb/table:Table", "data-table"), "arn"),
        bucketPolicy: one(plan, "aws:s3/bucketPolicy:BucketPolicy").props.policy as string,
        identityPoolId: output(one(plan, "aws:cognito/identityPool:IdentityPool"), "id"),
        userPoolId: output(one(plan, "aws:cognito/userPool:UserPool"), "id"),
    };
}

const IDENTITY_ID_VARIABLE = "${cognito-identity.amazonaws.com:sub}";

/**
 * The policy as IAM applies it to one identity's request: the identity id in place of
 * `${cognito-identity.amazonaws.com:sub}`.
 *
 * Why substitute instead of passing the key as request context: the simulator's checked
 * `runSimulation` keeps only the context keys its action data lists for the request's action
 * (plus global keys). `cognito-identity.amazonaws.com:sub` is listed for the STS web-identity
 * actions only, so on s3:* and dynamodb:* requests it is dropped (reported in
 * `ignoredContextKeys`), the variable resolves to nothing, and every per-identity statement
 * would be denied for the wrong reason. IAM itself resolves the variable from the session of
 * the role the identity pool issued, which is what substitution reproduces.
 */
export function forIdentity(policy: PolicyText, identityId: string): unknown {
    return JSON.parse(policy.split(IDENTITY_ID_VARIABLE).join(identityId));
}

export interface DataRequest {
    role: RoleUnderTest;
    /** The identity making the request (its id is the session's `cognito-identity.amazonaws.com:sub`). */
    identityId: string;
    action: string;
    resource: string;
    context?: Record<string, string | string[]>;
    /** The resource's own policy (the bucket policy for S3). */
    resourcePolicy?: PolicyText;
}

/** The decision for a request made with the role's credentials, as issued to one identity. */
export async function decideData(req: DataRequest): Promise<Decision> {
    const roleName = req.role.arn.split("/").pop() as string;
    return simulate({
        request: {
            principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/CognitoIdentityCredentials`,
            action: req.action,
            resource: { resource: req.resource, accountId: ACCOUNT },
            contextVariables: req.context ?? {},
        },
        identityPolicies: req.role.policies.map((p, i) => ({ name: `${req.role.logicalName}-${i}`, policy: forIdentity(p, req.identityId) })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: req.resourcePolicy === undefined ? undefined : JSON.parse(req.resourcePolicy),
    });
}

export interface TrustRequest {
    role: RoleUnderTest;
    action: "sts:AssumeRoleWithWebIdentity" | "sts:TagSession" | "sts:AssumeRole";
    /** Who asks: the identity-pool federation principal, or an IAM principal ARN. */
    principal: string;
    context?: Record<string, string | string[]>;
    /** Identity policies of the caller, for a caller that is itself a role session. */
    callerPolicies?: PolicyText[];
    callerIdentityId?: string;
}

/** The decision of the role's trust policy (and the caller's own policies) on an assume-role request. */
export async function decideTrust(req: TrustRequest): Promise<Decision> {
    const simulation = {
        request: {
            principal: req.principal,
            action: req.action,
            resource: { resource: req.role.arn, accountId: ACCOUNT },
            contextVariables: req.context ?? {},
        },
        identityPolicies: (req.callerPolicies ?? []).map((p, i) => ({ name: `caller-${i}`, policy: forIdentity(p, req.callerIdentityId ?? "") })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: JSON.parse(req.role.trust),
    };
    if (req.action === "sts:TagSession") {
        // STS authorizes sts:TagSession within the AssumeRoleWithWebIdentity call, so the
        // web-identity keys (aud, amr) are in its context: AWS's own ABAC trust policy for
        // identity pools conditions both actions on them. The simulator's action data lists
        // those keys for AssumeRoleWithWebIdentity only and the checked runSimulation would
        // drop them; the unchecked evaluation keeps the context as given. It loads the resource
        // policy unnamed and then reads its name, so the trust policy goes in named, in the
        // library's validated-policy shape (the checked AssumeRoleWithWebIdentity cells
        // validate the same document).
        const named = { __validated: true, policyDocument: simulation.resourcePolicy, metadata: { name: `${req.role.logicalName}-trust` }, errors: [] };
        return runUnsafeSimulation({ ...simulation, resourcePolicy: named }, {});
    }
    return simulate(simulation);
}

/**
 * Runs one simulation and fails loudly on anything that would make a "denied" meaningless:
 * a rejected request or policy, or a context key the simulator did not apply.
 */
async function simulate(simulation: Parameters<typeof runSimulation>[0]): Promise<Decision> {
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") {
        throw new Error(`simulation rejected: ${JSON.stringify(result.errors)}`);
    }
    if (result.resultType === "single" && (result.result.ignoredContextKeys ?? []).length > 0) {
        throw new Error(`simulation ignored context keys ${JSON.stringify(result.result.ignoredContextKeys)} for ${simulation.request.action}`);
    }
    return result.overallResult;
}
