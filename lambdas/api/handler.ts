import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "../shared/logger";
import { parseApiConfig } from "./config";
import { ItemStore } from "./items";
import { createApiHandler } from "./router";

const config = parseApiConfig(process.env);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

export const handler = createApiHandler({ items: new ItemStore(db, config), adminGroups: config.adminGroups, machineScopes: config.machineScopes, logger: createLogger("api") });
