import { EnvReader, type Env } from "../shared/env";
import { DEFAULT_TENANT_ATTRIBUTE } from "../preTokenGeneration/config";

export interface PreAuthenticationConfig {
    /** Custom attribute holding the user's tenant, e.g. `custom:tenant_id`. */
    readonly tenantAttribute: string;
    /** Tenants whose users may not sign in (a Set: tenant names are data). */
    readonly suspendedTenants: ReadonlySet<string>;
    /** Custom attribute that suspends a user when it holds `true`; undefined checks none. */
    readonly suspendedAttribute?: string;
}

export const TENANT_PATTERN = /^[A-Za-z0-9_.:@-]{1,64}$/;
const CUSTOM_ATTRIBUTE = /^custom:[A-Za-z0-9_]{1,20}$/;

/** Reads TENANT_ATTRIBUTE (default `custom:tenant_id`), SUSPENDED_TENANTS (comma-separated) and SUSPENDED_ATTRIBUTE. */
export function parsePreAuthenticationConfig(env: Env): PreAuthenticationConfig {
    const r = new EnvReader("preAuthentication", env);
    const tenantAttribute = r.matching("TENANT_ATTRIBUTE", CUSTOM_ATTRIBUTE, "a custom attribute like custom:tenant_id", "set it to the attribute holding the tenant", { required: false }) ?? DEFAULT_TENANT_ATTRIBUTE;
    const suspended = r.list("SUSPENDED_TENANTS", { pattern: TENANT_PATTERN, rule: "tenant ids (1-64 letters, digits, _ . : @ -)", fix: 'set it like "acme,globex", or leave it empty' }, { required: false });
    const suspendedAttribute = r.matching("SUSPENDED_ATTRIBUTE", CUSTOM_ATTRIBUTE, "a custom attribute like custom:suspended", "set it to the attribute an administrator sets to true, or leave it empty", { required: false });
    if (suspendedAttribute !== undefined && suspendedAttribute === tenantAttribute) {
        r.problem("SUSPENDED_ATTRIBUTE", "must differ from TENANT_ATTRIBUTE", suspendedAttribute, "use an attribute of its own");
    }
    return r.done({ tenantAttribute, suspendedTenants: new Set(suspended), suspendedAttribute });
}
