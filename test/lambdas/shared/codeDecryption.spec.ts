import * as assert from "node:assert/strict";
import { buildClient, CommitmentPolicy, KeyringNode, MultiKeyringNode, type NodeDecryptionMaterial, type NodeEncryptionMaterial } from "@aws-crypto/client-node";
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

    const PRECHECK = "The code could not be decrypted: request.code is not base64 of a short message";
    const refusedUnread: [string, string][] = [
        ["an empty code", ""],
        ["text before the base64", "!!AAAA"],
        ["text after the base64", "AAAA!!"],
        ["more than 8192 characters", "A".repeat(8196)],
    ];
    for (const [what, value] of refusedUnread) {
        it(`refuses ${what} before reading it as a message`, async () => {
            await assert.rejects(decrypt(value), (e: Error) => e instanceof CodeDecryptionError && e.name === "CodeDecryptionError" && e.message === PRECHECK);
        });
    }

    it("reads a message of exactly 8192 characters (and fails on its content, not its length)", async () => {
        await assert.rejects(decrypt("A".repeat(8192)), (e: Error) => e instanceof CodeDecryptionError && e.message !== PRECHECK && e.message.startsWith("The code could not be decrypted: "));
    });

    it("keeps at most 200 characters of the SDK's reason", async () => {
        class FailingKeyring extends KeyringNode {
            _onEncrypt(material: NodeEncryptionMaterial): Promise<NodeEncryptionMaterial> {
                return Promise.resolve(material);
            }
            _onDecrypt(): Promise<NodeDecryptionMaterial> {
                return Promise.reject(new Error(`${"r".repeat(200)}${"s".repeat(100)}`));
            }
        }
        const failing = codeDecrypter(new FailingKeyring());
        await assert.rejects(failing(await encryptCode(keyring, "123456")), (e: Error) => {
            assert.ok(e.message.length <= "The code could not be decrypted: ".length + 200, e.message);
            assert.ok(!e.message.includes("s"), e.message);
            return true;
        });
    });

    it("decrypts a legacy (non-committing) message, which Cognito may still send", async () => {
        const legacy = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
        const { result } = await legacy.encrypt(keyring, "654321");
        assert.equal(await codeDecrypter(keyring)(result.toString("base64")), "654321");
    });

    it("decrypts a message with three encrypted data keys, and refuses one with four", async () => {
        const wrapped = (n: number) => new MultiKeyringNode({ generator: keyring, children: Array.from({ length: n - 1 }, () => testKeyring()) });
        const decryptHere = codeDecrypter(keyring);
        assert.equal(await decryptHere(await encryptCode(wrapped(3), "111111")), "111111");
        await assert.rejects(decryptHere(await encryptCode(wrapped(4), "111111")), (e: Error) => e instanceof CodeDecryptionError && /maxEncryptedDataKeys/.test(e.message));
    });

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
