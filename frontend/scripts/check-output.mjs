// Fails the build if the compiled static files carry government branding or
// refer to a file that is not shipped.
import { existsSync, readFileSync } from "node:fs";

const root = new URL("../../quarterly/web/static/web/", import.meta.url);
const css = readFileSync(new URL("quarterly.css", root), "utf8");
const errors = [];

for (const banned of ["GDS Transport", "@font-face", "govuk-crest", "Crown"]) {
  if (css.includes(banned)) errors.push(`quarterly.css contains "${banned}"`);
}

for (const [, raw] of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
  if (raw.startsWith("data:") || raw.startsWith("#")) continue;
  if (/^([a-z]+:)?\/\//i.test(raw)) {
    errors.push(`quarterly.css refers to an external URL: ${raw}`);
  } else if (!existsSync(new URL(raw, root))) {
    errors.push(`quarterly.css refers to a missing file: ${raw}`);
  }
}

for (const name of ["govuk-frontend.min.js", "quarterly.js"]) {
  const js = readFileSync(new URL(name, root), "utf8");
  if (js.includes("sourceMappingURL")) errors.push(`${name} points at a source map that is not shipped`);
}

if (errors.length) {
  console.error(errors.join("\n"));
  process.exit(1);
}
console.log("quarterly.css and JavaScript checked: no crown, no GDS Transport, no missing files");
