using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The pipeline's meter (<see cref="MeterName"/>), in the .NET metrics API so that the core needs no exporter: records
/// in and out and batch durations per consumer and shard, each shard's iterator age, checkpoint age and size and
/// failures in a row (observed from <see cref="ConsumerStatus"/> when collected), dead letters per consumer and reason,
/// and alert deliveries per channel. Tags are only ever a consumer, a shard, a channel or a reason category: never a
/// value from a record (a location has no bound on its number, and would make a series each). With no listener a
/// measurement costs almost nothing; OpenTelemetry (the web app's <c>/metrics</c>) or a test's
/// <see cref="MeterListener"/> collects it.
/// </summary>
public sealed class PipelineMetrics
{
    /// <summary>The meter's name, after the component.</summary>
    public const string MeterName = "TurbineConsole.Pipeline";

    /// <summary>Counter of records read by a consumer.</summary>
    public const string RecordsInName = "turbineconsole.pipeline.records.in";

    /// <summary>Counter of records a job put into its output stream, or a function accepted.</summary>
    public const string RecordsOutName = "turbineconsole.pipeline.records.out";

    /// <summary>Histogram of the time to handle one batch, in seconds.</summary>
    public const string BatchDurationName = "turbineconsole.pipeline.batch.duration";

    /// <summary>Gauge of how far a consumer's last read was behind its shard's tip, in milliseconds (iterator age).</summary>
    public const string IteratorAgeName = "turbineconsole.pipeline.iterator.age";

    /// <summary>Gauge of the time since a consumer last checkpointed a shard, in seconds.</summary>
    public const string CheckpointAgeName = "turbineconsole.pipeline.checkpoint.age";

    /// <summary>Gauge of the size of the state saved with a shard's last checkpoint, in bytes.</summary>
    public const string CheckpointSizeName = "turbineconsole.pipeline.checkpoint.size";

    /// <summary>Gauge of a consumer's failed attempts in a row on a shard (0: healthy).</summary>
    public const string ConsecutiveFailuresName = "turbineconsole.pipeline.consumer.failures";

    /// <summary>Gauge of the keys (forests, locations) a job held in memory on a shard at its last checkpoint.</summary>
    public const string StateKeysName = "turbineconsole.pipeline.state.keys";

    /// <summary>Counter of keys that left a job's memory, by reason (<c>idle</c> or <c>cap</c>).</summary>
    public const string StateEvictionsName = "turbineconsole.pipeline.state.evictions";

    /// <summary>Counter of keys that came back into a job's memory with their saved state.</summary>
    public const string StateRestoresName = "turbineconsole.pipeline.state.restores";

    /// <summary>Counter of records dead-lettered.</summary>
    public const string DeadLettersName = "turbineconsole.pipeline.dead_letters";

    /// <summary>Histogram of the time one alert channel took to deliver (or fail to deliver) one notification, in seconds.</summary>
    public const string DeliveryDurationName = "turbineconsole.alerts.delivery.duration";

    /// <summary>Counter of alert notifications a channel delivered.</summary>
    public const string DeliveriesName = "turbineconsole.alerts.deliveries";

    /// <summary>Counter of failed attempts to deliver an alert notification.</summary>
    public const string DeliveryFailuresName = "turbineconsole.alerts.delivery.failures";

    /// <summary>Tag: the job's or function's name.</summary>
    public const string ConsumerTag = "consumer";

    /// <summary>Tag: the shard id.</summary>
    public const string ShardTag = "shard";

    /// <summary>Tag: the alert channel's name.</summary>
    public const string ChannelTag = "channel";

    /// <summary>Tag: the category of a dead letter's reason (<see cref="DeadLetterReason"/>).</summary>
    public const string ReasonTag = "reason";

    /// <summary>Bucket bounds of the duration histograms, in seconds: from a fraction of a millisecond to half a minute.</summary>
    private static readonly IReadOnlyList<double> s_durationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _recordsIn;
    private readonly Counter<long> _recordsOut;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _restores;
    private readonly Histogram<double> _deliveryDuration;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _deliveryFailures;

    /// <summary>Where the gauges read each consumer's shards from: every runner registers its own.</summary>
    private readonly ConcurrentBag<Func<IReadOnlyList<ConsumerStatus>>> _consumers = [];

    private readonly TimeProvider _time;

    /// <summary>The instruments, on a meter from <paramref name="meters"/> (so each app, and each test host, has its own).</summary>
    public PipelineMetrics(IMeterFactory meters, TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        var meter = meters.Create(MeterName);
        var durations = new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets };
        _recordsIn = meter.CreateCounter<long>(RecordsInName, "{record}", "Records read by a job or a function's event source mapping, by consumer and shard.");
        _recordsOut = meter.CreateCounter<long>(RecordsOutName, "{record}", "Records a job put into its output stream, or a function accepted, by consumer and shard.");
        _batchDuration = meter.CreateHistogram(BatchDurationName, "s", "Time to handle one batch (process, put, dead-letter; or invoke the function), by consumer and shard.", tags: null, advice: durations);
        _deadLetters = meter.CreateCounter<long>(DeadLettersName, "{record}", "Records dead-lettered, by consumer and reason category.");
        _deliveryDuration = meter.CreateHistogram(DeliveryDurationName, "s", "Time an alert channel took per notification, delivered or failed, by channel.", tags: null, advice: durations);
        _evictions = meter.CreateCounter<long>(StateEvictionsName, "{key}", "Keys that left a job's memory with their state saved, by consumer and reason (idle, cap).");
        _restores = meter.CreateCounter<long>(StateRestoresName, "{key}", "Keys that came back into a job's memory with their saved state, by consumer.");
        _deliveries = meter.CreateCounter<long>(DeliveriesName, "{notification}", "Alert notifications delivered, by channel.");
        _deliveryFailures = meter.CreateCounter<long>(DeliveryFailuresName, "{attempt}", "Failed attempts to deliver an alert notification, by channel.");
        meter.CreateObservableGauge(IteratorAgeName, () => Observe(s => s.MillisBehindLatest), "ms",
            "How far a consumer's last read was behind its shard's newest record (Kinesis's MillisBehindLatest), by consumer and shard.");
        meter.CreateObservableGauge(CheckpointAgeName, ObserveCheckpointAge, "s", "Time since a consumer last checkpointed a shard, by consumer and shard.");
        meter.CreateObservableGauge(CheckpointSizeName, () => Observe(s => s.CheckpointBytes ?? 0, s => s.CheckpointBytes is not null), "By",
            "Size of the state saved with a shard's last checkpoint, by consumer and shard.");
        meter.CreateObservableGauge(StateKeysName, () => Observe(s => s.StateKeys ?? 0, s => s.StateKeys is not null), "{key}",
            "Keys a job held in memory on a shard at its last checkpoint, by consumer and shard.");
        meter.CreateObservableGauge(ConsecutiveFailuresName, () => Observe(s => (long)s.ConsecutiveFailures), "{failure}",
            "Failed attempts in a row of a consumer on a shard; 0 while it is healthy.");
    }

    /// <summary>Adds a consumer's shards to the gauges (called by each runner).</summary>
    public void Observe(Func<IReadOnlyList<ConsumerStatus>> consumer) => _consumers.Add(consumer);

    /// <summary>Counts one batch a consumer handled on a shard, and its duration.</summary>
    public void RecordBatch(string consumer, string shardId, int recordsIn, int recordsOut, TimeSpan duration)
    {
        var tags = new TagList { { ConsumerTag, consumer }, { ShardTag, shardId } };
        _recordsIn.Add(recordsIn, tags);
        _recordsOut.Add(recordsOut, tags);
        _batchDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Counts one dead letter of <paramref name="consumer"/>; the tag is the category of <paramref name="reason"/>, never its text.</summary>
    public void RecordDeadLetter(string consumer, string reason) =>
        _deadLetters.Add(1, new KeyValuePair<string, object?>(ConsumerTag, consumer), new KeyValuePair<string, object?>(ReasonTag, DeadLetterReason.Category(reason)));

    /// <summary>Counts the keys that left <paramref name="consumer"/>'s memory because the shard was over its cap, and because they were idle.</summary>
    public void RecordEvictions(string consumer, int overCap, int idle)
    {
        if (overCap > 0)
            _evictions.Add(overCap, new KeyValuePair<string, object?>(ConsumerTag, consumer), new KeyValuePair<string, object?>(ReasonTag, "cap"));
        if (idle > 0)
            _evictions.Add(idle, new KeyValuePair<string, object?>(ConsumerTag, consumer), new KeyValuePair<string, object?>(ReasonTag, "idle"));
    }

    /// <summary>Counts the keys that came back into <paramref name="consumer"/>'s memory with their saved state.</summary>
    public void RecordRestores(string consumer, int restored)
    {
        if (restored > 0)
            _restores.Add(restored, new KeyValuePair<string, object?>(ConsumerTag, consumer));
    }

    /// <summary>Counts one attempt of <paramref name="channel"/> to deliver a notification, which took <paramref name="duration"/>.</summary>
    public void RecordDelivery(string channel, TimeSpan duration, bool delivered)
    {
        var tag = new KeyValuePair<string, object?>(ChannelTag, channel);
        _deliveryDuration.Record(duration.TotalSeconds, tag);
        if (delivered)
            _deliveries.Add(1, tag);
        else
            _deliveryFailures.Add(1, tag);
    }

    private IEnumerable<Measurement<long>> Observe(Func<ConsumerStatus, long> value, Func<ConsumerStatus, bool>? include = null) =>
        Shards().Where(s => include?.Invoke(s) ?? true).Select(s => new Measurement<long>(value(s), Tags(s)));

    private IEnumerable<Measurement<double>> ObserveCheckpointAge()
    {
        var now = _time.GetUtcNow();
        return Shards().Where(s => s.LastCheckpointAt is not null).Select(s => new Measurement<double>((now - s.LastCheckpointAt!.Value).TotalSeconds, Tags(s)));
    }

    private IEnumerable<ConsumerStatus> Shards() => _consumers.SelectMany(c => c());

    private static TagList Tags(ConsumerStatus s) => new() { { ConsumerTag, s.Consumer }, { ShardTag, s.ShardId } };
}
