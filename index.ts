import * as pulumi from "@pulumi/pulumi";
import {
    Adoption,
    adoptedResources,
    Api,
    AppClients,
    archiveFrom,
    CustomDomainCertificate,
    CustomDomainDns,
    DataAccess,
    Federation,
    formatIssue,
    GraphqlApi,
    groupRoleNames,
    IDENTITY_KEY,
    IdentityPool,
    ITEM_KEY,
    loadBranding,
    LogDelivery,
    MigrationClient,
    migrationWindowNote,
    migrationWindowOpen,
    Monitoring,
    resolveApiScopes,
    Triggers,
    UserGroups,
    UserPool,
    validateAdoptedPoolId,
    WebAcl,
} from "./components";
import { CONFIG_NAMESPACE, loadSecrets, loadStackConfig, PROJECT_DIR, stackPrivilegedAttributes } from "./config";
import { graphqlSource } from "./graphql/bundle";
import { bundleLambda } from "./lambdas/bundle";

// Config first: a bad stack config fails here, before any resource is registered.
const config = loadStackConfig();
const secrets = loadSecrets(config);
const tags = { project: pulumi.getProject(), stack: pulumi.getStack(), environment: config.environment, ...config.tags };

const awsConfig = new pulumi.Config("aws");
const region = awsConfig.get("region");

// Adopting an existing pool: the components that declare its parts pass Pulumi's import option.
// The pool's create-only settings were checked against userPoolLock with the rest of the config.
const adoption = config.adoptUserPool !== undefined ? new Adoption(adoptedResources(config.adoptUserPool, config.customDomain ?? config.domainPrefix)) : undefined;
if (config.adoptUserPool !== undefined) {
    const problems = validateAdoptedPoolId(config.adoptUserPool.userPoolId, region);
    if (problems.length > 0) {
        throw new pulumi.RunError(`Stack configuration has ${problems.length} problem(s):\n${problems.map((i) => `  - ${formatIssue(i, `${CONFIG_NAMESPACE}:`)}`).join("\n")}`);
    }
}
const adopt = adoption !== undefined ? { transformations: [adoption.transformation] } : undefined;

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
    deletionProtection: config.deletionProtection,
    tags,
});

// A custom domain with its Route 53 zone and no certificate given: the stack issues one in us-east-1.
const certificate =
    config.customDomain !== undefined && config.customDomainHostedZoneId !== undefined && config.customDomainCertificateArn === undefined
        ? new CustomDomainCertificate("auth-domain-certificate", { domainName: config.customDomain, hostedZoneId: config.customDomainHostedZoneId, region: region ?? "", profile: awsConfig.get("profile"), tags })
        : undefined;

const userPool = new UserPool(
    "auth",
    { ...config, customDomainCertificateArn: certificate?.certificateArn ?? config.customDomainCertificateArn, tags, triggers: triggers.userPoolTriggers },
    adopt,
);

// Permissions that name the pool, added after it (the pool already names the functions).
triggers.grantPool(userPool.userPoolArn);

// The password flow of user migration, on a client of its own that exists only in the migration window (UTC days).
const migrationWindow = config.triggers.userMigration?.migrationClient;
const now = new Date(); // read once: the client and the warning must agree at midnight
const migrationClient =
    migrationWindow !== undefined && migrationWindowOpen(migrationWindow, now)
        ? new MigrationClient("auth-migration-client", { userPoolId: userPool.userPoolId, name: migrationWindow.name, privilegedAttributes: privileged, dependsOn: triggers.userMigration ? [triggers.userMigration] : [] })
        : undefined;
const windowNote = migrationWindow !== undefined ? migrationWindowNote(migrationWindow, now) : undefined;
if (windowNote !== undefined) {
    void pulumi.log.warn(windowNote);
}

const federation = new Federation("auth-idp", {
    userPoolId: userPool.userPoolId,
    google: config.google,
    facebook: config.facebook,
    apple: config.apple,
    samlProviders: config.samlProviders,
    oidcProviders: config.oidcProviders,
    ...secrets,
    oidcSecretNames: config.oidcProviders.map((p) => p.name),
}, adopt);

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
    // Client kinds, required attributes and the managed-login style (read from the repository now).
    customAttributes: config.customAttributes.map((a) => a.name),
    requiredAttributes: config.requiredAttributes,
    selfSignUp: config.selfSignUp,
    branding: config.managedLoginBranding !== undefined ? loadBranding(config.managedLoginBranding, PROJECT_DIR).branding : undefined,
    // supportedIdentityProviders names them: the first deploy fails unless they exist first.
    dependsOn: [...federation.providers, ...userPool.resourceServers, ...(userPool.domain ? [userPool.domain] : [])],
}, adopt);

const groupNames = config.groups.map((g) => g.name);
// Direct logins: provider tokens the identity pool accepts without the user pool in between.
// A SAML IdP needs its metadata document for that (IAM cannot fetch a URL).
const direct = config.identityPoolDirectLogins;
const identityPool = new IdentityPool("auth-identity", {
    userPoolEndpoint: userPool.endpoint,
    // Machine clients get no ID token: only user clients sign in to the identity pool.
    clientIds: config.appClients.filter((c) => c.kind !== "machine").map((c) => appClients.clients[c.name].id),
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
new UserGroups("auth-group", { userPoolId: userPool.userPoolId, groups: config.groups, roleArns: identityPool.groupRoleArns }, adopt);
// Every adopted part must have met its resource by now; an id that matched nothing is a mistake.
adoption?.assertAllMatched();

// The roles signed-in identities receive: the authenticated role and the group roles.
const signedInRoles = {
    authenticated: identityPool.authenticatedRole.name,
    ...Object.fromEntries(Object.entries(identityPool.groupRoles).map(([g, r]) => [`group-${g}`, r.name])),
};

const data = new DataAccess("data", {
    authenticatedRoles: signedInRoles,
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

// The GraphQL API keeps items in the same table: user-pool callers in the partition of their sub
// (as the REST API), identity-pool callers in that of their identity id (as direct access).
const graphql =
    config.graphqlApi !== undefined
        ? new GraphqlApi("graphql", {
              ...config.graphqlApi,
              source: graphqlSource,
              userPoolId: userPool.userPoolId,
              userPoolIssuer: userPool.issuerUrl,
              // A machine token speaks for no user: the GraphQL API, which acts for the caller, takes user clients only.
              appClientIds: appClients.userClientIds,
              identityPoolId: identityPool.identityPoolId,
              table: { name: data.tableName, arn: data.table.arn, partitionKey: IDENTITY_KEY, sortKey: ITEM_KEY },
              authenticatedRoles: signedInRoles,
              guestRole: identityPool.guestRole?.name,
              logRetentionDays: config.logRetentionDays,
              tags,
          })
        : undefined;

// Operations: log delivery, WAF, custom-domain DNS, alarms and the dashboard.
const logDelivery = config.logDelivery.enabled
    ? new LogDelivery("auth-logs", { ...config.logDelivery, userPoolId: userPool.userPoolId, featurePlan: userPool.featurePlan, retentionDays: config.logDelivery.retentionDays ?? config.logRetentionDays, tags })
    : undefined;

const webAcl = config.waf.enabled
    ? new WebAcl("waf", {
          ...config.waf,
          associations: {
              "user-pool": userPool.userPoolArn,
              ...(api !== undefined ? { "api-stage": api.stage.arn } : {}),
              ...(graphql !== undefined ? { "graphql-api": graphql.api.arn } : {}),
          },
          tags,
      })
    : undefined;

const domainDns =
    config.customDomain !== undefined && userPool.cloudFrontTarget !== undefined
        ? new CustomDomainDns("auth-domain-dns", { domainName: config.customDomain, hostedZoneId: config.customDomainHostedZoneId, target: userPool.cloudFrontTarget })
        : undefined;

const monitoring = config.alarms.enabled
    ? new Monitoring("ops", {
          ...config.alarms,
          userPoolId: userPool.userPoolId,
          threatProtection: config.threatProtection !== "OFF",
          // Sign-in throttles of the clients users sign in through (a machine client signs no one in).
          appClients: Object.fromEntries(config.appClients.filter((c) => c.kind !== "machine").map((c) => [c.name, appClients.clients[c.name].id])),
          triggers: Object.entries(triggers.functions).map(([trigger, f]) => ({ trigger, functionName: f.functionName })),
          api: api !== undefined && config.api !== undefined ? { apiName: api.restApi.name, stageName: config.api.stageName, authorizerFunctionName: api.authorizerFunction.functionName } : undefined,
          webAcl: webAcl !== undefined ? { name: webAcl.webAclName } : undefined,
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
// Secret output: `pulumi stack output --show-secrets machineClientSecrets`, for the services only.
export const machineClientSecrets = appClients.machineClientSecrets;
export const identityProviders = federation.providerNames;
export const identityPoolId = identityPool.identityPoolId;
export const authenticatedRoleArn = identityPool.authenticatedRole.arn;
export const guestRoleArn = identityPool.guestRole?.arn ?? null;
export const groupRoleArns = identityPool.groupRoleArns;
export const dataBucketName = data.bucketName;
export const dataTableName = data.tableName;
export const triggerFunctions = Object.values(triggers.functions).map((f) => f.functionName);
export const migrationClientId = migrationClient?.clientId ?? null;
export const apiUrl = api?.url ?? null;
export const graphqlUrl = graphql?.url ?? null;
export const webAclArn = webAcl?.webAclArn ?? null;
export const alarmTopicArn = monitoring?.topic.arn ?? null;
export const dashboardUrl = monitoring?.dashboardUrl ?? null;
export const userActivityLogGroup = logDelivery?.authEventsLogGroup?.name ?? null;
// Point the custom domain here (alias or CNAME) where its DNS is not in Route 53.
export const customDomainTarget = domainDns?.target ?? null;
