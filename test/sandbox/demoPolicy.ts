/**
 * The lock policy the policy tests (CLI, host, UI) use against the demo seed: tags `v*` of every
 * repository write-once (the demo has v1 locked already, v2 only delete-protected, v3 only
 * write-protected), and the manifests of `team/*` tags `1.*` kept. `extraRules` are appended
 * (JSON text of further rule objects, each starting with a comma).
 */
export function demoPolicyText(loginServer: string, extraRules = ''): string {
  return `{
  // Releases are write-once; team images are kept.
  "registries": [
    {
      "loginServer": "${loginServer}",
      "rules": [
        {
          "name": "releases are immutable",
          "repositories": ["**"],
          "tags": ["v*"],
          "exclude": ["latest", "sha256-*"],
          "level": "tag",
          "set": { "writeEnabled": false, "deleteEnabled": false }
        },
        {
          "name": "team images kept",
          "repositories": ["team/*"],
          "tags": ["1.*"],
          "level": "manifest",
          "set": { "deleteEnabled": false }
        }${extraRules}
      ]
    }
  ]
}
`;
}
