import { EnvReader, type Env } from "../shared/env";

export interface ApiConfig {
    readonly tableName: string;
    /** Partition key attribute: the caller's `sub`. */
    readonly partitionKey: string;
    /** Sort key attribute: the item id. */
    readonly sortKey: string;
    /** Groups whose members may read any user's items on the admin route. */
    readonly adminGroups: readonly string[];
    /** Scopes of the machine route (client_credentials tokens); empty = nobody may call it. */
    readonly machineScopes: readonly string[];
}

const ATTRIBUTE = /^[A-Za-z0-9_.-]{1,255}$/;

/** Reads TABLE_NAME (required), TABLE_PARTITION_KEY (`pk`), TABLE_SORT_KEY (`sk`), ADMIN_GROUPS (`admins`) and MACHINE_SCOPES (none). */
export function parseApiConfig(env: Env): ApiConfig {
    const r = new EnvReader("api", env);
    const tableName = r.matching("TABLE_NAME", /^[A-Za-z0-9_.-]{3,255}$/, "a DynamoDB table name (3-255 of letters, digits, _ . -)", "set it to the items table's name", { required: true }) ?? "";
    const partitionKey = r.matching("TABLE_PARTITION_KEY", ATTRIBUTE, "an attribute name", "set it to the table's partition key, or leave it empty for pk", { required: false }) ?? "pk";
    const sortKey = r.matching("TABLE_SORT_KEY", ATTRIBUTE, "an attribute name", "set it to the table's sort key, or leave it empty for sk", { required: false }) ?? "sk";
    const adminGroups = r.list("ADMIN_GROUPS", { pattern: /^[^\s,]{1,128}$/, rule: "group names", fix: "list the admin groups, e.g. admins" }, { required: false });
    const machineScopes = (r.matching("MACHINE_SCOPES", /^[\x21\x23-\x5B\x5D-\x7E]{1,256}( [\x21\x23-\x5B\x5D-\x7E]{1,256})*$/, "space-separated scopes", "list the machine route's scopes, e.g. https://api.example.com/items.service, or leave it empty", { required: false }) ?? "").split(" ").filter((x) => x !== "");
    if (partitionKey === sortKey) {
        r.problem("TABLE_SORT_KEY", "must differ from TABLE_PARTITION_KEY", sortKey, "use the table's sort key attribute");
    }
    return r.done({ tableName, partitionKey, sortKey, adminGroups: adminGroups.length > 0 ? adminGroups : ["admins"], machineScopes });
}
