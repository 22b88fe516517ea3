import * as assert from 'node:assert/strict';
import { azUpdateCommand } from '../../src/registry/azCommand';

suite('azUpdateCommand', () => {
  test('repository with the flags in order', () => {
    assert.equal(
      azUpdateCommand('myregistry.azurecr.io', { kind: 'repository', repository: 'myrepo' }, { deleteEnabled: false, writeEnabled: true }),
      'az acr repository update --name myregistry --repository myrepo --write-enabled true --delete-enabled false',
    );
  });
  test('tag and digest images', () => {
    assert.equal(
      azUpdateCommand('myregistry.azurecr.io', { kind: 'tag', repository: 'myrepo/myimage', tag: 'tag' }, { writeEnabled: false }),
      'az acr repository update --name myregistry --image myrepo/myimage:tag --write-enabled false',
    );
    assert.equal(
      azUpdateCommand('reg.azurecr.cn', { kind: 'manifest', repository: 'r', digest: 'sha256:abc' }, { readEnabled: false, listEnabled: true }),
      'az acr repository update --name reg --image r@sha256:abc --read-enabled false --list-enabled true',
    );
  });
  test('keeps a non-Azure login server whole and quotes odd words', () => {
    assert.equal(
      azUpdateCommand('localhost:5000', { kind: 'tag', repository: 'a b', tag: "it's" }, {}),
      `az acr repository update --name localhost:5000 --image 'a b:it'\\''s'`,
    );
  });
});
