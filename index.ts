import * as pulumi from "@pulumi/pulumi";
import { Api, ApiTable, AppClients, Federation, prebuiltCode, resolveApiScopes, Triggers, UserGroups, UserPool } from "./components";
import { loadSecrets, loadStackConfig } from "./config";

// Config first: a bad stack config fails here, before any resource is registered.
const config = loadStackConfig();
const secrets = loadSecrets(config);
const tags = { project: pulumi.getProject(), stack: pulumi.getStack(), environment: config.environment, ...config.tags };

// Handler code: one archive per function, its index.js exporting handler (npm run build:lambdas).
const code = prebuiltCode;

// The functions come first: the pool names them as its triggers.
const triggers = new Triggers("auth-trigger", {
    ...config.triggers,
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
    mappedAttributes: federation.specs.flatMap((s) => Object.keys(s.attributeMapping)).filter((a) => a !== "username"),
    // supportedIdentityProviders names them: the first deploy fails unless they exist first.
    dependsOn: [...federation.providers, ...userPool.resourceServers, ...(userPool.domain ? [userPool.domain] : [])],
});

new UserGroups("auth-group", { userPoolId: userPool.userPoolId, groups: config.groups });

/** The table the API keeps items in; the API is deployed once there is one. */
const itemsTable: ApiTable | undefined = undefined;

const api =
    config.api !== undefined && itemsTable !== undefined
        ? new Api("api", {
              ...config.api,
              ...resolveApiScopes(config.api, config.resourceServers),
              code,
              userPoolId: userPool.userPoolId,
              userPoolArn: userPool.userPoolArn,
              appClientIds: appClients.clientIds.apply((ids) => Object.values(ids)),
              table: itemsTable,
              logRetentionDays: config.logRetentionDays,
              tags,
          })
        : undefined;

export const userPoolId = userPool.userPoolId;
export const userPoolArn = userPool.userPoolArn;
export const issuerUrl = userPool.issuerUrl;
export const jwksUri = pulumi.interpolate`${userPool.issuerUrl}/.well-known/jwks.json`;
export const hostedUiUrl = userPool.hostedUiUrl;
export const featurePlan = userPool.featurePlan;
export const appClientIds = appClients.clientIds;
export const identityProviders = federation.providerNames;
export const triggerFunctions = [triggers.preSignUp, triggers.postConfirmation, triggers.preTokenGeneration].flatMap((f) => (f ? [f.functionName] : []));
export const apiUrl = api?.url;
