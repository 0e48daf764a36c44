import { issue, ValidationIssue } from "../issues";
import { IdentityProviderSpec, mergeMapping, ProviderKind } from "./base";

export interface SamlArgs {
    /** Provider name apps use (3-32 characters), e.g. `Okta` or `EntraID`. */
    readonly name: string;
    /** IdP metadata URL (https); exactly one of metadataUrl and metadataFile. */
    readonly metadataUrl?: string;
    /** IdP metadata XML document. */
    readonly metadataFile?: string;
    /** Email domains or ids that route users to this IdP. @default [] */
    readonly idpIdentifiers?: readonly string[];
    /** Sign users out of the IdP too. @default false */
    readonly signOut?: boolean;
    /** Accept IdP-initiated sign-in (weaker: no request to bind the response to). @default false */
    readonly idpInitiated?: boolean;
    /** Require encrypted assertions. @default false */
    readonly encryptedResponses?: boolean;
    /** Sign authentication requests. @default - unsigned */
    readonly requestSigningAlgorithm?: "rsa-sha256";
    /** @default { email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" } */
    readonly attributeMapping?: Record<string, string>;
}

const EMAIL_CLAIM = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";

/** SAML 2.0 (Okta, Entra ID, ...). */
export const saml: ProviderKind<SamlArgs, undefined> = {
    validate: (a, field) => {
        const out: ValidationIssue[] = [];
        if ((a.metadataUrl === undefined) === (a.metadataFile === undefined)) {
            out.push(issue(field, "must set exactly one of metadataUrl and metadataFile", { metadataUrl: a.metadataUrl, metadataFile: a.metadataFile === undefined ? undefined : "<xml>" }, "give the IdP's metadata URL, or paste its metadata XML into metadataFile"));
        }
        if (a.metadataUrl !== undefined && !/^https:\/\//.test(a.metadataUrl)) {
            out.push(issue(`${field}.metadataUrl`, "must be an https:// URL", a.metadataUrl, "use the IdP's https metadata URL"));
        }
        if (a.metadataFile !== undefined && !/<(\w+:)?EntityDescriptor[\s>]/.test(a.metadataFile)) {
            out.push(issue(`${field}.metadataFile`, "must be SAML metadata XML with an EntityDescriptor", `${a.metadataFile.slice(0, 40)}...`, "download the federation metadata XML from the IdP"));
        }
        return out;
    },
    spec: (a): IdentityProviderSpec => ({
        providerName: a.name,
        providerType: "SAML",
        providerDetails: {
            ...(a.metadataUrl !== undefined ? { MetadataURL: a.metadataUrl } : { MetadataFile: a.metadataFile as string }),
            IDPSignout: String(a.signOut ?? false),
            IDPInit: String(a.idpInitiated ?? false),
            EncryptedResponses: String(a.encryptedResponses ?? false),
            ...(a.requestSigningAlgorithm !== undefined ? { RequestSigningAlgorithm: a.requestSigningAlgorithm } : {}),
        },
        attributeMapping: mergeMapping({ email: EMAIL_CLAIM }, a.attributeMapping),
        idpIdentifiers: a.idpIdentifiers && a.idpIdentifiers.length > 0 ? [...a.idpIdentifiers] : undefined,
    }),
};
