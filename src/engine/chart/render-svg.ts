// vega-lite spec → SVG text, in Node, with no canvas: vega's View with the
// 'none' renderer lays the scene out and serialises it (DESIGN §9a).
import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { useChartTextWidth } from './chart-font.js';

/** The spec drawn as a standalone SVG document (with its width, height and a white background). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // vega and vega-lite are loaded on the first chart, not with the module: a
  // command that draws nothing (perflab report) should not pay for them.
  const [{ Error: ERRORS_ONLY, View, logger, parse }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  await useChartTextWidth();
  const problems: string[] = [];
  const view = new View(parse(compile(spec).spec), {
    renderer: 'none',
    loader: noIo(problems),
    // vega logs a failed data load or expression and draws on without it;
    // a chart missing its data must fail, not go to Slack looking empty.
    logger: logger(ERRORS_ONLY, undefined, (_method, _level, input) => problems.push(input.map(String).join(' '))),
  });
  try {
    const svg = await view.toSVG();
    if (problems.length > 0) throw new Error(`cannot draw the chart: ${problems.join('; ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}

/**
 * Charts are pure (data in, picture out): a spec that names a URL or a file is
 * refused rather than fetched, so drawing a chart never reaches the network
 * or reads the disk on a spec's say-so.
 */
function noIo(problems: string[]): Loader {
  const refuse = (uri: string): Promise<never> => {
    const message = `chart specs carry their data inline; refusing to load ${uri}`;
    problems.push(message);
    return Promise.reject(new Error(message));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}
