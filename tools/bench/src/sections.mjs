// BENCHMARKS.md has five owners: `npm run bench` (run.mjs) writes the file, `npm run bench:proxy` (proxyLoad.mjs),
// `npm run bench:credentials` (credentials.mjs), `npm run bench:node-lines` (run.mjs --node-lines, nodeLines.mjs) and
// `npm run size -- -- --write` (tools/size/src/weight.mjs) each own one section of it between two HTML comment markers.
// Each script keeps the others' parts.

export const PROXY_SECTION = {
  start:
    '<!-- bench:proxy start: written by `npm run bench:proxy` (tools/bench/src/proxyLoad.mjs); `npm run bench` keeps it -->',
  end: '<!-- bench:proxy end -->',
};

export const CREDENTIALS_SECTION = {
  start:
    '<!-- bench:credentials start: written by `npm run bench:credentials` (tools/bench/src/credentials.mjs); `npm run bench` keeps it -->',
  end: '<!-- bench:credentials end -->',
};

export const SIZE_SECTION = {
  start:
    '<!-- size start: written by `npm run size -- -- --write` (tools/size/src/weight.mjs); `npm run bench` keeps it -->',
  end: '<!-- size end -->',
};

/** The marked section of `text`, markers included, or undefined when it has none. */
export function readSection(text, { start, end }) {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from === -1 || to === -1) return undefined;
  return text.slice(from, to + end.length);
}

/** `text` with its marked section replaced by `section` (markers included), or with `section` appended. */
export function writeSection(text, marks, section) {
  const old = readSection(text, marks);
  if (old !== undefined) return text.replace(old, () => section);
  return `${text.trim() === '' ? '' : text.replace(/\n*$/, '\n\n')}${section}\n`;
}
