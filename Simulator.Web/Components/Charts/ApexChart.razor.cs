using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace TurbineConsole.Simulator.Web.Components.Charts;

/// <summary>
/// A time-series chart drawn by ApexCharts in the browser (<c>wwwroot/js/apexChart.js</c>). Series are set with
/// <see cref="SetSeriesAsync"/> and grown with <see cref="AppendAsync"/>, which sends only the new points; the browser
/// keeps at most <see cref="MaxPoints"/> per series. Calls made before the chart exists are queued.
/// </summary>
public sealed partial class ApexChart
{
    /// <summary>Where the module is served.</summary>
    public const string ModulePath = "./js/apexChart.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    /// <summary>The element id, unique on the page; also the chart's id in the JS module.</summary>
    [Parameter, EditorRequired] public required string ChartId { get; set; }

    /// <summary>What the chart shows, for screen readers.</summary>
    [Parameter] public string Title { get; set; } = "";

    /// <summary>How the series are drawn.</summary>
    [Parameter] public ChartKind Kind { get; set; } = ChartKind.Line;

    /// <summary>Height in pixels.</summary>
    [Parameter] public int Height { get; set; } = 260;

    /// <summary>Title of the value axis.</summary>
    [Parameter] public string YAxisTitle { get; set; } = "";

    /// <summary>Lowest value of the value axis, or null to fit the data.</summary>
    [Parameter] public double? YMin { get; set; }

    /// <summary>Highest value of the value axis, or null to fit the data.</summary>
    [Parameter] public double? YMax { get; set; }

    /// <summary>
    /// The value axis reaches at least this high, whatever the data (null: it fits the data). So that a limit line
    /// (<see cref="Thresholds"/>) is always on the chart, not only once the data reaches it.
    /// </summary>
    [Parameter] public double? YMaxAtLeast { get; set; }

    /// <summary>
    /// Charts with the same group share one time window: <see cref="TimeRange"/> wide, ending at the newest point of any
    /// of them, so their time axes line up (null: the chart's window ends at its own newest point).
    /// </summary>
    [Parameter] public string? Group { get; set; }

    /// <summary>Width in pixels of the value axis's labels, fixed so that charts stacked or side by side start their plots at the same place.</summary>
    [Parameter] public int YLabelWidth { get; set; } = 48;

    /// <summary>Decimals shown on the value axis.</summary>
    [Parameter] public int Decimals { get; set; } = 1;

    /// <summary>Horizontal lines drawn across the chart.</summary>
    [Parameter] public IReadOnlyList<ChartThreshold> Thresholds { get; set; } = [];

    /// <summary>Marker size in pixels on lines and dots (0 draws lines only).</summary>
    [Parameter] public int MarkerSize { get; set; }

    /// <summary>Width of the time axis, ending at the newest point, or null to fit the data (a lone point then spans days).</summary>
    [Parameter] public TimeSpan? TimeRange { get; set; }

    /// <summary>
    /// When set, a grouped chart's time window ends here instead of at the group's newest point (a history range, whose
    /// end is known): every chart of the group then has its window at once and is drawn once when filled.
    /// </summary>
    [Parameter] public DateTimeOffset? WindowEnd { get; set; }

    /// <summary>Most points kept per series; older ones are dropped.</summary>
    [Parameter] public int MaxPoints { get; set; } = 600;

    /// <summary>What the chart says while it has no points.</summary>
    [Parameter] public string EmptyText { get; set; } = "No data yet";

    /// <summary>Replaces all series.</summary>
    public async Task SetSeriesAsync(IReadOnlyList<ChartSeries> series)
    {
        if (await ReadyAsync() is { } module)
            await module.InvokeVoidAsync("setSeries", ChartId, series);
    }

    /// <summary>Appends new points to series by name; a new name adds a series.</summary>
    public async Task AppendAsync(IReadOnlyList<ChartSeries> series)
    {
        if (series.Count == 0 || series.All(s => s.Points.Count == 0))
            return;
        if (await ReadyAsync() is { } module)
            await module.InvokeVoidAsync("append", ChartId, series);
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await _module.InvokeVoidAsync("create", _element, ChartId, new
            {
                kind = Kind.ToString().ToLowerInvariant(),
                height = Height,
                yTitle = YAxisTitle,
                yMin = YMin,
                yMax = YMax,
                yMaxAtLeast = YMaxAtLeast,
                yLabelWidth = YLabelWidth,
                group = Group,
                decimals = Decimals,
                maxPoints = MaxPoints,
                xRangeMs = TimeRange?.TotalMilliseconds,
                xMaxMs = WindowEnd?.ToUnixTimeMilliseconds(),
                markerSize = Kind == ChartKind.Scatter ? Math.Max(MarkerSize, 3) : MarkerSize,
                emptyText = EmptyText,
                thresholds = Thresholds.Select(t => new { value = t.Value, label = t.Label, color = t.Color }),
            });
            _ready.TrySetResult();
        }
        catch (JSDisconnectedException)
        {
            _ready.TrySetResult();
        }
    }

    private async Task<IJSObjectReference?> ReadyAsync()
    {
        await _ready.Task;
        return _disposed ? null : _module;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _ready.TrySetResult();
        if (_module is null)
            return;
        try
        {
            await _module.InvokeVoidAsync("destroy", ChartId);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
