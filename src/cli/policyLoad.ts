/** The policy file, read and checked before anything is sent: its diagnostics, its login servers, the entry --registry names. */
import { findRegistryPolicy, parsePolicy, type Policy, type PolicyDiagnostic, type RegistryPolicy } from '../policy';
import { checkLoginServer } from '../registry/loginServer';
import { type CliOptions } from './args';
import { type CliIo } from './io';

export type Loaded = { readonly ok: true; readonly registries: readonly RegistryPolicy[]; readonly policy: Policy } | { readonly ok: false; readonly diagnostics?: readonly PolicyDiagnostic[] };

export async function loadPolicy(options: CliOptions, io: CliIo, fail: (message: string) => void): Promise<Loaded> {
  let text: string;
  try {
    text = await io.readFile(options.policyFile);
  } catch (thrown: unknown) {
    const code = thrown instanceof Error && 'code' in thrown ? String(thrown.code) : '';
    fail(`Cannot read the policy file ${options.policyFile}${code ? ` (${code})` : ''}. Check the path given to --policy.`);
    return { ok: false };
  }
  const parsed = parsePolicy(text);
  for (const d of parsed.diagnostics) {
    io.stderr.write(`${options.policyFile}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message}\n`);
  }
  const policy: Policy | undefined = parsed.policy;
  if (policy === undefined) {
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
    fail(`${options.policyFile} has ${errors} ${errors === 1 ? 'error' : 'errors'} (above); nothing was checked or applied.`);
    return { ok: false, diagnostics: parsed.diagnostics };
  }
  for (const registry of policy.registries) {
    const checked = checkLoginServer(registry.loginServer);
    if (!checked.ok) {
      fail(`${options.policyFile}:${registry.range.start.line + 1}: "${registry.loginServer}" is not a login server (${checked.reason}); nothing was checked or applied.`);
      return { ok: false };
    }
  }
  if (options.registry === undefined) {
    return { ok: true, registries: policy.registries, policy };
  }
  const found = findRegistryPolicy(policy, options.registry);
  if (found === undefined) {
    const names = policy.registries.map((r) => r.loginServer).join(', ');
    fail(`${options.policyFile} has no entry for ${options.registry} (it has: ${names || 'none'}).`);
    return { ok: false };
  }
  return { ok: true, registries: [found], policy };
}
