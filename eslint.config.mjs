// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";
import appsyncJs from "./graphql/appsyncJs.json" with { type: "json" };

export default tseslint.config(
    { ignores: ["dist/**", "**/node_modules/**", ".cognito/**", "eslint.config.mjs", ".stryker-tmp/**", "reports/**"] },
    {
        files: ["**/*.ts"],
        extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
        // One program for the whole tree, policies/ included.
        languageOptions: { parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname } },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    {
        // The few plain CommonJS files: the entry points and the TypeScript loader.
        files: ["**/*.js"],
        extends: [js.configs.recommended],
        languageOptions: {
            sourceType: "commonjs",
            globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" },
        },
    },
    {
        // AppSync resolvers: ES modules for the APPSYNC_JS runtime, which has no Node globals and
        // runs only part of the language.
        files: ["graphql/resolvers/**/*.js"],
        languageOptions: { sourceType: "module", globals: { require: "off", module: "off", __dirname: "off", process: "off", console: "off" } },
        rules: { "no-restricted-syntax": ["error", ...appsyncJs.restrictedSyntax] },
    },
    {
        // Tests read registered inputs and plan JSON, which are untyped by nature.
        files: ["test/**/*.ts"],
        rules: {
            "@typescript-eslint/no-floating-promises": "off",
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            "@typescript-eslint/no-unsafe-return": "off",
        },
    },
);
