import { ATTRIBUTE_NAME_PATTERN } from "../shared/attributes";
import { EnvReader, type Env } from "../shared/env";

export interface UserMigrationConfig {
    /** DynamoDB table of the legacy users (partition key `username`). */
    readonly tableName: string;
    /** Attributes copied from the legacy record; anything else in it is left behind. */
    readonly migratedAttributes: ReadonlySet<string>;
    /** bcrypt cost of the stand-in hash checked for unknown users, as slow as the legacy hashes. */
    readonly bcryptCost: number;
}

/** Attributes migrated by default: the profile, never a flag or a privileged attribute. */
export const DEFAULT_MIGRATED_ATTRIBUTES = ["email", "name", "given_name", "family_name", "locale", "phone_number"];
/** Verification flags come from the legacy record's own fields, never from its attribute map. */
const NEVER_MIGRATED = ["email_verified", "phone_number_verified", "sub", "cognito:username"];

/** Reads TABLE_NAME (required), MIGRATED_ATTRIBUTES (comma-separated) and BCRYPT_COST (4-15, default 10). */
export function parseUserMigrationConfig(env: Env): UserMigrationConfig {
    const r = new EnvReader("userMigration", env);
    const tableName = r.matching("TABLE_NAME", /^[A-Za-z0-9_.-]{3,255}$/, "a DynamoDB table name", "set it to the legacy users table", { required: true });
    const attributes = r.list("MIGRATED_ATTRIBUTES", { pattern: ATTRIBUTE_NAME_PATTERN, rule: "attribute names", fix: 'set it like "email,name,locale"' }, { required: false });
    const refused = attributes.filter((a) => NEVER_MIGRATED.includes(a));
    if (refused.length > 0) {
        r.problem("MIGRATED_ATTRIBUTES", `must not name ${refused.join(", ")} (verification comes from the record's emailVerified and phoneNumberVerified)`, env.MIGRATED_ATTRIBUTES, "remove them");
    }
    const cost = r.matching("BCRYPT_COST", /^(?:[4-9]|1[0-5])$/, "a bcrypt cost from 4 to 15", "set it to the cost of the legacy hashes, e.g. 10", { required: false });
    return r.done({
        tableName: tableName ?? "",
        migratedAttributes: new Set(attributes.length > 0 ? attributes : DEFAULT_MIGRATED_ATTRIBUTES),
        bcryptCost: cost === undefined ? 10 : Number(cost),
    });
}
