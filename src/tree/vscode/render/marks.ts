/** A row's marks: the policy's and the deployment files' (src/tree/drift.ts, src/tree/deployed.ts), in its description, tooltip and accessible name. */
import * as vscode from 'vscode';
import { type PolicyMarkText } from '../../drift';
import { type Node } from '../../nodes';
import { type RenderContext } from './context';

/**
 * A row's marks in its description: the policy's mark, then the deployment mark — "out of policy ·
 * deployed · values-prod.yaml:12" when the row has room, then "out of policy · deployed", then
 * "drift · deployed" (both words still there in a 300 px side bar); the tooltip and the accessible
 * name say everything.
 */
export function rowMarks(node: Node, context: RenderContext): { mark?: string; shortMarks?: readonly string[] } {
  const deployed = context.deployedMark?.(node);
  const policy = context.policyMark?.(node);
  const joined = (...marks: (string | undefined)[]): string | undefined => {
    const kept = marks.filter((m): m is string => m !== undefined && m !== '');
    return kept.length > 0 ? kept.join(' · ') : undefined;
  };
  const mark = joined(policy?.suffix, deployed?.suffix);
  if (mark === undefined) {
    return {};
  }
  const forms = [joined(policy?.suffix, deployed?.word), ...(deployed !== undefined ? [joined(policy?.word, deployed.word)] : [])];
  const shortMarks = forms.filter((form, i): form is string => form !== undefined && form !== mark && forms.indexOf(form) === i);
  return shortMarks.length > 0 ? { mark, shortMarks } : { mark };
}

/** Appends the policy's mark: description suffix (tags and manifests fit it in themselves), tooltip lines, accessible name. */
export function withPolicyMark(item: vscode.TreeItem, mark: Pick<PolicyMarkText, 'suffix' | 'tooltip'>, inDescription: boolean): void {
  if (!inDescription) {
    item.description = item.description ? `${String(item.description)} · ${mark.suffix}` : mark.suffix;
  }
  if (item.tooltip instanceof vscode.MarkdownString) {
    item.tooltip.appendMarkdown(`\n\n---\n\n${mark.tooltip}`);
    item.tooltip.supportThemeIcons = true;
  }
  if (item.accessibilityInformation) {
    item.accessibilityInformation = { ...item.accessibilityInformation, label: `${item.accessibilityInformation.label}, ${mark.suffix}` };
  }
}
