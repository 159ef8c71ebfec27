using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TurbineConsole.Pipeline.Health;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Simulator.Web.Operations;

/// <summary>One row of the Pipeline page: a consumer on a shard, as the page shows it.</summary>
/// <param name="Status">The shard's status.</param>
/// <param name="Kind">"job" or "function".</param>
/// <param name="RecordsPerSecond">Records read per second since the page's previous look; null on its first.</param>
/// <param name="Health">Healthy, degraded or unhealthy by the readiness rules.</param>
/// <param name="HealthText">What the rules say about it.</param>
public sealed record PipelineRow(ConsumerStatus Status, string Kind, double? RecordsPerSecond, HealthStatus Health, string HealthText);

/// <summary>
/// What the Pipeline page shows, as Flink's and Kinesis's consoles do: per consumer and shard its position, lag,
/// throughput, last checkpoint, state size, last error and health. Keeps the previous look's counts, so throughput is
/// the records read between two looks.
/// </summary>
public sealed class PipelineView(HealthOptions options)
{
    private readonly Dictionary<(string Consumer, string Shard), (long RecordsIn, DateTimeOffset At)> _previous = [];

    /// <summary>The rows for <paramref name="statuses"/> at <paramref name="now"/>; <paramref name="jobs"/> names the consumers that are jobs.</summary>
    public IReadOnlyList<PipelineRow> Look(IEnumerable<ConsumerStatus> statuses, IReadOnlySet<string> jobs, DateTimeOffset now)
    {
        var rows = new List<PipelineRow>();
        foreach (var status in statuses)
        {
            var key = (status.Consumer, status.ShardId);
            double? rate = null;
            if (_previous.TryGetValue(key, out var before) && now > before.At)
                rate = Math.Max(0, status.RecordsIn - before.RecordsIn) / (now - before.At).TotalSeconds;
            _previous[key] = (status.RecordsIn, now);
            var (health, text) = ConsumerHealthCheck.Judge(status, options, now);
            rows.Add(new PipelineRow(status, jobs.Contains(status.Consumer) ? "job" : "function", rate, health, text));
        }

        return rows;
    }

    /// <summary>"caught up", or how far behind, in words ("2 min 14 s behind").</summary>
    public static string Lag(long millisBehindLatest) =>
        millisBehindLatest <= 0 ? "caught up" : HumanDuration.Format(TimeSpan.FromMilliseconds(millisBehindLatest)) + " behind";

    /// <summary>A size in bytes as KB or MB (1,000-based, as disks are sold); "-" when unknown.</summary>
    public static string Size(long? bytes) => bytes switch
    {
        null => "-",
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:F1} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F1} MB"),
    };

    /// <summary>A time and how long ago it was ("12:03:04, 5 s ago"); "never" when null.</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } time ? $"{time.ToLocalTime():HH:mm:ss}, {HumanDuration.Format(now - time)} ago" : "never";

    /// <summary>Records per second, one decimal; "-" before a rate is known.</summary>
    public static string Rate(double? perSecond) =>
        perSecond is { } rate ? rate.ToString("N1", CultureInfo.InvariantCulture) + "/s" : "-";
}
