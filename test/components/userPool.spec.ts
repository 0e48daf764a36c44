import * as assert from "node:assert/strict";
import { UserPool, UserPoolArgs, validateUserPoolArgs } from "../../components/userPool";
import { formatIssue } from "../../components/issues";
import { ofType, one, output } from "../helpers/plans";
import { build, record, valueOf } from "../helpers/record";

const POOL = "aws:cognito/userPool:UserPool";
const userPool = (args: UserPoolArgs) => build(() => new UserPool("auth", args));

const messages = (args: UserPoolArgs) => validateUserPoolArgs(args).map((i) => formatIssue(i));

describe("UserPool", () => {
    it("creates the pool with secure defaults and no optional children", async () => {
        const { component: pool, ...rs } = await userPool({});
        const p = one(rs, POOL);
        assert.equal(p.name, "auth");
        assert.deepEqual(p.props.usernameAttributes, ["email"]);
        assert.deepEqual(p.props.usernameConfiguration, { caseSensitive: false });
        assert.equal(p.props.mfaConfiguration, "OPTIONAL");
        assert.deepEqual(p.props.softwareTokenMfaConfiguration, { enabled: true });
        assert.equal(p.props.deletionProtection, "INACTIVE");
        assert.equal(p.props.userPoolTier, "ESSENTIALS");
        assert.equal(p.props.passwordPolicy.minimumLength, 12);
        assert.deepEqual(p.props.accountRecoverySetting.recoveryMechanisms, [{ name: "verified_email", priority: 1 }]);
        assert.deepEqual(p.props.signInPolicy, { allowedFirstAuthFactors: ["PASSWORD"] });
        assert.equal(p.props.userPoolAddOns, undefined);
        assert.deepEqual(rs.resources.map((r) => r.type).sort(), ["aws:cognito/userPool:UserPool", "cognito-stack:cognito:UserPool"]);
        assert.equal(pool.featurePlan, "ESSENTIALS");
        assert.equal(await valueOf(pool.issuerUrl), `https://cognito-idp.us-east-1.amazonaws.com/${output(p, "id")}`);
    });

    it("derives PLUS and creates the risk configuration for threat protection", async () => {
        const { component: pool, ...rs } = await userPool({
            threatProtection: "ENFORCED",
            threatProtectionCustomAuth: "AUDIT",
            riskConfiguration: { high: { action: "BLOCK", notify: true }, notifySourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com", blockedIpRanges: ["192.0.2.0/24"] },
        });
        assert.equal(pool.featurePlan, "PLUS");
        const p = one(rs, POOL);
        assert.deepEqual(p.props.userPoolAddOns, { advancedSecurityMode: "ENFORCED", advancedSecurityAdditionalFlows: { customAuthMode: "AUDIT" } });
        const risk = one(rs, "aws:cognito/riskConfiguration:RiskConfiguration");
        assert.equal(risk.name, "auth-risk");
        assert.equal(risk.props.userPoolId, output(p, "id"));
        assert.deepEqual(risk.props.accountTakeoverRiskConfiguration.actions, {
            lowAction: { eventAction: "NO_ACTION", notify: false },
            mediumAction: { eventAction: "MFA_IF_CONFIGURED", notify: false },
            highAction: { eventAction: "BLOCK", notify: true },
        });
        assert.equal(risk.props.accountTakeoverRiskConfiguration.notifyConfiguration.sourceArn, "arn:aws:ses:us-east-1:123456789012:identity/example.com");
        assert.deepEqual(risk.props.compromisedCredentialsRiskConfiguration, { actions: { eventAction: "BLOCK" }, eventFilters: ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"] });
        assert.deepEqual(risk.props.riskExceptionConfiguration, { blockedIpRangeLists: ["192.0.2.0/24"] });
    });

    it("creates an SMS role with an external id when SMS is a factor", async () => {
        const rs = await userPool({ mfa: "ON", mfaFactors: ["SMS"], autoVerifiedAttributes: ["email", "phone_number"] });
        const role = one(rs, "aws:iam/role:Role");
        assert.equal(role.name, "auth-sms-role");
        const trust = JSON.parse(role.props.assumeRolePolicy);
        assert.equal(trust.Statement[0].Principal.Service, "cognito-idp.amazonaws.com");
        assert.equal(trust.Statement[0].Condition.StringEquals["sts:ExternalId"], "cognito-stack-test-auth");
        const p = one(rs, POOL);
        assert.deepEqual(p.props.smsConfiguration, { externalId: "cognito-stack-test-auth", snsCallerArn: output(role, "arn") });
        assert.match(output(role, "arn"), /^arn:aws:iam::123456789012:role\/auth-sms-role-[0-9a-f]{7}$/);
        assert.equal(p.props.softwareTokenMfaConfiguration, undefined);
    });

    it("wires triggers with one invoke permission each, scoped to the pool", async () => {
        const rs = await userPool({
            triggers: { preSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre", preTokenGeneration: { lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:tok", version: "V2_0" } },
        });
        const p = one(rs, POOL);
        assert.deepEqual(p.props.lambdaConfig, {
            preSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre",
            preTokenGenerationConfig: { lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:tok", lambdaVersion: "V2_0" },
        });
        const perms = ofType(rs, "aws:lambda/permission:Permission").sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(
            perms.map((x) => [x.name, x.props.principal, x.props.sourceArn, x.props.function]),
            [
                ["auth-invoke-preSignUp", "cognito-idp.amazonaws.com", output(p, "arn"), "arn:aws:lambda:us-east-1:123456789012:function:pre"],
                ["auth-invoke-preTokenGeneration", "cognito-idp.amazonaws.com", output(p, "arn"), "arn:aws:lambda:us-east-1:123456789012:function:tok"],
            ],
        );
    });

    it("creates the domain, resource servers and custom attributes", async () => {
        const { component: pool, ...rs } = await userPool({
            domainPrefix: "acme-auth",
            resourceServers: [{ identifier: "https://api.example.com", name: "API", scopes: [{ name: "items.read", description: "Read" }] }],
            customAttributes: [{ name: "tenant_id", type: "String", maxLength: 64 }],
        });
        const d = one(rs, "aws:cognito/userPoolDomain:UserPoolDomain");
        assert.equal(d.name, "auth-domain");
        assert.equal(d.props.domain, "acme-auth");
        assert.equal(d.props.managedLoginVersion, 2);
        assert.equal(await valueOf(pool.hostedUiUrl), "https://acme-auth.auth.us-east-1.amazoncognito.com");
        const server = one(rs, "aws:cognito/resourceServer:ResourceServer");
        assert.equal(server.name, "auth-rs-api-example-com");
        assert.deepEqual(server.props.scopes, [{ scopeName: "items.read", scopeDescription: "Read" }]);
        assert.deepEqual(pool.customScopes, ["https://api.example.com/items.read"]);
        const p = one(rs, POOL);
        assert.deepEqual(p.props.schemas, [
            { name: "tenant_id", attributeDataType: "String", mutable: true, developerOnlyAttribute: false, required: false, stringAttributeConstraints: { minLength: "0", maxLength: "64" } },
        ]);
    });

    it("rejects invalid args with every problem in one error", () => {
        assert.throws(
            () => {
                record();
                new UserPool("bad", { mfa: "ON", mfaFactors: [], domainPrefix: "my-cognito" });
            },
            (e: Error) =>
                e.message.startsWith("UserPool bad has 2 problems:") &&
                e.message.includes("UserPoolArgs.mfaFactors must list at least one factor when mfa is ON (received: [])") &&
                e.message.includes('UserPoolArgs.domainPrefix must not contain cognito (reserved by AWS) (received: "my-cognito")'),
        );
    });
});

describe("validateUserPoolArgs", () => {
    it("accepts the defaults", () => assert.deepEqual(messages({}), []));

    it("rejects MFA factors with MFA off", () =>
        assert.deepEqual(messages({ mfa: "OFF", mfaFactors: ["TOTP"] }), [
            'mfaFactors must be empty when mfa is OFF (AWS: can\'t configure MFA factors with MFA off) (received: ["TOTP"]). Fix: set mfaFactors to [] or set mfa to OPTIONAL or ON',
        ]));

    it("rejects email MFA without SES", () =>
        assert.match(messages({ mfaFactors: ["EMAIL"] })[0], /^mfaFactors EMAIL needs email sent through SES .* Fix: set emailSender to SES with sesIdentityArn, or remove EMAIL$/));

    it("requires the SES identity with the SES sender", () =>
        assert.deepEqual(messages({ emailSender: "SES" }), [
            "sesIdentityArn is required when emailSender is SES (received: nothing). Fix: set the ARN of a verified SES identity: pulumi config set sesIdentityArn arn:aws:ses:<region>:<account>:identity/<domain>",
        ]));

    it("rejects username and alias attributes together", () =>
        assert.match(messages({ aliasAttributes: ["preferred_username"] })[0], /^aliasAttributes cannot be combined with usernameAttributes/));

    it("rejects a plan that lacks a feature in use", () =>
        assert.deepEqual(messages({ featurePlan: "ESSENTIALS", threatProtection: "AUDIT" }), [
            'featurePlan ESSENTIALS does not offer threat protection (AUDIT) (set by threatProtection; needs PLUS) (received: "ESSENTIALS"). Fix: set featurePlan to PLUS or auto, or turn threatProtection down',
        ]));

    it("rejects password history and passwordless on LITE", () => {
        const m = messages({ featurePlan: "LITE", passwordHistorySize: 5, signInFactors: ["PASSWORD", "WEB_AUTHN"] });
        assert.equal(m.length, 2);
        assert.match(m[0], /^featurePlan LITE does not offer choice-based sign-in \(WEB_AUTHN\)/);
        assert.match(m[1], /^featurePlan LITE does not offer password history/);
    });

    it("requires PASSWORD among the sign-in factors", () =>
        assert.match(messages({ signInFactors: ["EMAIL_OTP"] }).join("\n"), /signInFactors must include PASSWORD/));

    it("checks the domain prefix", () => {
        assert.match(messages({ domainPrefix: "Bad_Prefix" })[0], /^domainPrefix must be 1-63 lowercase letters, digits and hyphens.*\. Fix: e\.g\. pulumi config set domainPrefix bad-prefix$/);
        assert.match(messages({ domainPrefix: "amazon-login" })[0], /must not contain amazon/);
        assert.match(messages({ domainPrefix: "a", customDomain: "auth.example.com", customDomainCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" })[0], /^customDomain cannot be combined with domainPrefix/);
    });

    it("wants the custom domain's certificate in us-east-1", () =>
        assert.match(messages({ customDomain: "auth.example.com", customDomainCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x" })[0], /^customDomainCertificateArn must be an ACM certificate ARN in us-east-1/));

    it("checks custom attribute constraints", () => {
        const m = messages({ customAttributes: [{ name: "x", type: "Number", maxLength: 3 }, { name: "x", type: "String", minLength: 5, maxLength: 2 }] });
        assert.deepEqual(
            m.map((s) => s.split(" (received")[0]),
            ["customAttributes[0] minLength/maxLength apply to String attributes only", "customAttributes[1].name must be unique", "customAttributes[1] minLength must not exceed maxLength"],
        );
    });

    it("requires threat protection and an SES source for notifying risk settings", () => {
        const m = messages({ riskConfiguration: { high: { action: "BLOCK", notify: true }, blockedIpRanges: ["10.0.0.0/33"] } });
        assert.deepEqual(
            m.map((s) => s.split(" (received")[0]),
            [
                "riskConfiguration needs threatProtection AUDIT or ENFORCED (AWS ignores risk settings otherwise)",
                "riskConfiguration.notifySourceArn is required when any risk level notifies users",
                "riskConfiguration IP ranges must be CIDR blocks",
            ],
        );
    });

    it("refuses a change to locked create-only settings", () => {
        const lock = { usernameAttributes: ["email"], caseSensitiveUsernames: false, customAttributes: [{ name: "tenant_id", type: "String" as const, maxLength: 64 }] };
        assert.deepEqual(messages({ userPoolLock: lock, customAttributes: [{ name: "tenant_id", type: "String", maxLength: 64 }, { name: "added", type: "Boolean" }] }), []);
        const m = messages({ userPoolLock: lock, usernameAttributes: ["phone_number"], customAttributes: [{ name: "tenant_id", type: "String", maxLength: 32 }] });
        assert.equal(m.length, 2);
        assert.match(m[0], /^usernameAttributes differs from userPoolLock \(\["email"\]\) \(received: \["phone_number"\]\)\. Fix: these settings are create-only: changing them replaces the user pool and deletes every user/);
        assert.match(m[1], /^customAttributes changes or removes custom:tenant_id, which userPoolLock records as deployed/);
    });
});

describe("UserPool: messages, devices and required attributes", () => {
    it("sets the verification, invitation and MFA messages and device tracking", async () => {
        const rs = await userPool({
            emailSender: "SES",
            sesIdentityArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com",
            verificationType: "LINK",
            verificationEmailSubject: "Confirm",
            verificationEmailMessage: "Please {##confirm##}.",
            verificationSmsMessage: "Code {####}",
            autoVerifiedAttributes: ["email", "phone_number"],
            mfaFactors: ["TOTP", "SMS"],
            invitationMessage: { emailSubject: "Welcome", emailMessage: "{username}: {####}" },
            mfaSmsMessage: "Sign-in code {####}",
            deviceTracking: { deviceOnlyRememberedOnUserPrompt: false },
        });
        const p = one(rs, POOL);
        assert.deepEqual(p.props.verificationMessageTemplate, { defaultEmailOption: "CONFIRM_WITH_LINK", emailSubjectByLink: "Confirm", emailMessageByLink: "Please {##confirm##}.", smsMessage: "Code {####}" });
        assert.deepEqual(p.props.adminCreateUserConfig, { allowAdminCreateUserOnly: false, inviteMessageTemplate: { emailSubject: "Welcome", emailMessage: "{username}: {####}" } });
        assert.equal(p.props.smsAuthenticationMessage, "Sign-in code {####}");
        assert.deepEqual(p.props.deviceConfiguration, { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false });
    });

    it("leaves device tracking off and Cognito's messages in place by default", async () => {
        const p = one(await userPool({}), POOL);
        assert.equal(p.props.deviceConfiguration, undefined);
        assert.equal(p.props.smsAuthenticationMessage, undefined);
        assert.deepEqual(p.props.adminCreateUserConfig, { allowAdminCreateUserOnly: false });
    });

    it("requires standard attributes with AWS's own constraints, before the custom ones", async () => {
        const p = one(await userPool({ requiredAttributes: ["name"], customAttributes: [{ name: "tenant_id", type: "String", maxLength: 64 }] }), POOL);
        assert.deepEqual(p.props.schemas.map((s: { name: string; required: boolean }) => [s.name, s.required]), [["name", true], ["tenant_id", false]]);
        assert.deepEqual(p.props.schemas[0], { name: "name", attributeDataType: "String", mutable: true, required: true, developerOnlyAttribute: false, stringAttributeConstraints: { minLength: "0", maxLength: "2048" } });
    });

    it("guards required attributes as create-only and refuses one a pool cannot require", () => {
        const lock = { usernameAttributes: ["email"], requiredAttributes: ["email"] };
        assert.deepEqual(messages({ userPoolLock: lock, requiredAttributes: ["email"] }), []);
        assert.deepEqual(messages({ userPoolLock: lock, requiredAttributes: ["email", "name"] }), [
            'requiredAttributes differs from userPoolLock (["email"]); AWS cannot add or drop a required attribute of an existing pool (received: ["email","name"]). Fix: restore the locked list; to require an attribute of existing users, collect it in the app and keep it optional in the pool',
        ]);
        assert.match(messages({ requiredAttributes: ["custom:tenant_id"] })[0], /^requiredAttributes names custom:tenant_id, which is not a standard attribute a pool can require/);
    });

    it("refuses a broken template through the pool's own validation", () =>
        assert.deepEqual(messages({ mfaSmsMessage: "no code", mfaFactors: ["SMS"], autoVerifiedAttributes: ["email", "phone_number"] }).map((m) => m.split(" (received")[0]), ["mfaSmsMessage must contain {####}, where Cognito puts the code"]));

    it("refuses SMS templates Cognito would never send", () => {
        assert.deepEqual(messages({ mfaSmsMessage: "Code {####}", verificationSmsMessage: "Code {####}" }).map((m) => m.split(" (received")[0]), [
            "mfaSmsMessage is never sent: no SMS factor (mfaFactors SMS) or SMS sign-in (signInFactors SMS_OTP) is on",
            "verificationSmsMessage is never sent: phone numbers are not verified (autoVerifiedAttributes has no phone_number)",
        ]);
        assert.deepEqual(messages({ mfaSmsMessage: "Code {####}", signInFactors: ["PASSWORD", "SMS_OTP"], autoVerifiedAttributes: ["email", "phone_number"], verificationSmsMessage: "Code {####}" }), []);
    });
});
