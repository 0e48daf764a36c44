import * as policySdk from "@pulumi/policy";
import { MalformedValueError } from "./values";

/**
 * The engine hands policies their props through a proxy that throws `UnknownValueError` when a
 * policy reads a value that is not known yet (first preview), and reports such a policy as
 * "can't run ... during preview" at advisory level. The class is exported at run time but not
 * in the SDK's typings, hence the cast.
 */
type UnknownValueErrorClass = new (sentinel: string, path: string[]) => Error;
interface PolicySdkInternals {
    UnknownValueError: UnknownValueErrorClass;
    unknownCheckingProxy<T>(value: T): T;
}
const sdk = policySdk as unknown as PolicySdkInternals;

/** The wire value of an unknown string (`UnknownStringValue` in the engine). */
export const unknownStringSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Wraps props exactly as the engine does before it calls a policy. */
export function unknownCheckingProxy<T>(value: T): T {
    return sdk.unknownCheckingProxy(value);
}

export function isUnknownValueError(e: unknown): e is Error {
    return e instanceof sdk.UnknownValueError;
}

/**
 * A fact a policy needs but cannot know yet, e.g. an ARN the provider assigns at create time.
 * It is an `UnknownValueError`, so the engine reports it like any unknown value: an advisory
 * "can't run ... during preview" diagnostic under the policy's own name.
 */
export class UndecidedError extends sdk.UnknownValueError {
    constructor(message: string) {
        super(unknownStringSentinel, []);
        this.message = message;
    }
}

export function undecided(what: string): never {
    throw new UndecidedError(`cannot decide yet: ${what} is not known until the resources are created; it is checked again when it is`);
}

/**
 * Runs every check even when one meets an unknown or malformed value, so the decidable
 * violations are reported; the first malformed value (else the first unknown) is rethrown at
 * the end so it is not passed over silently.
 */
export async function checkEach<T>(items: readonly T[], check: (item: T) => void | Promise<void>): Promise<void> {
    let firstUnknown: Error | undefined;
    let firstMalformed: MalformedValueError | undefined;
    for (const item of items) {
        try {
            await check(item);
        } catch (e) {
            if (e instanceof MalformedValueError) {
                firstMalformed ??= e;
            } else if (isUnknownValueError(e)) {
                firstUnknown ??= e;
            } else {
                throw e;
            }
        }
    }
    const first = firstMalformed ?? firstUnknown;
    if (first) {
        throw first;
    }
}

/** `checkEach` over independent checks of one resource. */
export function checkAll(checks: readonly (() => void | Promise<void>)[]): Promise<void> {
    return checkEach(checks, (check) => check());
}
