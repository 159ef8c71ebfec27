// Our small ApexCharts interop: one chart per element, live updates as deltas from the circuit.
// The series live here (bounded to maxPoints each); C# sends only new points, the chart is redrawn from these
// arrays with updateSeries(..., false) (no animation), so a long run neither grows the page nor the circuit traffic.
// Appends are drawn at most every redrawIntervalMs per chart: at hundreds of readings a second a redraw per batch kept
// the browser's main thread so busy that clicks waited behind it on a slow machine.
const charts = new Map();
const redrawIntervalMs = 250;

// Text that came from data (series names are turbine and location names carried in records) must never reach the
// DOM as HTML. ApexCharts writes the legend and the tooltip's series labels and title with innerHTML, so every text
// it takes from us there goes through a formatter that escapes it. Texts it draws in SVG (axis titles, annotation
// labels, the no-data text) become text nodes (svg.js plain/tspan), never markup, so they are passed as they are:
// escaping them would show "&amp;" in a label with "&".
const htmlEscapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
    return String(value ?? '').replace(/[&<>"']/g, c => htmlEscapes[c]);
}

// A point's time as HH:mm:ss (local) for the tooltips, which ApexCharts also writes with innerHTML.
function timeOf(value) {
    const t = new Date(Number(value));
    if (Number.isNaN(t.getTime())) return escapeHtml(value);
    return [t.getHours(), t.getMinutes(), t.getSeconds()].map(n => String(n).padStart(2, '0')).join(':');
}

// Frame and update timings for the load figures (read by the browser benchmark).
const stats = { updates: 0, updateMs: 0, updateMaxMs: 0 };
window.turbineChartStats = stats;

function config(options) {
    const annotations = (options.thresholds || []).map(t => ({
        y: t.value,
        borderColor: t.color,
        strokeDashArray: 6,
        label: { text: t.label, position: 'left', textAnchor: 'start', borderColor: t.color, style: { color: '#fff', background: t.color, fontSize: '11px' } }
    }));
    return {
        chart: {
            type: options.kind,
            height: options.height,
            animations: { enabled: false },
            toolbar: { show: true, tools: { download: false, selection: false, pan: false } },
            zoom: { enabled: true, type: 'x' },
            fontFamily: 'Roboto, Helvetica, Arial, sans-serif',
        },
        series: [],
        noData: { text: options.emptyText },
        // A grouped chart's window is set on every drawing (groupWindow); a lone one ends at its own newest point.
        xaxis: { type: 'datetime', range: options.group ? undefined : (options.xRangeMs ?? undefined), labels: { datetimeUTC: false }, tooltip: { formatter: timeOf } },
        yaxis: {
            min: options.yMin ?? undefined,
            // yMaxAtLeast keeps the limit lines on the chart while the data stays below them.
            max: options.yMaxAtLeast != null ? (max => Math.max(Number.isFinite(max) ? max : 0, options.yMaxAtLeast)) : (options.yMax ?? undefined),
            forceNiceScale: true,
            title: { text: options.yTitle },
            labels: {
                minWidth: options.yLabelWidth,
                maxWidth: options.yLabelWidth,
                formatter: v => (v === null || v === undefined) ? '' : Number(v).toFixed(options.decimals),
            },
        },
        annotations: { yaxis: annotations },
        stroke: { width: options.kind === 'line' ? 2 : 0, curve: 'straight' },
        markers: { size: options.markerSize },
        dataLabels: { enabled: false },
        // Below the plot: at the top a legend of many turbines wrapped under the zoom icons on a phone.
        legend: { show: true, position: 'bottom', horizontalAlign: 'left', formatter: name => escapeHtml(name) },
        tooltip: {
            x: { formatter: timeOf },
            y: { title: { formatter: name => name ? escapeHtml(name) + ': ' : '' } },
        },
        plotOptions: { bar: { columnWidth: '70%' } },
    };
}

function redraw(entry) {
    if (entry.pending) {
        clearTimeout(entry.pending);
        entry.pending = null;
    }
    entry.drawnAt = performance.now();
    const started = performance.now();
    const series = [...entry.series.entries()].map(([name, data]) => ({ name, data }));
    const shared = groupWindow(entry);
    if (shared && shared.max !== entry.windowMax) {
        // updateOptions costs more than updateSeries: the window moves in steps (groupWindow), not on every drawing.
        entry.chart.updateOptions({ series, xaxis: { min: shared.min, max: shared.max } }, false, false);
        entry.windowMax = shared.max;
        // The others of the group move to the same window at their next drawing.
        for (const other of charts.values()) {
            if (other !== entry && other.group === entry.group && other.windowMax !== shared.max && !other.frame) scheduleRedraw(other);
        }
    } else {
        entry.chart.updateSeries(series, false);
    }
    const ms = performance.now() - started;
    stats.updates++;
    stats.updateMs += ms;
    stats.updateMaxMs = Math.max(stats.updateMaxMs, ms);
}

// The newest time of a chart's points, or null without points.
function newestOf(entry) {
    let newest = null;
    for (const data of entry.series.values()) {
        if (data.length > 0) newest = newest === null ? data[data.length - 1].x : Math.max(newest, data[data.length - 1].x);
    }
    return newest;
}

// The time window shared by a chart's group: rangeMs wide, ending at the newest point of any chart of the group rounded
// up to a step of a sixtieth of the range (at least a second), so that the charts move their axes a few times a minute
// rather than at every drawing.
function groupWindow(entry) {
    if (!entry.group || !entry.rangeMs) return null;
    // A history range's window is known: the same for every chart of the group whatever points it has yet.
    if (entry.xMaxMs != null) return { min: entry.xMaxMs - entry.rangeMs, max: entry.xMaxMs };
    let newest = null;
    for (const other of charts.values()) {
        if (other.group !== entry.group) continue;
        const n = newestOf(other);
        if (n !== null) newest = newest === null ? n : Math.max(newest, n);
    }
    if (newest === null) return null;
    const step = Math.max(1000, Math.round(entry.rangeMs / 60));
    const max = Math.ceil(newest / step) * step;
    return { min: max - entry.rangeMs, max };
}

export function create(element, id, options) {
    destroy(id);
    // A chart drawn again into its element (a circuit resumed after the server restarted renders the page anew) starts
    // from an empty element: what an earlier chart left there would show as a second toolbar and a second set of axes.
    element.replaceChildren();
    const chart = new window.ApexCharts(element, config(options));
    chart.render();
    charts.set(id, {
        id, chart, series: new Map(), maxPoints: options.maxPoints, drawnAt: 0, pending: null, frame: null,
        group: options.group ?? null, rangeMs: options.xRangeMs ?? null, xMaxMs: options.xMaxMs ?? null, windowMax: null,
    });
}

// Replaces all series.
export function setSeries(id, series) {
    const entry = charts.get(id);
    if (!entry) return;
    entry.series = new Map(series.map(s => [s.name, s.points.slice(-entry.maxPoints)]));
    drawNextFrame(entry);
}

// Draws at the next frame: the charts of a group filled together (a history range fills all three at once) are then
// drawn once each, in one shared window, rather than each again whenever another's points move the window.
function drawNextFrame(entry) {
    if (entry.frame) return;
    entry.frame = requestAnimationFrame(() => {
        entry.frame = null;
        if (charts.get(entry.id) === entry) redraw(entry);
    });
}

// Appends points to series by name (a new name adds a series) and drops the oldest beyond maxPoints.
export function append(id, series) {
    const entry = charts.get(id);
    if (!entry) return;
    for (const s of series) {
        let data = entry.series.get(s.name);
        if (!data) {
            data = [];
            entry.series.set(s.name, data);
        }
        for (const p of s.points) data.push(p);
        if (data.length > entry.maxPoints) data.splice(0, data.length - entry.maxPoints);
    }
    scheduleRedraw(entry);
}

// Draws now if the last drawing is old enough, otherwise once when it is (later appends join that drawing).
function scheduleRedraw(entry) {
    if (entry.pending) return;
    const wait = entry.drawnAt + redrawIntervalMs - performance.now();
    if (wait <= 0) {
        redraw(entry);
        return;
    }
    entry.pending = setTimeout(() => {
        entry.pending = null;
        if (charts.get(entry.id) === entry) redraw(entry);
    }, wait);
}


export function destroy(id) {
    const entry = charts.get(id);
    if (!entry) return;
    clearTimeout(entry.pending);
    if (entry.frame) cancelAnimationFrame(entry.frame);
    entry.chart.destroy();
    charts.delete(id);
}

// Points held and the highest value per chart, and the axes' drawn ranges (for tests and the load figures).
export function summary(id) {
    const entry = charts.get(id);
    if (!entry) return null;
    let points = 0, maxY = null;
    for (const data of entry.series.values()) {
        points += data.length;
        for (const p of data) maxY = maxY === null ? p.y : Math.max(maxY, p.y);
    }
    const g = entry.chart.w?.globals;
    return { series: entry.series.size, points, maxY, xMin: g?.minX ?? null, xMax: g?.maxX ?? null, yAxisMax: g?.maxY ?? null };
}
