import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * Only what the dashboard draws (bars, lines, axes, tooltip, legend) on the canvas renderer: about a third of the
 * full ECharts bundle, loaded in the dashboard's own chunk. No module here evaluates strings (strict CSP, no eval).
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
