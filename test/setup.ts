import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/tempDir.js';

// ink-testing-library drops frames when CI=true (Ink renders only the last frame in CI).
process.env.CI = 'false';

// registered first, so run after the file's own afterAll hooks (which may still read them)
afterAll(removeTempDirs);
