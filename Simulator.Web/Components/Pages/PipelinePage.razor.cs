using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Health;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Simulator.Web.Operations;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>
/// The Pipeline page: every consumer on every shard, live (a timer, every second, stopped with the page), and the
/// readiness checks as the <see cref="ReadinessMonitor"/> last saw them (shown as soon as they change, like the banner).
/// </summary>
public sealed partial class PipelinePage : IDisposable
{
    private static readonly TimeSpan s_refresh = TimeSpan.FromSeconds(1);

    private Timer? _timer;
    private PipelineView _view = null!;
    private IReadOnlySet<string> _jobs = new HashSet<string>();
    private IReadOnlyList<PipelineRow> _rows = [];
    private DateTimeOffset _now;

    [Inject]
    private TurbinePipeline Pipeline { get; set; } = null!;

    [Inject]
    private AlertPipeline Alerts { get; set; } = null!;

    [Inject]
    private IOptions<AlertOptions> AlertOptions { get; set; } = null!;

    [Inject]
    private IOptions<HealthOptions> HealthOptions { get; set; } = null!;

    [Inject]
    private ReadinessMonitor Readiness { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    private string HumanInterval => HumanDuration.Format(HealthOptions.Value.Interval);

    protected override void OnInitialized()
    {
        _view = new PipelineView(HealthOptions.Value);
        _jobs = new HashSet<string>(StringComparer.Ordinal) { Pipeline.AnomalyDetection.Job.Name, Pipeline.MaxSpeed.Job.Name, Pipeline.Rollup.Job.Name };
        Look();
        Readiness.Changed += OnReadinessChanged;
    }

    private void OnReadinessChanged() => _ = InvokeAsync(StateHasChanged);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
            _timer = new Timer(_ => _ = InvokeAsync(() => { Look(); StateHasChanged(); }), null, s_refresh, s_refresh);
    }

    private void Look()
    {
        _now = Time.GetUtcNow();
        IEnumerable<ConsumerStatus> statuses = Pipeline.Status;
        if (AlertOptions.Value.Enabled)
            statuses = statuses.Concat(Alerts.Mapping.Status);
        _rows = _view.Look(statuses, _jobs, _now);
    }

    private static MudBlazor.Color Color(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => MudBlazor.Color.Success,
        HealthStatus.Degraded => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Error,
    };

    private static string HealthLabel(PipelineRow row) => row.Health switch
    {
        HealthStatus.Healthy => "Healthy",
        _ when row.Status.State == ConsumerState.Failing => "Failing",
        HealthStatus.Degraded => "Degraded",
        _ => "Unhealthy",
    };

    public void Dispose()
    {
        Readiness.Changed -= OnReadinessChanged;
        _timer?.Dispose();
    }
}
