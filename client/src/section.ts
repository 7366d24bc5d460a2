/**
 * The settings section. It is also the language client's id, which is how vscode-languageclient finds
 * `kubeExpose.trace.server` by itself.
 */
export const SECTION = 'kubeExpose';
