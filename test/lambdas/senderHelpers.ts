import { randomBytes } from "node:crypto";
import { buildClient, CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier, type KeyringNode } from "@aws-crypto/client-node";

/** A raw AES keyring standing in for the pool's KMS key: tests encrypt with it as Cognito would. */
export function testKeyring(): RawAesKeyringNode {
    return new RawAesKeyringNode({ keyName: "pool-key", keyNamespace: "cognito-test", unencryptedMasterKey: randomBytes(32), wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING });
}

const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);

/** `request.code` as Cognito sends it: base64 of an Encryption SDK message. */
export async function encryptCode(keyring: KeyringNode, code: string): Promise<string> {
    const { result } = await encrypt(keyring, code);
    return result.toString("base64");
}
