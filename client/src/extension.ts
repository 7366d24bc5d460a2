// Placeholder until the client lands; keeps the build green.
export function activate(): void {}
export function deactivate(): void {}
