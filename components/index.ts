export { UserPool, type UserPoolArgs, type UserPoolTriggers, type RiskConfiguration, type RiskLevelAction, validateUserPoolArgs } from "./userPool";
export { AppClients, type AppClientsArgs, type AppClientSpec, type PrivilegedAttribute, privilegedAttributes, validateAppClients } from "./appClients";
export { UserGroups, type UserGroupsArgs, type GroupSpec, validateGroups } from "./userGroups";
export * from "./federation";
export { deriveFeaturePlan, type FeaturePlan, featurePlanNeeds } from "./featurePlan";
export { ValidationError, type ValidationIssue, formatIssue, issue, throwIfIssues } from "./issues";
export {
    IdentityPool,
    type IdentityPoolArgs,
    type IdentityPoolOidcProvider,
    type IdentityPoolSamlProvider,
    type RoleMappingRule,
    type SocialLogins,
    groupRoleNames,
    validateIdentityPoolArgs,
} from "./identityPool";
export { DataAccess, type DataAccessArgs, IDENTITY_KEY, ITEM_KEY, validateDataAccessArgs } from "./dataAccess";
export { Triggers, type TriggersArgs, type PreSignUpSettings, type PostConfirmationSettings, type PreTokenGenerationSettings, tenantAttributeOf, validateTriggersArgs } from "./triggers";
export { migrationWindowNote, migrationWindowOpen, suspensionAttributesOf, type UserMigrationSettings, type MigrationClientSettings } from "./triggers";
export { MigrationClient, type MigrationClientArgs } from "./migrationClient";
export { SenderKey, type SenderKeyArgs, senderKeyPolicy } from "./senderKey";
export { GraphqlApi, type GraphqlApiArgs, type GraphqlOperation, type GraphqlSource, type GraphqlTable, GRAPHQL_OPERATIONS, iamFields, validateGraphqlApiArgs } from "./graphqlApi";
export { Api, type ApiArgs, type ApiTable, type RouteSpec, API_ROUTES, apiRoutes, resolveApiScopes, validateApiArgs } from "./api";
export { LambdaFunction, type LambdaFunctionArgs, LOG_RETENTION_DAYS } from "./lambdaFunction";
export { type LambdaCode, type LambdaName, archiveFrom } from "./lambdaCode";
export { LogDelivery, type LogDeliveryArgs, type UserAuthEventsDestination, userAuthEventsDestination, validateLogDeliveryArgs } from "./logDelivery";
export { WebAcl, type WebAclArgs, WAF_MANAGED_RULE_GROUPS, validateWebAclArgs } from "./webAcl";
export { Monitoring, type MonitoringArgs, type AlarmSubscription, type AlarmThresholds, cognitoRiskMetric, metric, validateMonitoringArgs } from "./monitoring";
export { CustomDomainCertificate, type CustomDomainCertificateArgs, CERTIFICATE_REGION } from "./customDomainCertificate";
export { CustomDomainDns, type CustomDomainDnsArgs, type AliasTarget, validateCustomDomainDns } from "./customDomainDns";
export { Adoption, type AdoptUserPool, type AdoptedResource, adoptedResources, validateAdoption, validateAdoptedPoolId } from "./adoption";
// Client kinds, message templates and managed-login branding.
export { type ClientKind, STANDARD_ATTRIBUTES, validateClientKinds } from "./appClients";
export { type InvitationMessage, type MessageTemplates, validateMessageTemplates } from "./messageTemplates";
export { type Branding, type BrandingSpec, BRANDING_CATEGORIES, loadBranding } from "./branding";
