import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "../shared/logger";
import { parseUserMigrationConfig } from "./config";
import { DynamoLegacyUserStore } from "./legacyUsers";
import { createUserMigrationHandler } from "./userMigration";

const config = parseUserMigrationConfig(process.env);

export const handler = createUserMigrationHandler({
    config,
    store: new DynamoLegacyUserStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), config.tableName),
    logger: createLogger("userMigration"),
});
