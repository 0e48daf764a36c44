import * as assert from "node:assert/strict";
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

    it("validates names and precedence", () =>
        assert.deepEqual(
            validateGroups([{ name: "a", precedence: 1 }, { name: "a", precedence: 1 }]).map((i) => formatIssue(i).split(" (received")[0]),
            ["groups[1].name must be unique", "groups[1].precedence must differ from group a's"],
        ));
});
