import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { createLogger } from "../shared/logger";
import { parsePostConfirmationConfig } from "./config";
import { createPostConfirmationHandler } from "./postConfirmation";

export const handler = createPostConfirmationHandler({
    config: parsePostConfirmationConfig(process.env),
    cognito: new CognitoIdentityProviderClient({}),
    ses: new SESv2Client({}),
    logger: createLogger("postConfirmation"),
});
