// Injected into every bundle (see bundle-module.ts): the bundle is an ES
// module, which has no `require`, so a CommonJS suite's require() of a Node
// built-in or a package goes through this one, made for the bundle itself.
// The paths it is given are absolute, so where it was made does not matter.
import { createRequire } from 'node:module';

export const __perflab_node_require = createRequire(import.meta.url);
