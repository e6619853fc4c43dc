import type { ChartSpec } from './chart-configs.ts';
import { errorBarsPlugin } from './charts/error-bars-plugin.js';

export const PNG_SIZE = { width: 960, height: 480 } as const;

export type PngRenderResult =
  | { readonly state: 'rendered'; readonly files: readonly { readonly id: string; readonly png: Buffer }[] }
  | { readonly state: 'unavailable'; readonly reason: string };

const HOW_TO_GET_PNGS =
  'PNG charts skipped: the native `canvas` module is not installed. Run `bash scripts/setup-system.sh` (cairo/pango headers) and `npm ci` again.';

/** Renders the same chart configurations as the HTML report with chartjs-node-canvas; optional when canvas is missing. */
export async function renderPngs(specs: readonly ChartSpec[], size = PNG_SIZE): Promise<PngRenderResult> {
  let ChartJSNodeCanvas: typeof import('chartjs-node-canvas').ChartJSNodeCanvas;
  try {
    ({ ChartJSNodeCanvas } = await import('chartjs-node-canvas'));
  } catch {
    return { state: 'unavailable', reason: HOW_TO_GET_PNGS };
  }
  let canvas: InstanceType<typeof ChartJSNodeCanvas>;
  try {
    canvas = new ChartJSNodeCanvas({
      width: size.width,
      height: size.height,
      backgroundColour: 'white',
      plugins: { modern: [errorBarsPlugin] },
    });
  } catch {
    return { state: 'unavailable', reason: HOW_TO_GET_PNGS };
  }
  const files = [];
  for (const spec of specs) {
    // chartjs-node-canvas mutates the configuration it is given, so each render gets its own copy.
    files.push({ id: spec.id, png: await canvas.renderToBuffer(structuredClone(spec.config) as never) });
  }
  return { state: 'rendered', files };
}
