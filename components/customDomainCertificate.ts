import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** CloudFront, which serves a user pool's custom domain, takes certificates from this region only. */
export const CERTIFICATE_REGION = "us-east-1";

export interface CustomDomainCertificateArgs {
    /** The custom domain, e.g. `auth.example.com`. */
    readonly domainName: string;
    /** The Route 53 hosted zone that answers for the domain; the validation record goes there. */
    readonly hostedZoneId: string;
    /** The stack's region: another region than us-east-1 gets a provider for us-east-1. */
    readonly region: string;
    /** Named AWS profile the us-east-1 provider uses, as the stack's own provider does. @default - the environment's credentials */
    readonly profile?: string;
    /** @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * An ACM certificate for a user pool's custom domain, in us-east-1 whatever the stack's region,
 * validated by a DNS record in the domain's hosted zone.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
 */
export class CustomDomainCertificate extends pulumi.ComponentResource {
    /** Present when the stack lives outside us-east-1. */
    public readonly provider?: aws.Provider;
    public readonly certificate: aws.acm.Certificate;
    public readonly validationRecord: aws.route53.Record;
    public readonly validation: aws.acm.CertificateValidation;
    /** The certificate's ARN once ACM has validated it. */
    public readonly certificateArn: pulumi.Output<string>;

    constructor(name: string, args: CustomDomainCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:operations:CustomDomainCertificate", name, {}, opts);
        if (args.region !== CERTIFICATE_REGION) {
            this.provider = new aws.Provider(`${name}-${CERTIFICATE_REGION}`, { region: CERTIFICATE_REGION, profile: args.profile }, { parent: this });
        }
        const inRegion = { parent: this, provider: this.provider };
        this.certificate = new aws.acm.Certificate(name, { domainName: args.domainName, validationMethod: "DNS", keyAlgorithm: "RSA_2048", tags: args.tags ?? {} }, inRegion);
        // One domain, no alternative names: exactly one validation option.
        const option = this.certificate.domainValidationOptions.apply((o) => o[0]);
        this.validationRecord = new aws.route53.Record(
            `${name}-validation`,
            {
                zoneId: args.hostedZoneId,
                name: option.resourceRecordName,
                type: option.resourceRecordType,
                records: [option.resourceRecordValue],
                ttl: 300,
                allowOverwrite: true,
            },
            { parent: this },
        );
        this.validation = new aws.acm.CertificateValidation(`${name}-validation`, { certificateArn: this.certificate.arn, validationRecordFqdns: [this.validationRecord.fqdn] }, inRegion);
        this.certificateArn = this.validation.certificateArn;
        this.registerOutputs({ certificateArn: this.certificateArn });
    }
}
