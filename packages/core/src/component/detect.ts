/**
 * True when `bytes` start like a WebAssembly component: `\0asm`, then version 0x0d and layer 1
 * (`0d 00 01 00`), where a core module has version 1 (`01 00 00 00`). Small on purpose: the main
 * entry uses it to decide whether to load the component layer at all.
 */
export function isComponent(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d &&
    bytes[4] === 0x0d && bytes[5] === 0 && bytes[6] === 1 && bytes[7] === 0;
}
