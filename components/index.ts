export { UserPool, UserPoolArgs, UserPoolTriggers, validateUserPoolArgs } from "./userPool";
export { AppClients, AppClientsArgs, AppClientSpec, validateAppClients } from "./appClients";
export { UserGroups, UserGroupsArgs, GroupSpec, validateGroups } from "./userGroups";
export * from "./federation";
export { deriveFeaturePlan, featurePlanNeeds } from "./featurePlan";
