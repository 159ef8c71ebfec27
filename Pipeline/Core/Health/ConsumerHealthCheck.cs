using Microsoft.Extensions.Diagnostics.HealthChecks;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Health;

/// <summary>
/// Readiness of one consumer (a job, or a function's event source mapping), from its shards' <see cref="ConsumerStatus"/>:
/// each shard made progress recently (a batch, or a poll that found nothing new to read), is not further behind than
/// <see cref="HealthOptions.MaxLag"/>, and is not stuck in its retry loop. The description names the shard and says
/// what is wrong, with the consumer's last error.
/// </summary>
public sealed class ConsumerHealthCheck(string consumer, Func<IReadOnlyList<ConsumerStatus>> status, HealthOptions options, TimeProvider? timeProvider = null)
    : IHealthCheck
{
    /// <summary>Longest error text a description carries, so that a long message does not flood a banner or a probe's log.</summary>
    private const int MaxErrorLength = 300;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Evaluate(consumer, status(), options, _time.GetUtcNow()));

    /// <summary>The consumer's result from its shards: the worst shard decides, and every shard that is not healthy is named.</summary>
    public static HealthCheckResult Evaluate(string consumer, IReadOnlyList<ConsumerStatus> shards, HealthOptions options, DateTimeOffset now)
    {
        if (shards.Count == 0)
            return HealthCheckResult.Degraded($"{consumer}: not reading yet (no shard of its stream has been listed).");
        var verdicts = shards.Select(s => Judge(s, options, now)).ToList();
        var worst = verdicts.Min(v => v.Status);
        if (worst == HealthStatus.Healthy)
        {
            var behind = shards.Max(s => s.MillisBehindLatest);
            return HealthCheckResult.Healthy(behind == 0
                ? $"{consumer}: {shards.Count} shard(s), caught up."
                : $"{consumer}: {shards.Count} shard(s), at most {HumanDuration.Format(TimeSpan.FromMilliseconds(behind))} behind.");
        }

        return new HealthCheckResult(worst, string.Join(" ", verdicts.Where(v => v.Status != HealthStatus.Healthy).Select(v => v.Description)));
    }

    /// <summary>One shard's status and what to say about it (failing, stalled, too far behind, or fine).</summary>
    public static (HealthStatus Status, string Description) Judge(ConsumerStatus shard, HealthOptions options, DateTimeOffset now)
    {
        var name = $"{shard.Consumer} {shard.ShardId}";
        if (shard.FailingSince is { } since)
        {
            var failing = now - since;
            var error = shard.LastError is { Length: > MaxErrorLength } e ? e[..MaxErrorLength] + "..." : shard.LastError;
            return (failing >= options.FailingAfter ? HealthStatus.Unhealthy : HealthStatus.Degraded,
                $"{name}: failing for {HumanDuration.Format(failing)} ({shard.ConsecutiveFailures} {(shard.ConsecutiveFailures == 1 ? "attempt" : "attempts")}): {error}");
        }

        var quiet = now - shard.LastProgressAt;
        if (quiet > options.StalledAfter)
            return (HealthStatus.Unhealthy, $"{name}: no progress for {HumanDuration.Format(quiet)} (more than {HealthOptions.Section}:StalledAfter).");
        var lag = TimeSpan.FromMilliseconds(shard.MillisBehindLatest);
        if (lag > options.MaxLag)
            return (HealthStatus.Unhealthy, $"{name}: {HumanDuration.Format(lag)} behind the newest record (more than {HealthOptions.Section}:MaxLag, {HumanDuration.Format(options.MaxLag)}).");
        return (HealthStatus.Healthy, lag == TimeSpan.Zero ? $"{name}: caught up." : $"{name}: {HumanDuration.Format(lag)} behind.");
    }
}
