import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { clientWriteAttributes, type PrivilegedAttribute } from "./appClients";

export interface MigrationClientArgs {
    readonly userPoolId: pulumi.Input<string>;
    /** Client name. @default "migration" */
    readonly name?: string;
    /** Attributes no client may write (see privilegedAttributes()). @default - the verification flags only */
    readonly privilegedAttributes?: readonly PrivilegedAttribute[];
    /** The pool's user migration trigger: the client exists for it and must come after it. */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * The one app client that allows USER_PASSWORD_AUTH, the flow that hands Cognito the password
 * so the user migration trigger can check it against the legacy hash. It allows nothing else:
 * no SRP, no OAuth, no refresh-token sign-in (rotation on), no secret; tokens last 5 minutes and
 * refresh tokens an hour, because the app only uses it to move a user in and then signs in
 * through its usual client with SRP. index.ts creates it only inside the migration window, and
 * the policy pack refuses the flow on every other client and on this one where the stack's
 * policy config gives no reason.
 */
export class MigrationClient extends pulumi.ComponentResource {
    public readonly client: aws.cognito.UserPoolClient;
    public readonly clientId: pulumi.Output<string>;

    constructor(name: string, args: MigrationClientArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:cognito:MigrationClient", name, {}, opts);
        const clientName = args.name ?? "migration";
        this.client = new aws.cognito.UserPoolClient(
            name,
            {
                userPoolId: args.userPoolId,
                name: clientName,
                generateSecret: false,
                supportedIdentityProviders: ["COGNITO"],
                allowedOauthFlowsUserPoolClient: false,
                explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
                writeAttributes: clientWriteAttributes({ name: clientName, identityProviders: ["COGNITO"] }, { providerNames: [], mappedAttributes: {}, privilegedAttributes: args.privilegedAttributes }),
                accessTokenValidity: 5,
                idTokenValidity: 5,
                refreshTokenValidity: 1,
                tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "hours" },
                authSessionValidity: 3,
                enableTokenRevocation: true,
                preventUserExistenceErrors: "ENABLED",
                refreshTokenRotation: { feature: "ENABLED", retryGracePeriodSeconds: 0 },
            },
            { parent: this, dependsOn: args.dependsOn },
        );
        this.clientId = this.client.id;
        this.registerOutputs({ clientId: this.clientId });
    }
}
