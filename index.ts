import * as pulumi from "@pulumi/pulumi";
import { AppClients, Federation, UserGroups, UserPool } from "./components";
import { loadSecrets, loadStackConfig } from "./config";

// Config first: a bad stack config fails here, before any resource is registered.
const config = loadStackConfig();
const secrets = loadSecrets(config);
const tags = { project: pulumi.getProject(), stack: pulumi.getStack(), environment: config.environment, ...config.tags };

const userPool = new UserPool("auth", { ...config, tags });

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

export const userPoolId = userPool.userPoolId;
export const userPoolArn = userPool.userPoolArn;
export const issuerUrl = userPool.issuerUrl;
export const jwksUri = pulumi.interpolate`${userPool.issuerUrl}/.well-known/jwks.json`;
export const hostedUiUrl = userPool.hostedUiUrl;
export const featurePlan = userPool.featurePlan;
export const appClientIds = appClients.clientIds;
export const identityProviders = federation.providerNames;
