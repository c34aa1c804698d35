// Charts are Chart.js horizontal bar charts, with only what they draw registered (bars on a category and a linear
// scale, a legend where two series share a chart, and a small plugin that writes each bar's figure at its end), so
// the bundle carries no more of Chart.js than it uses. A canvas is a picture to a screen reader: each chart is an
// image named by its data in words, under a visible caption. Animation is off and the charts take no pointer
// events: the figures are a snapshot, and Chart.js then draws a chart whole as it creates it, so a chart is drawn
// once the effects of the component holding it have run (the dashboard marks itself ready on that).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  type ChartData,
  type ChartOptions,
  type ChartType,
  type Plugin,
} from 'chart.js';
import { Chart as ReactChart } from 'react-chartjs-2';

interface BarLabelsOptions {
  /** The text written at the end of each bar, by series then by bar. */
  texts?: string[][];
}

declare module 'chart.js' {
  // The type parameter is Chart.js's own: an augmentation must repeat it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    barLabels?: BarLabelsOptions;
  }
}

/** The page's text colour (styles.css). */
export const INK = '#1f2328';

/** Writes each bar's text just past its end (the bars are horizontal), in the ink of the page's text. */
const barLabels: Plugin<'bar', BarLabelsOptions> = {
  id: 'barLabels',
  afterDatasetsDraw(chart, _args, { texts }) {
    if (!texts) return;
    const { ctx } = chart;
    const { family, size } = ChartJS.defaults.font;
    ctx.save();
    ctx.font = `600 ${size}px ${family}`;
    ctx.fillStyle = INK;
    ctx.textBaseline = 'middle';
    chart.data.datasets.forEach((_dataset, series) => {
      chart.getDatasetMeta(series).data.forEach((bar, index) => {
        const text = texts[series]?.[index];
        if (text) ctx.fillText(text, bar.x + 4, bar.y);
      });
    });
    ctx.restore();
  },
};

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, Legend, barLabels);
ChartJS.defaults.animation = false;
ChartJS.defaults.events = [];
ChartJS.defaults.maintainAspectRatio = false;
ChartJS.defaults.color = INK;
// The page's own fonts (styles.css).
ChartJS.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
ChartJS.defaults.font.size = 12;

export interface BarChart {
  /** A category's name may be an array of lines. */
  data: ChartData<'bar', number[], string | string[]>;
  options: ChartOptions<'bar'>;
  /** The chart's data in words, for whoever cannot see the canvas. */
  description: string;
  /** In pixels; the width is the container's. */
  height: number;
}

interface ChartProps {
  /** Shown above the chart, and the figure's name. */
  title: string;
  chart: BarChart;
  /** For tests: the chart's figure. */
  testId?: string;
}

export function Chart({ title, chart, testId }: ChartProps) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {/* Chart.js sizes its canvas to this box; it must be positioned for that. */}
      <div style={{ position: 'relative', height: chart.height }}>
        <ReactChart type="bar" data={chart.data} options={chart.options} role="img" aria-label={chart.description} />
      </div>
    </figure>
  );
}
