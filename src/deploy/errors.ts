import { BINARY_SNIFF_BYTES, MAX_FILE_BYTES } from './limits';
import type { ExtractError } from './types';

/** Thrown inside an extractor for input it refuses; extractFile turns it into an ExtractError naming the file. */
export class DeployInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployInputError';
  }
}

export function fileError(file: string, message: string): ExtractError {
  return { file, error: `${file}: ${message}` };
}

/** A reason to refuse the text before parsing it, or null. */
export function precheck(text: string): string | null {
  // The length in UTF-16 units is a lower bound on the UTF-8 size: cheap and enough to refuse huge files.
  if (text.length > MAX_FILE_BYTES) {
    return `file is ${text.length} characters, larger than the ${MAX_FILE_BYTES}-byte limit for deployment files`;
  }
  if (looksBinary(text)) {
    return 'file is binary (NUL or control bytes), not a text deployment file';
  }
  return null;
}

/** True for text holding NUL bytes or many control characters in its first BINARY_SNIFF_BYTES. */
export function looksBinary(text: string): boolean {
  const end = Math.min(text.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) {
      return true;
    }
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) {
      control++;
    }
  }
  return end > 0 && control / end > 0.1;
}
