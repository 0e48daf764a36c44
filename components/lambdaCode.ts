import * as pulumi from "@pulumi/pulumi";
import type { LambdaName } from "../lambdas/bundle";

export type { LambdaName } from "../lambdas/bundle";
export { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME } from "../lambdas/runtime";

/** Where a function's code comes from: an archive whose `index.js` exports `handler`. */
export type LambdaCode = (name: LambdaName) => pulumi.asset.Archive;

/** Turns a bundler (one CommonJS file per handler) into a code source. */
export function archiveFrom(bundle: (name: LambdaName) => { readonly code: string }): LambdaCode {
    return (name) => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(bundle(name).code) });
}
