import { fileURLToPath } from 'node:url';

/** The package's root folder, wherever it is run from. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
