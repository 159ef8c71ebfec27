using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TurbineConsole.Simulator.Web.Operations;

/// <summary>
/// The newest readiness report, for the app's own pages (the unhealthy banner, the Pipeline page): the health checks'
/// publisher runs the readiness checks every <c>Pipeline:Health:Interval</c> and hands the report here, so a page
/// never runs the checks itself. Logs one line per change of readiness, not one per run.
/// </summary>
public sealed class ReadinessMonitor(ILogger<ReadinessMonitor> logger) : IHealthCheckPublisher
{
    private volatile HealthReport? _last;

    /// <summary>Raised after each new report (on the publisher's thread).</summary>
    public event Action? Changed;

    /// <summary>The newest report; null before the first.</summary>
    public HealthReport? Last => _last;

    /// <summary>What is wrong, one line per unhealthy readiness check (its description); empty while ready.</summary>
    public IReadOnlyList<string> Problems => Unhealthy(_last);

    /// <inheritdoc />
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        var before = Unhealthy(_last);
        _last = report;
        var now = Unhealthy(report);
        if (now.Count > 0 && before.Count == 0)
            logger.LogWarning("The pipeline is not ready: {Problems}", string.Join(" ", now));
        else if (now.Count == 0 && before.Count > 0)
            logger.LogInformation("The pipeline is ready again.");
        Changed?.Invoke();
        return Task.CompletedTask;
    }

    private static IReadOnlyList<string> Unhealthy(HealthReport? report) =>
        report is null ? [] : [.. report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Value.Description ?? e.Key)];
}
