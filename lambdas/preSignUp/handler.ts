import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { createLogger } from "../shared/logger";
import { parsePreSignUpConfig } from "./config";
import { createPreSignUpHandler } from "./preSignUp";

export const handler = createPreSignUpHandler({
    config: parsePreSignUpConfig(process.env),
    cognito: new CognitoIdentityProviderClient({}),
    logger: createLogger("preSignUp"),
});
