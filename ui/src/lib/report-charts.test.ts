import { describe, expect, it } from 'vitest';
import type { Coverage } from '$lib/bindings/Coverage';
import type { ParticipationRow } from '$lib/bindings/ParticipationRow';
import type { TrendPoint } from '$lib/bindings/TrendPoint';
import { DEFAULT_THEME, escapeHtml, readTheme } from './charts';
import { BAR_FIGURES, barGroups, barTarget, barTotal, barValue, coverageGrid, coverageHeatmap, groupBars, pointName, trendChart, type ChartFormat } from './report-charts';
import { CSV_COLUMNS, csvHeader } from './reports';

const fmt: ChartFormat = {
	number: (n) => `n${n}`,
	percent: (x) => `${Math.round(x * 100)}%`,
	day: (d) => `d${d}`,
	point: (p) => ({ short: `s${p.label}`, long: `l${p.label}` })
};
const theme = DEFAULT_THEME;

function row(group: string, figures: Partial<ParticipationRow> = {}): ParticipationRow {
	return {
		group,
		activePeople: 4,
		participants: 2,
		participationRate: 0.5,
		shadowingVisitor: 0,
		shadowingHost: 0,
		trainingsAttended: 0,
		trainingNoShows: 0,
		trainingExcused: 0,
		briefsAttended: 0,
		colocationDays: 0,
		exchanges: 0,
		...figures
	};
}

function point(label: string, from: string, to: string, exchanges: number, rate: number | null): TrendPoint {
	return {
		label,
		from,
		to,
		activePeople: 10,
		participants: rate === null ? 0 : Math.round(rate * 10),
		participationRate: rate,
		exchanges,
		shadowingVisitor: exchanges,
		shadowingHost: 0,
		trainingsAttended: 0,
		trainingNoShows: 0,
		briefsAttended: 0,
		colocationDays: 0
	};
}

/** A formatter of an option's tooltip, called as ECharts would. */
function tooltip(option: unknown, params: unknown): string {
	const f = (option as { tooltip: { formatter: (p: unknown) => string } }).tooltip.formatter;
	return f(params);
}

describe('bars per group', () => {
	const rows = [
		row('Ventes Est', { shadowingHost: 2, trainingNoShows: 9, briefsAttended: 30, exchanges: 2 }),
		row('Marketing Produit', { shadowingVisitor: 3, briefsAttended: 1, colocationDays: 2, exchanges: 6 }),
		row('Vide'),
		row('CRC <b>Lyon</b>', { trainingsAttended: 2, participationRate: null, exchanges: 2 })
	];

	it('keeps the busiest groups, most first, and counts the ones left out', () => {
		const { groups, hidden, height } = barGroups(rows, 2);
		expect(groups.map((r) => r.group), 'sorted by stacked total, ties by name; no-shows are not activity').toEqual(['Marketing Produit', 'CRC <b>Lyon</b>']);
		expect(hidden, 'Ventes Est has activity but did not fit; the empty group is not counted').toBe(1);
		expect(barGroups(rows, 10).height, 'the chart grows with its bars').toBeGreaterThan(height);
		expect(barTotal(rows[0]!), 'a bar is the exchanges: neither no-shows nor salespeople at briefs are stacked').toBe(2);
		expect(barValue(rows[1]!, 'briefsAttended'), 'a marketer at a brief is an exchange').toBe(1);
	});

	it('stacks one series per figure, in the kinds’ colours, with the data of each shown group', () => {
		const { groups } = barGroups(rows, 10);
		const option = groupBars(groups, { theme, fmt, groupLabel: (g) => `g:${g}`, figureLabel: (f) => `f:${f}`, rateLabel: 'Taux' });
		const series = option.series as { name: string; stack: string; data: number[]; itemStyle: { color: string } }[];
		expect(series.map((s) => s.name), 'one series per stacked figure, named in the user’s language').toEqual(BAR_FIGURES.map((f) => `f:${f}`));
		expect(new Set(series.map((s) => s.stack)).size, 'all series stack on one bar per group').toBe(1);
		expect(series[0]!.data, 'visits of each shown group, in the groups’ order').toEqual(groups.map((g) => g.shadowingVisitor));
		expect(series[3]!.data, 'briefs that are exchanges only').toEqual(groups.map((g) => (g.group === 'Marketing Produit' ? 1 : 0)));
		expect(series.map((s) => s.itemStyle.color), 'each figure has its own colour').toEqual([theme.shadowing, theme.shadowingDark, theme.training, theme.brief, theme.colocation]);
		expect((option.yAxis as { data: string[] }).data, 'the axis names groups with the page’s labels').toEqual(groups.map((g) => `g:${g.group}`));
		const short = groupBars(groups, { theme, fmt, groupLabel: (g) => g, axisLabel: (g) => g.slice(0, 3), figureLabel: (f) => f, rateLabel: 'Taux' });
		expect((short.yAxis as { data: string[] }).data[0], 'a short axis label when the page gives one').toBe('Mar');
		expect(tooltip(short, [{ dataIndex: 0 }]), 'the tooltip keeps the full name').toContain('Marketing Produit');
	});

	it('escapes group names in the tooltip and gives the rate when there is one', () => {
		const { groups } = barGroups(rows, 10);
		const option = groupBars(groups, { theme, fmt, groupLabel: (g) => g, figureLabel: (f) => f, rateLabel: 'Taux' });
		const crc = groups.findIndex((g) => g.group.startsWith('CRC'));
		const html = tooltip(option, [{ dataIndex: crc }]);
		expect(html, 'a team name is data, never markup').toContain('CRC &lt;b&gt;Lyon&lt;/b&gt;');
		expect(html, 'no rate without active people').not.toContain('Taux');
		const mk = groups.findIndex((g) => g.group === 'Marketing Produit');
		const text = tooltip(option, [{ dataIndex: mk }]);
		expect(text, 'the rate of a group with active people').toContain('Taux');
		expect(text, 'figures at zero are left out of the tooltip').not.toContain('trainingsAttended');
	});

	it('maps a click on a segment to the group and metric of its drill-down', () => {
		const { groups } = barGroups(rows, 10);
		const hit = barTarget(groups, BAR_FIGURES.indexOf('shadowingVisitor'), 0);
		expect(hit?.row.group, 'the first bar is the busiest group').toBe('Marketing Produit');
		expect([hit?.metric, hit?.kind], 'the segment’s figure is the evidence metric').toEqual(['shadowingVisitor', null]);
		const briefs = barTarget(groups, BAR_FIGURES.indexOf('briefsAttended'), 0);
		expect([briefs?.metric, briefs?.kind], 'a brief segment lists the group’s exchanges that are briefs').toEqual(['exchanges', 'brief']);
		expect(barTarget(groups, 0, 99), 'a click outside the bars opens nothing').toBeNull();
	});
});

describe('trend', () => {
	const points = [point('2026-10', '2026-10-01', '2026-10-31', 12, 0.3), point('2026-11', '2026-11-01', '2026-11-30', 4, null)];

	it('draws exchanges as bars on the left axis and the rate as a line on the right', () => {
		const option = trendChart(points, { theme, fmt, exchangesLabel: 'Échanges', rateLabel: 'Taux', participantsLabel: 'P' });
		const [bars, line] = option.series as { type: string; data: (number | null)[]; yAxisIndex?: number }[];
		expect(bars?.type, 'exchanges are bars').toBe('bar');
		expect(bars?.data, 'one bar per point').toEqual([12, 4]);
		expect(line?.type, 'the rate is a line').toBe('line');
		expect(line?.yAxisIndex, 'the rate has its own percent axis').toBe(1);
		expect(line?.data, 'a point without active people has no rate, not a zero').toEqual([0.3, null]);
		expect((option.xAxis as { data: string[] }).data, 'short names on the axis').toEqual(['s2026-10', 's2026-11']);
		const axes = option.yAxis as { max?: number }[];
		expect(axes[1]?.max, 'the percent axis rounds the highest rate up to a tenth, never past 100 %').toBe(0.3);
	});

	it('names the point, its exchanges and its participants in the tooltip', () => {
		const option = trendChart(points, { theme, fmt, exchangesLabel: 'Échanges', rateLabel: 'Taux', participantsLabel: 'Participants' });
		const html = tooltip(option, [{ dataIndex: 1 }]);
		expect(html, 'the long name of the point').toContain('l2026-11');
		expect(html, 'its exchanges').toContain('n4');
		expect(html, 'a missing rate shows as a dash').toContain('–');
		expect(html, 'participants out of active people').toContain('n0 / n10');
	});

	it('names months and weeks in the user’s language', () => {
		const weekOf = (day: string) => `Semaine du ${day}`;
		expect(pointName(point('2026-10', '2026-10-01', '2026-10-31', 0, 0), 'fr-FR', weekOf).long, 'a month in full').toBe('octobre 2026');
		const week = pointName(point('2026-W53', '2026-12-28', '2027-01-03', 0, 0), 'fr-FR', weekOf);
		expect(week.long, 'a week by its first day').toBe('Semaine du 28 décembre 2026');
		expect(week.short, 'a short day and month on the axis').toMatch(/^28 déc/);
		expect(pointName(point('2026-10', '2026-10-01', '2026-10-31', 0, 0), 'en-GB', weekOf).long, 'English month').toBe('October 2026');
	});
});

describe('coverage heat map', () => {
	const coverage: Coverage = {
		rows: ['Marketing Digital', 'Marketing Produit'],
		columns: [
			{ department: 'sales', team: 'Ventes Est' },
			{ department: 'crc', team: 'CRC Lyon' }
		],
		cells: [
			{ row: 'Marketing Produit', department: 'crc', team: 'CRC Lyon', days: 3, last: '2026-11-20', activityIds: [4, 5, 6] },
			{ row: 'Marketing Digital', department: 'sales', team: 'Ventes Est', days: 1, last: '2026-10-02', activityIds: [2] },
			{ row: 'Ghost', department: 'sales', team: 'Ventes Est', days: 9, last: '2026-10-02', activityIds: [1] }
		]
	};

	it('places each cell at its column and row, and finds it back from a click', () => {
		const grid = coverageGrid(coverage);
		expect(grid.placed.map((p) => [p.x, p.y, p.c.days]), 'x is the column, y the row; a cell outside the matrix is left out').toEqual([
			[1, 1, 3],
			[0, 0, 1]
		]);
		expect(grid.cellAt(1, 1)?.activityIds, 'a click on a cell opens its activities').toEqual([4, 5, 6]);
		expect(grid.cellAt(1, 0), 'an empty place has no cell').toBeNull();
	});

	it('colours by days with a visual map and says the last day in the tooltip', () => {
		const option = coverageHeatmap(coverage, { theme, columnLabel: (c) => c.team, cellLabel: (c) => `${c.row} × ${c.team}: ${c.days}, ${fmt.day(c.last)}` });
		const series = option.series as { type: string; data: number[][]; silent?: boolean }[];
		expect(series[0]?.type, 'a heat map').toBe('heatmap');
		expect(series[1]?.data.length, 'the empty places are drawn faintly, apart from the cells: 2 × 2 places, 2 cells').toBe(2);
		expect(series[1]?.silent, 'an empty place opens nothing').toBe(true);
		expect(series[0]?.data, 'one [x, y, days] per placed cell').toEqual([
			[1, 1, 3],
			[0, 0, 1]
		]);
		const map = option.visualMap as { min: number; max: number; inRange: { color: string[] } };
		expect([map.min, map.max], 'the scale runs from no day to the most days of any cell').toEqual([0, 9]);
		expect(map.inRange.color, 'from the light to the strong accent').toEqual([theme.accentSoft, theme.accentStrong]);
		expect(tooltip(option, { value: [1, 1, 3] }), 'the tooltip names the pair and the last day').toBe('Marketing Produit × CRC Lyon: 3, d2026-11-20');
		const columns = (option.xAxis as { data: { value: string; textStyle: { color: string } }[] }).data;
		expect(columns.map((c) => c.value), 'columns named by team').toEqual(['Ventes Est', 'CRC Lyon']);
		expect(columns[1]?.textStyle.color, 'a CRC team stands apart from the sales teams').not.toBe(columns[0]?.textStyle.color);
	});
});

describe('theme and escaping', () => {
	it('reads the app’s CSS variables and falls back when one is missing', () => {
		const theme = readTheme((name) => (name === '--accent-500' ? ' #123456 ' : ''));
		expect(theme.accent, 'a variable that is set wins, trimmed').toBe('#123456');
		expect(theme.text, 'a missing variable takes the light theme’s value').toBe(DEFAULT_THEME.text);
	});
	it('escapes every HTML-significant character', () => {
		expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
	});
});

describe('CSV header', () => {
	it('labels every column by its CLI field name', () => {
		const header = csvHeader((key) => `L:${key}`);
		expect(Object.keys(header), 'the ten columns of `report participation`, by field name').toEqual([
			'group',
			'activePeople',
			'participants',
			'participationRate',
			'shadowingVisitor',
			'shadowingHost',
			'trainingsAttended',
			'trainingNoShows',
			'briefsAttended',
			'colocationDays'
		]);
		expect(header.briefsAttended, 'each label is the one of its own column').toBe('L:briefsAttended');
		expect(CSV_COLUMNS.length, 'no column twice').toBe(new Set(CSV_COLUMNS).size);
	});
});
