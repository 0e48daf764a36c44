export { Federation, FederationArgs, validateFederationArgs } from "./federation";
export { IdentityProviderSpec, BUILT_IN_PROVIDER_NAMES } from "./base";
export { GoogleArgs } from "./google";
export { FacebookArgs } from "./facebook";
export { AppleArgs } from "./apple";
export { SamlArgs } from "./saml";
export { OidcArgs } from "./oidc";
