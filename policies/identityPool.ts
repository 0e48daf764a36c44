import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { ofType, requiredOutput } from "./lib/stack";
import { checkEach } from "./lib/unknowns";

export const identityPoolClassicFlow: ResourceValidationPolicy = {
    name: "cognito-identity-pool-classic-flow",
    description: "Checks whether identity pools keep the classic (basic) authentication flow off.",
    severity: "high",
    validateResource: validateResourceOfType(aws.cognito.IdentityPool, (pool, _args, report) => {
        if (pool.allowClassicFlow === true) {
            report("allowClassicFlow is true, which lets callers assume any role that trusts the pool: set allowClassicFlow: false.");
        }
    }),
};

const guestSettings = settings(
    { allowUnauthenticatedIdentities: false },
    { allowUnauthenticatedIdentities: "Accept identity pools that hand out guest (unauthenticated) credentials." },
);

export const identityPoolUnauthenticatedAccess: ResourceValidationPolicy = {
    name: "cognito-identity-pool-unauthenticated-access",
    description: "Checks whether identity pools allow unauthenticated (guest) identities only where the stack's config allows them.",
    severity: "high",
    configSchema: guestSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.IdentityPool, (pool, args, report) => {
        if (pool.allowUnauthenticatedIdentities === true && !guestSettings.read(args).allowUnauthenticatedIdentities) {
            report("allowUnauthenticatedIdentities is true but this stack does not allow guest access: set it to false, or allow it in the stack's policy config.");
        }
    }),
};

export const identityPoolGuestRole: StackValidationPolicy = {
    name: "cognito-identity-pool-guest-role",
    description: "Checks whether every identity pool has a role attachment and, when it admits guests, a guest role distinct from the authenticated role.",
    severity: "high",
    validateStack: async (args, report) => {
        const attachments = ofType(args.resources, aws.cognito.IdentityPoolRoleAttachment);
        await checkEach(ofType(args.resources, aws.cognito.IdentityPool), (pool) => {
            const poolId = requiredOutput(pool, "id");
            const own = attachments.filter((a) => a.props.identityPoolId === poolId);
            if (own.length === 0) {
                report(`Identity pool "${pool.name}" has no aws.cognito.IdentityPoolRoleAttachment: attach its authenticated (and guest) roles.`, pool.urn);
                return;
            }
            if (pool.props.allowUnauthenticatedIdentities !== true) {
                return;
            }
            for (const attachment of own) {
                const roles = (attachment.props.roles ?? {}) as Record<string, string>;
                if (!roles.unauthenticated) {
                    report(`Identity pool "${pool.name}" admits guests but attachment "${attachment.name}" sets no roles.unauthenticated: attach a dedicated guest role.`, attachment.urn);
                } else if (roles.unauthenticated === roles.authenticated) {
                    report(`Attachment "${attachment.name}" gives guests the authenticated role ${roles.unauthenticated}: attach a separate guest role with read-only permissions.`, attachment.urn);
                }
            }
        });
    },
};

export const identityPoolPolicies = [identityPoolClassicFlow, identityPoolUnauthenticatedAccess, identityPoolGuestRole] as const;
