import { PolicyPack } from "@pulumi/policy";
import { defaultEnforcementLevel, packName, policies } from "./all";

new PolicyPack(packName, { enforcementLevel: defaultEnforcementLevel, policies });
