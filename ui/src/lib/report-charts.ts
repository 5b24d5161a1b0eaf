/**
 * The Reports page's charts as ECharts options, built from the report results by pure functions (no canvas, so they
 * are tested in Node): activities per group (stacked bars per figure), participation over time (exchanges as bars,
 * the participation rate as a line) and the coverage heat map (days together, the last one in the tooltip).
 * Each builder also says what every mark stands for, so a click can open the figure's drill-down.
 */
import type { ActivityKind } from '$lib/bindings/ActivityKind';
import type { Coverage } from '$lib/bindings/Coverage';
import type { CoverageCell } from '$lib/bindings/CoverageCell';
import type { Metric } from '$lib/bindings/Metric';
import type { ParticipationRow } from '$lib/bindings/ParticipationRow';
import type { TrendPoint } from '$lib/bindings/TrendPoint';
import { escapeHtml, tooltipLine, type ChartOption, type ChartTheme } from '$lib/charts';

/** How the page formats what the charts show (in the user's language). */
export interface ChartFormat {
	number: (n: number) => string;
	percent: (x: number) => string;
	/** A `YYYY-MM-DD` day, in full. */
	day: (day: string) => string;
	/** A trend point's short axis label and its full name (tooltip, table). */
	point: (p: TrendPoint) => { short: string; long: string };
}

/**
 * The figures stacked in the bars per group: the group's exchanges, each kind in its colour. Briefs count only those
 * attended by people outside sales (a salesperson at a brief is not an exchange), so a bar's length is the group's
 * exchanges.
 */
export const BAR_FIGURES = ['shadowingVisitor', 'shadowingHost', 'trainingsAttended', 'briefsAttended', 'colocationDays'] as const;
export type BarFigure = (typeof BAR_FIGURES)[number];

const barColor = (theme: ChartTheme, f: BarFigure): string =>
	({
		shadowingVisitor: theme.shadowing,
		shadowingHost: theme.shadowingDark,
		trainingsAttended: theme.training,
		briefsAttended: theme.brief,
		colocationDays: theme.colocation
	})[f];

const base = (theme: ChartTheme) => ({
	animationDuration: 300,
	textStyle: { fontFamily: theme.font, color: theme.text },
	tooltip: {
		confine: true,
		backgroundColor: theme.surface,
		borderColor: theme.grid,
		textStyle: { color: theme.text, fontFamily: theme.font, fontSize: 13 }
	}
});

const axisText = (theme: ChartTheme) => ({ color: theme.muted, fontFamily: theme.font, fontSize: 12 });

/** A figure's part of a group's exchanges (for briefs: the exchanges left once the other kinds are counted). */
export function barValue(r: ParticipationRow, f: BarFigure): number {
	if (f !== 'briefsAttended') return r[f];
	return Math.max(0, r.exchanges - r.shadowingVisitor - r.shadowingHost - r.trainingsAttended - r.colocationDays);
}

/** The total of the stacked figures of a row: its exchanges. */
export const barTotal = (r: ParticipationRow) => BAR_FIGURES.reduce((n, f) => n + barValue(r, f), 0);

/** The groups the bars show: the `max` with the most activity, most first; how many more have some; the chart height. */
export function barGroups(rows: ParticipationRow[], max: number): { groups: ParticipationRow[]; hidden: number; height: number } {
	const busy = rows.filter((r) => barTotal(r) > 0);
	const groups = [...busy].sort((a, b) => barTotal(b) - barTotal(a) || a.group.localeCompare(b.group, 'fr')).slice(0, max);
	return { groups, hidden: busy.length - groups.length, height: 72 + Math.max(groups.length, 1) * 30 };
}

/** Stacked horizontal bars, one per group of `groups` (from {@link barGroups}), in that order. */
export function groupBars(
	groups: ParticipationRow[],
	o: {
		theme: ChartTheme;
		fmt: ChartFormat;
		groupLabel: (g: string) => string;
		/** A shorter name on the axis (e.g. an email without its domain); the tooltip gives the full one. */
		axisLabel?: (g: string) => string;
		figureLabel: (f: BarFigure) => string;
		rateLabel: string;
	}
): ChartOption {
	const { theme, fmt } = o;
	return {
		...base(theme),
		legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 12, textStyle: axisText(theme) },
		grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
		xAxis: { type: 'value', minInterval: 1, axisLabel: axisText(theme), splitLine: { lineStyle: { color: theme.grid } } },
		yAxis: {
			type: 'category',
			inverse: true,
			data: groups.map((r) => (o.axisLabel ?? o.groupLabel)(r.group)),
			axisLabel: { ...axisText(theme), color: theme.text, width: 150, overflow: 'truncate' },
			axisTick: { show: false },
			axisLine: { lineStyle: { color: theme.grid } }
		},
		tooltip: {
			...base(theme).tooltip,
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: unknown) => {
				const list = params as { dataIndex: number }[];
				const row = groups[list[0]?.dataIndex ?? -1];
				if (!row) return '';
				const lines = BAR_FIGURES.filter((f) => barValue(row, f) > 0).map((f) => tooltipLine(barColor(theme, f), o.figureLabel(f), fmt.number(barValue(row, f))));
				const rate = row.participationRate === null ? '' : `<br>${escapeHtml(o.rateLabel)}&nbsp;&nbsp;<b>${escapeHtml(fmt.percent(row.participationRate))}</b>`;
				return `<b>${escapeHtml(o.groupLabel(row.group))}</b><br>${lines.join('<br>')}${rate}`;
			}
		},
		series: BAR_FIGURES.map((f) => ({
			type: 'bar' as const,
			name: o.figureLabel(f),
			stack: 'figures',
			barMaxWidth: 22,
			itemStyle: { color: barColor(theme, f) },
			emphasis: { focus: 'series' as const },
			data: groups.map((r) => barValue(r, f))
		}))
	};
}

/**
 * The figure behind a clicked bar segment, and how to list its activities: the evidence of `metric`, kept to the
 * activities of `kind` when there is one (a brief segment is the group's exchanges that are briefs).
 */
export function barTarget(
	groups: ParticipationRow[],
	seriesIndex: number,
	dataIndex: number
): { row: ParticipationRow; figure: BarFigure; metric: Metric; kind: ActivityKind | null } | null {
	const row = groups[dataIndex];
	const figure = BAR_FIGURES[seriesIndex];
	if (!row || !figure) return null;
	return figure === 'briefsAttended' ? { row, figure, metric: 'exchanges', kind: 'brief' } : { row, figure, metric: figure, kind: null };
}

/**
 * A trend point's names in a locale (BCP 47 tag): a month as "oct. 26" / "octobre 2026", a week (label `YYYY-Www`) by
 * its first day, "5 oct." / `weekOf("5 octobre 2026")`.
 */
export function pointName(p: TrendPoint, tag: string, weekOf: (day: string) => string): { short: string; long: string } {
	const date = new Date(`${p.from}T12:00:00Z`);
	const f = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { ...o, timeZone: 'UTC' }).format(date);
	if (p.label.includes('-W')) return { short: f({ day: 'numeric', month: 'short' }), long: weekOf(f({ dateStyle: 'long' })) };
	return { short: f({ month: 'short', year: '2-digit' }), long: f({ month: 'long', year: 'numeric' }) };
}

/** Exchanges per point as bars (left axis) and the participation rate as a line (right axis, percent). */
export function trendChart(
	points: TrendPoint[],
	o: { theme: ChartTheme; fmt: ChartFormat; exchangesLabel: string; rateLabel: string; participantsLabel: string }
): ChartOption {
	const { theme, fmt } = o;
	const names = points.map((p) => fmt.point(p));
	const rateMax = Math.max(0.1, ...points.map((p) => p.participationRate ?? 0));
	return {
		...base(theme),
		legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 12, textStyle: axisText(theme) },
		grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
		xAxis: {
			type: 'category',
			data: names.map((n) => n.short),
			axisLabel: { ...axisText(theme), hideOverlap: true },
			axisTick: { alignWithLabel: true },
			axisLine: { lineStyle: { color: theme.grid } }
		},
		yAxis: [
			{ type: 'value', minInterval: 1, axisLabel: axisText(theme), splitLine: { lineStyle: { color: theme.grid } } },
			{
				type: 'value',
				min: 0,
				max: Math.min(1, Math.ceil(rateMax * 10) / 10),
				axisLabel: { ...axisText(theme), formatter: (v: number) => fmt.percent(v) },
				splitLine: { show: false }
			}
		],
		tooltip: {
			...base(theme).tooltip,
			trigger: 'axis',
			formatter: (params: unknown) => {
				const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? -1;
				const p = points[i];
				if (!p) return '';
				const rate = p.participationRate === null ? '–' : fmt.percent(p.participationRate);
				return [
					`<b>${escapeHtml(names[i]?.long ?? p.label)}</b>`,
					tooltipLine(theme.accent, o.exchangesLabel, fmt.number(p.exchanges)),
					tooltipLine(theme.accentStrong, o.rateLabel, rate),
					tooltipLine('transparent', o.participantsLabel, `${fmt.number(p.participants)} / ${fmt.number(p.activePeople)}`)
				].join('<br>');
			}
		},
		series: [
			{
				type: 'bar',
				name: o.exchangesLabel,
				barMaxWidth: 28,
				itemStyle: { color: theme.accentSoft, borderColor: theme.accent, borderWidth: 1, borderRadius: [3, 3, 0, 0] },
				data: points.map((p) => p.exchanges)
			},
			{
				type: 'line',
				name: o.rateLabel,
				yAxisIndex: 1,
				symbol: 'circle',
				symbolSize: 7,
				lineStyle: { color: theme.accentStrong, width: 2 },
				itemStyle: { color: theme.accentStrong },
				data: points.map((p) => p.participationRate)
			}
		]
	};
}

/** Where each cell of the matrix sits on the heat map (x: column, y: row), the cell at a place, and the chart height. */
export function coverageGrid(coverage: Coverage): {
	placed: { c: CoverageCell; x: number; y: number }[];
	cellAt: (x: number, y: number) => CoverageCell | null;
	height: number;
} {
	const rowIndex = new Map(coverage.rows.map((r, i) => [r, i]));
	const colIndex = new Map(coverage.columns.map((c, i) => [`${c.department}|${c.team}`, i]));
	const placed = coverage.cells
		.map((c) => ({ c, x: colIndex.get(`${c.department}|${c.team}`), y: rowIndex.get(c.row) }))
		.filter((p): p is { c: CoverageCell; x: number; y: number } => p.x !== undefined && p.y !== undefined);
	const byXY = new Map(placed.map((p) => [`${p.x}|${p.y}`, p.c]));
	return { placed, cellAt: (x, y) => byXY.get(`${x}|${y}`) ?? null, height: 96 + Math.max(coverage.rows.length, 1) * 40 };
}

/** The coverage heat map: marketing rows × sales and CRC columns, coloured by days together, labelled with the count. */
export function coverageHeatmap(
	coverage: Coverage,
	o: { theme: ChartTheme; columnLabel: (c: Coverage['columns'][number]) => string; cellLabel: (c: CoverageCell) => string }
): ChartOption {
	const { theme } = o;
	const { placed, cellAt } = coverageGrid(coverage);
	const max = Math.max(1, ...coverage.cells.map((c) => c.days));
	return {
		...base(theme),
		grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
		xAxis: {
			type: 'category',
			position: 'top',
			// Sales teams in grey, CRC teams in the shadowing blue, as on the old matrix.
			data: coverage.columns.map((c) => ({ value: o.columnLabel(c), textStyle: { color: c.department === 'crc' ? theme.shadowingDark : theme.muted } })),
			axisLabel: { ...axisText(theme), interval: 0, width: 96, overflow: 'break', lineHeight: 14 },
			axisTick: { show: false },
			axisLine: { show: false },
			splitArea: { show: true, areaStyle: { color: [theme.surface, theme.surface] } }
		},
		yAxis: {
			type: 'category',
			inverse: true,
			data: coverage.rows,
			axisLabel: { ...axisText(theme), color: theme.text, width: 160, overflow: 'truncate' },
			axisTick: { show: false },
			axisLine: { show: false }
		},
		visualMap: {
			type: 'continuous',
			min: 0,
			max,
			calculable: false,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			itemHeight: 160,
			itemWidth: 10,
			textStyle: axisText(theme),
			text: [String(max), '0'],
			seriesIndex: 0,
			inRange: { color: [theme.accentSoft, theme.accentStrong] }
		},
		tooltip: {
			...base(theme).tooltip,
			trigger: 'item',
			formatter: (params: unknown) => {
				const [x, y] = ((params as { value?: number[] }).value ?? []) as number[];
				const cell = cellAt(x ?? -1, y ?? -1);
				return cell ? escapeHtml(o.cellLabel(cell)) : '';
			}
		},
		series: [
			{
				type: 'heatmap',
				data: placed.map((p) => [p.x, p.y, p.c.days]),
				label: { show: true, fontFamily: theme.font, fontWeight: 'bold', fontSize: 12 },
				itemStyle: { borderColor: theme.surface, borderWidth: 3, borderRadius: 6 },
				emphasis: { itemStyle: { borderColor: theme.accent, borderWidth: 2 } }
			},
			{
				// The empty places, drawn faintly so that rows and columns read as a grid; not clickable.
				type: 'heatmap',
				silent: true,
				tooltip: { show: false },
				data: coverage.rows.flatMap((_, y) => coverage.columns.map((_, x) => [x, y, 0])).filter(([x, y]) => !cellAt(x!, y!)),
				itemStyle: { color: theme.empty, borderColor: theme.surface, borderWidth: 3, borderRadius: 6 }
			}
		]
	};
}
