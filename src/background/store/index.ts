// The library store's public face: the store, its versioned write API, its errors and the library key.
export * from './api.js';
export * from './library-store.js';
