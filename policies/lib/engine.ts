import { Policies, ReportViolation, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { MalformedValueError } from "./values";

function reported(e: unknown, report: ReportViolation): void {
    if (!(e instanceof MalformedValueError)) {
        throw e;
    }
    report(`${e.message}: give the value the provider expects.`, e.urn);
}

/** `validateResourceOfType` marks its function with the type it is bound to; the engine skips other types by it. */
function keepType<F extends object>(from: object, to: F): F {
    const type = (from as { __pulumiType?: unknown }).__pulumiType;
    return type === undefined ? to : Object.assign(to, { __pulumiType: type });
}

/**
 * The policy as the engine runs it: a value of the wrong kind becomes a violation naming the
 * field instead of a policy error (the offline check exits 2 on it instead; see runner.ts).
 */
export function reportingMalformed(policy: Policies[number]): Policies[number] {
    const resource = policy as ResourceValidationPolicy;
    if (resource.validateResource) {
        const wrap = (validate: ResourceValidation): ResourceValidation =>
            keepType(validate, async (args, report) => {
                try {
                    await validate(args, report);
                } catch (e) {
                    reported(e, report);
                }
            });
        const validations = resource.validateResource;
        const wrapped: ResourceValidationPolicy = { ...resource, validateResource: Array.isArray(validations) ? validations.map(wrap) : wrap(validations) };
        return wrapped;
    }
    const stack = policy as StackValidationPolicy;
    const wrapped: StackValidationPolicy = {
        ...stack,
        validateStack: keepType(stack.validateStack, async (args, report) => {
            try {
                await stack.validateStack(args, report);
            } catch (e) {
                reported(e, report);
            }
        }),
    };
    return wrapped;
}
