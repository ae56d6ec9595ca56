/**
 * The part of the WebAssembly JavaScript API the engine uses. Node has it at run time; @types/node 20 does not
 * declare it (it lives in TypeScript's DOM library, which the Node side does not load).
 */
declare namespace WebAssembly {
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- an opaque handle, as in the real API
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(deltaPages: number): number;
  }
}
