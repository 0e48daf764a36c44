import * as assert from "node:assert/strict";
import { assertEmailDomainAllowed, SignUpRejectedError } from "../../../lambdas/preSignUp/emailDomain";

const INVALID = "The email address is not valid: use a plain address like name@example.com.";
const closedTo = (domain: string) => `Sign-up is not open to email addresses at ${domain}.`;

/** The SignUpRejectedError message for `email`, or undefined when it is let through. */
function verdict(email: string | undefined, allowed: readonly string[]): string | undefined {
    try {
        assertEmailDomainAllowed(email, allowed);
        return undefined;
    } catch (e) {
        assert.ok(e instanceof SignUpRejectedError, `a SignUpRejectedError, not ${String(e)}`);
        assert.equal(e.name, "SignUpRejectedError");
        return e.message;
    }
}

describe("lambdas/preSignUp/emailDomain", () => {
    const allowed = ["example.com", "example.org"];

    it("lets every sign-up through when no allow-list is set, even without a valid email", () => {
        for (const email of [undefined, "", "not an address", "a@evil.test"]) {
            assert.equal(verdict(email, []), undefined);
        }
    });

    it("accepts an address at any domain of the list, not only the first", () => {
        assert.equal(verdict("ann@example.com", allowed), undefined);
        assert.equal(verdict("ann@example.org", allowed), undefined);
        assert.equal(verdict("Ann.Lee+news@EXAMPLE.ORG", allowed), undefined);
    });

    it("requires an email when a list is set", () => {
        assert.equal(verdict(undefined, allowed), "An email address is required to sign up.");
    });

    const invalid: [string, string][] = [
        ["an empty address", ""],
        ["an empty local part", "@example.com"],
        ["an empty domain", "ann@"],
        ["no @", "ann.example.com"],
        ["two @", "a@evil.com@example.com"],
        ["a local part that starts with a dot", ".ann@example.com"],
        ["a local part that ends with a dot", "ann.@example.com"],
        ["two dots in a row", "a..b@example.com"],
        ["a space in the local part", "ann lee@example.com"],
        ["a domain without a top-level label", "ann@example"],
        ["a trailing dot", "ann@example.com."],
        ["a leading space", " ann@example.com"],
        ["a list of addresses", "a@evil.com,b@example.com"],
    ];
    for (const [what, email] of invalid) {
        it(`refuses ${what} as invalid`, () => assert.equal(verdict(email, allowed), INVALID));
    }

    // A domain is allowed only as written in the list: never by suffix, prefix or substring.
    const lookalikes: [string, string][] = [
        ["a domain that ends with an allowed one", "notexample.com"],
        ["a subdomain of an allowed domain", "mail.example.com"],
        ["an allowed domain followed by more labels", "example.com.evil.test"],
        ["an allowed domain with another top-level domain", "example.net"],
        ["a domain that contains an allowed one", "myexample.company"],
    ];
    for (const [what, domain] of lookalikes) {
        it(`refuses ${what} (${domain})`, () => assert.equal(verdict(`ann@${domain}`, allowed), closedTo(domain)));
    }

    it("names the domain in lower case, as it compared it", () => {
        assert.equal(verdict("ann@Evil.TEST", allowed), closedTo("evil.test"));
    });
});
