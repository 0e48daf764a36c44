/**
 * What the resolvers know about their stack. These defaults refuse every caller: the program
 * replaces this module with the stack's values when it bundles a resolver (graphql/bundle.ts).
 */

/** The `iss` of the user pool's tokens: https://cognito-idp.<region>.amazonaws.com/<pool id>. */
export const USER_POOL_ISSUER = "";

/** The identity pool whose identities may call with their IAM credentials. */
export const IDENTITY_POOL_ID = "";

/** Groups whose members may read any owner's items. */
export const ADMIN_GROUPS = [];

/** Key attributes of the data table: the owner's partition and the item within it. */
export const PARTITION_KEY = "identityId";
export const SORT_KEY = "itemId";
