import { spawnSync } from "node:child_process";
const names = ["any", "uw"]; const res = { any: [], uw: [] };
for (let i = 0; i < 15; i++) for (const n of names) {
  const r = spawnSync("node", [`/work/main/bench/micro/tmp-split/${n}.mjs`], { cwd: "/work/main", stdio: ["ignore", "ignore", "inherit", "pipe"] });
  res[n].push(JSON.parse(r.output[3].toString()));
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
for (const n of names) console.log(n, ["load", "fs", "new", "imports", "inst", "start"].map((k, j) => `${k} ${med(res[n].map((r) => r[j])).toFixed(2)}`).join("  "), "total", med(res[n].map((r) => r.reduce((a, b) => a + b))).toFixed(2));
