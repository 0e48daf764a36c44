import { buildClient, CommitmentPolicy, KmsKeyringNode, type KeyringNode } from "@aws-crypto/client-node";

/** Turns the `request.code` of a custom sender event (base64 of an Encryption SDK message) into the code. */
export type CodeDecrypter = (ciphertext: string) => Promise<string>;

/** Thrown when the code cannot be decrypted; never carries the ciphertext or the code. */
export class CodeDecryptionError extends Error {
    constructor(why: string) {
        super(`The code could not be decrypted: ${why}`);
        this.name = "CodeDecryptionError";
    }
}

/**
 * Cognito wraps the data key with the pool's KMS key; a message should carry one encrypted
 * data key, a few at most. A hostile message with thousands would make the SDK try each.
 */
const MAX_ENCRYPTED_DATA_KEYS = 3;
/** A code or temporary password is short; a longer message is not Cognito's. */
const MAX_CIPHERTEXT = 8192;

/**
 * A decrypter over `keyring`: the KMS keyring of the pool's key in the functions, a raw AES
 * keyring in the tests. Messages must be committed or legacy ones Cognito still sends
 * (REQUIRE_ENCRYPT_ALLOW_DECRYPT, as AWS's own examples decrypt).
 */
export function codeDecrypter(keyring: KeyringNode): CodeDecrypter {
    const { decrypt } = buildClient({ commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT, maxEncryptedDataKeys: MAX_ENCRYPTED_DATA_KEYS });
    return async (ciphertext) => {
        if (ciphertext.length === 0 || ciphertext.length > MAX_CIPHERTEXT || !/^[A-Za-z0-9+/]+={0,2}$/.test(ciphertext)) {
            throw new CodeDecryptionError("request.code is not base64 of a short message");
        }
        let plaintext: Buffer;
        try {
            ({ plaintext } = await decrypt(keyring, Buffer.from(ciphertext, "base64")));
        } catch (error) {
            // The SDK's messages name no secret; keep only the reason.
            throw new CodeDecryptionError((error as Error).message.slice(0, 200));
        }
        const code = plaintext.toString("utf8");
        if (!/^[\x21-\x7e]{1,256}$/.test(code)) {
            throw new CodeDecryptionError("the plaintext is not a code (printable ASCII, 1-256 characters)");
        }
        return code;
    };
}

/** The keyring of the pool's KMS key: decrypts only what that key wrapped (no discovery). */
export function kmsKeyring(keyArn: string): KeyringNode {
    return new KmsKeyringNode({ keyIds: [keyArn] });
}
