import { SESv2Client } from "@aws-sdk/client-sesv2";
import { createLogger } from "../shared/logger";
import { createAuthChallengeHandler } from "./authChallenge";
import { parseAuthChallengeConfig } from "./config";

export const handler = createAuthChallengeHandler({
    config: parseAuthChallengeConfig(process.env),
    ses: new SESv2Client({}),
    logger: createLogger("authChallenge"),
});
