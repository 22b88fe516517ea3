/** Checks shared by the pipeline-format tests (unit and sandbox): Microsoft's SARIF validator and the command syntaxes. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../runner/paths';

export const SARIF_MULTITOOL = join(repoRoot, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

/** Runs Microsoft's validator; returns its output. Fails the test on any error result. */
export function validateSarif(file: string): string {
  const result = spawnSync(SARIF_MULTITOOL, ['validate', file], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, output);
  assert.doesNotMatch(output, /: error /, output);
  assert.match(output, /Analysis completed successfully/);
  return output;
}

export const GITHUB_LINE = /^::(error|warning|notice)(?: ((?:file=[^,:\r\n]+)(?:,line=\d+(?:,col=\d+)?)?,)?title=[^,:\r\n]+)?::[^\r\n]*$/;
export const VSO_ISSUE = /^##vso\[task\.logissue type=(error|warning)(;sourcepath=[^;\]\r\n]+(;linenumber=\d+(;columnnumber=\d+)?)?)?;code=ACRL00[1-6]\][^\r\n]*$/;

