import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { UserGroups, validateGroups } from "../../components/userGroups";
import { formatIssue } from "../../components/issues";
import { ofType } from "../helpers/plans";
import { build } from "../helpers/record";

describe("UserGroups", () => {
    it("creates one group per entry with its role", async () => {
        const rs = await build(
            () =>
                new UserGroups("grp", {
                    userPoolId: "us-east-1_TestPool1",
                    groups: [{ name: "admins", precedence: 1 }, { name: "members", precedence: 10, description: "Users" }],
                    roleArns: { admins: "arn:aws:iam::123456789012:role/admins" },
                }),
        );
        const groups = ofType(rs, "aws:cognito/userGroup:UserGroup").sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(
            groups.map((x) => [x.name, x.props.name, x.props.precedence, x.props.roleArn]),
            [
                ["grp-admins", "admins", 1, "arn:aws:iam::123456789012:role/admins"],
                ["grp-members", "members", 10, undefined],
            ],
        );
    });

    it("rejects a role for an unknown group", () =>
        assert.throws(
            () => new UserGroups("grp2", { userPoolId: "p", groups: [], roleArns: { ghost: "arn" } }),
            /UserGroupsArgs\.roleArns names group ghost, which is not in groups/,
        ));

    it("names only the roles whose group is missing, in one error", () =>
        assert.throws(
            () => new UserGroups("grp3", { userPoolId: "p", groups: [{ name: "admins" }, { name: "members" }], roleArns: { admins: "arn:a", ghost: "arn:g" } }),
            (e: unknown) =>
                e instanceof Error &&
                e.message === 'UserGroups grp3 has 1 problem:\n  - UserGroupsArgs.roleArns names group ghost, which is not in groups (received: "ghost"). Fix: add the group or remove its role',
        ));

    it("refuses duplicate groups before creating any", () =>
        assert.throws(
            () => new UserGroups("grp4", { userPoolId: "p", groups: [{ name: "admins", precedence: 1 }, { name: "admins", precedence: 2 }] }),
            (e: unknown) =>
                e instanceof Error && e.message === 'UserGroups grp4 has 1 problem:\n  - UserGroupsArgs.groups[1].name must be unique (received: "admins"). Fix: remove the duplicate group',
        ));

    it("creates groups without roles under the component, and registers their names", async () => {
        const registered: unknown[] = [];
        // The outputs a component registers are the engine's only: watch the call.
        const proto = pulumi.ComponentResource.prototype as unknown as { registerOutputs: (this: pulumi.ComponentResource, outputs?: unknown) => void };
        const original = proto.registerOutputs;
        proto.registerOutputs = function (outputs) {
            if (this instanceof UserGroups) registered.push(outputs);
            return original.call(this, outputs);
        };
        try {
            const rs = await build(() => new UserGroups("plain", { userPoolId: "us-east-1_TestPool1", groups: [{ name: "Team Leads" }, { name: "members" }] }));
            const groups = ofType(rs, "aws:cognito/userGroup:UserGroup").sort((a, b) => a.name.localeCompare(b.name));
            assert.deepEqual(
                groups.map((x) => [x.name, x.parent, x.props.name, x.props.roleArn]),
                [
                    ["plain-members", "urn:pulumi:test::cognito-stack::cognito-stack:cognito:UserGroups::plain", "members", undefined],
                    ["plain-team-leads", "urn:pulumi:test::cognito-stack::cognito-stack:cognito:UserGroups::plain", "Team Leads", undefined],
                ],
            );
            // The runtime also registers every component's outputs once more, with none.
            assert.deepEqual(registered.filter((o) => o !== undefined), [{ groupNames: ["Team Leads", "members"] }]);
        } finally {
            proto.registerOutputs = original;
        }
    });

    it("refuses an equal precedence, naming the group that has it", () =>
        assert.deepEqual(validateGroups([{ name: "admins", precedence: 1 }, { name: "members", precedence: 10 }, { name: "editors", precedence: 1 }]).map((i) => formatIssue(i)), [
            "groups[2].precedence must differ from group admins's (received: 1). Fix: give each group its own precedence (lower wins)",
        ]));

    it("validates names and precedence", () =>
        assert.deepEqual(
            validateGroups([{ name: "a", precedence: 1 }, { name: "a", precedence: 1 }]).map((i) => formatIssue(i).split(" (received")[0]),
            ["groups[1].name must be unique", "groups[1].precedence must differ from group a's"],
        ));
});
