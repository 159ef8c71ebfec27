using System.Globalization;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Resilience;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Configuration;

/// <summary>Checks every pipeline setting at start, naming the setting and the allowed values.</summary>
public sealed class PipelineOptionsValidator : SettingsValidator<PipelineOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(PipelineOptions options) => Errors(options);

    /// <summary>Every problem of the settings, one message each; none when they are valid.</summary>
    public static IEnumerable<string> Errors(PipelineOptions o)
    {
        const string p = PipelineOptions.Section;
        if (!Enum.IsDefined(o.Backend))
            yield return $"{p}:Backend must be Embedded or Aws.";
        if (!Enum.IsDefined(o.Role))
        {
            yield return $"{p}:Role must be All, Web or Worker.";
        }
        else if (o.Role != ProcessRole.All)
        {
            if (o.Backend == BackendKind.Embedded)
                yield return $"{p}:Role is {o.Role}, but the embedded backend runs in one process only: set {p}:Role to All, or {p}:Backend to Aws for a cluster.";
            foreach (var error in ClusterErrors(o.Cluster))
                yield return error;
        }

        if (string.IsNullOrWhiteSpace(o.DataDirectory))
            yield return $"{p}:DataDirectory must name a folder for the embedded database, for example \"data\".";
        foreach (var (key, value) in new[] { ("WindData", o.Streams.WindData), ("AnomalyDetection", o.Streams.AnomalyDetection), ("MaxWindSpeed", o.Streams.MaxWindSpeed), ("WindRollup", o.Streams.WindRollup) })
        {
            if (KinesisRules.StreamNameError(value) is { } error)
                yield return $"{p}:Streams:{key}: {error}";
        }

        if (new[] { o.Streams.WindData, o.Streams.AnomalyDetection, o.Streams.MaxWindSpeed, o.Streams.WindRollup }.Distinct(StringComparer.Ordinal).Count() < 4)
            yield return $"{p}:Streams: the four streams must have different names.";
        if (o.Streams.ShardCount is < 1 or > 64)
            yield return $"{p}:Streams:ShardCount must be 1 to 64; it is {o.Streams.ShardCount}.";
        if (o.Streams.Retention < TimeSpan.FromHours(24) || o.Streams.Retention > TimeSpan.FromDays(365))
            yield return $"{p}:Streams:Retention must be 24:00:00 to 365.00:00:00 (Kinesis limits); it is {o.Streams.Retention}.";
        foreach (var (key, value) in new[] { ("WindData", o.Tables.WindData), ("MaxWindSpeed", o.Tables.MaxWindSpeed), ("WindRollup", o.Tables.WindRollup) })
        {
            if (DynamoDbRules.TableNameError(value) is { } error)
                yield return $"{p}:Tables:{key}: {error}";
        }

        var a = o.AnomalyDetection;
        if (!Enum.IsDefined(a.KeyBy))
            yield return $"{p}:AnomalyDetection:KeyBy must be Location or Turbine.";
        if (a.NumberOfTrees is < 1 or > 1000)
            yield return $"{p}:AnomalyDetection:NumberOfTrees must be 1 to 1000; it is {a.NumberOfTrees}.";
        if (a.SampleSize is < 4 or > 4096)
            yield return $"{p}:AnomalyDetection:SampleSize must be 4 to 4096; it is {a.SampleSize}.";
        if (a.ShingleSize is < 1 or > 64)
            yield return $"{p}:AnomalyDetection:ShingleSize must be 1 to 64; it is {a.ShingleSize}.";
        if (a.OutputAfter < 1)
            yield return $"{p}:AnomalyDetection:OutputAfter must be at least 1; it is {a.OutputAfter}.";
        if (a.BoundingBoxCacheFraction is { } fraction && !(fraction is >= 0 and <= 1))
            yield return $"{p}:AnomalyDetection:BoundingBoxCacheFraction must be 0 to 1 (or unset for 0 at shingle 1 and 1 above); it is {fraction.ToString(CultureInfo.InvariantCulture)}.";
        if (o.MaxSpeed.Window < TimeSpan.FromSeconds(1) || o.MaxSpeed.Window > TimeSpan.FromDays(1))
            yield return $"{p}:MaxSpeed:Window must be 00:00:01 to 1.00:00:00; it is {o.MaxSpeed.Window}.";
        if (o.MaxSpeed.AllowedLateness < TimeSpan.Zero || o.MaxSpeed.AllowedLateness > o.MaxSpeed.Window * 10)
            yield return $"{p}:MaxSpeed:AllowedLateness must be 0 to ten windows; it is {o.MaxSpeed.AllowedLateness}.";
        if (o.EventTime.MaxAheadOfArrival <= TimeSpan.Zero || o.EventTime.MaxAheadOfArrival > TimeSpan.FromDays(1))
            yield return $"{p}:EventTime:MaxAheadOfArrival must be 00:00:00.001 to 1.00:00:00 (a reading stamped further ahead of its arrival is refused); it is {o.EventTime.MaxAheadOfArrival}.";
        if (o.EventTime.MaxBehindArrival <= TimeSpan.Zero)
            yield return $"{p}:EventTime:MaxBehindArrival must be positive, for example 365.00:00:00; it is {o.EventTime.MaxBehindArrival}.";
        if (o.Retention.DeadLetters < TimeSpan.FromHours(1))
            yield return $"{p}:Retention:DeadLetters must be at least 01:00:00 (time to notice, fix and re-drive); it is {o.Retention.DeadLetters}.";
        if (o.Retention.WindData < TimeSpan.Zero || (o.Retention.WindData > TimeSpan.Zero && o.Retention.WindData < TimeSpan.FromHours(1)))
            yield return $"{p}:Retention:WindData must be zero (keep for good) or at least 01:00:00; it is {o.Retention.WindData}.";
        if (o.Retention.MaxWindSpeed < TimeSpan.Zero || (o.Retention.MaxWindSpeed > TimeSpan.Zero && o.Retention.MaxWindSpeed < TimeSpan.FromHours(1)))
            yield return $"{p}:Retention:MaxWindSpeed must be zero (keep for good) or at least 01:00:00; it is {o.Retention.MaxWindSpeed}.";
        if (o.Retention.WindRollup < TimeSpan.Zero || (o.Retention.WindRollup > TimeSpan.Zero && o.Retention.WindRollup < TimeSpan.FromHours(1)))
            yield return $"{p}:Retention:WindRollup must be zero (keep for good) or at least 01:00:00; it is {o.Retention.WindRollup}.";
        if (o.Retention.SweepInterval < TimeSpan.FromSeconds(1) || o.Retention.SweepInterval > TimeSpan.FromDays(1))
            yield return $"{p}:Retention:SweepInterval must be 00:00:01 to 1.00:00:00; it is {o.Retention.SweepInterval}.";
        if (o.MaxSpeed.IdleTimeout < TimeSpan.Zero)
            yield return $"{p}:MaxSpeed:IdleTimeout must be zero (never) or positive; it is {o.MaxSpeed.IdleTimeout}.";
        if (o.Jobs.BatchSize is < 1 or > 10_000)
            yield return $"{p}:Jobs:BatchSize must be 1 to 10000; it is {o.Jobs.BatchSize}.";
        if (o.Jobs.CheckpointInterval < TimeSpan.Zero)
            yield return $"{p}:Jobs:CheckpointInterval must not be negative.";
        if (o.Jobs.KeyIdleAfter < TimeSpan.Zero)
            yield return $"{p}:Jobs:KeyIdleAfter must be zero (keep every key in memory) or positive; it is {o.Jobs.KeyIdleAfter}.";
        if (o.Jobs.MaxKeysPerShard is < 1 or > 1_000_000)
            yield return $"{p}:Jobs:MaxKeysPerShard must be 1 to 1000000; it is {o.Jobs.MaxKeysPerShard}.";
        foreach (var (key, interval) in new[] { ("Jobs", o.Jobs.ShardDiscoveryInterval), ("Functions", o.Functions.ShardDiscoveryInterval) })
        {
            if (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromMinutes(10))
                yield return $"{p}:{key}:ShardDiscoveryInterval must be 00:00:00.1 to 00:10:00; it is {interval}.";
        }
        if (o.Jobs.PollInterval <= TimeSpan.Zero || o.Functions.PollInterval <= TimeSpan.Zero)
            yield return $"{p}:Jobs:PollInterval and {p}:Functions:PollInterval must be positive.";
        if (o.Functions.BatchSize is < 1 or > 10_000)
            yield return $"{p}:Functions:BatchSize must be 1 to 10000 (Lambda's limit); it is {o.Functions.BatchSize}.";
        if (o.Functions.BatchingWindow < TimeSpan.Zero || o.Functions.BatchingWindow > TimeSpan.FromMinutes(5))
            yield return $"{p}:Functions:BatchingWindow must be 0 to 00:05:00 (Lambda's limit); it is {o.Functions.BatchingWindow}.";
        if (o.Functions.MaxRetryAttempts is not null)
        {
            yield return $"{p}:Functions:MaxRetryAttempts is no longer a setting: a batch a function fails to store is retried from its checkpoint until it is stored "
                + $"(first after {p}:Functions:RetryBackoff, then waiting longer each time, at most 30 s), its consumer shows as failing meanwhile, and nothing is dead-lettered for it. Remove the setting.";
        }

        foreach (var (key, backoff) in new[] { ("Jobs", o.Jobs.RetryBackoff), ("Functions", o.Functions.RetryBackoff) })
        {
            if (backoff <= TimeSpan.Zero || backoff > PipelineResilience.ShardRestartMaxDelay)
                yield return $"{p}:{key}:RetryBackoff must be 00:00:00.001 to {PipelineResilience.ShardRestartMaxDelay}; it is {backoff}.";
        }
    }

    /// <summary>The problems of the <c>Pipeline:Cluster</c> settings.</summary>
    private static IEnumerable<string> ClusterErrors(ClusterOptions c)
    {
        const string p = PipelineOptions.Section + ":Cluster";
        if (string.IsNullOrWhiteSpace(c.Redis))
            yield return $"{p}:Redis must name the Redis server of the cluster, for example \"127.0.0.1:6379\".";
        if (string.IsNullOrWhiteSpace(c.ClusterId) || c.ClusterId.Length > 100 || !c.ClusterId.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            yield return $"{p}:ClusterId must be 1 to 100 letters, digits, '-', '_' or '.'.";
        if (c.AdvertisedAddress.Length > 0 && !System.Net.IPAddress.TryParse(c.AdvertisedAddress, out _))
            yield return $"{p}:AdvertisedAddress must be an IP address (or empty for this machine's first); it is not.";
        if (c.SiloPort is < 1 or > 65535)
            yield return $"{p}:SiloPort must be 1 to 65535; it is {c.SiloPort}.";
        if (c.KeeperInterval < TimeSpan.FromMilliseconds(100) || c.KeeperInterval > TimeSpan.FromMinutes(1))
            yield return $"{p}:KeeperInterval must be 00:00:00.1 to 00:01:00; it is {c.KeeperInterval}.";
        if (c.ProbeTimeout < TimeSpan.FromMilliseconds(100) || c.ProbeTimeout > TimeSpan.FromMinutes(1))
            yield return $"{p}:ProbeTimeout must be 00:00:00.1 to 00:01:00; it is {c.ProbeTimeout}.";
        if (c.IAmAliveInterval < TimeSpan.FromSeconds(1) || c.IAmAliveInterval > TimeSpan.FromMinutes(5))
            yield return $"{p}:IAmAliveInterval must be 00:00:01 to 00:05:00; it is {c.IAmAliveInterval}.";
    }
}
