using Microsoft.Extensions.Diagnostics.HealthChecks;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Health;

/// <summary>
/// Readiness of the backend: two cheap calls through the ports (the wind-data stream's shards, the wind-data table's
/// description), each within <see cref="HealthOptions.BackendTimeout"/>. Unhealthy with the backend's error when it does
/// not answer, or when the stream or the table is missing.
/// </summary>
public sealed class BackendHealthCheck(PipelineBackend backend, PipelineOptions pipeline, HealthOptions options) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.BackendTimeout);
        try
        {
            var shards = await backend.Streams.ListShardsAsync(pipeline.Streams.WindData, timeout.Token);
            if (await backend.Tables.DescribeTableAsync(pipeline.Tables.WindData, timeout.Token) is null)
                return HealthCheckResult.Unhealthy($"The {pipeline.Backend} backend answers, but table {pipeline.Tables.WindData} does not exist.");
            return HealthCheckResult.Healthy($"The {pipeline.Backend} backend answers: stream {pipeline.Streams.WindData} has {shards.Count} shard(s), table {pipeline.Tables.WindData} exists.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {pipeline.Backend} backend did not answer within {HumanDuration.Format(options.BackendTimeout)} ({HealthOptions.Section}:BackendTimeout).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The {pipeline.Backend} backend fails: {e.Message}");
        }
    }
}
