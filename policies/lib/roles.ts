/**
 * Every role of a stack, classed by whom its trust policy lets assume it: identity roles
 * (Cognito identity pool), Lambda execution roles, the API Gateway logging role, the Cognito SMS
 * role and AppSync service roles (data sources, field logs). Each class has its own allowed
 * principals and permissions.
 */
import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation } from "@pulumi/policy";
import { PolicyDocumentError, Statement, conditionValues, parsePolicyDocument } from "./iamDocument";
import { attachmentRoles, memo, ofType, roleForArn } from "./stack";
import { isUnknownValueError } from "./unknowns";
import { fieldsOf } from "./values";

export const cognitoIdentity = "cognito-identity.amazonaws.com";
export const amrKey = `${cognitoIdentity}:amr`;

export type RoleClass = "identity" | "lambda" | "apigateway" | "cognito-sms" | "appsync" | "configured";

/** Service principals a class of role may trust, each alone. */
export const serviceClasses: Readonly<Record<string, RoleClass>> = {
    "lambda.amazonaws.com": "lambda",
    "apigateway.amazonaws.com": "apigateway",
    "cognito-idp.amazonaws.com": "cognito-sms",
    "appsync.amazonaws.com": "appsync",
};

export const classNames: Readonly<Record<RoleClass, string>> = {
    identity: "identity role",
    lambda: "Lambda execution role",
    apigateway: "API Gateway role",
    "cognito-sms": "Cognito SMS role",
    appsync: "AppSync service role",
    configured: "role of a principal the stack's policy config allows",
};

/** A principal of a trust statement as `Kind value` (`Service lambda.amazonaws.com`, `AWS *`). */
export function principalsOf(statement: Statement): string[] {
    return Object.entries(statement.principals).flatMap(([kind, values]) => values.map((v) => (kind === "*" ? "*" : `${kind} ${v}`)));
}

export function classOfPrincipal(principal: string, configured: readonly string[]): RoleClass | undefined {
    if (principal === `Federated ${cognitoIdentity}`) {
        return "identity";
    }
    // The whole value after the kind ("Service lambda.amazonaws.com x" is no Lambda principal), and
    // own keys only ("Service constructor" must not find Object's constructor).
    const service = /^Service (.*)$/s.exec(principal)?.[1];
    if (service !== undefined && Object.hasOwn(serviceClasses, service)) {
        return serviceClasses[service];
    }
    return configured.includes(principal) ? "configured" : undefined;
}

export function parseTrust(role: Pick<PolicyResource, "props" | "name" | "urn">, report?: ReportViolation): Statement[] | undefined {
    try {
        return parsePolicyDocument(role.props.assumeRolePolicy, `assumeRolePolicy of role "${role.name}"`);
    } catch (e) {
        if (e instanceof PolicyDocumentError) {
            report?.(`${e.message}.`, role.urn);
            return undefined;
        }
        throw e;
    }
}

/** The one class a trust policy puts its role in, or undefined when it trusts no or several kinds of principal. */
export function roleClass(statements: readonly Statement[], configured: readonly string[] = []): RoleClass | undefined {
    const classes = new Set<RoleClass | undefined>();
    for (const s of statements.filter((x) => x.effect === "Allow")) {
        if (s.notPrincipals) {
            classes.add(undefined);
        }
        for (const p of principalsOf(s)) {
            classes.add(classOfPrincipal(p, configured));
        }
    }
    return classes.size === 1 ? [...classes][0] : undefined;
}

export function cognitoTrustStatements(statements: readonly Statement[]): Statement[] {
    return statements.filter((s) => s.effect === "Allow" && (s.principals.Federated ?? []).includes(cognitoIdentity));
}

/** A role signed-in users or guests receive, and the resource that hands it to them. */
export interface IdentityRole {
    role: PolicyResource;
    urn: string;
}

export interface IdentityRoles {
    guests: IdentityRole[];
    authenticated: IdentityRole[];
}

/** The identity roles found, and the first unknown value met while finding them (rethrown after checking those found). */
export interface FoundIdentityRoles extends IdentityRoles {
    unknown?: Error;
}

/**
 * Every identity role of the stack: those an identity-pool attachment (authenticated, guest,
 * rule roles) or a user-pool group hands out, and every other role whose trust admits
 * cognito-identity.amazonaws.com. A role trusting `amr` "unauthenticated" is a guest role
 * wherever it is attached; the others are roles of signed-in users.
 */
export function identityRoles(resources: readonly PolicyResource[], report: ReportViolation, reporting: keyof IdentityRoles): FoundIdentityRoles {
    const silent: ReportViolation = () => undefined;
    const reportGuests = reporting === "guests" ? report : silent;
    const reportAuthenticated = reporting === "authenticated" ? report : silent;
    const guests = new Map<PolicyResource, string>();
    const authenticated = new Map<PolicyResource, string>();
    let firstUnknown: Error | undefined;
    const attempt = (f: () => void): void => {
        try {
            f();
        } catch (e) {
            if (!isUnknownValueError(e)) {
                throw e;
            }
            firstUnknown ??= e;
        }
    };
    for (const attachment of ofType(resources, aws.cognito.IdentityPoolRoleAttachment)) {
        attempt(() => {
            const { guest, authenticated: arns } = attachmentRoles(attachment);
            const role = guest ? roleForArn(resources, guest, "guest role", attachment.urn, reportGuests) : undefined;
            if (role && !guests.has(role)) {
                guests.set(role, attachment.urn);
            }
            for (const arn of arns) {
                const r = roleForArn(resources, arn, "authenticated role", attachment.urn, reportAuthenticated);
                if (r && !authenticated.has(r)) {
                    authenticated.set(r, attachment.urn);
                }
            }
        });
    }
    for (const group of ofType(resources, aws.cognito.UserGroup)) {
        attempt(() => {
            const arn = fieldsOf(group).str("roleArn");
            const role = arn ? roleForArn(resources, arn, "group role", group.urn, reportAuthenticated) : undefined;
            if (role && !authenticated.has(role)) {
                authenticated.set(role, group.urn);
            }
        });
    }
    for (const role of ofType(resources, aws.iam.Role)) {
        attempt(() => {
            const trust = cognitoTrustStatements(trustOf(resources, role));
            if (trust.length === 0) {
                return;
            }
            const amr = trust.flatMap((s) => conditionValues(s, amrKey) ?? []);
            if (amr.some((v) => v !== "authenticated")) {
                // Anything but exactly "authenticated" may admit guests: judge it as a guest role.
                if (!guests.has(role)) {
                    guests.set(role, role.urn);
                }
            } else if (!authenticated.has(role) && !guests.has(role)) {
                authenticated.set(role, role.urn);
            }
        });
    }
    const list = (m: Map<PolicyResource, string>): IdentityRole[] => [...m].map(([role, urn]) => ({ role, urn }));
    return { guests: list(guests), authenticated: list(authenticated), unknown: firstUnknown };
}

/** A role's parsed trust policy, once per stack; an unreadable one is empty here (iam-role-trust reports it). */
export function trustOf(resources: readonly PolicyResource[], role: PolicyResource): Statement[] {
    return memo(resources, `trust:${role.urn}`, () => parseTrust(role) ?? []);
}
