// Written by wxr-tools where no config was: yours to edit (wxr never writes over it).
import fs from "node:fs";
import { defineConfig } from "astro/config";

// Old addresses (attachment pages, guids, /2/ pages) redirect to their posts.
const redirects = JSON.parse(fs.readFileSync(new URL("./src/data/wxr/redirects.json", import.meta.url), "utf8"));

export default defineConfig({
  redirects: Object.fromEntries(redirects.map((r) => [r.from, r.to])),
  markdown: { smartypants: false },
});
