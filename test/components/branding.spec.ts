import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadBranding, MAX_ASSET_BYTES } from "../../components/branding";
import { formatIssue } from "../../components/issues";
import { ROOT } from "../helpers/plans";

describe("managed-login branding files", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "branding-"));
        fs.writeFileSync(path.join(dir, "settings.json"), '{ "categories": { "global": { "colorSchemeMode": "DARK" } } }\n');
        fs.writeFileSync(path.join(dir, "list.json"), "[1, 2]");
        fs.writeFileSync(path.join(dir, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
        fs.writeFileSync(path.join(dir, "huge.png"), Buffer.alloc(MAX_ASSET_BYTES + 1));
        fs.writeFileSync(path.join(dir, "exact.webp"), Buffer.alloc(MAX_ASSET_BYTES));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads the settings compactly and the assets in base64 with AWS's extension names", () => {
        const r = loadBranding({ settingsFile: "settings.json", assets: [{ category: "FORM_LOGO", colorMode: "LIGHT", file: "logo.png" }, { category: "PAGE_BACKGROUND", colorMode: "DARK", file: "exact.webp" }] }, dir);
        assert.deepEqual(r.issues, []);
        assert.equal(r.branding?.settings, '{"categories":{"global":{"colorSchemeMode":"DARK"}}}');
        assert.deepEqual(r.branding?.assets[0], { category: "FORM_LOGO", colorMode: "LIGHT", extension: "PNG", bytes: "iVBORw==" });
        assert.equal(r.branding?.assets[1].extension, "WEBP");
    });

    it("reports every problem at once, naming the file and the fix", () => {
        const r = loadBranding({
            settingsFile: "list.json",
            assets: [
                { category: "FORM_LOGO", colorMode: "LIGHT", file: "missing.svg" },
                { category: "PAGE_BACKGROUND", colorMode: "LIGHT", file: "huge.png" },
                { category: "FAVICON_SVG", colorMode: "LIGHT", file: "logo.png" },
                { category: "FORM_LOGO", colorMode: "LIGHT", file: "logo.gif" },
            ],
        }, dir, "managedLoginBranding.");
        assert.equal(r.branding, undefined);
        assert.deepEqual(r.issues.map((i) => formatIssue(i).split(" (received")[0]), [
            "managedLoginBranding.settingsFile must hold a JSON object (the managed-login style's settings): not an object",
            "managedLoginBranding.assets[0].file must name a file in the repository (paths are relative to the project directory)",
            `managedLoginBranding.assets[1].file must be at most ${MAX_ASSET_BYTES} bytes (AWS's limit; it has ${MAX_ASSET_BYTES + 1})`,
            "managedLoginBranding.assets[2].file must be a .svg file for category FAVICON_SVG",
            "managedLoginBranding.assets[3].file must be an .ico, .jpg, .jpeg, .png, .svg or .webp image (managed login's formats)",
            "managedLoginBranding.assets[3] repeats category FORM_LOGO in colour mode LIGHT",
            "managedLoginBranding.assets[3].file must name a file in the repository (paths are relative to the project directory)",
        ]);
    });

    it("reads the repository's own style", () => {
        const r = loadBranding({ settingsFile: "branding/settings.json", assets: [{ category: "PAGE_HEADER_LOGO", colorMode: "LIGHT", file: "branding/logo.svg" }, { category: "FAVICON_SVG", colorMode: "DYNAMIC", file: "branding/favicon.svg" }] }, ROOT);
        assert.deepEqual(r.issues, []);
        assert.deepEqual(Object.keys(JSON.parse(r.branding?.settings ?? "{}") as object), ["categories", "components"]);
        assert.match(Buffer.from(r.branding?.assets[0].bytes ?? "", "base64").toString("utf8"), /^<svg /);
    });
});
