export { UserPool, UserPoolArgs, UserPoolTriggers, validateUserPoolArgs } from "./userPool";
export { AppClients, AppClientsArgs, AppClientSpec, validateAppClients } from "./appClients";
export { UserGroups, UserGroupsArgs, GroupSpec, validateGroups } from "./userGroups";
export * from "./federation";
export { deriveFeaturePlan, featurePlanNeeds } from "./featurePlan";
export {
    IdentityPool,
    IdentityPoolArgs,
    IdentityPoolOidcProvider,
    IdentityPoolSamlProvider,
    RoleMappingRule,
    SocialLogins,
    groupRoleNames,
    validateIdentityPoolArgs,
} from "./identityPool";
export { DataAccess, DataAccessArgs, IDENTITY_KEY, ITEM_KEY, validateDataAccessArgs } from "./dataAccess";
export { Triggers, TriggersArgs, PreSignUpSettings, PostConfirmationSettings, PreTokenGenerationSettings, validateTriggersArgs } from "./triggers";
export { Api, ApiArgs, ApiTable, RouteSpec, API_ROUTES, resolveApiScopes, validateApiArgs } from "./api";
export { LambdaFunction, LambdaFunctionArgs, LOG_RETENTION_DAYS } from "./lambdaFunction";
export { LambdaCode, LambdaName, archiveFrom } from "./lambdaCode";
