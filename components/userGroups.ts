import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, throwIfIssues, ValidationIssue } from "./issues";
import { slug } from "./userPool";

export interface GroupSpec {
    readonly name: string;
    /** @default - none */
    readonly description?: string;
    /** Lower wins when a user's groups map to different roles. @default - none */
    readonly precedence?: number;
}

export interface UserGroupsArgs {
    readonly userPoolId: pulumi.Input<string>;
    readonly groups: readonly GroupSpec[];
    /** IAM role per group name, for identity-pool token-based role mapping. @default {} */
    readonly roleArns?: Record<string, pulumi.Input<string>>;
}

export function validateGroups(groups: readonly GroupSpec[]): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const names = new Set<string>();
    const precedences = new Map<number, string>();
    groups.forEach((g, i) => {
        if (names.has(g.name)) {
            out.push(issue(`groups[${i}].name`, "must be unique", g.name, "remove the duplicate group"));
        }
        names.add(g.name);
        if (g.precedence !== undefined) {
            const other = precedences.get(g.precedence);
            if (other !== undefined) {
                // Equal precedence makes the role a user gets from cognito:preferred_role arbitrary.
                out.push(issue(`groups[${i}].precedence`, `must differ from group ${other}'s`, g.precedence, "give each group its own precedence (lower wins)"));
            }
            precedences.set(g.precedence, g.name);
        }
    });
    return out;
}

/** User-pool groups, each optionally bound to an IAM role. */
export class UserGroups extends pulumi.ComponentResource {
    public readonly groups: Record<string, aws.cognito.UserGroup>;

    constructor(name: string, args: UserGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:cognito:UserGroups", name, {}, opts);
        throwIfIssues(`UserGroups ${name}`, validateGroups(args.groups), "UserGroupsArgs.");
        const unknownRoles = Object.keys(args.roleArns ?? {}).filter((g) => !args.groups.some((x) => x.name === g));
        throwIfIssues(
            `UserGroups ${name}`,
            unknownRoles.map((g) => issue("roleArns", `names group ${g}, which is not in groups`, g, "add the group or remove its role")),
            "UserGroupsArgs.",
        );
        this.groups = Object.fromEntries(
            args.groups.map((g) => [
                g.name,
                new aws.cognito.UserGroup(
                    `${name}-${slug(g.name)}`,
                    { userPoolId: args.userPoolId, name: g.name, description: g.description, precedence: g.precedence, roleArn: args.roleArns?.[g.name] },
                    { parent: this },
                ),
            ]),
        );
        this.registerOutputs({ groupNames: Object.keys(this.groups) });
    }
}
