using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Components.Charts;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>
/// What maintenance teams watch. History comes from the tables (<see cref="TelemetryHistory"/>), then the live
/// <see cref="TelemetryFeed"/> (subscribed after the first render, as eShop's order status refresh does) brings what
/// lands; the charts get only the new points and keep a bounded history.
/// </summary>
public sealed partial class Dashboard
{
    /// <summary>How far back the dashboard reads when it opens.</summary>
    public static readonly TimeSpan HistoryWindow = TimeSpan.FromMinutes(15);

    /// <summary>Points of the score chart (all turbines of the location).</summary>
    public const int ScorePoints = 600;

    /// <summary>Points per turbine of the speed chart.</summary>
    public const int SpeedPoints = 300;

    /// <summary>Windows of the max-speed chart.</summary>
    public const int WindowPoints = 60;

    /// <summary>The line colours: amber for cut-out, red for shutdown and the alert threshold, purple for the alert speed.</summary>
    private const string Amber = "#f57c00", Red = "#d32f2f", Purple = "#7b1fa2";

    private static readonly IReadOnlyList<ChartThreshold> s_maxThresholds =
        [new(TurbineConditions.ShutdownMph, $"Shutdown ({TurbineConditions.ShutdownMph} mph)", Red)];

    private AnomalyRule _rule = null!;
    private DashboardState _state = null!;
    private IReadOnlyList<ChartThreshold> _scoreThresholds = [];
    private IReadOnlyList<ChartThreshold> _speedThresholds = [];
    private readonly object _chartGate = new();
    private IDisposable? _subscription;
    private bool _loading = true;
    private string? _error;
    private string? _selected;
    private ApexChart? _scoreChart;
    private ApexChart? _speedChart;
    private ApexChart? _maxChart;
    private List<AnomalyResult>? _pendingResults;
    private List<MaxSpeedWindow>? _pendingWindows;
    private bool _fillCharts;
    private bool _disposed;

    [Inject] private TelemetryFeed Feed { get; set; } = null!;
    [Inject] private TelemetryHistory History { get; set; } = null!;
    [Inject] private TelemetryMetrics Metrics { get; set; } = null!;
    [Inject] private IOptions<PipelineOptions> Settings { get; set; } = null!;
    [Inject] private IOptions<AlertOptions> AlertSettings { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    /// <summary>The score chart's line: the alert threshold under the Score criterion, none under Grade (no fixed score).</summary>
    internal static IReadOnlyList<ChartThreshold> ScoreLines(AnomalyRule rule) =>
        rule.ScoreThreshold is { } threshold ? [new(threshold, $"Alert threshold ({threshold:0.###})", Red)] : [];

    /// <summary>
    /// The speed chart's lines: cut-out and shutdown (the turbines' limits) and, when Alerts:MinSpeedMph is not 0, the
    /// speed from which anomalies raise alerts, named on the limit it coincides with (the default 55 mph is cut-out).
    /// </summary>
    internal static IReadOnlyList<ChartThreshold> SpeedLines(AnomalyRule rule)
    {
        var lines = new List<ChartThreshold>
        {
            new(TurbineConditions.CutOutMph, $"Cut-out ({TurbineConditions.CutOutMph} mph)", Amber),
            new(TurbineConditions.ShutdownMph, $"Shutdown ({TurbineConditions.ShutdownMph} mph)", Red),
        };
        if (rule.MinSpeedMph > 0)
        {
            var same = lines.FindIndex(l => l.Value == rule.MinSpeedMph);
            if (same >= 0)
                lines[same] = lines[same] with { Label = lines[same].Label + " · alerts from here" };
            else
                lines.Add(new(rule.MinSpeedMph, $"Alerts from {rule.MinSpeedMph:0.#} mph", Purple));
        }
        return lines;
    }

    /// <summary>What the newest anomalies are and where they differ from alerts (which also need Alerts:MinSpeedMph).</summary>
    internal static string AnomalyLegend(AnomalyRule rule) => rule.MinSpeedMph > 0
        ? $"By the alerts' rule (Alerts:Criterion, Alerts:Threshold). An alert also needs {rule.MinSpeedMph:0.#} mph or more (Alerts:MinSpeedMph): slower anomalies show a crossed-out bell."
        : "By the alerts' rule (Alerts:Criterion, Alerts:Threshold); each of them raises an alert (Alerts:MinSpeedMph is 0).";

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _rule = new AnomalyRule(AlertSettings.Value);
        _state = new DashboardState(_rule);
        _scoreThresholds = ScoreLines(_rule);
        _speedThresholds = SpeedLines(_rule);
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Subscribe before reading history, so nothing lands unseen in between (duplicates are merged).
            _subscription = Feed.Subscribe(OnBatches);
            await ReloadAsync();
            return;
        }
        if (_fillCharts && _scoreChart is not null && _speedChart is not null && _maxChart is not null)
        {
            List<AnomalyResult> results;
            List<MaxSpeedWindow> windows;
            lock (_chartGate)
            {
                _fillCharts = false;
                results = _pendingResults ?? [];
                windows = _pendingWindows ?? [];
                _pendingResults = null;
                _pendingWindows = null;
            }
            // All three fills are sent before anything is awaited: a live batch handled while one chart's fill is
            // on its way must reach every chart after its fill, or the fill would replace the batch's points.
            var (score, speed) = ResultSeries(Deduplicate(results));
            await Task.WhenAll(
                _scoreChart.SetSeriesAsync(score),
                _speedChart.SetSeriesAsync(speed),
                _maxChart.SetSeriesAsync(WindowSeries(windows.DistinctBy(w => w.WindowStart).OrderBy(w => w.WindowStart))));
        }
    }

    private async Task ReloadAsync()
    {
        _loading = true;
        _error = null;
        StateHasChanged();
        try
        {
            var since = Clock.GetUtcNow() - HistoryWindow;
            var locations = await History.ActiveLocationsAsync(since);
            foreach (var location in locations)
                _state.Apply(await History.ResultsAsync(location, since, 200));
            _loading = false;
            var first = _selected ?? _state.Locations.FirstOrDefault();
            if (first is not null)
                await SelectAsync(first);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = e.Message;
        }
        finally
        {
            _loading = false;
        }
        StateHasChanged();
    }

    private async Task SelectAsync(string location)
    {
        lock (_chartGate)
        {
            _selected = location;
            _pendingResults = [];
            _pendingWindows = [];
            _fillCharts = false;
        }
        StateHasChanged();
        try
        {
            var since = Clock.GetUtcNow() - HistoryWindow;
            var results = await History.ResultsAsync(location, since, ScorePoints);
            var windows = await History.WindowsAsync(location, since, WindowPoints);
            lock (_chartGate)
            {
                if (_selected != location)
                    return;
                _pendingResults = [.. results, .. _pendingResults ?? []];
                _pendingWindows = [.. windows, .. _pendingWindows ?? []];
                _fillCharts = true;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = e.Message;
        }
        StateHasChanged();
    }

    private void OnBatches(IReadOnlyList<TelemetryBatch> batches)
    {
        _state.Apply(batches.SelectMany(b => b.Results));
        TelemetryBatch? mine = null;
        lock (_chartGate)
        {
            mine = batches.FirstOrDefault(b => b.Location == _selected);
            if (mine is not null && _pendingResults is not null)
            {
                // The charts are not filled yet: the live items join the history that will fill them.
                _pendingResults.AddRange(mine.Results);
                _pendingWindows!.AddRange(mine.Windows);
                mine = null;
            }
        }
        var items = batches.Sum(b => b.Results.Count + b.Windows.Count);
        _ = InvokeAsync(async () =>
        {
            if (_disposed)
                return;
            var started = Stopwatch.GetTimestamp();
            if (_selected is null && _state.Locations.Count > 0 && !_loading)
            {
                await SelectAsync(_state.Locations[0]);
                return;
            }
            StateHasChanged();
            var sends = new List<Task>(3);
            if (mine is not null && mine.Location == _selected && _scoreChart is not null && _speedChart is not null && _maxChart is not null)
            {
                var (score, speed) = ResultSeries(mine.Results);
                sends.Add(_scoreChart.AppendAsync(score));
                sends.Add(_speedChart.AppendAsync(speed));
                sends.Add(_maxChart.AppendAsync(WindowSeries(mine.Windows)));
            }
            // Server time: render and queue the chart points; the browser's drawing is measured in the browser.
            Metrics.RecordPush(TelemetryMetrics.Dashboard, started, items);
            await Task.WhenAll(sends);
        });
    }

    private static IEnumerable<AnomalyResult> Deduplicate(IEnumerable<AnomalyResult> results) =>
        results.DistinctBy(r => (r.Reading.Turbine, r.Reading.Seq, r.Reading.Timestamp)).OrderBy(r => r.Reading.Timestamp);

    private static (IReadOnlyList<ChartSeries> Score, IReadOnlyList<ChartSeries> Speed) ResultSeries(IEnumerable<AnomalyResult> results)
    {
        var list = results as IReadOnlyCollection<AnomalyResult> ?? results.ToList();
        var score = new ChartSeries("Anomaly score", list.Select(r => ChartPoint.At(r.Reading.Timestamp, r.Score)).ToList());
        var speed = list.GroupBy(r => r.Reading.Turbine).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ChartSeries(g.Key, g.Select(r => ChartPoint.At(r.Reading.Timestamp, r.Reading.SpeedMph)).ToList())).ToList();
        return (list.Count == 0 ? [] : [score], speed);
    }

    private static IReadOnlyList<ChartSeries> WindowSeries(IEnumerable<MaxSpeedWindow> windows)
    {
        var points = windows.Select(w => ChartPoint.At(w.WindowStart, w.MaxSpeedMph)).ToList();
        return points.Count == 0 ? [] : [new ChartSeries("Max speed", points)];
    }

    private static string Slug(string location) => location.Replace(' ', '-');

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
    }
}
