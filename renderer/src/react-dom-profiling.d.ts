// react-dom ships a profiling build (so <Profiler onRender> runs in production) without its own types;
// it has the same client API.
declare module 'react-dom/profiling' {
  export { createRoot, hydrateRoot } from 'react-dom/client';
}
