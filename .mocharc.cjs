// Mocha's settings. The whole suite runs when no spec is named on the command line; when one is
// (`npx mocha test/lambdas/foo.spec.ts`, `npm test -- <spec>`), only that one runs: mocha 11
// would otherwise add the spec list below to it.
"use strict";

const named = process.argv.slice(2).some((a) => !a.startsWith("-") && (/\.[cm]?[jt]s$/.test(a) || a.includes("*")));

module.exports = {
    require: ["./tools/register.js"],
    extension: ["ts"],
    spec: named ? [] : ["test/**/*.spec.ts"],
    timeout: 60000,
    reporter: "spec",
    "enable-source-maps": true,
};
