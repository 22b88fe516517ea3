/**
 * Terraform and Docker Bake, read with the bounded HCL tokenizer of hclTokens.ts.
 * Terraform: `image = "…"` attributes in any block (a reference such as `var.image` is a
 * `template`: its value lives elsewhere), `docker_image` resources' `name`, and the string
 * default of a `variable` whose name says it is an image (`container_image`): the only place
 * that holds the literal. Bake: target `tags` (output images) and `docker-image://` contexts,
 * with `${VAR}` resolved from `variable { default = … }`.
 */
import type { Collector } from '../collector';
import { interpolate } from '../interpolate';
import { allBlocks, type HclBlock, readHcl, type Token, tokenizeHcl } from './hclTokens';

const IMAGE_VARIABLE = /image/i;

export function extractTerraform(text: string, out: Collector): void {
  const root = readHcl(tokenizeHcl(text));
  for (const block of allBlocks(root)) {
    if (block.type === 'variable' && IMAGE_VARIABLE.test(block.labels[0] ?? '')) {
      const value = block.attributes.get('default');
      const literal = value?.kind === 'string' ? value.strings[0] : undefined;
      if (literal) {
        out.add({ offset: literal.offset, text: literal.value, note: `default of variable ${block.labels[0] ?? ''}` });
      }
    }
    const attributes: Array<[string, string]> = [['image', 'image attribute']];
    if (block.type === 'resource' && block.labels[0] === 'docker_image') {
      attributes.push(['name', 'docker_image name']);
    }
    for (const [name, note] of attributes) {
      const value = block.attributes.get(name);
      if (!value) {
        continue;
      }
      if (value.kind === 'string' && value.strings[0]) {
        const literal = value.strings[0];
        out.add({ offset: literal.offset, text: literal.value, note: `${block.type} ${note}` });
      } else if (value.first && value.first.type !== 'newline') {
        const expression = value.first;
        out.add({ offset: expression.offset, text: expression.value, template: true, note: `${block.type} ${note} from a Terraform expression: unresolvable here` });
      }
    }
  }
}

export function extractBake(text: string, out: Collector): void {
  const root = readHcl(tokenizeHcl(text));
  const variables = new Map<string, string>();
  for (const block of root.blocks) {
    if (block.type === 'variable' && block.labels[0]) {
      const value = block.attributes.get('default');
      const literal = value?.kind === 'string' ? value.strings[0] : undefined;
      if (literal) {
        variables.set(block.labels[0], literal.value);
      }
    }
  }
  const lookup = (name: string): string | undefined => variables.get(name);
  const add = (text: string, offset: number, note: string): void => {
    const resolved = interpolate(text, lookup);
    const notes = resolved.looked.map((name) => `variable ${name} default "${variables.get(name) ?? ''}"`);
    out.add({ offset, text, value: resolved.value, template: resolved.unresolved.length > 0, note: [note, ...notes].join('; ') });
  };
  for (const block of allBlocks(root)) {
    if (block.type !== 'target') {
      continue;
    }
    for (const token of tagsOf(block)) {
      add(token.value, token.offset, `bake output tag of target ${block.labels[0] ?? ''}`);
    }
    for (const token of block.attributes.get('contexts')?.strings ?? []) {
      if (token.value.startsWith('docker-image://')) {
        const prefix = 'docker-image://'.length;
        add(token.value.slice(prefix), token.offset + prefix, 'docker-image:// named build context (pulled)');
      }
    }
  }
}

function tagsOf(block: HclBlock): Token[] {
  const tags = block.attributes.get('tags');
  return tags?.kind === 'list' || tags?.kind === 'string' ? tags.strings : [];
}
