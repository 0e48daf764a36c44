import * as assert from "node:assert/strict";
import { CustomDomainCertificate } from "../../components/customDomainCertificate";
import { ofType, one, output } from "../helpers/plans";
import { build, valueOf } from "../helpers/record";

const ZONE = "Z04123452ABCDEFGHIJKL";

describe("CustomDomainCertificate", () => {
    it("issues the certificate in us-east-1 through a provider for that region when the stack lives elsewhere", async () => {
        const rs = await build(() => new CustomDomainCertificate("cert", { domainName: "auth.example.com", hostedZoneId: ZONE, region: "eu-west-1" }));
        const provider = one(rs, "pulumi:providers:aws");
        assert.equal(provider.props.region, "us-east-1");
        const cert = one(rs, "aws:acm/certificate:Certificate");
        assert.deepEqual([cert.props.domainName, cert.props.validationMethod, cert.props.keyAlgorithm], ["auth.example.com", "DNS", "RSA_2048"]);
        assert.equal(cert.options.provider, provider.urn);
        assert.match(output(cert, "arn"), /^arn:aws:acm:us-east-1:123456789012:certificate\/[0-9a-f-]{36}$/);
        const validation = one(rs, "aws:acm/certificateValidation:CertificateValidation");
        assert.equal(validation.options.provider, provider.urn, "ACM validates in the certificate's region");
        assert.equal(validation.props.certificateArn, output(cert, "arn"));
        // The validation record is the one ACM asks for, in the domain's zone (Route 53 is global).
        const record = one(rs, "aws:route53/record:Record");
        const option = (cert.outputs?.domainValidationOptions as Record<string, string>[])[0];
        assert.deepEqual([record.props.zoneId, record.props.name, record.props.type, record.props.records, record.options.provider], [ZONE, option.resourceRecordName, "CNAME", [option.resourceRecordValue], undefined]);
        assert.deepEqual(validation.props.validationRecordFqdns, [output(record, "fqdn")]);
        assert.equal(await valueOf(rs.component.certificateArn), output(cert, "arn"));
    });

    it("uses the stack's own provider in us-east-1", async () => {
        const rs = await build(() => new CustomDomainCertificate("cert-use1", { domainName: "auth.example.com", hostedZoneId: ZONE, region: "us-east-1" }));
        assert.deepEqual(ofType(rs, "pulumi:providers:aws"), []);
        assert.equal(one(rs, "aws:acm/certificate:Certificate").options.provider, undefined);
    });
});
