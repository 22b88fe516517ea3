// Registry-controlled text made safe for terminals and rendered pages (src/util/safeText.ts).
import * as assert from 'node:assert/strict';
import { cutText, markdownText, terminalLines, terminalText } from '../../src/util/safeText';

suite('safe text', () => {
  test('control characters (ESC, C0, DEL, C1) are printed escaped', () => {
    assert.equal(terminalText('v1\u001b]0;pwned\u0007'), 'v1\\u001b]0;pwned\\u0007');
    assert.equal(terminalText('a\u007fb\u009bc'), 'a\\u007fb\\u009bc');
  });

  test("multi-line output keeps its line ends (CSV's CRLF included) and escapes the rest", () => {
    assert.equal(terminalLines('a,b\r\nc\u001b,d\r\n'), 'a,b\r\nc\\u001b,d\r\n');
    assert.equal(terminalLines('x\ny\rz\n'), 'x\ny\\u000dz\n');
  });

  test('long bodies are cut; Markdown and HTML are shown as text', () => {
    assert.match(cutText('x'.repeat(5_000_000)), /^x{300}… \(4999700 more characters not shown\)$/);
    assert.equal(markdownText('<b>[click](javascript:x)</b>'), '\\<b\\>\\[click\\]\\(javascript:x\\)\\</b\\>');
  });
});
