import { createLogger } from "../shared/logger";
import { createPostAuthenticationHandler } from "./postAuthentication";

export const handler = createPostAuthenticationHandler({ logger: createLogger("postAuthentication") });
