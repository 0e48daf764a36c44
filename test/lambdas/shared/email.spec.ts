import * as assert from "node:assert/strict";
import { parseEmailAddress } from "../../../lambdas/shared/email";

describe("lambdas/shared/email", () => {
    it("splits a plain address, the local part as written and the domain in lower case", () => {
        assert.deepEqual(parseEmailAddress("Ann.Lee+news@Mail.EXAMPLE.com"), { local: "Ann.Lee+news", domain: "mail.example.com" });
        assert.deepEqual(parseEmailAddress("o'neil@example.com"), { local: "o'neil", domain: "example.com" });
        assert.deepEqual(parseEmailAddress("a@xn--bcher-kva.example"), { local: "a", domain: "xn--bcher-kva.example" });
    });

    it("refuses what is not a string", () => {
        for (const value of [undefined, null, 42, ["a@example.com"], { toString: () => "a@example.com" }]) {
            assert.equal(parseEmailAddress(value), undefined);
        }
    });

    it("allows a local part of 64 characters and not 65", () => {
        assert.deepEqual(parseEmailAddress(`${"a".repeat(64)}@example.com`), { local: "a".repeat(64), domain: "example.com" });
        assert.equal(parseEmailAddress(`${"a".repeat(65)}@example.com`), undefined);
    });

    it("allows an address of 254 characters and not 255", () => {
        const domain = (last: number) => `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(last)}.com`;
        const at254 = `${"l".repeat(64)}@${domain(57)}`;
        const at255 = `${"l".repeat(64)}@${domain(58)}`;
        assert.equal(at254.length, 254);
        assert.equal(parseEmailAddress(at254)?.domain, domain(57));
        assert.equal(at255.length, 255);
        assert.equal(parseEmailAddress(at255), undefined);
    });

    const refused: [string, string][] = [
        ["an empty local part", "@example.com"],
        ["an empty domain", "ann@"],
        ["no @", "ann"],
        ["no @ in a name that reads as a domain", "ann.example.com"],
        ["two @", "a@b@example.com"],
        ["a quoted local part", '"ann"@example.com'],
        ["a leading dot", ".ann@example.com"],
        ["a trailing dot in the local part", "ann.@example.com"],
        ["two dots", "a..b@example.com"],
        ["a comma", "a,b@example.com"],
        ["a space", "a b@example.com"],
        ["a line break after the domain", "ann@example.com\n"],
        ["a domain label that starts with a hyphen", "ann@-example.com"],
        ["a one-label domain", "ann@localhost"],
        ["an IP literal", "ann@[127.0.0.1]"],
        ["a non-ASCII domain", "ann@bücher.example"],
    ];
    for (const [what, value] of refused) {
        it(`refuses ${what}`, () => assert.equal(parseEmailAddress(value), undefined));
    }
});
