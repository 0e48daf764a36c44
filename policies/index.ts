import { PolicyPack } from "@pulumi/policy";
import { defaultEnforcementLevel, packName, policies } from "./all";
import { reportingMalformed } from "./lib/engine";

new PolicyPack(packName, { enforcementLevel: defaultEnforcementLevel, policies: policies.map(reportingMalformed) });
