using System.Globalization;
using Microsoft.AspNetCore.Components;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Components.Charts;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Simulator.Web.Components.Dashboard;

/// <summary>
/// One turbine over the dashboard's range, read from the wind data table (<see cref="TelemetryHistory.TurbineAsync"/>) off
/// the circuit's thread: its speed per bucket (the highest), its highest score, and its anomalies with the detector's
/// expected speed ("should have been about N mph") and its attribution (how much of the score came from the speed being
/// too high or too low).
/// </summary>
public sealed partial class TurbineView : IDisposable
{
    private TurbineHistory? _history;
    private string? _error;
    private ApexChart? _chart;
    private bool _fill;
    private string? _shownKey;
    private CancellationTokenSource? _read;

    /// <summary>The turbine's location.</summary>
    [Parameter, EditorRequired] public required string Location { get; set; }

    /// <summary>The turbine.</summary>
    [Parameter, EditorRequired] public required string Turbine { get; set; }

    /// <summary>Start of the range (UTC).</summary>
    [Parameter, EditorRequired] public required DateTimeOffset From { get; set; }

    /// <summary>End of the range (UTC).</summary>
    [Parameter, EditorRequired] public required DateTimeOffset To { get; set; }

    /// <summary>Which readings are anomalies: the alert settings' rule, as in the newest anomalies.</summary>
    [Parameter, EditorRequired] public required AnomalyRule Rule { get; set; }

    /// <summary>Raised when the view is closed.</summary>
    [Parameter] public EventCallback Closed { get; set; }

    [Inject] private TelemetryHistory History { get; set; } = null!;

    /// <summary>What an anomaly's expected value says: "should have been about 14 mph", or that the detector gave none.</summary>
    internal static string ExpectedText(AnomalyResult anomaly) => anomaly.ExpectedSpeedMph is { } expected
        ? $"should have been about {expected:0} mph"
        : "no expected value recorded";

    /// <summary>
    /// What an anomaly's attribution says: which way the speed drove the score and how much of it ("the speed was too
    /// high: 96 % of the score 3.2"), or that the detector gave none (a result written before attributions were kept).
    /// </summary>
    internal static string AttributionText(AnomalyResult anomaly)
    {
        if (anomaly.Attribution is not { HighFraction: { } high } attribution)
            return "no attribution recorded";
        var (direction, share) = attribution.High >= attribution.Low ? ("high", high) : ("low", 1 - high);
        return string.Create(CultureInfo.InvariantCulture, $"the speed was too {direction}: {share:P0} of the score {attribution.High + attribution.Low:0.##}");
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Location}|{Turbine}|{From.UtcTicks}|{To.UtcTicks}";
        if (key == _shownKey)
            return;
        _shownKey = key;
        _read?.Cancel();
        _read?.Dispose();
        var read = _read = new CancellationTokenSource();
        _history = null;
        _error = null;
        try
        {
            var (location, turbine, from, to, rule) = (Location, Turbine, From, To, Rule);
            var history = await Task.Run(() => History.TurbineAsync(location, turbine, from, to, rule.IsAnomaly, cancellationToken: read.Token), read.Token);
            if (read.IsCancellationRequested)
                return;
            _history = history with { Anomalies = [.. history.Anomalies.OrderByDescending(a => a.Reading.Timestamp)] };
            _fill = true;
        }
        catch (OperationCanceledException) when (read.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _error = e.Message;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_fill && _chart is not null && _history is { } history)
        {
            _fill = false;
            var speed = history.Range.Turbines.Select(p => ChartPoint.At(p.Time, p.SpeedMph)).ToList();
            var expected = history.Anomalies.Where(a => a.ExpectedSpeedMph is not null)
                .OrderBy(a => a.Reading.Timestamp).Select(a => ChartPoint.At(a.Reading.Timestamp, a.ExpectedSpeedMph!.Value)).ToList();
            var series = new List<ChartSeries>();
            if (speed.Count > 0)
                series.Add(new ChartSeries($"{Turbine} (highest per bucket)", speed));
            if (expected.Count > 0)
                series.Add(new ChartSeries("Expected at anomalies", expected));
            await _chart.SetSeriesAsync(series);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _read?.Cancel();
        _read?.Dispose();
    }
}
