// zod/mini: the same validators as zod, tree-shakable (the full build adds ~450 KB to the bundle).
import * as z from "zod/mini";
import { HttpError } from "./http";

export const ItemIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -"));

/** A user-pool `sub` (a UUID) as the partition the admin route reads. */
export const UserIdSchema = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be a user's sub (a UUID)"));

export const ItemBodySchema = z.strictObject({
    title: z.string().check(z.trim(), z.minLength(1, "must not be empty"), z.maxLength(200, "must be at most 200 characters")),
    content: z.optional(z.string().check(z.maxLength(10_000, "must be at most 10000 characters"))),
});
export type ItemBody = z.infer<typeof ItemBodySchema>;

export const ListQuerySchema = z.strictObject({
    limit: z._default(z.coerce.number().check(z.int("must be an integer"), z.minimum(1, "must be at least 1"), z.maximum(100, "must be at most 100")), 25),
    nextToken: z.optional(z.string().check(z.maxLength(2048, "is too long"))),
});

const MAX_BODY_BYTES = 16 * 1024;

/** Parses `value` with `schema` or throws a 400 naming the failing fields. */
export function parse<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
    const result = schema.safeParse(value);
    if (!result.success) {
        const details = result.error.issues.map((i) => i.code === "unrecognized_keys"
            ? `${what}: unknown field(s) ${i.keys.join(", ")}`
            : `${i.path.join(".") || what}: ${i.message}`).join("; ");
        throw new HttpError(400, `Invalid ${what}: ${details}`);
    }
    return result.data;
}

export function parseJsonBody(body: string | null, isBase64Encoded: boolean): unknown {
    const text = body === null ? "" : isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body;
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
        throw new HttpError(413, `The body must be at most ${MAX_BODY_BYTES} bytes.`);
    }
    try {
        return JSON.parse(text) as unknown;
    } catch {
        throw new HttpError(400, "The body must be a JSON object.");
    }
}
