import * as aws from "@pulumi/aws";
import { StackValidationPolicy } from "@pulumi/policy";
import { indexBy, ofType, requiredOutput } from "./lib/stack";
import { checkEach } from "./lib/unknowns";
import { fieldsOf } from "./lib/values";

/**
 * Flows in which the app sends the user's sign-in to Cognito itself (InitiateAuth and its
 * admin form), old names included. Without explicitAuthFlows AWS allows SRP and custom auth.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ExplicitAuthFlows
 */
const SIGN_IN_FLOWS = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_AUTH",
    "ADMIN_NO_SRP_AUTH",
    "USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
];

export const clientUserContextData: StackValidationPolicy = {
    name: "cognito-client-user-context-data",
    description:
        "Checks whether confidential app clients that sign users in from a server propagate the users' context data (IP address, device) to threat protection where a pool enforces it.",
    anchors: { none: "No published control checks that server-side app clients pass the user's context data to threat protection." },
    severity: "medium",
    // A recommendation: the server must also send UserContextData, which no plan can show.
    enforcementLevel: "advisory",
    validateStack: async (args, report) => {
        const clients = indexBy(args.resources, "client.userPoolId", [aws.cognito.UserPoolClient], (r) => r.props.userPoolId);
        await checkEach(ofType(args.resources, aws.cognito.UserPool), (pool) => {
            if (fieldsOf(pool).str("userPoolAddOns.advancedSecurityMode") !== "ENFORCED") {
                return;
            }
            for (const client of clients.all([requiredOutput(pool, "id")])) {
                const fields = fieldsOf(client);
                if (fields.bool("generateSecret") !== true) {
                    continue;
                }
                const flows = fields.strings("explicitAuthFlows") ?? [];
                const signIn = flows.length === 0 ? ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"] : flows.filter((f) => SIGN_IN_FLOWS.includes(f));
                if (signIn.length > 0 && fields.bool("enablePropagateAdditionalUserContextData") !== true) {
                    report(
                        `App client "${client.name}" has a client secret and signs users in from a server (${signIn.join(", ")}) on pool "${pool.name}", whose threat protection is ENFORCED, but does not propagate user context data, so Cognito judges the risk by your server's IP address: set enablePropagateAdditionalUserContextData: true and send UserContextData { IpAddress, EncodedData } with each sign-in.`,
                        client.urn,
                    );
                }
            }
        });
    },
};

export const adaptiveAuthPolicies = [clientUserContextData] as const;
