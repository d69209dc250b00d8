// Copies govuk-frontend's JavaScript into the Python package.
// No images or fonts are copied: the only image govuk-frontend's CSS refers
// to is the crown copyright crest, and councils must not use GDS Transport.
import { readFileSync, writeFileSync } from "node:fs";

const source = new URL("../node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", import.meta.url);
const target = new URL("../../quarterly/web/static/web/govuk-frontend.min.js", import.meta.url);

// The source map is not shipped, so drop the comment that points at it.
const js = readFileSync(source, "utf8").replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
writeFileSync(target, js);
console.log(`Copied ${source.pathname.split("/node_modules/")[1]}`);
