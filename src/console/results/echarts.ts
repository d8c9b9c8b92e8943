/**
 * Apache ECharts as the console bundles it: `echarts/core` with only the charts, components and
 * renderer the results dashboards draw, so the bundle carries no map, no toolbox and no HTML
 * tooltip (whose markup has `style` attributes, which the console's CSP refuses). ECharts draws
 * on a canvas; its own elements are sized through the CSSOM (`element.style`), which
 * `style-src 'self'` allows.
 */
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import type {
  BarSeriesOption,
  CustomSeriesOption,
  LineSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  CustomChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  LabelLayout,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
>;
export type CustomRenderItem = NonNullable<CustomSeriesOption['renderItem']>;

export { init, type ECharts };
