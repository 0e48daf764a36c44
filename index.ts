import * as pulumi from "@pulumi/pulumi";
import { Api, AppClients, archiveFrom, DataAccess, Federation, groupRoleNames, IDENTITY_KEY, IdentityPool, ITEM_KEY, resolveApiScopes, Triggers, UserGroups, UserPool } from "./components";
import { loadSecrets, loadStackConfig, stackPrivilegedAttributes } from "./config";
import { bundleLambda } from "./lambdas/bundle";

// Config first: a bad stack config fails here, before any resource is registered.
const config = loadStackConfig();
const secrets = loadSecrets(config);
const tags = { project: pulumi.getProject(), stack: pulumi.getStack(), environment: config.environment, ...config.tags };

// Handler code: each handler bundled by esbuild now, into the archive Lambda runs.
const code = archiveFrom(bundleLambda);

// Attributes that only administrators and triggers may write: no app client gets them.
const privileged = stackPrivilegedAttributes(config);

// The functions come first: the pool names them as its triggers.
const triggers = new Triggers("auth-trigger", {
    ...config.triggers,
    privilegedAttributes: privileged.map((p) => p.attribute),
    code,
    logRetentionDays: config.logRetentionDays,
    emailFrom: config.emailFrom,
    sesIdentityArn: config.sesIdentityArn,
    sesConfigurationSet: config.sesConfigurationSet,
    tags,
});

const userPool = new UserPool("auth", { ...config, tags, triggers: triggers.userPoolTriggers });

// Permissions that name the pool, added after it (the pool already names the functions).
triggers.grantPool(userPool.userPoolArn);

const federation = new Federation("auth-idp", {
    userPoolId: userPool.userPoolId,
    google: config.google,
    facebook: config.facebook,
    apple: config.apple,
    samlProviders: config.samlProviders,
    oidcProviders: config.oidcProviders,
    ...secrets,
    oidcSecretNames: config.oidcProviders.map((p) => p.name),
});

const appClients = new AppClients("auth-client", {
    userPoolId: userPool.userPoolId,
    clients: config.appClients,
    providerNames: federation.providerNames,
    customScopes: userPool.customScopes,
    hasDomain: userPool.domain !== undefined,
    signInFactors: config.signInFactors,
    managedLoginVersion: config.managedLoginVersion,
    mappedAttributes: federation.mappedAttributes,
    privilegedAttributes: privileged,
    // supportedIdentityProviders names them: the first deploy fails unless they exist first.
    dependsOn: [...federation.providers, ...userPool.resourceServers, ...(userPool.domain ? [userPool.domain] : [])],
});

const groupNames = config.groups.map((g) => g.name);
// Direct logins: provider tokens the identity pool accepts without the user pool in between.
// A SAML IdP needs its metadata document for that (IAM cannot fetch a URL).
const direct = config.identityPoolDirectLogins;
const identityPool = new IdentityPool("auth-identity", {
    userPoolEndpoint: userPool.endpoint,
    clientIds: Object.values(appClients.clients).map((c) => c.id),
    allowGuests: config.allowGuests,
    socialLogins: direct ? { google: config.google?.clientId, facebook: config.facebook?.appId, apple: config.apple?.servicesId } : {},
    samlProviders: direct
        ? config.samlProviders.flatMap((p) => {
              const metadataDocument = p.identityPoolMetadataFile ?? p.metadataFile;
              return metadataDocument === undefined ? [] : [{ name: p.name, metadataDocument }];
          })
        : [],
    oidcProviders: direct ? config.oidcProviders.map((p) => ({ name: p.name, issuer: p.issuer, clientId: p.clientId })) : [],
    roleMappingType: config.roleMappingType,
    ambiguousRoleResolution: config.ambiguousRoleResolution,
    roleMappingRules: config.roleMappingRules,
    principalTags: config.principalTags,
    groups: groupNames,
    groupRoles: groupRoleNames(config.groupRoles, groupNames),
    tags,
});

// Groups carry their role ARN, so the ID token's cognito:preferred_role names it.
new UserGroups("auth-group", { userPoolId: userPool.userPoolId, groups: config.groups, roleArns: identityPool.groupRoleArns });

const data = new DataAccess("data", {
    authenticatedRoles: {
        authenticated: identityPool.authenticatedRole.name,
        ...Object.fromEntries(Object.entries(identityPool.groupRoles).map(([g, r]) => [`group-${g}`, r.name])),
    },
    guestRole: identityPool.guestRole?.name,
    protect: config.protect,
    retainOnDelete: config.retainDataOnDelete,
    deletionProtection: config.deletionProtection,
    tags,
});

// The API keeps items in the data table, partitioned by the caller's user-pool sub; direct
// identity-pool access is partitioned by identity id, so the two never share a partition.
const api =
    config.api !== undefined
        ? new Api("api", {
              ...config.api,
              ...resolveApiScopes(config.api, config.resourceServers),
              code,
              userPoolId: userPool.userPoolId,
              userPoolArn: userPool.userPoolArn,
              appClientIds: appClients.clientIds.apply((ids) => Object.values(ids)),
              table: { name: data.tableName, arn: data.table.arn, partitionKey: IDENTITY_KEY, sortKey: ITEM_KEY },
              logRetentionDays: config.logRetentionDays,
              tags,
          })
        : undefined;

export const userPoolId = userPool.userPoolId;
export const userPoolArn = userPool.userPoolArn;
export const issuerUrl = userPool.issuerUrl;
export const jwksUri = pulumi.interpolate`${userPool.issuerUrl}/.well-known/jwks.json`;
// null rather than undefined for parts a stack leaves out, so that every output always shows.
export const hostedUiUrl = userPool.hostedUiUrl ?? null;
export const featurePlan = userPool.featurePlan;
export const appClientIds = appClients.clientIds;
export const identityProviders = federation.providerNames;
export const identityPoolId = identityPool.identityPoolId;
export const authenticatedRoleArn = identityPool.authenticatedRole.arn;
export const guestRoleArn = identityPool.guestRole?.arn ?? null;
export const groupRoleArns = identityPool.groupRoleArns;
export const dataBucketName = data.bucketName;
export const dataTableName = data.tableName;
export const triggerFunctions = [triggers.preSignUp, triggers.postConfirmation, triggers.preTokenGeneration].flatMap((f) => (f ? [f.functionName] : []));
export const apiUrl = api?.url ?? null;
