import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";

/** The project's Lambda handlers, one folder each under `lambdas/`. */
export type LambdaName = "preSignUp" | "postConfirmation" | "preTokenGeneration" | "authorizer" | "api";

/** Where a function's code comes from: an archive whose `index.js` exports `handler`. */
export type LambdaCode = (name: LambdaName) => pulumi.asset.Archive;

/** The newest Node.js runtime `@pulumi/aws` offers (`aws.lambda.Runtime.NodeJS24dX`). */
export const LAMBDA_RUNTIME = "nodejs24.x";
/** Graviton: cheaper per GB-second than x86_64, and the bundles hold no native code. */
export const LAMBDA_ARCHITECTURE = "arm64";
/** Every bundle exports its entry point as `handler` from `index.js`. */
export const LAMBDA_HANDLER = "index.handler";

/** Turns a bundler (one CommonJS file per handler) into a code source. */
export function archiveFrom(bundle: (name: LambdaName) => { readonly code: string }): LambdaCode {
    return (name) => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(bundle(name).code) });
}

/** Code built ahead of time by `npm run build:lambdas` into `dist/lambdas/<name>/index.js`. */
export const prebuiltCode: LambdaCode = (name) => new pulumi.asset.FileArchive(path.resolve(__dirname, "..", "..", "dist", "lambdas", name));
