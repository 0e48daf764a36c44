export { Federation, type FederationArgs, mappedAttributesByProvider, validateFederationArgs } from "./federation";
export { type IdentityProviderSpec, BUILT_IN_PROVIDER_NAMES } from "./base";
export { type GoogleArgs } from "./google";
export { type FacebookArgs } from "./facebook";
export { type AppleArgs } from "./apple";
export { type SamlArgs } from "./saml";
export { type OidcArgs } from "./oidc";
