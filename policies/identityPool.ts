import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { settings } from "./lib/config";
import { byIdentity, indexBy, ofType, requiredOutput } from "./lib/stack";
import { checkEach } from "./lib/unknowns";
import { fieldsOf } from "./lib/values";

export const identityPoolClassicFlow: ResourceValidationPolicy = {
    name: "cognito-identity-pool-classic-flow",
    description: "Checks whether identity pools keep the classic (basic) authentication flow off.",
    anchors: { none: "No published control checks an identity pool's classic (basic) flow." },
    severity: "high",
    validateResource: validateResourceOfType(aws.cognito.IdentityPool, (_pool, args, report) => {
        if (fieldsOf(args, false).bool("allowClassicFlow") === true) {
            report("allowClassicFlow is true, which lets callers assume any role that trusts the pool: set allowClassicFlow: false.");
        }
    }),
};

const guestSettings = settings(
    { allowUnauthenticatedIdentities: false },
    { allowUnauthenticatedIdentities: "Accept identity pools that hand out guest (unauthenticated) credentials." },
    { allowUnauthenticatedIdentities: "true" },
);

export const identityPoolUnauthenticatedAccess: ResourceValidationPolicy = {
    name: "cognito-identity-pool-unauthenticated-access",
    description: "Checks whether identity pools allow unauthenticated (guest) identities only where the stack's config allows them.",
    anchors: { covers: ["Cognito.2", "AwsSolutions-COG7", "CKV_AWS_366"] },
    severity: "high",
    configSchema: guestSettings.schema,
    validateResource: validateResourceOfType(aws.cognito.IdentityPool, (_pool, args, report) => {
        if (fieldsOf(args, false).bool("allowUnauthenticatedIdentities") === true && !guestSettings.read(args).allowUnauthenticatedIdentities) {
            report("allowUnauthenticatedIdentities is true but this stack does not allow guest access: set it to false, or allow it in the stack's policy config.");
        }
    }),
};

export const identityPoolGuestRole: StackValidationPolicy = {
    name: "cognito-identity-pool-guest-role",
    description: "Checks whether every identity pool has a role attachment and, when it admits guests, a guest role distinct from the authenticated role.",
    anchors: { none: "No published control checks an identity pool's role attachment or a distinct guest role." },
    severity: "high",
    validateStack: async (args, report) => {
        const attachments = indexBy(args.resources, "attachment.identityPoolId", [aws.cognito.IdentityPoolRoleAttachment], (r) => r.props.identityPoolId);
        await checkEach(ofType(args.resources, aws.cognito.IdentityPool), (pool) => {
            const own = attachments.all([requiredOutput(pool, "id")]);
            if (own.length === 0) {
                report(`Identity pool "${pool.name}" has no aws.cognito.IdentityPoolRoleAttachment: attach its authenticated (and guest) roles.`, pool.urn);
                return;
            }
            if (own.length > 1) {
                report(`Identity pool "${pool.name}" has ${own.length} role attachments (${own.map((a) => `"${a.name}"`).join(", ")}): the last one applied replaces the others; keep one.`, pool.urn);
            }
            if (fieldsOf(pool).bool("allowUnauthenticatedIdentities") !== true) {
                return;
            }
            for (const attachment of own) {
                const roles = fieldsOf(attachment).stringMap("roles");
                if (!roles.unauthenticated) {
                    report(`Identity pool "${pool.name}" admits guests but attachment "${attachment.name}" sets no roles.unauthenticated: attach a dedicated guest role.`, attachment.urn);
                } else if (roles.unauthenticated === roles.authenticated) {
                    report(`Attachment "${attachment.name}" gives guests the authenticated role ${roles.unauthenticated}: attach a separate guest role with read-only permissions.`, attachment.urn);
                }
            }
        });
    },
};

const providerSettings = settings(
    { allowedDirectLoginProviders: [] as string[] },
    {
        allowedDirectLoginProviders:
            "Providers whose own tokens the identity pool may accept directly, skipping the user pool's MFA and threat protection: supportedLoginProviders keys (accounts.google.com), OIDC provider hosts (issuer.example.com), SAML provider names.",
    },
    { allowedDirectLoginProviders: "more" },
);

/** The provider an OIDC or SAML provider ARN names: its issuer host and path, or its name. */
function providerOfArn(arn: string): string {
    const match = /:(oidc|saml)-provider\/(.+)$/.exec(arn);
    return match ? match[2].replace(/\/$/, "") : arn;
}

export const identityPoolProviders: StackValidationPolicy = {
    name: "cognito-identity-pool-providers",
    description: "Checks whether identity pools accept this stack's user pools and clients with server-side token checks, and other providers' tokens directly only where the stack's config allows them.",
    anchors: { none: "No published control checks which user pools and providers an identity pool accepts." },
    severity: "critical",
    configSchema: providerSettings.schema,
    validateStack: async (args, report) => {
        const { allowedDirectLoginProviders } = providerSettings.read(args);
        const allowed = allowedDirectLoginProviders.map((p) => p.replace(/\/$/, ""));
        const pools = byIdentity(args.resources, "userPool.endpoint", [aws.cognito.UserPool], ["endpoint"]);
        const clients = byIdentity(args.resources, "client.id", [aws.cognito.UserPoolClient], ["id"]);
        await checkEach(ofType(args.resources, aws.cognito.IdentityPool), (pool) => {
            const fields = fieldsOf(pool);
            for (const provider of fields.objs("cognitoIdentityProviders")) {
                const name = provider.str("providerName") ?? "";
                const clientId = provider.str("clientId") ?? "";
                const userPool = pools.find([name])[0];
                if (!userPool) {
                    report(`Identity pool "${pool.name}" accepts tokens of ${name || "an unnamed provider"}, not a user pool of this stack: name this stack's pool (cognito-idp.<region>.amazonaws.com/<pool id>).`, pool.urn);
                } else if (!clients.find([clientId]).some((c) => c.props.userPoolId === requiredOutput(userPool, "id"))) {
                    report(`Identity pool "${pool.name}" accepts client ${clientId || "(none)"} of ${name}, not an app client of that pool in this stack: name the pool's client.`, pool.urn);
                }
                if (provider.bool("serverSideTokenCheck") !== true) {
                    report(`Identity pool "${pool.name}" accepts ${name} tokens without serverSideTokenCheck, so signed-out or revoked tokens still get credentials: set serverSideTokenCheck: true.`, pool.urn);
                }
            }
            const direct = [
                ...Object.keys(fields.stringMap("supportedLoginProviders")).map((p) => ({ id: p, field: "supportedLoginProviders" })),
                ...(fields.strings("openidConnectProviderArns") ?? []).map((arn) => ({ id: providerOfArn(arn), field: "openidConnectProviderArns" })),
                ...(fields.strings("samlProviderArns") ?? []).map((arn) => ({ id: providerOfArn(arn), field: "samlProviderArns" })),
                ...(fields.str("developerProviderName") ? [{ id: `developer:${fields.str("developerProviderName")}`, field: "developerProviderName" }] : []),
            ];
            for (const { id, field } of direct.filter((d) => !allowed.includes(d.id))) {
                report(`Identity pool "${pool.name}" accepts ${id} tokens directly (${field}), which skips the user pool's MFA and threat protection: sign those users in through the user pool, or allow the provider in the stack's policy config with a reason.`, pool.urn);
            }
        });
    },
};

export const identityPoolPolicies = [identityPoolClassicFlow, identityPoolUnauthenticatedAccess, identityPoolGuestRole, identityPoolProviders] as const;
