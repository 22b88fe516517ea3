/**
 * The tool's sign-in hints are command lines it accepts: "use --username" alone exits 1 with
 * "--username (or ACR_USERNAME) needs --registry SERVER" (a password goes to one named registry
 * only), so a hint that suggests a user name names the registry too (issue 22 item 9).
 */
import * as assert from 'node:assert/strict';
import { parseCliArgs } from '../../src/cli/args';
import { describeFailure } from '../../src/cli/errors';
import { RegistryError } from '../../src/registry/errors';

suite('sign-in hints of the command-line tool', () => {
  for (const kind of ['signInRequired', 'untrustedDomain'] as const) {
    test(`${kind}: the suggested --username line passes the tool's own checks`, () => {
      const text = describeFailure(new RegistryError(kind, 'no sign-in'), 'myregistry.azurecr.io');
      const suggested = /or use (.+?) with (?:the password|a registry user)/.exec(text)?.[1];
      assert.ok(suggested, text);
      const parsed = parseCliArgs(['plan', '--policy', '.acr-locks.json', ...suggested.replaceAll('`', '').split(' ')]);
      assert.equal(parsed.kind, 'run', `${text}\n→ ${parsed.kind === 'error' ? parsed.message : ''}`);
      assert.equal(parsed.kind === 'run' ? parsed.options.registry : undefined, 'myregistry.azurecr.io');
    });
  }
});
