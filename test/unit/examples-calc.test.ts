// examples/calc (the playground's calculator) as a guest under @anywasi/core: whole expressions
// with precedence, parentheses and unary minus, or a refusal of the whole line. The expected
// values come from JavaScript evaluating the same text (its own parser and precedence),
// formatted as C's printf("%g").
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../../packages/core/src/index.js";

const wasm = readFileSync(new URL("../../examples/calc/calc.wasm", import.meta.url));

/** Feed `lines` to calc; the text it printed after each prompt (the last one is the "bye"). */
async function calc(lines: string[]): Promise<{ answers: string[]; exitCode: number }> {
  const input = lines.map((l) => `${l}\n`).join("");
  const { exitCode, stdout } = await run(wasm, { args: ["calc"], stdin: input });
  const text = new TextDecoder().decode(stdout);
  // Each answer is whatever sits between two prompts; a blank line gets an empty answer.
  const parts = text.split("calc> ");
  expect(parts[0]).toBe("");
  return { answers: parts.slice(1).map((p) => p.replace(/\n$/, "")), exitCode };
}

/** The exact decimal digits of a finite |x| > 0, and the power of ten of the first one. */
function exactDecimal(x: number): { digits: string; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp = (biased === 0 ? 1 : biased) - 1075;
  // |x| = mantissa * 2^exp = mantissa * 5^-exp / 10^-exp when exp < 0.
  const [int, scale] = exp >= 0 ? [mantissa << BigInt(exp), 0] : [mantissa * 5n ** BigInt(-exp), -exp];
  const digits = int.toString();
  return { digits, point: digits.length - 1 - scale };
}

/**
 * C's printf("%g", x), computed from the exact binary value: 6 significant digits rounded half
 * to even (as glibc and wasi-libc do; JavaScript's toPrecision rounds ties up), trailing zeros
 * dropped, e±XX below 1e-4 or from 1e6.
 */
function formatG(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x < 0 ? "-inf" : "inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return `${sign}0`;
  let { digits, point } = exactDecimal(x);
  if (digits.length > 6) {
    const kept = BigInt(digits.slice(0, 6));
    const rest = digits.slice(6);
    const half = rest[0]! > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || kept % 2n === 1n));
    let rounded = (half ? kept + 1n : kept).toString();
    if (rounded.length > 6) { rounded = rounded.slice(0, 6); point++; }
    digits = rounded;
  }
  digits = digits.replace(/0+$/, "") || "0";
  if (point < -4 || point >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${point < 0 ? "-" : "+"}${String(Math.abs(point)).padStart(2, "0")}`;
  }
  if (point < 0) return `${sign}0.${"0".repeat(-point - 1)}${digits}`;
  const int = digits.slice(0, point + 1).padEnd(point + 1, "0");
  const frac = digits.slice(point + 1);
  return `${sign}${int}${frac === "" ? "" : `.${frac}`}`;
}

/** The oracle: JavaScript's own evaluation of the text (spaces keep "--3" from being a decrement). */
function jsValue(expr: string): number {
  const js = expr.replace(/[+-]/g, (op) => ` ${op}`);
  return Number(new Function(`"use strict"; return (${js});`)());
}

// Seeded, so a failure is reproducible.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Node = { n: number; text: string } | { op: "+" | "-" | "*" | "/" | "%"; l: Node; r: Node } | { neg: Node };
const PREC = { "+": 1, "-": 1, "*": 2, "/": 2, "%": 2 } as const;

function gen(rand: () => number, depth: number): Node {
  const pick = rand();
  if (depth === 0 || pick < 0.25) {
    const n = rand() < 0.8 ? Math.floor(rand() * 100) : Math.floor(rand() * 1000) / 8;
    return { n, text: String(n) };
  }
  if (pick < 0.35) return { neg: gen(rand, depth - 1) };
  const ops = ["+", "-", "*", "/", "%"] as const;
  return { op: ops[Math.floor(rand() * ops.length)]!, l: gen(rand, depth - 1), r: gen(rand, depth - 1) };
}

/** The value by the tree, or null when a divisor is zero (calc refuses those lines). */
function treeValue(node: Node): number | null {
  if ("n" in node) return node.n;
  if ("neg" in node) {
    const v = treeValue(node.neg);
    return v === null ? null : -v;
  }
  const l = treeValue(node.l), r = treeValue(node.r);
  if (l === null || r === null) return null;
  if ((node.op === "/" || node.op === "%") && r === 0) return null;
  return node.op === "+" ? l + r : node.op === "-" ? l - r : node.op === "*" ? l * r : node.op === "/" ? l / r : l % r;
}

/** Text with only the parentheses precedence needs, plus some redundant ones and random spacing. */
function render(node: Node, rand: () => number): string {
  const sp = () => (rand() < 0.5 ? " " : "");
  let text: string;
  if ("n" in node) text = node.text;
  else if ("neg" in node) {
    const inner = render(node.neg, rand);
    text = `-${sp()}${"op" in node.neg ? `(${inner})` : inner}`;
  } else {
    const p = PREC[node.op];
    let l = render(node.l, rand), r = render(node.r, rand);
    if ("op" in node.l && PREC[node.l.op] < p) l = `(${l})`;
    if ("op" in node.r && PREC[node.r.op] <= p) r = `(${r})`;
    text = `${l}${sp()}${node.op}${sp()}${r}`;
  }
  return rand() < 0.1 ? `(${sp()}${text}${sp()})` : text;
}

describe("examples/calc", () => {
  it("(the oracle's %g matches C's on ties, exponents and small numbers)", () => {
    // Values printed by printf("%g") (checked with Python's "%g", which rounds the same way).
    const known: [number, string][] = [
      [1.328125, "1.32812"], [2.5, "2.5"], [1234565, "1.23456e+06"], [1234575, "1.23458e+06"], [999999.5, "1e+06"],
      [123456, "123456"], [0.0001, "0.0001"], [0.00001234, "1.234e-05"], [0.1 + 0.2, "0.3"], [-42, "-42"], [1e300, "1e+300"],
    ];
    expect(known.map(([x]) => formatG(x))).toEqual(known.map(([, s]) => s));
  });

  it("evaluates whole expressions with precedence, parentheses and unary minus", async () => {
    const lines = [
      "1 + 2 * 3", "(1 + 2) * 3", "2 * 3 + 4 * 5", "10 - 4 - 3", "2 * (3 + 4) * 5", "100 / 10 / 5",
      "-3 + 5", "-(2 + 3) * -2", "--3", "- -3", "+4 - +2", "7 % 3", "-7 % 3", "1.5e3 / 8", ".5 + .5",
      "355 / 113", "((((1))))", "  6 * 7  ", "1e308 * 10", "0.1 + 0.2", "2 * -0",
    ];
    const { answers, exitCode } = await calc(lines);
    expect(exitCode).toBe(0);
    expect(answers.slice(0, lines.length)).toEqual(lines.map((l) => formatG(jsValue(l))));
    expect(answers.slice(0, 3)).toEqual(["7", "9", "26"]);
    expect(answers[lines.length]).toBe("\nbye");
  });

  it("agrees with JavaScript on 300 random expressions", async () => {
    const rand = rng(12);
    const lines: string[] = [];
    while (lines.length < 300) {
      const tree = gen(rand, 1 + Math.floor(rand() * 5));
      if (treeValue(tree) === null) continue;
      lines.push(render(tree, rand));
    }
    const { answers } = await calc(lines);
    const expected = lines.map((l) => formatG(jsValue(l)));
    const wrong = lines.map((l, i) => ({ line: l, got: answers[i], want: expected[i] })).filter((x) => x.got !== x.want);
    expect(wrong).toEqual([]);
  });

  it("refuses a line that is not one whole expression, and keeps going", async () => {
    const cases: [string, string][] = [
      ["1 + 2 3", "? unexpected '3' at column 7"],
      ["6 * 7 )", "? unexpected ')' at column 7"],
      ["(1 + 2", "? unclosed '(' at column 1"],
      ["2 *", "? unexpected end of line at column 4"],
      ["abc", "? unexpected 'a' at column 1"],
      ["1 / 0", "? division by zero at column 3"],
      ["5 % (2 - 2)", "? division by zero at column 3"],
      ["1 / (2 - 2) * 0", "? division by zero at column 3"],
      ["inf", "? unexpected 'i' at column 1"],
      ["0x10", "? unexpected 'x' at column 2"],
      [".", "? unexpected '.' at column 1"],
      ["(".repeat(300) + "1" + ")".repeat(300), "? too deeply nested at column 201"],
    ];
    const lines = cases.flatMap(([line]) => [line, "6 * 7"]);
    const { answers } = await calc(lines);
    expect(answers.slice(0, lines.length)).toEqual(cases.flatMap(([, answer]) => [answer, "42"]));
  });

  it("skips blank lines, refuses a line longer than its buffer whole, ends on quit", async () => {
    const { answers, exitCode } = await calc(["", "   ", `1+${"1+".repeat(700)}1`, "2 + 2", " quit ", "3 + 3"]);
    expect(exitCode).toBe(0);
    expect(answers).toEqual(["", "", "? line too long (at most 1022 characters)", "4", "\nbye"]);
  });
});
