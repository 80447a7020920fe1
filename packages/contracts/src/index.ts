export * from './errors.js';
export * from './common.js';
export * from './auth.js';
export * from './organizations.js';
export * from './assistants.js';
export * from './api-keys.js';
export * from './audit.js';
export * from './documents.js';
