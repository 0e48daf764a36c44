import * as assert from "node:assert/strict";
import { renderPolicyDocument } from "../../tools/iamPolicyDocument";

describe("renderPolicyDocument", () => {
    it("renders like the provider: reverse-sorted sets, single values flattened, grouped conditions", () => {
        const result = renderPolicyDocument({
            statements: [
                {
                    sid: "Trust",
                    actions: ["sts:TagSession", "sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
                    principals: [{ type: "Federated", identifiers: ["cognito-identity.amazonaws.com"] }],
                    conditions: [
                        { test: "StringEquals", variable: "cognito-identity.amazonaws.com:aud", values: ["us-east-1:abc"] },
                        { test: "ForAnyValue:StringLike", variable: "cognito-identity.amazonaws.com:amr", values: ["authenticated"] },
                    ],
                },
                {
                    effect: "Deny",
                    notActions: ["s3:GetObject"],
                    resources: ["arn:aws:s3:::b/private/&{cognito-identity.amazonaws.com:sub}/*", "arn:aws:s3:::b"],
                    principals: [{ type: "*", identifiers: ["*"] }],
                },
            ],
        });
        assert.equal(
            result.json,
            JSON.stringify(
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "Trust",
                            Effect: "Allow",
                            Action: ["sts:TagSession", "sts:AssumeRoleWithWebIdentity"],
                            Principal: { Federated: "cognito-identity.amazonaws.com" },
                            Condition: {
                                "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
                                StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:abc" },
                            },
                        },
                        {
                            Effect: "Deny",
                            NotAction: "s3:GetObject",
                            Resource: ["arn:aws:s3:::b/private/${cognito-identity.amazonaws.com:sub}/*", "arn:aws:s3:::b"],
                            Principal: "*",
                        },
                    ],
                },
                null,
                2,
            ),
        );
    });

    it("gives the minified JSON and, as the provider's id, the CRC-32 of the indented JSON", () => {
        const result = renderPolicyDocument({
            statements: [{ sid: "A", actions: ["s3:GetObject", "s3:ListBucket"], resources: ["arn:aws:s3:::b/*"], conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["true"] }] }],
        });
        assert.equal(
            result.json,
            '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "A",\n      "Effect": "Allow",\n      "Action": [\n        "s3:ListBucket",\n        "s3:GetObject"\n      ],\n' +
                '      "Resource": "arn:aws:s3:::b/*",\n      "Condition": {\n        "Bool": {\n          "aws:SecureTransport": "true"\n        }\n      }\n    }\n  ]\n}',
        );
        assert.equal(result.minifiedJson, '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}');
        // CRC-32 (IEEE) of the indented text above, as Python's zlib.crc32 computes it.
        assert.equal(result.id, "346897774");
    });

    it("merges principals of one type and keeps multi-value conditions in order", () => {
        const doc = JSON.parse(
            renderPolicyDocument({
                statements: [
                    {
                        actions: ["sts:AssumeRole"],
                        principals: [
                            { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] },
                            { type: "AWS", identifiers: ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"] },
                        ],
                        conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["z/", "a/"] }],
                    },
                ],
            }).json,
        );
        assert.deepEqual(doc.Statement[0].Principal, {
            AWS: ["arn:aws:iam::111111111111:root", "arn:aws:iam::333333333333:root", "arn:aws:iam::222222222222:root"],
        });
        assert.deepEqual(doc.Statement[0].Condition, { StringLike: { "s3:prefix": ["z/", "a/"] } });
    });

    it("merges source and override documents by Sid", () => {
        const source = renderPolicyDocument({ statements: [{ sid: "A", actions: ["s3:*"], resources: ["*"] }, { actions: ["ec2:*"], resources: ["*"] }] });
        const doc = JSON.parse(
            renderPolicyDocument({
                policyId: "p1",
                sourcePolicyDocuments: [source.json],
                statements: [{ sid: "A", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }],
                overridePolicyDocuments: ['{"Statement":[{"Sid":"B","Effect":"Deny","Action":"iam:*","Resource":"*"}]}'],
            }).json,
        );
        assert.deepEqual(doc, {
            Version: "2012-10-17",
            Id: "p1",
            Statement: [
                { Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
                { Effect: "Allow", Action: "ec2:*", Resource: "*" },
                { Sid: "B", Effect: "Deny", Action: "iam:*", Resource: "*" },
            ],
        });
    });

    it("rejects what the provider rejects, naming the value", () => {
        assert.throws(() => renderPolicyDocument({ statements: [{ sid: "a-b" }] }), /sid must only include alphanumeric characters \(received: a-b\)/);
        assert.throws(() => renderPolicyDocument({ statements: [{ sid: "A" }, { sid: "A" }] }), /duplicate Sid \(A\)/);
        assert.throws(() => renderPolicyDocument({ statements: [{ effect: "allow" }] }), /effect must be Allow or Deny \(received: allow\)/);
        assert.throws(() => renderPolicyDocument({ version: "2020-01-01" }), /version must be one of 2008-10-17, 2012-10-17 \(received: 2020-01-01\)/);
    });

    it("escapes HTML characters as Go's encoder does", () => {
        const { json } = renderPolicyDocument({ statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/<a>&"] }] });
        assert.match(json, /"arn:aws:s3:::b\/\\u003ca\\u003e\\u0026"/);
    });
});
