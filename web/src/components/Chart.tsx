// Charts are Apache ECharts, with only the chart types and components the app draws registered, so the bundle
// carries no more of ECharts than it uses. The SVG renderer keeps text selectable and sharp in screenshots, and
// ECharts' aria component writes a description of each chart's data for screen readers.
import type { BarSeriesOption, FunnelSeriesOption, PieSeriesOption } from 'echarts/charts';
import { BarChart, FunnelChart, PieChart } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

echarts.use([
  BarChart,
  FunnelChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | FunnelSeriesOption
  | PieSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

interface ChartProps {
  /** Shown above the chart and read as its name. */
  title: string;
  option: ChartOption;
  height?: number;
  /** For tests and the bench: marks the chart once ECharts has drawn it. */
  testId?: string;
}

export function Chart({ title, option, height = 260, testId }: ChartProps) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ReactEChartsCore
        echarts={echarts}
        option={{ aria: { enabled: true }, ...option }}
        opts={{ renderer: 'svg' }}
        style={{ height, width: '100%' }}
        notMerge
        onChartReady={(chart) => chart.getDom().setAttribute('data-ready', 'true')}
      />
    </figure>
  );
}
