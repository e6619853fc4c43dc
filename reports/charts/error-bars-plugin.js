// Plain JavaScript on purpose: index.html inlines this file's text and the PNG renderer imports it,
// so the browser and chartjs-node-canvas draw the whiskers with the very same code.

/**
 * Draws a vertical whisker with caps over each bar of one dataset, from options.plugins.errorBars:
 * { datasetIndex, ranges: [[low, high] | null, ...], color }.
 */
export const errorBarsPlugin = {
  id: 'errorBars',
  afterDatasetsDraw(chart, _args, options) {
    const ranges = options?.ranges;
    if (!Array.isArray(ranges)) return;
    const datasetIndex = options.datasetIndex || 0;
    if (!chart.isDatasetVisible(datasetIndex)) return;
    const meta = chart.getDatasetMeta(datasetIndex);
    const scale = chart.scales[meta.yAxisID];
    if (!scale) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = options.color || '#222222';
    ctx.lineWidth = 1.5;
    meta.data.forEach((bar, index) => {
      const range = ranges[index];
      if (!Array.isArray(range) || range.length !== 2) return;
      const low = scale.getPixelForValue(Math.max(range[0], scale.min));
      const high = scale.getPixelForValue(Math.min(range[1], scale.max));
      const halfCap = Math.max(3, Math.min(10, (bar.width || 20) / 4));
      ctx.beginPath();
      ctx.moveTo(bar.x, low);
      ctx.lineTo(bar.x, high);
      ctx.moveTo(bar.x - halfCap, low);
      ctx.lineTo(bar.x + halfCap, low);
      ctx.moveTo(bar.x - halfCap, high);
      ctx.lineTo(bar.x + halfCap, high);
      ctx.stroke();
    });
    ctx.restore();
  },
};
