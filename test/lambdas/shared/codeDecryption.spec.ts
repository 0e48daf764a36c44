import * as assert from "node:assert/strict";
import { CodeDecryptionError, codeDecrypter, kmsKeyring } from "../../../lambdas/shared/codeDecryption";
import { encryptCode, testKeyring } from "../senderHelpers";

describe("lambdas/shared/codeDecryption", () => {
    const keyring = testKeyring();
    const decrypt = codeDecrypter(keyring);

    it("decrypts a code the Encryption SDK encrypted with the pool's key", async () => {
        assert.equal(await decrypt(await encryptCode(keyring, "123456")), "123456");
        assert.equal(await decrypt(await encryptCode(keyring, "Tmp-Passw0rd!")), "Tmp-Passw0rd!");
    });

    it("refuses a message under another key, saying why without the ciphertext", async () => {
        const other = await encryptCode(testKeyring(), "123456");
        await assert.rejects(decrypt(other), (e: unknown) => {
            assert.ok(e instanceof CodeDecryptionError);
            assert.ok(!e.message.includes(other.slice(0, 40)));
            return true;
        });
    });

    const bad: [string, string][] = [
        ["an empty code", ""],
        ["text that is not base64", "123456"],
        ["base64 of garbage", Buffer.from("not an Encryption SDK message").toString("base64")],
        ["a message far too long for a code", "A".repeat(9000)],
    ];
    for (const [what, value] of bad) {
        it(`refuses ${what}`, async () => {
            await assert.rejects(decrypt(value), CodeDecryptionError);
        });
    }

    it("refuses a plaintext that is not a code", async () => {
        await assert.rejects(decrypt(await encryptCode(keyring, "line\nbreak")), /the plaintext is not a code/);
    });

    it("builds the KMS keyring of the key alone, without discovery", () => {
        const arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const k = kmsKeyring(arn) as unknown as { keyIds: string[]; isDiscovery: boolean };
        assert.deepEqual(k.keyIds, [arn]);
        assert.equal(k.isDiscovery, false);
    });
});
