/**
 * @anywasi/node — anywasi on Node.js and Deno.
 * @module
 */
export * from "@anywasi/core";
