// The dashboard's charts for Chart.js (components/Chart), built from figures and already-translated labels. Each
// is a set of horizontal bars, a row per category in the order given (the first on top, as a list is read), with
// each bar's figure written at its end and the whole said in words for screen readers.
import type { ChartOptions } from 'chart.js';
import { INK, type BarChart } from '../../components/Chart';
import { formatCount } from './numbers';

/** The app's colours (styles.css): each passes AA contrast on white, as text and as a shape. */
const COLOUR = {
  line: '#d0d7de',
  count: '#0a58ca',
  registered: '#0a58ca',
  certified: '#146c2e',
  met: '#146c2e',
  notMet: '#8a4b00',
};

/**
 * About as many characters as fit on a line of a category's name where Chart.js lets the names take half of a
 * chart a phone's width wide.
 */
const LINE_LENGTH = 15;
const LINE_HEIGHT = 16;
const BAR_HEIGHT = 20;
/** Room above the bars: the legend, or the goal's name. */
const TOP = 36;
const PROGRESS_SHOWN_UP_TO = 1.5;
/** The width of a character of a bar's figure (bold, at Chart's font size) and the space before it, in pixels. */
const FIGURE_CHARACTER = 7.5;
const FIGURE_PADDING = 8;

export interface Named {
  name: string;
  value: number;
}

interface Series {
  /** Shown in the legend where a chart has more than one. */
  name?: string;
  values: number[];
  /** What is written at the end of each bar. */
  texts: string[];
  colour: string | string[];
}

/** A category's name in lines (Chart.js writes an array one item a line), broken between words. */
function lines(name: string): string[] {
  const result: string[] = [];
  for (const word of name.split(' ')) {
    const last = result.length - 1;
    const joined = `${result[last]} ${word}`;
    if (last >= 0 && joined.length <= LINE_LENGTH) result[last] = joined;
    else result.push(word);
  }
  return result;
}

/** Each category's figures in words: "Thực phẩm: Đăng ký 12, Được công nhận 5; ..." (a lone series unnamed). */
function described(categories: string[], series: Series[]): string {
  const figures = (index: number) =>
    series.map((one) => (one.name ? `${one.name} ${one.texts[index]}` : one.texts[index])).join(', ');
  return categories.map((category, index) => `${category}: ${figures(index)}`).join('; ');
}

type ValueAxis = NonNullable<ChartOptions<'bar'>['scales']>['x'];

function bars(
  categories: string[],
  series: Series[],
  { x, description }: { x: ValueAxis; description: string },
): BarChart {
  const names = categories.map(lines);
  // Room right of the bars for the longest figure written past one that reaches the end of the scale.
  const longest = Math.max(...series.flatMap((one) => one.texts.map((text) => text.length)));
  const room = Math.ceil(FIGURE_PADDING + longest * FIGURE_CHARACTER);
  const rowHeight = (name: string[]) => Math.max(name.length * LINE_HEIGHT, series.length * BAR_HEIGHT) + 16;
  const options: ChartOptions<'bar'> = {
    indexAxis: 'y',
    layout: { padding: { right: room } },
    scales: {
      x,
      y: { grid: { display: false }, border: { color: COLOUR.line }, ticks: { autoSkip: false } },
    },
    datasets: { bar: { maxBarThickness: 24 } },
    plugins: {
      legend: { display: series.length > 1, align: 'start', labels: { boxWidth: 14 } },
      barLabels: { texts: series.map((one) => one.texts) },
    },
  };
  return {
    data: {
      labels: names,
      datasets: series.map((one) => ({ label: one.name, data: one.values, backgroundColor: one.colour })),
    },
    options,
    description,
    height: TOP + names.reduce((sum, name) => sum + rowHeight(name), 0),
  };
}

/** Counts start at zero, and the figures on the bars say what an axis would. */
const COUNT_AXIS: ValueAxis = { display: false, beginAtZero: true };

function counted(values: number[], colour: string, name?: string): Series {
  return { name, values, texts: values.map(formatCount), colour };
}

export interface TargetBar {
  name: string;
  /** The actual figure as a share of the goal: 1 is the goal reached. */
  progress: number;
  /** The figures in words, e.g. "27 / 30". */
  label: string;
  /** Whether it is met, in words. */
  verdict: string;
  met: boolean;
}

/**
 * The plan's targets in one chart, each as its progress towards its goal (counts and shares alike, so they share
 * an axis): a bar per target, the goal a dashed line at 100 % named at its top, the figures written on each bar.
 */
export function targetsChart(targets: TargetBar[], goalName: string): BarChart {
  // Far beyond its goal a bar stops growing (its figures still say how far), so the others stay readable.
  const shown = targets.map((target) => Math.min(target.progress, PROGRESS_SHOWN_UP_TO));
  const names = targets.map((target) => target.name);
  // The goal line is the axis' one grid line, drawn over the bars so that one past its goal does not hide it.
  const goal: ValueAxis = {
    min: 0,
    max: Math.max(1.2, ...shown),
    position: 'top',
    afterBuildTicks: (axis) => {
      axis.ticks = [{ value: 1 }];
    },
    ticks: { callback: () => goalName },
    grid: { color: INK, lineWidth: 2, drawTicks: false, z: 1 },
    border: { display: false, dash: [6, 4] },
  };
  const series = {
    values: shown,
    texts: targets.map((target) => target.label),
    colour: targets.map((target) => (target.met ? COLOUR.met : COLOUR.notMet)),
  };
  const description = targets.map((target) => `${target.name}: ${target.label}, ${target.verdict}`).join('; ');
  return bars(names, [series], { x: goal, description });
}

/** One count per category, e.g. the products that reached each step of the process. */
export function countsChart(rows: Named[]): BarChart {
  const names = rows.map((row) => row.name);
  const values = rows.map((row) => row.value);
  const series = [counted(values, COLOUR.count)];
  return bars(names, series, { x: COUNT_AXIS, description: described(names, series) });
}

/** Registered beside certified for each category (a product group, a district). */
export function registeredCertifiedChart(
  rows: { name: string; registered: number; certified: number }[],
  seriesNames: { registered: string; certified: string },
): BarChart {
  const names = rows.map((row) => row.name);
  const series = (['registered', 'certified'] as const).map((key) => {
    const values = rows.map((row) => row[key]);
    return counted(values, COLOUR[key], seriesNames[key]);
  });
  return bars(names, series, { x: COUNT_AXIS, description: described(names, series) });
}
