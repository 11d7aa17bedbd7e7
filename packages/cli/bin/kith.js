#!/usr/bin/env node
// Kith runs its TypeScript sources directly (Node's type stripping, Node >= 22.18).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`kith: Node.js ${process.versions.node} is too old; Kith needs Node 22.18 or newer (Node 24 LTS recommended).\n`);
  process.exit(1);
}
await import('../src/main.ts');
