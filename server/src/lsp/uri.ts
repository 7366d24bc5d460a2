import { URI } from 'vscode-uri';

export function pathOf(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

export function uriOf(path: string): string {
  return URI.file(path).toString();
}
