using System.Globalization;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Faults.Chaos;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Cluster;

/// <summary>
/// The processes of a cluster on loopback: workers (each on a silo port of its own) and web processes, all on the same
/// local AWS servers and Redis, with the fault runs' short windows and quick retries. Knows which worker owns which
/// consumer's shard from the checkpoint store's owner epochs. Benchmarks compiles this file too (the <c>cluster</c> command).
/// </summary>
internal sealed class ClusterRun(Uri kinesis, Uri dynamoDb, string redis, string dataDirectory, int shardCount, IReadOnlyDictionary<string, string?> awsEnvironment)
    : IDisposable
{
    /// <summary>The consumers whose shards the workers split.</summary>
    public static readonly IReadOnlyList<(string Consumer, string Stream)> Consumers =
    [
        ("AnomalyDetection", "WindDataStream"),
        ("CalculateMaxSpeed", "WindDataStream"),
        ("AnalyticsDestinationFunction", "AnomalyDetectionStream"),
        ("DIYFunction", "MaxWindSpeed"),
        ("AnomalyMessageDeliveryFunction", "AnomalyDetectionStream"),
    ];

    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<(AppProcess Process, int SiloPort)> _workers = [];
    private readonly List<AppProcess> _webs = [];

    /// <summary>Every worker started, killed ones too, oldest first.</summary>
    public IReadOnlyList<(AppProcess Process, int SiloPort)> Workers => _workers;

    /// <summary>The shards of each stream.</summary>
    public IReadOnlyList<string> ShardIds { get; } =
        Enumerable.Range(0, shardCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"shardId-{i:D12}")).ToList();

    /// <summary>Starts a worker (on <paramref name="siloPort"/>, or a free port); returns its index.</summary>
    public int StartWorker(int? siloPort = null)
    {
        var port = siloPort ?? FreePort.Next();
        var settings = Settings(ProcessRole.Worker);
        settings["Pipeline:Cluster:SiloPort"] = port.ToString(CultureInfo.InvariantCulture);
        _workers.Add((AppProcess.StartWorker(settings, awsEnvironment), port));
        return _workers.Count - 1;
    }

    /// <summary>Starts a web process.</summary>
    public AppProcess StartWeb()
    {
        var web = AppProcess.Start(Settings(ProcessRole.Web), awsEnvironment);
        _webs.Add(web);
        return web;
    }

    /// <summary>The index of the worker whose silo <paramref name="owner"/> names (its port; a worker started again on a port is the last one there), or -1.</summary>
    public int WorkerOf(ShardOwner? owner) =>
        owner is null ? -1 : _workers.FindLastIndex(w => owner.Owner.Contains(string.Create(CultureInfo.InvariantCulture, $":{w.SiloPort}@"), StringComparison.Ordinal));

    /// <summary>
    /// The worker that last claimed each consumer's shard (-1: none yet): every consumer's <see cref="ShardIds"/>, or, with
    /// <paramref name="stream"/> and <paramref name="shardIds"/>, the consumers of that stream on those shards (a resharded
    /// stream's children).
    /// </summary>
    public async Task<Dictionary<(string Consumer, string Shard), int>> OwnersAsync(ICheckpointStore checkpoints, string? stream = null, IReadOnlyList<string>? shardIds = null)
    {
        var owners = new Dictionary<(string, string), int>();
        foreach (var (consumer, consumed) in Consumers.Where(c => stream is null || c.Stream == stream))
        {
            foreach (var shard in shardIds ?? ShardIds)
                owners[(consumer, shard)] = WorkerOf(await checkpoints.OwnerAsync(consumer, consumed, shard));
        }

        return owners;
    }

    /// <summary>
    /// Waits until <paramref name="holds"/> is true of the owners (of <paramref name="stream"/>'s <paramref name="shardIds"/>
    /// if given, as <see cref="OwnersAsync"/>); returns how long that took.
    /// </summary>
    public async Task<TimeSpan> WaitForOwnersAsync(ICheckpointStore checkpoints, Func<Dictionary<(string Consumer, string Shard), int>, bool> holds, TimeSpan timeout,
        string what, string? stream = null, IReadOnlyList<string>? shardIds = null)
    {
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            var owners = await OwnersAsync(checkpoints, stream, shardIds);
            if (holds(owners))
                return DateTimeOffset.UtcNow - started;
            if (DateTimeOffset.UtcNow - started > timeout)
                throw new TimeoutException($"Not within {timeout.TotalSeconds:F0} s: {what}. Owners: {Describe(owners)}\n{Tails()}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until <paramref name="windTable"/> holds readings made at or after <paramref name="since"/> for every one of
    /// <paramref name="locations"/> (<see cref="PipelineAudit.CaughtUpAsync"/>); returns how long after <paramref name="since"/> that was.
    /// </summary>
    public async Task<TimeSpan> WaitUntilCaughtUpAsync(ITableStore tables, string windTable, IReadOnlyList<string> locations, DateTimeOffset since)
    {
        var deadline = since + TimeSpan.FromSeconds(120);
        while (!await PipelineAudit.CaughtUpAsync(tables, windTable, locations, since))
        {
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"The cluster did not catch up within 120 s of {since:HH:mm:ss.fff}:\n{Tails()}");
            await Task.Delay(250);
        }

        return DateTimeOffset.UtcNow - since;
    }

    /// <summary>The owners as text, for a message.</summary>
    public static string Describe(Dictionary<(string Consumer, string Shard), int> owners) =>
        string.Join(", ", owners.Select(o => $"{o.Key.Consumer}/{o.Key.Shard[^1..]}=w{o.Value}"));

    /// <summary>The last lines of every process, for a failure message.</summary>
    public string Tails() =>
        string.Join("\n", _workers.Select((w, i) => $"--- worker {i} (silo port {w.SiloPort}) ---\n{KillLoop.Tail(w.Process.Output, 40)}")
            .Concat(_webs.Select((w, i) => $"--- web {i} ---\n{KillLoop.Tail(w.Output, 20)}")));

    /// <summary>Kills every process still running.</summary>
    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("TURBINECONSOLE_FAULT_LOGS") is { Length: > 0 } logs)
        {
            var folder = Directory.CreateDirectory(logs).FullName;
            for (var i = 0; i < _workers.Count; i++)
                File.WriteAllText(Path.Combine(folder, $"cluster-worker{i}-{DateTime.UtcNow:HHmmss}.log"), _workers[i].Process.Output);
        }

        foreach (var (process, _) in _workers)
            process.Dispose();
        foreach (var web in _webs)
            web.Dispose();
    }

    private Dictionary<string, string> Settings(ProcessRole role)
    {
        var settings = FaultSettings.Aws(kinesis, dynamoDb, dataDirectory);
        settings["Pipeline:Role"] = role.ToString();
        settings["Pipeline:Streams:ShardCount"] = shardCount.ToString(CultureInfo.InvariantCulture);
        settings["Pipeline:Cluster:Redis"] = redis;
        settings["Pipeline:Cluster:ClusterId"] = _clusterId;
        settings["Pipeline:Cluster:AdvertisedAddress"] = "127.0.0.1";
        // 20 shard loops per worker: polling an idle shard every 200 ms rather than 50 ms spares kinesalite (one node process).
        settings["Pipeline:Jobs:PollInterval"] = "00:00:00.200";
        settings["Pipeline:Functions:PollInterval"] = "00:00:00.200";
        // kinesalite answers a GetRecords of 2,000 records slowly when the machine is busy: smaller batches, more patience.
        settings["Pipeline:Jobs:BatchSize"] = "500";
        settings["Pipeline:Functions:BatchSize"] = "500";
        settings["Pipeline:Aws:RequestTimeout"] = "00:00:15";
        settings["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ";
        settings["Logging:LogLevel:TurbineConsole.Pipeline.Cluster"] = "Information";
        return settings;
    }
}
