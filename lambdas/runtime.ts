import type * as aws from "@pulumi/aws";

/** The newest Node.js runtime `@pulumi/aws` offers (`aws.lambda.Runtime.NodeJS24dX`). */
export const LAMBDA_RUNTIME = "nodejs24.x" satisfies aws.lambda.Runtime;

/** Graviton: cheaper per GB-second than x86_64, and the bundles hold no native code. */
export const LAMBDA_ARCHITECTURE = "arm64";

/** esbuild target matching LAMBDA_RUNTIME. */
export const ESBUILD_TARGET = "node24";

/** Every bundle exports its entry point as `handler` from `index.js`. */
export const LAMBDA_HANDLER = "index.handler";
