import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy, StackValidationArgs, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { ActionInfo, ActionPatternError, expandActionPattern, isFullWildcard } from "./lib/iamActions";
import { PolicyDocumentError, Statement, conditionValues, describeStatement, parsePolicyDocument, wildcardMatch } from "./lib/iamDocument";
import { AttachedDocument, ResourceClass, attachmentRoles, ofType, requiredOutput, roleDocuments, roleForArn } from "./lib/stack";
import { checkEach } from "./lib/unknowns";

const cognitoIdentity = "cognito-identity.amazonaws.com";
const audKey = `${cognitoIdentity}:aud`;
const amrKey = `${cognitoIdentity}:amr`;
/** IAM policy variable for the caller's identity id; it must reach IAM literally. */
export const identitySub = "${cognito-identity.amazonaws.com:sub}";
const trustActions = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"];
/** An identity pool id: `<region>:<GUID>`, no wildcard. */
const identityPoolIdPattern = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function cognitoTrustStatements(statements: Statement[]): Statement[] {
    return statements.filter((s) => (s.principals.Federated ?? []).includes(cognitoIdentity));
}

function parseTrust(document: unknown, roleName: string, report: ReportViolation, urn?: string): Statement[] | undefined {
    try {
        return parsePolicyDocument(document, `assumeRolePolicy of role "${roleName}"`);
    } catch (e) {
        if (e instanceof PolicyDocumentError) {
            report(`${e.message}.`, urn);
            return undefined;
        }
        throw e;
    }
}

export const cognitoTrustPolicy: ResourceValidationPolicy = {
    name: "iam-cognito-trust-policy",
    description: "Checks whether roles trusting cognito-identity.amazonaws.com trust no other principal, allow only AssumeRoleWithWebIdentity, pin aud to one identity pool and require amr.",
    severity: "critical",
    validateResource: validateResourceOfType(aws.iam.Role, (role, args, report) => {
        const statements = parseTrust(role.assumeRolePolicy, args.name, report) ?? [];
        if (!statements.some((s) => s.effect === "Allow" && cognitoTrustStatements([s]).length > 0)) {
            return;
        }
        for (const [i, s] of statements.entries()) {
            if (s.effect !== "Allow") {
                continue;
            }
            const where = `assumeRolePolicy ${describeStatement(s, i)}`;
            // Identity-pool users receive this role: any other principal trusted here gets their permissions too.
            const others = Object.entries(s.principals).flatMap(([kind, values]) => values.filter((v) => kind !== "Federated" || v !== cognitoIdentity).map((v) => (kind === "*" ? "*" : `${kind} ${v}`)));
            if (others.length > 0) {
                report(`${where} also trusts ${others.join(", ")} on a role that identity-pool users receive: trust only Federated ${cognitoIdentity}, and give other callers a role of their own.`);
            }
            if (!cognitoTrustStatements([s]).length) {
                continue;
            }
            const extra = [...s.actions, ...(s.notActions ?? [])].filter((a) => !trustActions.includes(a));
            if (extra.length > 0 || s.notActions || !s.actions.includes("sts:AssumeRoleWithWebIdentity")) {
                report(`${where} allows ${[...s.actions, ...(s.notActions ?? []).map((a) => `NotAction ${a}`)].join(", ") || "no action"}: allow only sts:AssumeRoleWithWebIdentity (and sts:TagSession).`);
            }
            const aud = conditionValues(s, audKey, ["StringEquals"]);
            if (!aud) {
                report(`${where} has no StringEquals ${audKey} condition, so identities of any identity pool can assume the role: pin it to this stack's identity pool id.`);
            } else if (aud.length !== 1 || !identityPoolIdPattern.test(aud[0])) {
                report(`${where} pins ${audKey} to ${JSON.stringify(aud)}: pin it to exactly one concrete identity pool id (<region>:<guid>).`);
            }
            const amr = conditionValues(s, amrKey, ["ForAnyValue:StringLike", "ForAnyValue:StringEquals"]);
            if (!amr || amr.length !== 1 || !["authenticated", "unauthenticated"].includes(amr[0])) {
                report(`${where} has ${amr ? `${amrKey} ${JSON.stringify(amr)}` : `no ${amrKey} condition`}: add ForAnyValue:StringLike ${amrKey} = "authenticated" (or "unauthenticated" for the guest role).`);
            }
        }
    }),
};

/** The cognito trust statements of a role, for the stack-level checks. */
function roleTrust(role: PolicyResource, report: ReportViolation): Statement[] {
    return cognitoTrustStatements(parseTrust(role.props.assumeRolePolicy, role.name, report, role.urn) ?? []);
}

export const cognitoRoleBinding: StackValidationPolicy = {
    name: "iam-cognito-role-binding",
    description: "Checks whether the guest role trusts only unauthenticated identities, the authenticated roles only authenticated ones, and both only their own identity pool.",
    severity: "critical",
    validateStack: async (args, report) => {
        await checkEach(ofType(args.resources, aws.cognito.IdentityPoolRoleAttachment), (attachment) => {
            const poolId = attachment.props.identityPoolId as string;
            const { guest, authenticated } = attachmentRoles(attachment);
            const bindings = [
                ...(guest ? [{ arn: guest, amr: "unauthenticated", what: "guest role" }] : []),
                ...authenticated.map((arn) => ({ arn, amr: "authenticated", what: "authenticated role" })),
            ];
            for (const { arn, amr, what } of bindings) {
                const role = roleForArn(args.resources, arn, what, attachment.urn, report);
                if (!role) {
                    continue;
                }
                const trust = roleTrust(role, report);
                if (trust.length === 0) {
                    report(`The ${what} "${role.name}" does not trust ${cognitoIdentity}: trust it with sts:AssumeRoleWithWebIdentity.`, role.urn);
                }
                for (const s of trust) {
                    const amrValues = conditionValues(s, amrKey) ?? [];
                    if (amrValues.length !== 1 || amrValues[0] !== amr) {
                        report(`The ${what} "${role.name}" trusts amr ${JSON.stringify(amrValues)}: set ForAnyValue:StringLike ${amrKey} to exactly "${amr}".`, role.urn);
                    }
                    const aud = conditionValues(s, audKey, ["StringEquals"]) ?? [];
                    if (aud.length !== 1 || aud[0] !== poolId) {
                        report(`The ${what} "${role.name}" trusts aud ${JSON.stringify(aud)}, not its identity pool ${poolId}: set StringEquals ${audKey} to the pool's id.`, role.urn);
                    }
                }
            }
        });
    },
};

/** Allow statements of a role's documents, with NotAction/NotResource reported (they grant by exclusion). */
function allowStatements(documents: AttachedDocument[], report: ReportViolation, roleKind: string): { doc: AttachedDocument; statement: Statement; where: string }[] {
    const result: { doc: AttachedDocument; statement: Statement; where: string }[] = [];
    for (const doc of documents) {
        for (const [i, statement] of doc.statements.entries()) {
            if (statement.effect !== "Allow") {
                continue;
            }
            const where = `${doc.where} ${describeStatement(statement, i)}`;
            if (statement.notActions || statement.notResources) {
                report(`${where} uses ${statement.notActions ? "NotAction" : "NotResource"} on the ${roleKind}, which grants everything not listed: list the allowed actions and resources instead.`, doc.urn);
                continue;
            }
            result.push({ doc, statement, where });
        }
    }
    return result;
}

/** Expands a statement's actions, reporting patterns that match nothing AWS knows. */
async function expandStatement(actions: string[], where: string, urn: string, report: ReportViolation): Promise<{ pattern: string; actions: ActionInfo[] }[]> {
    const expanded: { pattern: string; actions: ActionInfo[] }[] = [];
    for (const pattern of actions) {
        try {
            expanded.push({ pattern, actions: await expandActionPattern(pattern) });
        } catch (e) {
            if (!(e instanceof ActionPatternError)) {
                throw e;
            }
            report(`${where}: action ${e.message}: name existing actions as service:Action.`, urn);
        }
    }
    return expanded;
}

function arnsOf(args: StackValidationArgs, classes: ResourceClass[]): string[] {
    return classes.flatMap((c) => ofType(args.resources, c)).map((r) => requiredOutput(r, "arn"));
}

/** Services a guest may never call, whatever the config says. */
const forbiddenGuestServices = ["iam", "sts"];

const guestSettings = settings(
    { allowedServices: ["s3"], allowedResourceArns: [] as string[], publicPrefixes: ["public/"] },
    {
        allowedServices: "Services whose Read/List actions the guest role may be granted (iam and sts are never allowed).",
        allowedResourceArns: "ARN patterns, besides this stack's buckets and tables, that the guest role may read.",
        publicPrefixes: "S3 key prefixes of this stack's buckets that guests may read and list; every other key belongs to a user.",
    },
);

/** Guests may read and list only the public prefixes of this stack's buckets, never users' own keys. */
function checkGuestS3Keys(statement: Statement, actions: ActionInfo[], bucketArns: string[], publicPrefixes: string[], where: string, urn: string, report: ReportViolation): void {
    const isPublic = (key: string): boolean => publicPrefixes.some((p) => key.startsWith(p));
    const suggested = publicPrefixes[0] ?? "public/";
    if (actions.some((a) => a.service === "s3" && a.resourceTypes.includes("object"))) {
        for (const resource of statement.resources) {
            const bucket = bucketArns.find((b) => resource.startsWith(`${b}/`));
            if (bucket !== undefined && !isPublic(resource.slice(bucket.length + 1))) {
                report(`${where} lets guests read ${resource}, outside the public prefixes (${publicPrefixes.join(", ")}): narrow it to ${bucket}/${suggested}*.`, urn);
            }
        }
    }
    if (actions.some((a) => a.service === "s3" && a.conditionKeys.includes("s3:prefix")) && statement.resources.some((r) => bucketArns.includes(r))) {
        const prefixes = conditionValues(statement, "s3:prefix");
        if (!prefixes || !prefixes.every(isPublic)) {
            report(`${where} lets guests list ${prefixes ? JSON.stringify(prefixes) : "the whole bucket"}, users' keys included: add a StringLike s3:prefix condition ${suggested}*.`, urn);
        }
    }
}

export const guestRoleLimits: StackValidationPolicy = {
    name: "iam-guest-role-limits",
    description: "Checks whether the identity pool's guest role can only Read or List (per AWS's action data) allowed services on this stack's buckets and tables, and S3 keys only under the public prefixes.",
    severity: "critical",
    configSchema: guestSettings.schema,
    validateStack: async (args, report) => {
        const { allowedServices, allowedResourceArns, publicPrefixes } = guestSettings.read(args);
        // Once per stack, not per attachment; an unknown ARN leaves them unset and is met again.
        let bucketArnList: string[] | undefined;
        let dataArnList: string[] | undefined;
        await checkEach(ofType(args.resources, aws.cognito.IdentityPoolRoleAttachment), async (attachment) => {
            const { guest } = attachmentRoles(attachment);
            const role = guest ? roleForArn(args.resources, guest, "guest role", attachment.urn, report) : undefined;
            if (!role) {
                return;
            }
            const bucketArns = (bucketArnList ??= arnsOf(args, [aws.s3.Bucket, aws.s3.BucketV2]));
            const dataArns = (dataArnList ??= [...bucketArns, ...arnsOf(args, [aws.dynamodb.Table])]);
            const resourceAllowed = (arn: string): boolean =>
                dataArns.some((base) => arn === base || arn.startsWith(`${base}/`)) || allowedResourceArns.some((p) => wildcardMatch(p, arn));
            for (const { doc, statement, where } of allowStatements(roleDocuments(args.resources, role, report), report, "guest role")) {
                for (const resource of statement.resources.filter((r) => !resourceAllowed(r))) {
                    report(`${where} grants the guest role resource ${resource}: name this stack's buckets or tables (or add the ARN to allowedResourceArns).`, doc.urn);
                }
                const patterns: string[] = [];
                for (const pattern of statement.actions) {
                    const service = pattern.split(":")[0].toLowerCase();
                    if (pattern === "*") {
                        report(`${where} grants the guest role every action (*): grant only Read or List actions of ${allowedServices.join(", ")}.`, doc.urn);
                    } else if (forbiddenGuestServices.includes(service)) {
                        report(`${where} grants the guest role ${pattern}: guests may never call ${service}; remove it.`, doc.urn);
                    } else if (!allowedServices.includes(service)) {
                        report(`${where} grants the guest role ${pattern}, a service outside ${allowedServices.join(", ")}: remove it or allow the service in config.`, doc.urn);
                    } else {
                        patterns.push(pattern);
                    }
                }
                const expanded = await expandStatement(patterns, where, doc.urn, report);
                checkGuestS3Keys(statement, expanded.flatMap((e) => e.actions), bucketArns, publicPrefixes, where, doc.urn, report);
                for (const { pattern, actions } of expanded) {
                    const writes = actions.filter((a) => a.accessLevels.some((level) => level !== "Read" && level !== "List"));
                    const admin = actions.filter((a) => a.service === "cognito-idp" && /:Admin/.test(a.action));
                    if (writes.length > 0 || admin.length > 0) {
                        const shown = [...new Set([...admin, ...writes])].slice(0, 5).map((a) => `${a.action} (${a.accessLevels.join(", ")})`);
                        const more = writes.length > 5 ? ` and ${writes.length - 5} more` : "";
                        report(`${where} grants the guest role ${pattern}, which includes ${shown.join(", ")}${more}: grant only Read or List actions.`, doc.urn);
                    }
                }
            }
        });
    },
};

const authenticatedSettings = settings(
    { sharedReadPrefixes: ["public/"] },
    { sharedReadPrefixes: "S3 key prefixes every signed-in user may read without a per-identity ${sub} scope." },
);

/** ARNs of the roles signed-in users receive: the attachment's authenticated role, rule roles and group roles. */
function authenticatedRoleArns(args: StackValidationArgs): { arn: string; urn: string }[] {
    const fromAttachments = ofType(args.resources, aws.cognito.IdentityPoolRoleAttachment).flatMap((a) =>
        attachmentRoles(a).authenticated.map((arn) => ({ arn, urn: a.urn })),
    );
    const fromGroups = ofType(args.resources, aws.cognito.UserGroup)
        .filter((g) => typeof g.props.roleArn === "string" && g.props.roleArn !== "")
        .map((g) => ({ arn: g.props.roleArn as string, urn: g.urn }));
    const seen = new Set<string>();
    return [...fromAttachments, ...fromGroups].filter(({ arn }) => !seen.has(arn) && seen.add(arn));
}

function s3Key(resource: string): string | undefined {
    const match = /^arn:aws[\w-]*:s3:::[^/]+\/(.*)$/.exec(resource);
    return match ? match[1] : undefined;
}

function checkAuthenticatedStatement(statement: Statement, expanded: { pattern: string; actions: ActionInfo[] }[], sharedReadPrefixes: string[], where: string, urn: string, report: ReportViolation): void {
    const actions = expanded.flatMap((e) => e.actions);
    const isReadOnly = (list: ActionInfo[]): boolean => list.every((a) => a.accessLevels.every((l) => l === "Read" || l === "List"));
    const shared = (value: string): boolean => sharedReadPrefixes.some((p) => value.startsWith(p));

    const objectActions = actions.filter((a) => a.service === "s3" && a.resourceTypes.includes("object"));
    if (objectActions.length > 0) {
        for (const resource of statement.resources) {
            const key = s3Key(resource);
            const scoped = key !== undefined && (key.includes(identitySub) || (isReadOnly(objectActions) && shared(key)));
            if (!scoped && (key !== undefined || resource === "*")) {
                report(`${where} grants S3 object access on ${resource} to every signed-in user: scope the key with private/${identitySub}/*.`, urn);
            }
        }
    }
    if (actions.some((a) => a.service === "s3" && a.conditionKeys.includes("s3:prefix"))) {
        const prefixes = conditionValues(statement, "s3:prefix");
        if (!prefixes || prefixes.some((p) => !p.includes(identitySub) && !shared(p))) {
            report(`${where} lets every signed-in user list ${prefixes ? JSON.stringify(prefixes) : "the whole bucket"}: add a StringLike s3:prefix condition private/${identitySub}/*.`, urn);
        }
    }
    if (actions.some((a) => a.action.toLowerCase() === "dynamodb:scan")) {
        report(`${where} grants dynamodb:Scan, which reads every user's items (LeadingKeys cannot restrict it): remove Scan and use Query on the user's partition key.`, urn);
    }
    const itemActions = actions.filter((a) => a.conditionKeys.includes("dynamodb:LeadingKeys"));
    if (itemActions.length > 0) {
        const leading = conditionValues(statement, "dynamodb:LeadingKeys", ["ForAllValues:StringEquals"]);
        if (!leading || leading.length !== 1 || leading[0] !== identitySub) {
            report(`${where} grants DynamoDB item access (${itemActions.slice(0, 3).map((a) => a.action).join(", ")}) without ForAllValues:StringEquals dynamodb:LeadingKeys = ${identitySub}: add that condition.`, urn);
        }
    }
}

export const authenticatedRoleScoping: StackValidationPolicy = {
    name: "iam-authenticated-role-scoping",
    description: "Checks whether roles of signed-in users avoid * actions and scope S3 objects by ${cognito-identity.amazonaws.com:sub} and DynamoDB items by dynamodb:LeadingKeys.",
    severity: "high",
    configSchema: authenticatedSettings.schema,
    validateStack: async (args, report) => {
        const { sharedReadPrefixes } = authenticatedSettings.read(args);
        await checkEach(authenticatedRoleArns(args), async ({ arn, urn }) => {
            const role = roleForArn(args.resources, arn, "authenticated role", urn, report);
            if (!role) {
                return;
            }
            for (const { doc, statement, where } of allowStatements(roleDocuments(args.resources, role, report), report, "authenticated role")) {
                const wildcards = statement.actions.filter(isFullWildcard);
                for (const pattern of wildcards) {
                    report(`${where} grants ${pattern} to every signed-in user: list the actions the app needs.`, doc.urn);
                }
                const expanded = await expandStatement(statement.actions.filter((a) => !isFullWildcard(a)), where, doc.urn, report);
                checkAuthenticatedStatement(statement, expanded, sharedReadPrefixes, where, doc.urn, report);
            }
        });
    },
};

export const iamPolicies = [cognitoTrustPolicy, cognitoRoleBinding, guestRoleLimits, authenticatedRoleScoping] as const;
