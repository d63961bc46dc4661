import { join } from 'node:path';

/**
 * The five real articles beside the project (`../shared/articles`), which tests may read but the
 * project never copies. Absent in a clone elsewhere: the tests that need them skip, saying so.
 */
export const SHARED = join(__dirname, '..', '..', '..', 'shared', 'articles');
