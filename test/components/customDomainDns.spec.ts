import * as assert from "node:assert/strict";
import { CustomDomainDns, validateCustomDomainDns } from "../../components/customDomainDns";
import { formatIssue } from "../../components/issues";
import { ofType } from "../helpers/plans";
import { build, valueOf } from "../helpers/record";

const target = { domainName: "d111111abcdef8.cloudfront.net", zoneId: "Z2FDTNDATAQYW2" };

describe("CustomDomainDns", () => {
    it("points the domain at the CloudFront target with A and AAAA aliases in the zone", async () => {
        const rs = await build(() => new CustomDomainDns("dns", { domainName: "auth.example.com", hostedZoneId: "Z04123452ABCDEFGHIJKL", target }));
        assert.deepEqual(
            ofType(rs, "aws:route53/record:Record").map((r) => [r.name, r.props.zoneId, r.props.name, r.props.type, r.props.aliases, r.props.records]),
            [
                ["dns-a", "Z04123452ABCDEFGHIJKL", "auth.example.com", "A", [{ name: "d111111abcdef8.cloudfront.net", zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }], undefined],
                ["dns-aaaa", "Z04123452ABCDEFGHIJKL", "auth.example.com", "AAAA", [{ name: "d111111abcdef8.cloudfront.net", zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }], undefined],
            ],
        );
    });

    it("creates no record without a zone and hands the target on", async () => {
        const rs = await build(() => new CustomDomainDns("dns-ext", { domainName: "auth.example.com", target }));
        assert.deepEqual(ofType(rs, "aws:route53/record:Record"), []);
        assert.equal(await valueOf(rs.component.target), "d111111abcdef8.cloudfront.net");
    });

    it("checks the zone id and that there is a domain to point", () => {
        assert.deepEqual(validateCustomDomainDns({ customDomain: "auth.example.com", customDomainHostedZoneId: "Z04123452ABCDEFGHIJKL" }), []);
        assert.deepEqual(validateCustomDomainDns({}), []);
        assert.deepEqual(validateCustomDomainDns({ customDomainHostedZoneId: "/hostedzone/Z0412" }).map((i) => formatIssue(i)), [
            'customDomainHostedZoneId must be a Route 53 hosted zone id (received: "/hostedzone/Z0412"). Fix: copy the id (Z...) from `aws route53 list-hosted-zones-by-name --dns-name <your domain>`, without /hostedzone/',
            'customDomainHostedZoneId is set but customDomain is not, so there is nothing to point at (received: "/hostedzone/Z0412"). Fix: set customDomain (e.g. auth.example.com), or remove customDomainHostedZoneId',
        ]);
    });
});
