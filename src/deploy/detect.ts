/** Which extractor a file needs: by name first (extension, well-known names), then by content where the name is ambiguous. */
import { isArmTemplate } from './formats/arm';

export type DeployFormat = 'yaml' | 'dockerfile' | 'bicep' | 'arm' | 'terraform' | 'bake';

const baseName = (path: string): string => path.split(/[/\\]/).pop() ?? path;

/** Dockerfile names: `Dockerfile`, `Dockerfile.linux`, `app.dockerfile`, `dockerfile-cli.gpu`, `Containerfile`. */
export function isDockerfileName(path: string): boolean {
  const name = baseName(path);
  if (/\.(ya?ml|json|md|txt|sh|ps1|hcl|tf|bicep|ignore|js|ts|py)$/i.test(name) || /dockerignore/i.test(name)) {
    return false;
  }
  return /(?:^|[._-]|__)(?:dockerfile|containerfile)(?:[._-]|$)/i.test(name);
}

/** The format from the name alone (undefined when the content must decide or nothing applies). */
export function formatFromName(path: string): DeployFormat | 'json' | 'hcl' | undefined {
  const name = baseName(path).toLowerCase();
  if (name.endsWith('.yaml') || name.endsWith('.yml') || name === 'kustomization') {
    return 'yaml';
  }
  if (name.endsWith('.bicep')) {
    return 'bicep';
  }
  if (name.endsWith('.tf')) {
    return 'terraform';
  }
  if (name.endsWith('.hcl')) {
    return 'hcl';
  }
  if (name.endsWith('.json')) {
    return 'json';
  }
  return isDockerfileName(path) ? 'dockerfile' : undefined;
}

/** The format of a file, or null when it is no deployment file this module reads. */
export function detectFormat(path: string, text: string): DeployFormat | null {
  const byName = formatFromName(path);
  if (byName === 'json') {
    return isArmTemplate(text) ? 'arm' : null;
  }
  if (byName === 'hcl') {
    return /bake/i.test(baseName(path)) || /(^|\n)\s*target\s+"[^"]*"\s*\{/.test(text) ? 'bake' : 'terraform';
  }
  return byName ?? null;
}
