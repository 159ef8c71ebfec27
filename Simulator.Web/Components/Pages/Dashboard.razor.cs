using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Components.Charts;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>
/// What maintenance teams watch. History comes from the tables (<see cref="TelemetryHistory"/>) and the incidents from
/// the alerts (<see cref="AlertService"/>), then the live <see cref="TelemetryFeed"/> and the alert store's changes
/// (subscribed after the first render, as eShop's order status refresh does) bring what lands; the charts get only the
/// new points and keep a bounded history. The status board latches alarms until acknowledged (<see cref="DashboardState"/>)
/// and turns silent locations to "No communication"; the page opens on the most severe location. Ranges longer than
/// <see cref="LiveRangeLimit"/> and custom ones are not live: they are read from the tables off the circuit's thread and
/// downsampled keeping each bucket's maxima (<see cref="TelemetryHistory.RangeAsync"/>), and can be downloaded as CSV.
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

    /// <summary>Most incidents read when the page opens (newest first); later ones come with the alert store's changes.</summary>
    public const int IncidentsRead = 200;

    /// <summary>
    /// The time ranges the charts can share; the first is the default. Up to <see cref="LiveRangeLimit"/> they are live;
    /// longer ones (and a custom range) are read from the tables and downsampled (<see cref="TelemetryHistory.RangeAsync"/>).
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> Ranges =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(7)];

    /// <summary>The longest range the charts follow live; longer ones are a picture of the tables, downsampled.</summary>
    public static readonly TimeSpan LiveRangeLimit = TimeSpan.FromMinutes(15);

    /// <summary>The longest custom range: the longest a CSV download covers, so that every range shown can be downloaded.</summary>
    public static readonly TimeSpan MaxCustomRange = HistoryExportEndpoints.MaxRange;

    /// <summary>How a custom range's ends are written (UTC).</summary>
    public const string CustomFormat = "yyyy-MM-dd HH:mm";

    /// <summary>How often the board is drawn again without new data, so that a silent location turns to "No communication".</summary>
    public static readonly TimeSpan BoardRefresh = TimeSpan.FromSeconds(1);

    /// <summary>The group of the three charts: one time window, aligned axes.</summary>
    private const string ChartGroup = "dashboard";

    /// <summary>The line colours: amber for cut-out, red for shutdown and the alert threshold, purple for the alert speed.</summary>
    private const string Amber = "#f57c00", Red = "#d32f2f", Purple = "#7b1fa2";

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
    private bool _canOperate;
    private string? _boardMessage;
    private TimeSpan _range = Ranges[0];
    private bool _showQuiet;
    private bool _warming;
    private int? _warmupRemaining;
    private ITimer? _refresh;
    private (DateTimeOffset From, DateTimeOffset To)? _custom;
    private bool _customOpen;
    private string? _customFrom;
    private string? _customTo;
    private string? _customError;
    private HistoryRange? _history;
    private bool _readingHistory;
    private bool _fillHistory;
    private CancellationTokenSource? _historyRead;
    private (string Location, string Turbine)? _turbine;
    private (DateTimeOffset From, DateTimeOffset To) _turbineRange;

    [Inject] private TelemetryFeed Feed { get; set; } = null!;
    [Inject] private TelemetryHistory History { get; set; } = null!;
    [Inject] private TelemetryMetrics Metrics { get; set; } = null!;
    [Inject] private IOptions<PipelineOptions> Settings { get; set; } = null!;
    [Inject] private IOptions<AlertOptions> AlertSettings { get; set; } = null!;
    [Inject] private IOptions<DashboardOptions> DashboardSettings { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private AlertService Alerts { get; set; } = null!;
    [Inject] private LatchAcknowledgements Latches { get; set; } = null!;
    [Inject] private ActionGuard Guard { get; set; } = null!;

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
            new(TurbineLimits.CutOutMph, $"Cut-out ({TurbineLimits.CutOutMph} mph)", Amber),
            new(TurbineLimits.ShutdownMph, $"Shutdown ({TurbineLimits.ShutdownMph} mph)", Red),
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

    /// <summary>
    /// The top of a chart's value axis at least: a round number a little above its highest line, so that every line shows
    /// with room for its label (null without lines): 4 for a threshold of 3, 90 for the shutdown line at 70 mph.
    /// </summary>
    internal static double? AxisTop(IReadOnlyList<ChartThreshold> lines)
    {
        if (lines.Count == 0)
            return null;
        var top = lines.Max(l => l.Value) * 1.15;
        var step = top >= 20 ? 10 : top >= 2 ? 1 : 0.1;
        return Math.Ceiling(top / step) * step;
    }

    /// <summary>What the newest anomalies are: the readings that raise alerts, by the alert settings' own rule; and the slower ones when shown.</summary>
    internal static string AnomalyLegend(AnomalyRule rule, bool showingSlower) => rule.MinSpeedMph <= 0
        ? "The readings that raise alerts, by the alert settings' own rule; every anomaly raises one."
        : showingSlower
            ? $"The readings that raise alerts (a bell), and anomalies slower than {rule.MinSpeedMph:0.#} mph that raise none (a crossed-out bell: ordinary wind that the forest found unusual)."
            : $"The readings that raise alerts, by the alert settings' own rule: an anomaly raises one at {rule.MinSpeedMph:0.#} mph or more.";

    /// <summary>The warm-up, said once for every location: why scores are 0 at first.</summary>
    internal static string WarmUpText(AnomalyDetectionOptions detection) => detection.KeyBy == DetectorKey.Turbine
        ? $"Scores stay 0 while a forest learns: each turbine's forest scores 0 for its first {detection.OutputAfter} readings."
        : $"Scores stay 0 while a forest learns: each location's forest scores 0 for its first {detection.OutputAfter} readings.";

    /// <summary>The selected location's warm-up, with the readings still to come when the table tells.</summary>
    internal static string WarmUpNow(string location, AnomalyDetectionOptions detection, int? remaining) => remaining is { } n
        ? $"{location} is warming up: {n} more reading{(n == 1 ? "" : "s")} before its scores start."
        : $"{location} is warming up: its scores so far are all 0.";

    /// <summary>A range button's label: "5 min", "1 h", "7 d".</summary>
    internal static string RangeLabel(TimeSpan range) => range < TimeSpan.FromHours(1) ? $"{range.TotalMinutes:0} min"
        : range <= TimeSpan.FromDays(1) ? $"{range.TotalHours:0} h" : $"{range.TotalDays:0} d";

    /// <summary>
    /// A custom range from its two fields (UTC, <see cref="CustomFormat"/>): null with <paramref name="error"/> naming the
    /// field and what is allowed when a field is missing or malformed, the range is empty or longer than <see cref="MaxCustomRange"/>.
    /// </summary>
    internal static (DateTimeOffset From, DateTimeOffset To)? ParseCustomRange(string? from, string? to, out string? error)
    {
        error = null;
        if (!TryParseUtc(from, out var start))
            error = $"From must be a UTC time written {CustomFormat}, such as 2026-11-30 12:00.";
        else if (!TryParseUtc(to, out var end))
            error = $"To must be a UTC time written {CustomFormat}, such as 2026-11-30 18:00.";
        else if (end <= start)
            error = "To must be after From.";
        else if (end - start > MaxCustomRange)
            error = $"The range may be at most {MaxCustomRange.TotalDays:0} days; from {start:yyyy-MM-dd HH:mm} to {end:yyyy-MM-dd HH:mm} is {(end - start).TotalDays:0.#} days.";
        else
            return (start, end);
        return null;
    }

    private static bool TryParseUtc(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text?.Trim(), CustomFormat, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>Whether the charts show a range read from the tables (not live).</summary>
    private bool IsHistory => _custom is not null || _range > LiveRangeLimit;

    /// <summary>The width of the charts' time axis.</summary>
    private TimeSpan ChartSpan => _custom is { } c ? c.To - c.From : _range;

    /// <summary>Where a history range's time axes end (taken by the charts when they are made for the range); null while live.</summary>
    private DateTimeOffset? HistoryEnd => IsHistory ? ShownRange().To : null;

    /// <summary>What identifies the shown range, so that the charts are made again when it changes.</summary>
    private string RangeKey => _custom is { } c ? $"{c.From.UtcTicks}-{c.To.UtcTicks}" : _range.ToString();

    /// <summary>The range shown now: the custom one, or the chosen length up to now.</summary>
    private (DateTimeOffset From, DateTimeOffset To) ShownRange()
    {
        if (_custom is { } custom)
            return custom;
        var now = Clock.GetUtcNow();
        return (now - _range, now);
    }

    /// <summary>The address of a CSV download of the shown range.</summary>
    private string ExportUrl(string path)
    {
        var (from, to) = _history is { } h && IsHistory ? (h.From, h.To) : ShownRange();
        return HistoryExportEndpoints.Url(path, _selected!, from, to);
    }

    /// <summary>A window length in words: "1 min", "10 s".</summary>
    internal static string WindowText(TimeSpan window) => window.TotalSeconds < 60 ? $"{window.TotalSeconds:0.#} s" : $"{window.TotalMinutes:0.#} min";

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _rule = new AnomalyRule(AlertSettings.Value);
        _state = new DashboardState(_rule);
        _scoreThresholds = ScoreLines(_rule);
        _speedThresholds = SpeedLines(_rule);
        foreach (var acknowledgement in Latches.All)
            _state.Acknowledge(acknowledgement);
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _canOperate = await Guard.AllowsAsync(AccessPolicies.Operate);

    /// <summary>Every location's card now.</summary>
    private IReadOnlyList<LocationStatus> Board() => _state.Board(Clock.GetUtcNow(), DashboardSettings.Value.SilenceAfter);

    /// <summary>The anomalies listed: those that raise alerts, and the slower ones too when asked for.</summary>
    private IReadOnlyList<AnomalyResult> ShownAnomalies() => !_showQuiet ? _state.NewestAnomalies
        : [.. _state.NewestAnomalies.Concat(_state.NewestAnomaliesBelowAlertSpeed).OrderByDescending(a => a.Reading.Timestamp)];

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Subscribe before reading history, so nothing lands unseen in between (duplicates are merged).
            _subscription = Feed.Subscribe(OnBatches);
            Alerts.Store.Changed += OnIncidentChanged;
            Latches.Recorded += OnLatchAcknowledged;
            _refresh = Clock.CreateTimer(_ => _ = InvokeAsync(() =>
            {
                if (!_disposed)
                    StateHasChanged();
            }), null, BoardRefresh, BoardRefresh);
            await ReloadAsync();
            return;
        }
        if (_fillHistory && _history is { } history && _scoreChart is not null && _speedChart is not null && _maxChart is not null)
        {
            _fillHistory = false;
            var score = history.Scores.Count == 0 ? [] : new[] { new ChartSeries("Anomaly score", history.Scores.Select(p => ChartPoint.At(p.Time, p.Score)).ToList()) };
            var speed = history.Turbines.GroupBy(p => p.Turbine).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ChartSeries(g.Key, g.Select(p => ChartPoint.At(p.Time, p.SpeedMph)).ToList())).ToList();
            var max = history.Windows.Count == 0 ? [] : new[] { new ChartSeries("Max speed", history.Windows.Select(p => ChartPoint.At(p.Time, p.MaxSpeedMph)).ToList()) };
            await Task.WhenAll(_scoreChart.SetSeriesAsync(score), _speedChart.SetSeriesAsync(speed), _maxChart.SetSeriesAsync(max));
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
            await ReadIncidentsAsync();
            var since = Clock.GetUtcNow() - HistoryWindow;
            var locations = await History.ActiveLocationsAsync(since);
            foreach (var location in locations)
                _state.Apply(await History.ResultsAsync(location, since, 200));
            _loading = false;
            var first = _selected ?? DashboardState.MostSevere(Board());
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

    /// <summary>The incidents, read before the readings so that acknowledged ones keep their readings from latching; a failure is said on the board.</summary>
    private async Task ReadIncidentsAsync()
    {
        try
        {
            _state.ApplyIncidents(await Alerts.ListAsync(IncidentsRead));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _boardMessage = $"Could not read the alerts, so the cards show no incidents: {e.Message}";
        }
    }

    private async Task SetRangeAsync(TimeSpan range)
    {
        _range = range;
        _custom = null;
        _customOpen = false;
        _turbineRange = ShownRange();
        if (_selected is not null)
            await SelectAsync(_selected);
    }

    /// <summary>Opens the custom range's fields, filled with the last two hours.</summary>
    private void OpenCustom()
    {
        _customOpen = !_customOpen;
        var (from, to) = _custom ?? (Clock.GetUtcNow() - TimeSpan.FromHours(2), Clock.GetUtcNow());
        _customFrom ??= from.UtcDateTime.ToString(CustomFormat, System.Globalization.CultureInfo.InvariantCulture);
        _customTo ??= to.UtcDateTime.ToString(CustomFormat, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Shows the custom range, or says what is wrong with its fields.</summary>
    private async Task ShowCustomAsync()
    {
        if (ParseCustomRange(_customFrom, _customTo, out _customError) is not { } range)
            return;
        _custom = range;
        _turbineRange = range;
        if (_selected is not null)
            await SelectAsync(_selected);
    }

    /// <summary>Opens a turbine's view over the shown range, showing its location's charts too.</summary>
    private async Task SelectTurbineAsync(TurbineStatus turbine)
    {
        _turbine = (turbine.Location, turbine.Turbine);
        _turbineRange = ShownRange();
        if (_selected != turbine.Location)
            await SelectAsync(turbine.Location);
    }

    /// <summary>
    /// Reads the shown range of a location from the tables off the circuit's thread (a 7-day range is many pages),
    /// cancelling any read still under way; the charts are filled after the next render.
    /// </summary>
    private async Task ReadHistoryAsync(string location)
    {
        _historyRead?.Cancel();
        _historyRead?.Dispose();
        var read = _historyRead = new CancellationTokenSource();
        var (from, to) = ShownRange();
        _readingHistory = true;
        _history = null;
        _warming = false;
        StateHasChanged();
        try
        {
            var range = await Task.Run(() => History.RangeAsync(location, from, to, cancellationToken: read.Token), read.Token);
            if (_selected != location || read.IsCancellationRequested)
                return;
            _history = range;
            _fillHistory = true;
        }
        catch (OperationCanceledException) when (read.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            _error = e.Message;
        }
        finally
        {
            if (_historyRead == read)
                _readingHistory = false;
        }
        StateHasChanged();
    }

    /// <summary>
    /// A card's Acknowledge, for an Operator (checked here on the server): its open incidents are acknowledged through
    /// the alerts, as in the alert list, which clears the alarms they cover; the alarms no incident covers are
    /// acknowledged up to the newest reading the card showed. Each is written to the audit log.
    /// </summary>
    private async Task AcknowledgeAsync(LocationStatus card)
    {
        var check = await Guard.CheckAsync(AccessPolicies.Operate, "acknowledge a location's alarms");
        if (check.Refusal is not null)
        {
            _boardMessage = check.Refusal;
            return;
        }
        try
        {
            foreach (var incident in card.OpenIncidents)
            {
                var stored = await Alerts.AcknowledgeAsync(incident.Location, incident.Id, check.UserName);
                _state.ApplyIncidents([stored]);
                await Guard.AuditAsync(check, AuditActions.Acknowledged, AuditDetails.Incident(incident, null) + ", from the status board");
            }
            var latched = Board().FirstOrDefault(s => s.Location == card.Location)?.AlarmedTurbines.ToList() ?? [];
            if (latched.Count > 0 && card.Turbines.Count > 0)
            {
                var upTo = card.Turbines.Max(t => t.Timestamp);
                Latches.Record(new LatchAcknowledgement(card.Location, upTo, check.UserName, Clock.GetUtcNow()));
                await Guard.AuditAsync(check, AuditActions.LatchAcknowledged, $"{card.Location}: " + string.Join("; ", latched.Select(t =>
                    $"{t.Turbine} {t.Latched!.Condition.Label()} at {t.Latched.SpeedMph:F1} mph ({t.Latched.At:yyyy-MM-dd HH:mm:ss}Z)")));
            }
            _boardMessage = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _boardMessage = $"Could not acknowledge the alarms of {card.Location}: {e.Message}";
        }
    }

    private void OnIncidentChanged(Incident incident)
    {
        _state.ApplyIncidents([incident]);
        _ = InvokeAsync(() =>
        {
            if (!_disposed)
                StateHasChanged();
        });
    }

    private void OnLatchAcknowledged(LatchAcknowledgement acknowledgement)
    {
        _state.Acknowledge(acknowledgement);
        _ = InvokeAsync(() =>
        {
            if (!_disposed)
                StateHasChanged();
        });
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
        if (IsHistory)
        {
            lock (_chartGate)
            {
                _pendingResults = null;
                _pendingWindows = null;
            }
            await ReadHistoryAsync(location);
            return;
        }
        _history = null;
        try
        {
            var since = Clock.GetUtcNow() - HistoryWindow;
            var results = await History.ResultsAsync(location, since, ScorePoints);
            var windows = await History.WindowsAsync(location, since, WindowPoints);
            await ReadWarmUpAsync(location, results);
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

    /// <summary>
    /// Whether the location's forest is still warming up (every score read so far is 0) and, when one forest serves the
    /// location and the table holds fewer readings of it than the warm-up, how many readings remain.
    /// </summary>
    private async Task ReadWarmUpAsync(string location, IReadOnlyList<AnomalyResult> results)
    {
        var detection = Settings.Value.AnomalyDetection;
        _warming = results.Count > 0 && results.All(r => r.Score == 0);
        _warmupRemaining = null;
        if (_warming && detection.KeyBy == DetectorKey.Location)
        {
            var count = await History.CountResultsAsync(location, detection.OutputAfter);
            if (count < detection.OutputAfter)
                _warmupRemaining = detection.OutputAfter - count;
        }
    }

    /// <summary>A live batch of the selected location moves its warm-up on: a score other than 0 ends it.</summary>
    private void AdvanceWarmUp(IReadOnlyList<AnomalyResult> results)
    {
        if (!_warming || results.Count == 0)
            return;
        if (results.Any(r => r.Score != 0))
        {
            _warming = false;
            _warmupRemaining = null;
        }
        else if (_warmupRemaining is { } remaining)
        {
            _warmupRemaining = Math.Max(1, remaining - results.Count);
        }
    }

    private void OnBatches(IReadOnlyList<TelemetryBatch> batches)
    {
        _state.Apply(batches.SelectMany(b => b.Results));
        TelemetryBatch? mine = null;
        lock (_chartGate)
        {
            // A range read from the tables is a picture of them: live points would not fit its buckets.
            mine = IsHistory ? null : batches.FirstOrDefault(b => b.Location == _selected);
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
            if (_selected is null && !_loading && DashboardState.MostSevere(Board()) is { } severe)
            {
                await SelectAsync(severe);
                return;
            }
            if (batches.FirstOrDefault(b => b.Location == _selected) is { } selected)
                AdvanceWarmUp(selected.Results);
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

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _historyRead?.Cancel();
        _historyRead?.Dispose();
        _subscription?.Dispose();
        _refresh?.Dispose();
        Alerts.Store.Changed -= OnIncidentChanged;
        Latches.Recorded -= OnLatchAcknowledged;
    }
}
