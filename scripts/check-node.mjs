// Fails early, with the fix, when npm scripts run on a Node older than Astro 7 supports.
// The project ships Node 24 as a devDependency (package "node"), which npm puts first on PATH.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Node ${process.versions.node} is running the scripts, but Astro 7 needs Node >= 22.12.\n` +
      'The project brings its own Node 24 (devDependency "node"); its install script must have been skipped.\n' +
      'Fix: npm rebuild node   (or install Node 24 yourself: see .nvmrc)',
  );
  process.exit(1);
}
