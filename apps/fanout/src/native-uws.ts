// uWebSockets.js falls back to a pure-JS server (on `ws`) with only a console warning when its
// native binary does not load (STACK.md). That server is an order of magnitude slower and lacks
// compression and topics' guarantees, so a pod must refuse to start on it.
import uWS from 'uWebSockets.js';

/** Throws unless the native uWebSockets.js binary is the one loaded. */
export function assertNativeUws(mod: object = uWS): void {
  const app = (mod as { App?: unknown }).App;
  // The native module is a V8 native function and exports the compressor constants; the fallback's App is plain JS.
  const native = typeof app === 'function' && /\[native code\]/.test(Function.prototype.toString.call(app)) && 'SHARED_COMPRESSOR' in mod;
  if (!native) {
    throw new Error(
      `uWebSockets.js loaded its pure-JS fallback, not the native binary (node ABI ${process.versions.modules}, ${process.platform}-${process.arch}); refusing to start`,
    );
  }
}
