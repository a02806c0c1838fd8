// The app's own numbers the benchmarks follow.

/// `app/src/sync/engine.rs`: PUSH_CHUNK and PULL_LIMIT.
export const APP_PUSH_CHUNK = 200;
export const APP_PULL_LIMIT = 500;
