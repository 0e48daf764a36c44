import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { issue, ValidationIssue } from "./issues";

/** Where a user pool's custom domain points: its CloudFront distribution. */
export interface AliasTarget {
    readonly domainName: pulumi.Input<string>;
    readonly zoneId: pulumi.Input<string>;
}

export interface CustomDomainDnsArgs {
    /** The custom domain, e.g. `auth.example.com`. */
    readonly domainName: string;
    /** Route 53 hosted zone of the domain. @default - no records; create them at your DNS provider */
    readonly hostedZoneId?: string;
    /** The user pool domain's CloudFront target. */
    readonly target: AliasTarget;
}

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,32}$/;

/** Checks the custom-domain DNS settings of a stack's config. */
export function validateCustomDomainDns(c: { readonly customDomain?: string; readonly customDomainHostedZoneId?: string; readonly customDomainCertificateArn?: string }): ValidationIssue[] {
    const out: ValidationIssue[] = [];
    const zone = c.customDomainHostedZoneId;
    if (zone === undefined) {
        return out;
    }
    if (!HOSTED_ZONE_ID.test(zone)) {
        out.push(issue("customDomainHostedZoneId", "must be a Route 53 hosted zone id", zone, "copy the id (Z...) from `aws route53 list-hosted-zones-by-name --dns-name <your domain>`, without /hostedzone/"));
    }
    if (c.customDomain === undefined) {
        out.push(issue("customDomainHostedZoneId", "is set but customDomain is not, so there is nothing to point at", zone, "set customDomain (e.g. auth.example.com), or remove customDomainHostedZoneId"));
    }
    return out;
}

/**
 * DNS for a user pool's custom domain: A and AAAA alias records to its CloudFront target in the
 * hosted zone; without a zone it only hands the target on, for records kept elsewhere.
 */
export class CustomDomainDns extends pulumi.ComponentResource {
    public readonly records: aws.route53.Record[];
    /** The CloudFront name the domain must point at (a CNAME, or an alias where the DNS has them). */
    public readonly target: pulumi.Output<string>;

    constructor(name: string, args: CustomDomainDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("cognito-stack:operations:CustomDomainDns", name, {}, opts);
        this.target = pulumi.output(args.target.domainName);
        const zoneId = args.hostedZoneId;
        this.records =
            zoneId === undefined
                ? []
                : (["A", "AAAA"] as const).map(
                      (type) =>
                          new aws.route53.Record(
                              `${name}-${type.toLowerCase()}`,
                              {
                                  zoneId,
                                  name: args.domainName,
                                  type,
                                  // CloudFront's health is AWS's to keep; evaluating it adds nothing.
                                  aliases: [{ name: args.target.domainName, zoneId: args.target.zoneId, evaluateTargetHealth: false }],
                              },
                              { parent: this },
                          ),
                  );
        this.registerOutputs({ target: this.target, records: this.records.map((r) => r.fqdn) });
    }
}
