// Moved to src/server/demo/outbreak/load.ts (the demo loads its outbreak with it).
export * from '../../src/server/demo/outbreak/load.js';
