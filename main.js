// The entry point the Pulumi CLI loads (package.json "main"). It runs index.ts as it is on disk
// now, transpiled file by file as it loads (tools/register.js), so `pulumi up` can never deploy
// stale build output. Type checking is `npm test`'s job, not the deploy's.
"use strict";
require("./tools/register");
module.exports = require("./index.ts");
