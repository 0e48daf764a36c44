import * as fs from "node:fs";
import * as path from "node:path";
import { issue, ValidationIssue } from "./issues";

/**
 * Where managed login shows an image (`AssetType.Category`).
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssetType.html
 */
export const BRANDING_CATEGORIES = [
    "FAVICON_ICO", "FAVICON_SVG", "EMAIL_GRAPHIC", "SMS_GRAPHIC", "AUTH_APP_GRAPHIC", "PASSWORD_GRAPHIC", "PASSKEY_GRAPHIC",
    "PAGE_HEADER_LOGO", "PAGE_HEADER_BACKGROUND", "PAGE_FOOTER_LOGO", "PAGE_FOOTER_BACKGROUND", "PAGE_BACKGROUND",
    "FORM_BACKGROUND", "FORM_LOGO", "IDP_BUTTON_ICON",
] as const;

/** `AssetType.Bytes` takes at most 1,000,000 bytes per image. */
export const MAX_ASSET_BYTES = 1_000_000;

/** File name endings and the `AssetType.Extension` each stands for. */
const EXTENSIONS: Readonly<Record<string, string>> = { ".ico": "ICO", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".svg": "SVG", ".webp": "WEBP" };

export interface BrandingSpec {
    /** The style's settings document (JSON), e.g. `branding/settings.json`. */
    readonly settingsFile: string;
    /** @default [] */
    readonly assets?: readonly { readonly category: string; readonly colorMode: string; readonly file: string }[];
}

/** A branding style as ManagedLoginBranding takes it: settings as JSON text, assets in base64. */
export interface Branding {
    readonly settings: string;
    readonly assets: readonly { readonly category: string; readonly colorMode: string; readonly extension: string; readonly bytes: string }[];
}

/**
 * Reads and checks a branding style from the repository: the settings file must be a JSON
 * object; each asset an existing ICO, JPEG, PNG, SVG or WEBP file of at most 1,000,000 bytes, the
 * favicons of their own format, one per category and colour mode. Every problem at once.
 * `settingsPath` prefixes the fields of issues (`managedLoginBranding.`).
 */
export function loadBranding(spec: BrandingSpec, rootDir: string, settingsPath = ""): { branding?: Branding; issues: ValidationIssue[] } {
    const out: ValidationIssue[] = [];
    const read = (field: string, file: string): Buffer | undefined => {
        const full = path.resolve(rootDir, file);
        try {
            return fs.readFileSync(full);
        } catch {
            out.push(issue(`${settingsPath}${field}`, "must name a file in the repository (paths are relative to the project directory)", file, `add the file at ${path.relative(rootDir, full) || file}, or correct the path`));
            return undefined;
        }
    };
    let settings: string | undefined;
    const raw = read("settingsFile", spec.settingsFile);
    if (raw !== undefined) {
        try {
            const parsed: unknown = JSON.parse(raw.toString("utf8"));
            if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
            // Compact and stable: the same file always plans the same input.
            settings = JSON.stringify(parsed);
        } catch (e) {
            out.push(issue(`${settingsPath}settingsFile`, `must hold a JSON object (the managed-login style's settings): ${e instanceof Error ? e.message : String(e)}`, spec.settingsFile, "export the style's settings as JSON (the branding editor's JSON, or aws cognito-idp describe-managed-login-branding ... --query ManagedLoginBranding.Settings)"));
        }
    }
    const assets: Branding["assets"][number][] = [];
    const seen = new Set<string>();
    (spec.assets ?? []).forEach((a, i) => {
        const field = `assets[${i}]`;
        const extension = EXTENSIONS[path.extname(a.file).toLowerCase()];
        if (extension === undefined) {
            out.push(issue(`${settingsPath}${field}.file`, "must be an .ico, .jpg, .jpeg, .png, .svg or .webp image (managed login's formats)", a.file, "convert the image to one of those formats"));
        } else if ((a.category === "FAVICON_ICO" && extension !== "ICO") || (a.category === "FAVICON_SVG" && extension !== "SVG")) {
            out.push(issue(`${settingsPath}${field}.file`, `must be a .${a.category.slice(8).toLowerCase()} file for category ${a.category}`, a.file, `use a .${a.category.slice(8).toLowerCase()} image, or the other favicon category`));
        }
        const key = `${a.category}/${a.colorMode}`;
        if (seen.has(key)) {
            out.push(issue(`${settingsPath}${field}`, `repeats category ${a.category} in colour mode ${a.colorMode}`, a, "keep one image per category and colour mode"));
        }
        seen.add(key);
        const bytes = read(`${field}.file`, a.file);
        if (bytes !== undefined && bytes.length > MAX_ASSET_BYTES) {
            out.push(issue(`${settingsPath}${field}.file`, `must be at most ${MAX_ASSET_BYTES} bytes (AWS's limit; it has ${bytes.length})`, a.file, "compress or scale the image down"));
        } else if (bytes !== undefined && extension !== undefined) {
            assets.push({ category: a.category, colorMode: a.colorMode, extension, bytes: bytes.toString("base64") });
        }
    });
    return out.length > 0 || settings === undefined ? { issues: out } : { branding: { settings, assets }, issues: [] };
}
