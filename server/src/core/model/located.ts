import { scalarText } from '../yaml/nodes';
import type { Located } from './facts';

export function locatedText(node: unknown): Located<string> | undefined {
  const text = scalarText(node);
  return text ? { value: text.value, span: text.span } : undefined;
}
