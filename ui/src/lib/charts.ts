/**
 * What every chart shares, without loading the chart library: the option type the `Chart` component accepts (only
 * the chart kinds and components it registers), the theme read from the app's CSS variables, and HTML escaping for
 * tooltips (ECharts sets a formatter's string as HTML, and team names are user data).
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
	GridComponentOption,
	LegendComponentOption,
	TooltipComponentOption,
	VisualMapComponentOption
} from 'echarts/components';

/** An option the `Chart` component can draw: bars, lines and heat maps on a grid, with tooltip, legend, visual map. */
export type ChartOption = ComposeOption<
	| BarSeriesOption
	| LineSeriesOption
	| HeatmapSeriesOption
	| GridComponentOption
	| TooltipComponentOption
	| LegendComponentOption
	| VisualMapComponentOption
>;

/** The colours and font of the charts, from the app's design tokens. */
export interface ChartTheme {
	font: string;
	text: string;
	muted: string;
	grid: string;
	surface: string;
	accent: string;
	/** An empty cell. */
	empty: string;
	/** Light end of the heat map scale. */
	accentSoft: string;
	/** Dark end of the heat map scale. */
	accentStrong: string;
	/** One colour per activity kind (Okabe–Ito, safe for colour-blind readers). */
	shadowing: string;
	shadowingDark: string;
	training: string;
	brief: string;
	colocation: string;
}

/** CSS variable (without its value fallback) behind each theme colour. */
const VARS: Record<keyof ChartTheme, [string, string]> = {
	font: ['--font-sans', 'system-ui, sans-serif'],
	text: ['--text', '#15181d'],
	muted: ['--text-muted', '#6a7280'],
	grid: ['--border', '#e6e9ee'],
	surface: ['--surface', '#ffffff'],
	accent: ['--accent-500', '#5a5fe0'],
	empty: ['--gray-50', '#f6f7f9'],
	accentSoft: ['--accent-100', '#e2e4fc'],
	accentStrong: ['--accent-700', '#3d41b0'],
	shadowing: ['--kind-shadowing', '#0072b2'],
	shadowingDark: ['--kind-shadowing-fg', '#004b7a'],
	training: ['--kind-training', '#d55e00'],
	brief: ['--kind-brief', '#009e73'],
	colocation: ['--kind-colocation', '#cc79a7']
};

/** The theme from a CSS variable reader (e.g. `getComputedStyle(document.documentElement).getPropertyValue`). */
export function readTheme(read: (name: string) => string): ChartTheme {
	const entries = Object.entries(VARS).map(([key, [name, fallback]]) => [key, read(name).trim() || fallback]);
	return Object.fromEntries(entries) as unknown as ChartTheme;
}

/** The theme with every fallback, for tests and before the page's styles are in. */
export const DEFAULT_THEME: ChartTheme = readTheme(() => '');

/** Text safe inside HTML. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A coloured dot and a line of tooltip text (escaped). */
export function tooltipLine(color: string, text: string, value: string): string {
	return `<span class="chart-dot" style="background:${escapeHtml(color)}"></span>${escapeHtml(text)}&nbsp;&nbsp;<b>${escapeHtml(value)}</b>`;
}

/** What a click on a chart mark says: which series and which data item. */
export interface ChartSelect {
	seriesIndex: number;
	dataIndex: number;
	value: unknown;
}
