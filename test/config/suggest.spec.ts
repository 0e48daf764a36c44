/**
 * "Did you mean": the edit distance and the choice of the closest candidate, with distances
 * counted by hand.
 */
import * as assert from "node:assert/strict";
import { closest, editDistance } from "../../config/suggest";

describe("editDistance", () => {
    it("counts insertions, deletions and substitutions", () => {
        assert.equal(editDistance("", ""), 0);
        assert.equal(editDistance("", "mfa"), 3);
        assert.equal(editDistance("mfa", ""), 3);
        assert.equal(editDistance("kitten", "sitting"), 3);
        assert.equal(editDistance("mfaFactor", "mfaFactors"), 1);
        assert.equal(editDistance("ab", "ac"), 1);
    });

    it("ignores case", () => assert.equal(editDistance("MFA", "mfa"), 0));

    it("counts a swap of neighbours as one edit", () => {
        assert.equal(editDistance("ab", "ba"), 1);
        assert.equal(editDistance("cogntio", "cognito"), 1);
        assert.equal(editDistance("abcd", "badc"), 2);
    });

    it("counts no swap where only one of the two letters matches", () => {
        assert.equal(editDistance("ab", "xa"), 2);
        assert.equal(editDistance("ab", "bx"), 2);
        // Optimal string alignment: a swapped pair is not edited again.
        assert.equal(editDistance("ca", "abc"), 3);
    });
});

describe("closest", () => {
    it("takes the candidate within a fifth of the value's length (at least 2 edits)", () => {
        assert.equal(closest("mfaFactor", ["mfa", "mfaFactors"]), "mfaFactors");
        assert.equal(closest("abcdefghij", ["abcdefghxy"]), "abcdefghxy");
        assert.equal(closest("abcdefghij", ["abcdefgxyz"]), undefined);
    });

    it("takes the first of candidates at the same distance", () => assert.equal(closest("abc", ["abd", "abe"]), "abd"));

    it("else takes the candidate sharing the most words, a word's start counting from 4 letters", () => {
        assert.equal(closest("passLength", ["passwordMinLength"]), "passwordMinLength");
        assert.equal(closest("flow", ["oauthFlows"]), "oauthFlows");
        assert.equal(closest("passwordLimit", ["rateLimit", "passLimit"]), "passLimit");
        assert.equal(closest("passLimit", ["rateLimit", "passwordLimit"]), "passwordLimit");
    });

    it("takes a candidate sharing half of all words, the first of equal ones", () => {
        assert.equal(closest("tokenLimit", ["rateLimit"]), "rateLimit");
        assert.equal(closest("fooLimit", ["rateLimit", "burstLimit"]), "rateLimit");
    });

    it("does not take a short word for the start of a longer one", () => {
        assert.equal(closest("id", ["identity"]), undefined);
        assert.equal(closest("mf", ["mfaFactors"]), undefined);
    });

    it("counts words, not the separators around them", () => assert.equal(closest("_alpha_beta", ["alpha beta gamma delta epsilon omicron"]), "alpha beta gamma delta epsilon omicron"));

    it("finds nothing among no candidates", () => assert.equal(closest("mfa", []), undefined));
});
