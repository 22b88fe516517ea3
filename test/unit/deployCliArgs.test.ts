/** `acr-locks images` and `release-orphans` command lines (src/cli/deployArgs.ts), and apply's --allow-partial. */
import * as assert from 'node:assert/strict';
import { parseCliArgs } from '../../src/cli/args';
import { deployCommandOf, parseDeployArgs } from '../../src/cli/deployArgs';

function errorOf(argv: string[]): string {
  const parsed = parseDeployArgs(argv);
  assert.equal(parsed.kind, 'error', argv.join(' '));
  return parsed.kind === 'error' ? parsed.message : '';
}

suite('acr-locks deployments command lines', () => {
  test('images and release-orphans are found wherever the flags put them; other commands are not', () => {
    assert.equal(deployCommandOf(['images', '.']), 'images');
    assert.equal(deployCommandOf(['--policy', 'images', 'plan']), undefined, 'a flag value is not a command');
    assert.equal(deployCommandOf(['-u', 'me', '--json', 'release-orphans', '--policy', 'p']), 'release-orphans');
    assert.equal(deployCommandOf(['plan', '--policy', 'p']), undefined);
    assert.equal(deployCommandOf(['--', 'images']), undefined);
  });

  test('images: paths, optional policy and registry; release-orphans: policy required, --yes only there', () => {
    const images = parseDeployArgs(['images', 'deploy', 'Dockerfile', '--registry', 'https://MyReg.azurecr.io/', '--json']);
    assert.equal(images.kind, 'run');
    if (images.kind === 'run') {
      assert.deepEqual([images.options.paths, images.options.registry, images.options.json, images.options.yes], [['deploy', 'Dockerfile'], 'myreg.azurecr.io', true, false]);
    }
    const release = parseDeployArgs(['release-orphans', '--policy', 'p.json', '--yes']);
    assert.ok(release.kind === 'run' && release.options.yes && release.options.policyFile === 'p.json');
    assert.match(errorOf(['release-orphans']), /--policy FILE is required/);
    assert.match(errorOf(['release-orphans', '--policy', 'p', 'extra']), /takes no paths/);
    assert.match(errorOf(['images', '--yes']), /--yes applies to release-orphans only/);
    assert.match(errorOf(['images', '--password=secret']), /--password is not accepted/);
    assert.doesNotMatch(errorOf(['images', '--password=secret']), /secret/);
    assert.match(errorOf(['images', '--force']), /Unknown option --force/);
    assert.match(errorOf(['release-orphans', '--policy', 'p', '--concurrency', '99']), /--concurrency must be a whole number from 1 to 32/);
  });

  test('--allow-partial is for apply only', () => {
    const apply = parseCliArgs(['apply', '--policy', 'p', '--allow-partial']);
    assert.ok(apply.kind === 'run' && apply.options.allowPartial === true);
    const plan = parseCliArgs(['plan', '--policy', 'p', '--allow-partial']);
    assert.ok(plan.kind === 'error' && /apply only/.test(plan.message));
  });
});
