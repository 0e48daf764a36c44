import type { UserMigrationTriggerEvent } from "aws-lambda";
import { compare, hashSync } from "bcryptjs";
import { eventRecord, recordAt, stringAt } from "../shared/event";
import type { Logger } from "../shared/logger";
import type { UserMigrationConfig } from "./config";
import { BCRYPT_HASH, legacyKey, type LegacyUser, type LegacyUserStore } from "./legacyUsers";

export interface UserMigrationDeps {
    readonly config: UserMigrationConfig;
    readonly store: LegacyUserStore;
    readonly logger: Logger;
    /** bcrypt's compare; injectable so a test can count calls. @default bcryptjs compare */
    readonly compare?: (password: string, hash: string) => Promise<boolean>;
}

/** Thrown to refuse a migration; the same words for an unknown user and a wrong password. */
export class MigrationRefusedError extends Error {
    constructor() {
        super("Incorrect username or password.");
        this.name = "MigrationRefusedError";
    }
}

/** The attributes Cognito creates the user with: the allowed ones, the verification flags from the record's own fields. */
export function migratedAttributes(config: UserMigrationConfig, user: LegacyUser): Record<string, string> {
    const out = new Map<string, string>();
    for (const [name, value] of user.attributes) {
        if (config.migratedAttributes.has(name) && value !== "") out.set(name, value);
    }
    if (!out.has("email") && user.username.includes("@")) out.set("email", legacyKey(user.username));
    if (out.has("email")) out.set("email_verified", String(user.emailVerified));
    if (out.has("phone_number")) out.set("phone_number_verified", String(user.phoneNumberVerified));
    return Object.fromEntries(out);
}

/**
 * User migration from the legacy store, one user at a time as they arrive:
 * - `UserMigration_Authentication` (a password sign-in of a user Cognito does not know): checks
 *   the password against the legacy bcrypt hash and creates the user CONFIRMED, without a
 *   welcome message. An unknown user costs one bcrypt comparison too, against a stand-in hash
 *   of the same cost, so the answer time does not tell who exists.
 * - `UserMigration_ForgotPassword`: creates the user (no password to check) so that Cognito
 *   sends the reset code; the user must exist in the legacy store.
 * The password is never logged, nor the hash.
 */
export function createUserMigrationHandler({ config, store, logger, compare: check = compare }: UserMigrationDeps) {
    const standIn = hashSync("stand-in for an unknown user", config.bcryptCost);
    return async (input: unknown): Promise<UserMigrationTriggerEvent> => {
        const event = eventRecord(input);
        const triggerSource = stringAt(event, "triggerSource", "triggerSource");
        const userName = stringAt(event, "userName", "userName");
        const request = recordAt(event, "request", "request");
        const response = recordAt(event, "response", "response");
        if (triggerSource !== "UserMigration_Authentication" && triggerSource !== "UserMigration_ForgotPassword") {
            logger.warn("unknown user migration source; refused", { triggerSource });
            throw new MigrationRefusedError();
        }
        const password = triggerSource === "UserMigration_Authentication" ? stringAt(request, "password", "request.password") : undefined;
        const user = await store.find(userName);
        if (password !== undefined) {
            const usable = user !== undefined && BCRYPT_HASH.test(user.passwordHash);
            if (user !== undefined && !usable) {
                logger.error("legacy record has no usable bcrypt hash; refused", { userName });
            }
            const matches = await check(password, usable ? user.passwordHash : standIn);
            if (!usable || !matches) {
                logger.info("migration refused", { userName, triggerSource });
                throw new MigrationRefusedError();
            }
            response.finalUserStatus = "CONFIRMED";
        }
        if (user === undefined) {
            logger.info("migration refused: not in the legacy store", { userName, triggerSource });
            throw new MigrationRefusedError();
        }
        response.userAttributes = migratedAttributes(config, user);
        response.messageAction = "SUPPRESS";
        logger.info("user migrated", { userName, triggerSource });
        return event as unknown as UserMigrationTriggerEvent;
    };
}
