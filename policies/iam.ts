import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import {
    ExtraGrant,
    Expanded,
    StackData,
    distinctActions,
    effectiveActions,
    expandStatement,
    extraGrantCovers,
    graphqlAction,
    graphqlField,
    identityForbidden,
    identitySub,
    listed,
    parseArn,
    parseGrants,
    prefixConfined,
    relevant,
    s3Object,
    stackData,
} from "./lib/grants";
import { ActionInfo, ActionPatternError, expandActionPattern, isFullWildcard, isReadOnly, managesPermissions } from "./lib/iamActions";
import { Statement, conditionEntries, conditionValues, describeStatement, hasWildcard, wildcardMatch } from "./lib/iamDocument";
import { RoleClass, amrKey, classNames, serviceClasses, classOfPrincipal, cognitoIdentity, cognitoTrustStatements, identityRoles, parseTrust, principalsOf, roleClass, trustOf } from "./lib/roles";
import { AttachedDocument, ResourceClass, addTo, attachmentRoles, byIdentity, functionFor, ofType, ofTypes, roleDocuments, roleForArn, rolePermissions, rolesIndex, stackAccounts } from "./lib/stack";
import { checkEach, undecided } from "./lib/unknowns";
import { fieldsOf } from "./lib/values";

export { identitySub };

const audKey = `${cognitoIdentity}:aud`;
const trustActions = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"];
/** An identity pool id: `<region>:<GUID>`, no wildcard. */
const identityPoolIdPattern = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const trustSettings = settings(
    { allowedPrincipals: [] as string[] },
    { allowedPrincipals: 'Principals, besides the role classes the pack knows, a role may trust alone, written as in messages: "Service events.amazonaws.com".' },
    { allowedPrincipals: "more" },
);

/** Why a principal outside every role class is dangerous, for the message. */
function principalRisk(principal: string): string {
    const [kind, value = ""] = principal.split(" ");
    if (principal === "*" || value === "*" || value.includes("*")) {
        return "anyone who matches the wildcard (any AWS account) could assume it";
    }
    if (kind === "AWS") {
        return "that account's principals could assume it and act as this stack";
    }
    if (kind === "Federated") {
        return "tokens of that provider could assume it directly, skipping the user pool and its MFA";
    }
    return "no role class of this stack trusts it";
}

/**
 * Whether an AppSync trust statement is limited to APIs of one account: a StringEquals
 * aws:SourceAccount of account ids, or an aws:SourceArn of AppSync APIs in a named account
 * (the API id may be a wildcard, the account may not).
 */
function appsyncSourcePinned(s: Statement): boolean {
    const accounts = conditionValues(s, "aws:SourceAccount", ["StringEquals"]);
    if (accounts && accounts.length > 0 && accounts.every((a) => /^\d{12}$/.test(a))) {
        return true;
    }
    const arns = conditionValues(s, "aws:SourceArn", ["ArnLike", "ArnEquals", "StringLike", "StringEquals"]);
    return arns !== undefined && arns.length > 0 && arns.every((a) => /^arn:aws[\w-]*:appsync:[a-z0-9-]+:\d{12}:apis\/[^:]*$/.test(a));
}

export const roleTrust: ResourceValidationPolicy = {
    name: "iam-role-trust",
    description: "Checks whether every role trusts exactly one allowed kind of principal (Cognito identity pool, Lambda, API Gateway, Cognito SMS, AppSync), never *, another account or another federated provider.",
    anchors: { beyond: ["CKV_AWS_60", "CKV_AWS_61"] },
    severity: "critical",
    configSchema: trustSettings.schema,
    validateResource: validateResourceOfType(aws.iam.Role, (_role, args, report) => {
        const { allowedPrincipals } = trustSettings.read(args);
        const statements = parseTrust(args, (message) => report(message)) ?? [];
        const classes = new Set<RoleClass>();
        for (const [i, s] of statements.entries()) {
            if (s.effect !== "Allow") {
                continue;
            }
            const where = `assumeRolePolicy ${describeStatement(s, i)}`;
            if (s.notPrincipals) {
                report(`${where} uses NotPrincipal in an Allow, which trusts everyone not listed: name the one principal the role is for.`);
            }
            for (const p of principalsOf(s)) {
                const cls = classOfPrincipal(p, allowedPrincipals);
                if (cls) {
                    classes.add(cls);
                } else {
                    report(`${where} trusts ${p}: ${principalRisk(p)}. Trust only Federated ${cognitoIdentity} (identity roles) or one of ${Object.keys(serviceClasses).map((x) => `Service ${x}`).join(", ")}, or allow the principal in the stack's policy config with a reason.`);
                }
            }
            if (s.principals.Service?.length && !s.principals.Federated) {
                const extra = [...s.actions, ...(s.notActions ?? []).map((a) => `NotAction ${a}`)].filter((a) => a !== "sts:AssumeRole" && a !== "sts:TagSession");
                if (extra.length > 0 || s.notActions) {
                    report(`${where} lets the service ${extra.join(", ")}: allow only sts:AssumeRole.`);
                }
                if ((s.principals.Service ?? []).includes("cognito-idp.amazonaws.com") && !conditionValues(s, "sts:ExternalId", ["StringEquals"])?.length) {
                    report(`${where} lets Cognito assume the role without a StringEquals sts:ExternalId condition, so any user pool could publish through it: pin the external id the pool's smsConfiguration sends.`);
                }
                if ((s.principals.Service ?? []).includes("appsync.amazonaws.com") && !appsyncSourcePinned(s)) {
                    report(`${where} lets AppSync assume the role for APIs of any account (confused deputy): add a StringEquals aws:SourceAccount condition with this account's id, or an ArnLike aws:SourceArn condition arn:aws:appsync:<region>:<account>:apis/<api id or *>.`);
                }
            }
        }
        if (classes.size > 1) {
            report(`The role is trusted as ${[...classes].map((c) => classNames[c]).join(" and as ")}: each gets the other's permissions; give each its own role.`);
        }
    }),
};

/** Condition keys naming the account a service acts for, and how each value names it. */
const sourceAccountKeys: readonly { key: string; account: (value: string) => string | undefined }[] = [
    { key: "aws:SourceAccount", account: (v) => v },
    { key: "aws:SourceOwner", account: (v) => v },
    // The fifth field, also behind a leading wildcard: StringLike "*arn:aws:...:<account>:..." names that account.
    { key: "aws:SourceArn", account: (v) => v.split(":")[4] },
];

/** Operators that let a request through when its value matches one listed (not negated, not Null or Bool). */
const matchingOperator = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)(IfExists)?$/;

/**
 * The accounts, other than `accounts`, that a statement's source conditions confine its service
 * principals to: a 12-digit id not in `accounts`, or (under a wildcard operator) a pattern that
 * matches none of them.
 */
function foreignSources(s: Statement, accounts: ReadonlySet<string>): string[] {
    const found: string[] = [];
    for (const { key, account } of sourceAccountKeys) {
        for (const { operator, values } of conditionEntries(s, key).filter((e) => matchingOperator.test(e.operator))) {
            const written = Object.keys(s.conditions[operator]).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
            const wildcards = /Like|Arn/.test(operator);
            for (const named of values.map(account)) {
                const foreign = named !== undefined && (/^\d{12}$/.test(named) ? !accounts.has(named) : wildcards && hasWildcard(named) && ![...accounts].some((a) => wildcardMatch(named, a)));
                const entry = `account ${named} (${operator} ${written})`;
                if (foreign && !found.includes(entry)) {
                    found.push(entry);
                }
            }
        }
    }
    return found;
}

export const roleTrustSourceAccount: StackValidationPolicy = {
    name: "iam-role-trust-source-account",
    description: "Checks whether no role lets a service assume it for another account's resources: every account its aws:SourceAccount, aws:SourceOwner and aws:SourceArn conditions name is this stack's.",
    anchors: { none: "No published control compares the accounts of a service trust's source conditions with the stack's own accounts." },
    severity: "critical",
    validateStack: async (args, report) => {
        const accounts = stackAccounts(args.resources);
        await checkEach(ofType(args.resources, aws.iam.Role), (role) => {
            for (const [i, s] of trustOf(args.resources, role).entries()) {
                if (s.effect !== "Allow" || !s.principals.Service?.length) {
                    continue;
                }
                const foreign = foreignSources(s, accounts);
                if (foreign.length === 0) {
                    continue;
                }
                // Without a known account every concrete one looks foreign: decide once the ARNs are known.
                if (accounts.size === 0) {
                    undecided("the account of this stack (in the ARN of any of its roles, functions, tables or user pools)");
                }
                const own = accounts.size === 1 ? `account ${[...accounts][0]}` : `accounts ${[...accounts].join(", ")}`;
                const principals = s.principals.Service.map((p) => `Service ${p}`).join(", ");
                report(`Role "${role.name}" assumeRolePolicy ${describeStatement(s, i)} lets ${principals} assume it for ${foreign.join(", ")}, not this stack's ${own}: that account's resources could use the role and act as this stack (confused deputy); name this stack's account in aws:SourceAccount, or this stack's resources in aws:SourceArn.`, role.urn);
            }
        });
    },
};

export const cognitoTrustPolicy: ResourceValidationPolicy = {
    name: "iam-cognito-trust-policy",
    description: "Checks whether roles trusting cognito-identity.amazonaws.com trust no other principal, allow only AssumeRoleWithWebIdentity, pin aud to one identity pool and require amr.",
    anchors: { beyond: ["CKV_AWS_60"] },
    severity: "critical",
    validateResource: validateResourceOfType(aws.iam.Role, (_role, args, report) => {
        const statements = parseTrust(args) ?? [];
        if (cognitoTrustStatements(statements).length === 0) {
            return;
        }
        for (const [i, s] of statements.entries()) {
            if (s.effect !== "Allow") {
                continue;
            }
            const where = `assumeRolePolicy ${describeStatement(s, i)}`;
            // Identity-pool users receive this role: any other principal trusted here gets their permissions too.
            const others = principalsOf(s).filter((p) => p !== `Federated ${cognitoIdentity}`);
            if (others.length > 0) {
                report(`${where} also trusts ${others.join(", ")} on a role that identity-pool users receive: trust only Federated ${cognitoIdentity}, and give other callers a role of their own.`);
            }
            if (cognitoTrustStatements([s]).length === 0) {
                continue;
            }
            const extra = [...s.actions, ...(s.notActions ?? [])].filter((a) => !trustActions.includes(a));
            if (extra.length > 0 || s.notActions) {
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
        if (!cognitoTrustStatements(statements).some((s) => s.actions.includes("sts:AssumeRoleWithWebIdentity"))) {
            report(`assumeRolePolicy trusts ${cognitoIdentity} without sts:AssumeRoleWithWebIdentity: allow only sts:AssumeRoleWithWebIdentity (and sts:TagSession).`);
        }
    }),
};

export const cognitoRoleBinding: StackValidationPolicy = {
    name: "iam-cognito-role-binding",
    description: "Checks whether the guest role trusts only unauthenticated identities, the authenticated and group roles only authenticated ones, and all of them only an identity pool of this stack.",
    anchors: { none: "No published control checks the amr and aud conditions of identity-pool roles." },
    severity: "critical",
    validateStack: async (args, report) => {
        const checkRole = (role: PolicyResource, amr: string, what: string, poolIds: ReadonlySet<string>, poolText: string): void => {
            const trust = cognitoTrustStatements(trustOf(args.resources, role));
            if (trust.length === 0) {
                report(`The ${what} "${role.name}" does not trust ${cognitoIdentity}: trust it with sts:AssumeRoleWithWebIdentity.`, role.urn);
            }
            for (const s of trust) {
                const amrValues = conditionValues(s, amrKey) ?? [];
                if (amrValues.length !== 1 || amrValues[0] !== amr) {
                    report(`The ${what} "${role.name}" trusts amr ${JSON.stringify(amrValues)}: set ForAnyValue:StringLike ${amrKey} to exactly "${amr}".`, role.urn);
                }
                const aud = conditionValues(s, audKey, ["StringEquals"]) ?? [];
                if (aud.length !== 1 || !poolIds.has(aud[0])) {
                    report(`The ${what} "${role.name}" trusts aud ${JSON.stringify(aud)}, not ${poolText}: set StringEquals ${audKey} to the pool's id.`, role.urn);
                }
            }
        };
        await checkEach(ofType(args.resources, aws.cognito.IdentityPoolRoleAttachment), (attachment) => {
            const poolId = fieldsOf(attachment).str("identityPoolId") ?? "";
            const { guest, authenticated } = attachmentRoles(attachment);
            const bindings = [
                ...(guest ? [{ arn: guest, amr: "unauthenticated", what: "guest role" }] : []),
                ...authenticated.map((arn) => ({ arn, amr: "authenticated", what: "authenticated role" })),
            ];
            for (const { arn, amr, what } of bindings) {
                const role = roleForArn(args.resources, arn, what, attachment.urn, report);
                if (role) {
                    checkRole(role, amr, what, new Set([poolId]), `its identity pool ${poolId}`);
                }
            }
        });
        const poolIds = new Set(ofType(args.resources, aws.cognito.IdentityPool).map((p): unknown => p.props.id).filter((v): v is string => typeof v === "string"));
        await checkEach(ofType(args.resources, aws.cognito.UserGroup), (group) => {
            const arn = fieldsOf(group).str("roleArn");
            const role = arn ? roleForArn(args.resources, arn, "group role", group.urn, report) : undefined;
            if (role) {
                checkRole(role, "authenticated", "group role", poolIds, "an identity pool of this stack");
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

/** Whether an ARN is one of this stack's buckets or tables, or lies beneath one (an object, an index). */
function ownData(arn: string, data: StackData): boolean {
    return data.buckets.has(arn.split("/")[0]) || data.tables.has(/^(.*?:table\/[^/]+)/.exec(arn)?.[1] ?? "");
}

/** Services a guest may never call, whatever the config says. */
const forbiddenGuestServices = ["iam", "sts"];

const guestSettings = settings(
    { allowedServices: ["s3"], allowedResourceArns: [] as string[], publicPrefixes: ["public/"], graphqlFields: ["Query.me"] },
    {
        allowedServices: "Services whose Read/List actions the guest role may be granted (iam and sts are never allowed).",
        allowedResourceArns: "ARN patterns, besides this stack's buckets and tables, that the guest role may read.",
        publicPrefixes: "S3 key prefixes of this stack's buckets that guests may read and list; every other key belongs to a user.",
        graphqlFields: "Fields (Type.field) of this stack's GraphQL APIs that guests may call with appsync:GraphQL, each named by its field ARN.",
    },
    { allowedServices: "more", allowedResourceArns: "more", publicPrefixes: "more", graphqlFields: "more" },
);

/** Whether an action pattern grants appsync:GraphQL and nothing else (`appsync:GraphQL`, `appsync:Graph*`). */
async function onlyGraphql(pattern: string): Promise<boolean> {
    if (!pattern.toLowerCase().startsWith("appsync:") || isFullWildcard(pattern)) {
        return false;
    }
    try {
        const actions = await expandActionPattern(pattern);
        return actions.length > 0 && actions.every((a) => a.action.toLowerCase() === graphqlAction);
    } catch (e) {
        if (e instanceof ActionPatternError) {
            return false;
        }
        throw e;
    }
}

/** Guests may read and list only the public prefixes of this stack's buckets, never users' own keys or the buckets' settings. */
function checkGuestS3(statement: Statement, actions: ActionInfo[], data: StackData, publicPrefixes: string[], where: string, urn: string, report: ReportViolation): void {
    const isPublic = (key: string): boolean => publicPrefixes.some((p) => key.startsWith(p) && !hasWildcard(p));
    const suggested = publicPrefixes[0] ?? "public/";
    const s3 = actions.filter((a) => a.service === "s3");
    const objectActions = s3.filter((a) => a.resourceTypes.some((t) => t.endsWith("object")));
    if (objectActions.length > 0) {
        for (const resource of statement.resources.filter((r) => objectActions.some((a) => relevant(r, a)))) {
            const object = s3Object(resource);
            if (object && data.buckets.has(object.bucketArn) && !isPublic(object.key)) {
                report(`${where} lets guests read ${resource}, outside the public prefixes (${publicPrefixes.join(", ")}): narrow it to ${object.bucketArn}/${suggested}*.`, urn);
            } else if (!object && data.buckets.has(resource.replace(/\*+$/, "").replace(/\/$/, ""))) {
                report(`${where} lets guests read ${resource}, every object of the bucket: narrow it to ${resource.replace(/\*+$/, "")}/${suggested}*.`, urn);
            }
        }
    }
    const onBuckets = statement.resources.filter((r) => data.buckets.has(r));
    if (onBuckets.length === 0) {
        return;
    }
    const listing = s3.filter((a) => a.conditionKeys.includes("s3:prefix"));
    if (listing.length > 0) {
        const { ok, shown } = prefixConfined(statement, isPublic);
        if (!ok) {
            report(`${where} lets guests list ${shown}, users' keys included: add a StringLike s3:prefix condition ${suggested}*.`, urn);
        }
    }
    const settingsActions = s3.filter((a) => !a.conditionKeys.includes("s3:prefix") && a.resourceTypes.includes("bucket"));
    if (settingsActions.length > 0) {
        report(`${where} lets guests call ${listed(settingsActions.map((a) => a.action))} on ${onBuckets.join(", ")}: guests may only read objects under ${publicPrefixes.join(", ")} and list them.`, urn);
    }
}

export const guestRoleLimits: StackValidationPolicy = {
    name: "iam-guest-role-limits",
    description: "Checks whether every guest role can only Read or List (per AWS's action data) allowed services on this stack's buckets and tables, and S3 keys only under the public prefixes.",
    anchors: { beyond: ["AwsSolutions-IAM5", "CKV_AWS_111"] },
    severity: "critical",
    configSchema: guestSettings.schema,
    validateStack: async (args, report) => {
        const { allowedServices, allowedResourceArns, publicPrefixes, graphqlFields } = guestSettings.read(args);
        const { guests, unknown } = identityRoles(args.resources, report, "guests");
        await checkEach(guests, async ({ role }) => {
            const data = stackData(args.resources);
            const resourceAllowed = (arn: string): boolean => ownData(arn, data) || allowedResourceArns.some((p) => wildcardMatch(p, arn));
            for (const { doc, statement, where } of allowStatements(roleDocuments(args.resources, role, report), report, "guest role")) {
                const graphql = new Set<string>();
                for (const pattern of statement.actions) {
                    if (await onlyGraphql(pattern)) {
                        graphql.add(pattern);
                    }
                }
                for (const resource of statement.resources.filter((r) => !resourceAllowed(r))) {
                    const field = graphqlField(resource, data.graphqlApis);
                    if (graphql.size > 0 && field !== undefined) {
                        if (!graphqlFields.includes(field)) {
                            report(`${where} lets guests call ${field} (${resource}), which is not on their list of GraphQL fields (${graphqlFields.join(", ")}): remove it.`, doc.urn);
                        }
                        continue;
                    }
                    report(`${where} grants the guest role resource ${resource}: name this stack's buckets or tables, or fields of this stack's GraphQL API (or add the ARN to allowedResourceArns).`, doc.urn);
                }
                const patterns: string[] = [];
                for (const pattern of statement.actions.filter((a) => !graphql.has(a))) {
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
                for (const { pattern, actions } of expanded) {
                    const writes = actions.filter((a) => !isReadOnly(a));
                    const admin = actions.filter((a) => isReadOnly(a) && identityForbidden(a) !== undefined);
                    if (writes.length > 0 || admin.length > 0) {
                        const shown = [...new Set([...admin, ...writes])].slice(0, 5).map((a) => `${a.action} (${a.accessLevels.join(", ")})`);
                        const more = writes.length > 5 ? ` and ${writes.length - 5} more` : "";
                        report(`${where} grants the guest role ${pattern}, which includes ${shown.join(", ")}${more}: grant only Read or List actions.`, doc.urn);
                    }
                }
                const reads = effectiveActions(statement, distinctActions(expanded)).filter((a) => isReadOnly(a) && identityForbidden(a) === undefined);
                checkGuestS3(statement, reads, data, publicPrefixes, where, doc.urn, report);
            }
        });
        if (unknown) {
            throw unknown;
        }
    },
};

const authenticatedSettings = settings(
    {
        sharedReadPrefixes: ["public/"],
        ownPrefix: "private/",
        additionalGrants: [] as string[],
        graphqlFields: ["Query.me", "Query.item", "Query.items", "Mutation.putItem", "Mutation.deleteItem"],
    },
    {
        sharedReadPrefixes: "S3 key prefixes every signed-in user may read without a per-identity ${sub} scope.",
        ownPrefix: "The constant S3 key prefix in front of ${cognito-identity.amazonaws.com:sub} in each identity's own keys.",
        additionalGrants: 'Grants signed-in users may hold besides the allow-list, "<action pattern> <resource ARN pattern>"; never IAM, STS, Cognito admin, permissions management, PartiQL or exports.',
        graphqlFields: "Fields (Type.field) of this stack's GraphQL APIs that signed-in identities may call with appsync:GraphQL, each named by its field ARN.",
    },
    { sharedReadPrefixes: "more", ownPrefix: "changed", additionalGrants: "more", graphqlFields: "more" },
);

/** Object actions that would let a user undo versioning or lock and copy their objects, even under their own prefix. */
const ownObjectExcluded = /^s3:(DeleteObjectVersion|PutObjectRetention|PutObjectLegalHold|Replicate\w+|ObjectOwnerOverrideToBucketOwner)$/i;

interface AuthenticatedRules {
    data: StackData;
    shared: (key: string) => boolean;
    ownPrefix: string;
    extra: ExtraGrant[];
    graphqlFields: readonly string[];
}

/** The LeadingKeys pin and its guard: the pin must be the caller's identity, and requests without keys must not match. */
function leadingKeysPinned(statement: Statement): { pinned: boolean; guarded: boolean } {
    const entries = conditionEntries(statement, "dynamodb:LeadingKeys");
    const exactly = (values: string[]): boolean => values.length > 0 && values.every((v) => v === identitySub);
    const pinned = entries.some(({ operator, values }) => (operator === "ForAllValues:StringEquals" || operator === "ForAllValues:StringLike") && exactly(values));
    const guarded = entries.some(({ operator, values }) => (operator === "Null" && values.every((v) => v === "false")) || ((operator === "ForAnyValue:StringEquals" || operator === "ForAnyValue:StringLike") && exactly(values)));
    return { pinned, guarded };
}

/** Whether a Resource entry is this stack's table, or one of its indexes for an action on indexes. */
function ownTableResource(resource: string, action: ActionInfo, data: StackData): boolean {
    if (data.tables.has(resource)) {
        return action.resourceTypes.includes("table");
    }
    const index = /^(.*)\/index\/([^/]+)$/.exec(resource);
    return index !== null && data.tables.has(index[1]) && action.resourceTypes.includes("index");
}

function checkAuthenticatedStatement(statement: Statement, expanded: Expanded[], rules: AuthenticatedRules, where: string, urn: string, report: ReportViolation): void {
    const { data, shared, ownPrefix, extra, graphqlFields } = rules;
    const actions = distinctActions(expanded);
    const forbidden = new Map<string, ActionInfo[]>();
    for (const a of actions) {
        const why = a.action.toLowerCase() === "dynamodb:scan" ? "scan" : identityForbidden(a);
        if (why) {
            addTo(forbidden, why, a);
        }
    }
    for (const [why, list] of forbidden) {
        if (why === "scan") {
            report(`${where} grants dynamodb:Scan, which reads every user's items (LeadingKeys cannot restrict it): remove Scan and use Query on the user's partition key.`, urn);
        } else {
            report(`${where} grants ${listed(list.map((a) => a.action))} to every signed-in user, which ${why}: remove it.`, urn);
        }
    }
    const granted = effectiveActions(statement, actions.filter((a) => a.action.toLowerCase() !== "dynamodb:scan" && !identityForbidden(a)));
    const lossy = granted.filter((a) => ownObjectExcluded.test(a.action));
    const ownKey = `${ownPrefix}${identitySub}`;
    const isOwnKey = (key: string): boolean => key === ownKey || key.startsWith(`${ownKey}/`);
    const objectsReported = new Set<string>();
    let listingReported = false;
    const items: ActionInfo[] = [];
    const other: { action: ActionInfo; resource: string }[] = [];
    for (const a of granted) {
        for (const resource of statement.resources.filter((r) => relevant(r, a))) {
            if (extraGrantCovers(extra, a, resource)) {
                continue;
            }
            if (a.action.toLowerCase() === graphqlAction) {
                const field = graphqlField(resource, data.graphqlApis);
                if (field === undefined || !graphqlFields.includes(field)) {
                    report(`${where} lets every signed-in user call ${field ?? `appsync:GraphQL on ${resource}`}${field ? ` (${resource})` : ""}, which is not a field of this stack's GraphQL API on their list (${graphqlFields.join(", ")}): name each field by its ARN (<api arn>/types/<Type>/fields/<field>).`, urn);
                }
                continue;
            }
            const object = s3Object(resource);
            if (a.service === "s3" && a.resourceTypes.some((t) => t.endsWith("object")) && (object !== undefined || !data.buckets.has(resource))) {
                const ok = object !== undefined && data.buckets.has(object.bucketArn) && ((isOwnKey(object.key) && !lossy.includes(a)) || (isReadOnly(a) && shared(object.key)));
                if (!ok && lossy.includes(a) && object && isOwnKey(object.key)) {
                    report(`${where} grants ${a.action} on ${resource}: even on their own keys, users may not delete object versions, lock objects or replicate them (versioning and retention protect their data); remove it.`, urn);
                } else if (!ok && !objectsReported.has(resource)) {
                    objectsReported.add(resource);
                    const outside = object && !data.buckets.has(object.bucketArn) ? `, a bucket this stack does not declare,` : "";
                    report(`${where} grants S3 object access on ${resource}${outside} to every signed-in user: scope the key with ${ownKey}/*.`, urn);
                }
                continue;
            }
            if (a.service === "s3" && a.conditionKeys.includes("s3:prefix") && data.buckets.has(resource)) {
                const { ok, shown } = prefixConfined(statement, (p) => isOwnKey(p) || shared(p));
                if (!ok && !listingReported) {
                    listingReported = true;
                    report(`${where} lets every signed-in user list ${shown}: add a StringLike s3:prefix condition ${ownKey}/*.`, urn);
                }
                continue;
            }
            if (a.service === "dynamodb" && a.conditionKeys.includes("dynamodb:LeadingKeys") && ownTableResource(resource, a, data)) {
                if (!items.includes(a)) {
                    items.push(a);
                }
                continue;
            }
            other.push({ action: a, resource });
        }
    }
    if (items.length > 0) {
        const { pinned, guarded } = leadingKeysPinned(statement);
        const shown = items.slice(0, 3).map((a) => a.action).join(", ");
        if (!pinned) {
            report(`${where} grants DynamoDB item access (${shown}) without ForAllValues:StringEquals dynamodb:LeadingKeys = ${identitySub}: add that condition.`, urn);
        } else if (!guarded) {
            report(`${where} grants DynamoDB item access (${shown}) under ForAllValues only, which also matches requests without a key: add the condition Null { "dynamodb:LeadingKeys": "false" }.`, urn);
        }
    }
    if (other.length > 0) {
        const actionsShown = listed([...new Set(other.map((o) => o.action.action))]);
        const resourcesShown = listed([...new Set(other.map((o) => o.resource))], 2);
        report(`${where} grants ${actionsShown} on ${resourcesShown} to every signed-in user, outside their allow-list (own objects under ${ownKey}/, reads under the shared prefixes, own DynamoDB items of this stack's tables): remove it, or add it to additionalGrants in the stack's policy config with a reason.`, urn);
    }
}

export const authenticatedRoleScoping: StackValidationPolicy = {
    name: "iam-authenticated-role-scoping",
    description: "Checks whether every permission of the roles signed-in users receive (authenticated, rule and group roles, any attachment kind) is on the allow-list: own S3 keys under private/${cognito-identity.amazonaws.com:sub}/, shared reads, own DynamoDB items, listed fields of this stack's GraphQL API.",
    anchors: { beyond: ["AwsSolutions-IAM5", "IAM.21", "CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_355"] },
    severity: "high",
    configSchema: authenticatedSettings.schema,
    validateStack: async (args, report) => {
        const { sharedReadPrefixes, ownPrefix, additionalGrants, graphqlFields } = authenticatedSettings.read(args);
        const shared = (key: string): boolean => sharedReadPrefixes.some((p) => key.startsWith(p));
        const extra = parseGrants(additionalGrants);
        const { authenticated, unknown } = identityRoles(args.resources, report, "authenticated");
        await checkEach(authenticated, async ({ role }) => {
            const rules: AuthenticatedRules = { data: stackData(args.resources), shared, ownPrefix, extra, graphqlFields };
            for (const { doc, statement, where } of allowStatements(roleDocuments(args.resources, role, report), report, "authenticated role")) {
                for (const pattern of statement.actions.filter(isFullWildcard)) {
                    report(`${where} grants ${pattern} to every signed-in user: list the actions the app needs.`, doc.urn);
                }
                const expanded = await expandStatement(statement.actions.filter((a) => !isFullWildcard(a)), where, doc.urn, report);
                checkAuthenticatedStatement(statement, expanded, rules, where, doc.urn, report);
            }
        });
        if (unknown) {
            throw unknown;
        }
    },
};

/** AWS-managed policies each service role class may attach; anything else (AdministratorAccess...) is refused. */
const managedForClass: Readonly<Record<RoleClass, readonly string[]>> = {
    identity: [],
    lambda: ["service-role/AWSLambdaBasicExecutionRole", "service-role/AWSLambdaVPCAccessExecutionRole"],
    apigateway: ["service-role/AmazonAPIGatewayPushToCloudWatchLogs"],
    "cognito-sms": [],
    appsync: ["service-role/AWSAppSyncPushToCloudWatchLogs"],
    configured: [],
};

/** Actions a role class may hold on "*": log writes, SMS publishing (phone numbers have no ARN). */
const starActions: Readonly<Record<RoleClass, readonly string[]>> = {
    identity: [],
    lambda: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    apigateway: [],
    "cognito-sms": ["sns:Publish"],
    appsync: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    configured: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
};

/** What an AppSync service role may hold: log writes (field logs) and DynamoDB item actions (data sources). */
const appsyncAction = (a: ActionInfo): boolean => a.service === "logs" || (a.service === "dynamodb" && a.conditionKeys.includes("dynamodb:LeadingKeys"));

const serviceRoleSettings = settings(
    { allowedManagedPolicies: [] as string[], allowedResourceArns: [] as string[] },
    {
        allowedManagedPolicies: "AWS-managed policy ARNs service roles may attach besides AWSLambdaBasicExecutionRole, AWSLambdaVPCAccessExecutionRole (Lambda) and AmazonAPIGatewayPushToCloudWatchLogs (API Gateway).",
        allowedResourceArns: "ARN patterns of S3, DynamoDB and Cognito resources outside this stack that Lambda roles may name.",
    },
    { allowedManagedPolicies: "more", allowedResourceArns: "more" },
);

/** A Resource entry that names no one resource: `*`, a wildcard account, region or name (`table/*`). */
function broadResource(resource: string): boolean {
    if (resource === "*") {
        return true;
    }
    const arn = parseArn(resource);
    if (!arn) {
        return true;
    }
    const name = arn.service === "s3" ? arn.resource.split("/")[0] : arn.resource;
    return [arn.partition, arn.service, arn.account].some(hasWildcard) || name === "*" || /^[^/:]+[/:]\*$/.test(name) || (arn.service === "s3" && hasWildcard(name));
}

/** Services whose resources this stack declares: a service role may name only those of this stack. */
function ownedResource(resource: string, resources: readonly PolicyResource[], data: StackData): boolean | undefined {
    const arn = parseArn(resource);
    if (!arn) {
        return undefined;
    }
    if (arn.service === "s3") {
        const bucket = `arn:${arn.partition}:s3:::${arn.resource.split("/")[0]}`;
        return data.buckets.has(bucket);
    }
    if (arn.service === "dynamodb") {
        const table = /^(arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+)/.exec(resource)?.[1];
        return table !== undefined && data.tables.has(table);
    }
    if (arn.service === "cognito-idp") {
        return byIdentity(resources, "userPool", [aws.cognito.UserPool], ["arn"]).find([resource]).length > 0;
    }
    return undefined;
}

/**
 * URNs of the roles of functions that are a user pool's custom SMS sender: like Cognito's own
 * SMS role, they publish to phone numbers, which have no ARN, so sns:Publish on * is theirs.
 */
function smsSenderRoles(resources: readonly PolicyResource[]): Set<string> {
    const roles = rolesIndex(resources);
    const out = new Set<string>();
    for (const pool of ofType(resources, aws.cognito.UserPool)) {
        const arn = fieldsOf(pool).str("lambdaConfig.customSmsSender.lambdaArn");
        const fn = arn ? functionFor(resources, arn) : undefined;
        const roleArn = fn ? fieldsOf(fn).str("role") : undefined;
        for (const role of roleArn ? roles.find([roleArn]) : []) out.add(role.urn);
    }
    return out;
}

export const serviceRolePermissions: StackValidationPolicy = {
    name: "iam-service-role-permissions",
    description: "Checks whether Lambda execution, API Gateway, Cognito SMS and AppSync roles are least privilege: no * action, no * resource beyond logs, no IAM/STS or permissions management, no admin managed policies, only this stack's data.",
    anchors: { beyond: ["IAM.1", "IAM.21", "AwsSolutions-IAM4", "AwsSolutions-IAM5", "CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_109", "CKV_AWS_274", "CKV_AWS_355"] },
    severity: "critical",
    configSchema: serviceRoleSettings.schema,
    validateStack: async (args, report) => {
        const { allowedManagedPolicies, allowedResourceArns } = serviceRoleSettings.read(args);
        const configured = trustSettings.read(args).allowedPrincipals;
        const accounts = stackAccounts(args.resources);
        const roles = ofType(args.resources, aws.iam.Role)
            .map((role) => ({ role, cls: roleClass(trustOf(args.resources, role), configured) }))
            .filter((r): r is { role: PolicyResource; cls: RoleClass } => r.cls !== undefined && r.cls !== "identity");
        const smsSenders = smsSenderRoles(args.resources);
        await checkEach(roles, async ({ role, cls }) => {
            const kind = classNames[cls];
            const data = stackData(args.resources);
            const { documents, external } = rolePermissions(args.resources, role, report);
            for (const { arn, urn, via } of external) {
                const name = /^arn:aws[\w-]*:iam::aws:policy\/(.+)$/.exec(arn)?.[1];
                if (allowedManagedPolicies.includes(arn) || (name !== undefined && managedForClass[cls].includes(name))) {
                    continue;
                }
                const admin = name !== undefined && /(^|\/)(AdministratorAccess|PowerUserAccess|IAMFullAccess|\w*FullAccess)$/.test(name);
                report(`${via} attaches ${arn} to the ${kind} "${role.name}"${admin ? ", an admin policy" : ", which this pack cannot read"}: grant the actions the function needs in a policy of this program.`, urn);
            }
            for (const { doc, statement, where } of allowStatements(documents, report, kind)) {
                for (const pattern of statement.actions.filter(isFullWildcard)) {
                    report(`${where} grants ${pattern} to the ${kind} "${role.name}": list the actions it needs.`, doc.urn);
                }
                const actions = distinctActions(await expandStatement(statement.actions.filter((a) => !isFullWildcard(a)), where, doc.urn, report));
                const escalating = actions.filter((a) => a.service === "iam" || a.service === "sts" || managesPermissions(a));
                if (escalating.length > 0) {
                    report(`${where} grants ${listed(escalating.map((a) => a.action))} to the ${kind} "${role.name}", a privilege escalation (IAM, STS or permissions management): remove it.`, doc.urn);
                }
                const granted = effectiveActions(statement, actions.filter((a) => !escalating.includes(a)));
                if (cls === "apigateway" || cls === "cognito-sms" || cls === "appsync") {
                    const foreign = granted.filter((a) => (cls === "apigateway" ? a.service !== "logs" : cls === "appsync" ? !appsyncAction(a) : a.action !== "sns:Publish"));
                    const needs = { apigateway: "CloudWatch Logs actions", "cognito-sms": "sns:Publish", appsync: "CloudWatch Logs writes and DynamoDB item actions (no Scan, no table management)" }[cls];
                    if (foreign.length > 0) {
                        report(`${where} grants ${listed(foreign.map((a) => a.action))} to the ${kind} "${role.name}", which needs only ${needs}: remove it.`, doc.urn);
                    }
                }
                const broad = statement.resources.filter(broadResource);
                const notOnStar = granted.filter(
                    (a) =>
                        !starActions[cls].includes(a.action) &&
                        !(cls === "apigateway" && a.service === "logs") &&
                        !(cls === "lambda" && a.action === "sns:Publish" && smsSenders.has(role.urn)) &&
                        broad.some((r) => relevant(r, a)),
                );
                if (notOnStar.length > 0) {
                    report(`${where} grants ${listed(notOnStar.map((a) => a.action))} on ${listed(broad, 2)} to the ${kind} "${role.name}": name the resources (only log writes may use *).`, doc.urn);
                }
                for (const resource of statement.resources.filter((r) => !broadResource(r))) {
                    const account = parseArn(resource)?.account;
                    if (account && accounts.size > 0 && /^\d{12}$/.test(account) && !accounts.has(account)) {
                        report(`${where} grants the ${kind} "${role.name}" ${resource} in account ${account}, not this stack's: name this stack's resources.`, doc.urn);
                    } else if (ownedResource(resource, args.resources, data) === false && !allowedResourceArns.some((p) => wildcardMatch(p, resource)) && granted.some((a) => relevant(resource, a))) {
                        report(`${where} grants the ${kind} "${role.name}" ${resource}, which this stack does not declare: name this stack's resources, or add the ARN to allowedResourceArns with a reason.`, doc.urn);
                    }
                }
            }
        });
    },
};

/** IAM resources that give a person or a key lasting access, or grant to users and groups: none belongs in this stack. */
const userResources: readonly ResourceClass[] = [
    aws.iam.User, aws.iam.AccessKey, aws.iam.UserLoginProfile, aws.iam.ServiceSpecificCredential, aws.iam.SigningCertificate, aws.iam.SshKey,
    aws.iam.Group, aws.iam.GroupMembership, aws.iam.UserGroupMembership, aws.iam.UserPolicy, aws.iam.UserPolicyAttachment, aws.iam.UserPoliciesExclusive,
    aws.iam.UserPolicyAttachmentsExclusive, aws.iam.GroupPolicy, aws.iam.GroupPolicyAttachment, aws.iam.GroupPoliciesExclusive, aws.iam.GroupPolicyAttachmentsExclusive,
];

export const principalsInStack: StackValidationPolicy = {
    name: "iam-principals-in-stack",
    description: "Checks whether the stack declares no IAM users, groups or long-lived keys, and attaches policies only to its own roles.",
    anchors: { beyond: ["IAM.2", "CKV_AWS_40"] },
    severity: "critical",
    validateStack: async (args, report) => {
        for (const r of ofTypes(args.resources, userResources)) {
            report(`${r.type.split(":").pop()} "${r.name}" gives an IAM user or group lasting access: this stack grants access only through its roles (Cognito identities, Lambda, API Gateway); remove it.`, r.urn);
        }
        const roles = byIdentity(args.resources, "role.ids", [aws.iam.Role], ["name", "id", "arn"]);
        const targets = [
            ...ofType(args.resources, aws.iam.RolePolicy).map((r) => ({ r, field: "role", names: [fieldsOf(r).str("role") ?? ""] })),
            ...ofType(args.resources, aws.iam.RolePolicyAttachment).map((r) => ({ r, field: "role", names: [fieldsOf(r).str("role") ?? ""] })),
            ...ofType(args.resources, aws.iam.RolePolicyAttachmentsExclusive).map((r) => ({ r, field: "roleName", names: [fieldsOf(r).str("roleName") ?? ""] })),
            ...ofType(args.resources, aws.iam.RolePoliciesExclusive).map((r) => ({ r, field: "roleName", names: [fieldsOf(r).str("roleName") ?? ""] })),
            ...ofType(args.resources, aws.iam.PolicyAttachment).map((r) => ({ r, field: "roles", names: fieldsOf(r).strings("roles") ?? [] })),
        ];
        await checkEach(targets, ({ r, field, names }) => {
            for (const name of names.filter((n) => roles.find([n]).length === 0)) {
                report(`${r.type.split(":").pop()} "${r.name}" changes the permissions of role ${name || "(none)"} (${field}), which this stack does not declare, so nothing checks what that role can do: attach policies only to this stack's roles.`, r.urn);
            }
            if (r.isType(aws.iam.PolicyAttachment)) {
                const fields = fieldsOf(r);
                const others = [...(fields.strings("users") ?? []), ...(fields.strings("groups") ?? [])];
                if (others.length > 0) {
                    report(`PolicyAttachment "${r.name}" attaches its policy to users or groups (${others.join(", ")}): attach policies only to this stack's roles.`, r.urn);
                }
            }
        });
    },
};

export const iamPolicies = [roleTrust, roleTrustSourceAccount, cognitoTrustPolicy, cognitoRoleBinding, guestRoleLimits, authenticatedRoleScoping, serviceRolePermissions, principalsInStack] as const;
