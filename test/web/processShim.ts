// Injected into the web test bundle only (esbuild inject), for the npm `assert` package that stands
// in for node:assert there: its `util` dependency reads process.env.NODE_DEBUG as it loads. The
// shim is module-local, never a global `process`: VS Code and libraries take the absence of a
// global process to mean they run on the web.
export const process = { env: {} as Record<string, string | undefined> };
