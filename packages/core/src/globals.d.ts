/*
 * The few web-platform globals the core uses. The core compiles against ES2022 alone so that it
 * can see neither `node:` modules nor the DOM; everything it needs beyond the language is declared
 * here, and every engine we target (Node, Deno, browsers, workerd) provides it.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare const crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
declare const performance: { now(): number; readonly timeOrigin: number };

declare namespace WebAssembly {
  interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
    static imports(module: Module): { module: string; name: string; kind: string }[];
    static exports(module: Module): { name: string; kind: string }[];
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }
  class CompileError extends Error {}
  class LinkError extends Error {}
  class RuntimeError extends Error {}
  type ImportValue = Function | Memory | number | bigint | object;
  type Imports = Record<string, Record<string, ImportValue>>;
  type Exports = Record<string, unknown>;
  interface WebAssemblyInstantiatedSource { module: Module; instance: Instance }
  /** JSPI: an import that may return a promise, suspending the wasm caller. Absent on engines without JSPI. */
  const Suspending: (new (f: (...args: never[]) => unknown) => object) | undefined;
  /** JSPI: wrap an export so that it returns a promise and may suspend. Absent without JSPI. */
  const promising: (<F extends (...args: never[]) => unknown>(f: F) => (...args: Parameters<F>) => Promise<ReturnType<F>>) | undefined;
  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
  function instantiate(bytes: ArrayBufferView | ArrayBuffer, imports?: Imports): Promise<WebAssemblyInstantiatedSource>;
}

declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;

// Resizable ArrayBuffers (ES2024), used when the engine has them: MemFS grows large files in place.
interface ArrayBufferConstructor {
  new (byteLength: number, options?: { maxByteLength?: number }): ArrayBuffer;
}
interface ArrayBuffer {
  resize?(newByteLength: number): void;
  readonly resizable?: boolean;
}
