using System.Globalization;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Cluster;
using TurbineConsole.Tests.Faults;
using TurbineConsole.Tests.Faults.Chaos;

namespace TurbineConsole.Benchmarks.Cluster;

/// <summary>
/// <c>cluster --workers N</c>: the pipeline as N worker processes (and no web process) on the local servers
/// (kinesalite, dynalite, redis-server), WindDataStream with 4 shards. The workers start first, and once the shards are
/// spread over all of them, readings for 16 locations are put; readings_per_s is the readings over the time from the
/// first put until WindDataTable holds each location's last reading (puts and processing overlap, as with turbines
/// sending); cpu_ms_per_1k_readings is the workers' CPU over that time per 1,000 readings. (Putting the readings before
/// the workers started measured the first worker alone: it took most of them while the others were starting.)
/// Then, with readings flowing at 100 a second, one worker is killed with SIGKILL and failover_s is the time until every
/// consumer's shard it owned is owned by another (0 with one worker: nothing to fail over to).
/// Prints <c>cluster workers=N readings_per_s=N failover_s=N cpu_ms_per_1k_readings=N</c>; details go to stderr.
/// </summary>
public static class ClusterCommand
{
    private const int ShardCount = 4;

    private static readonly IReadOnlyDictionary<string, string?> s_awsEnvironment = new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["AWS_REGION"] = "us-east-1",
    };

    /// <summary>Runs the benchmark; options <c>--workers N --readings R</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = CommandLine.Parse(args).Only("workers", "readings");
        var workers = arguments.Int("workers", 3);
        var readings = arguments.Int("readings", 40_000);
        if (workers is < 1 or > 16 || readings is < 1000 or > 1_000_000)
        {
            Console.Error.WriteLine("cluster: --workers must be 1 to 16 and --readings 1000 to 1000000.");
            return 2;
        }

        foreach (var (name, value) in s_awsEnvironment)
            Environment.SetEnvironmentVariable(name, value);
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "turbineconsole-cluster-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            using var servers = await LocalAwsProcesses.StartAsync(directory);
            using var redis = await RedisServer.StartAsync();
            var options = FaultSettings.Options(directory, BackendKind.Aws);
            options.Streams.ShardCount = ShardCount;
            await using var backend = AwsBackend.Open(new AwsOptions
            {
                Region = "us-east-1",
                KinesisServiceUrl = servers.KinesisUrl.ToString(),
                DynamoDbServiceUrl = servers.DynamoDbUrl.ToString(),
                ResourceWaitTimeout = TimeSpan.FromSeconds(30),
            });
            await using (var pipeline = new TurbinePipeline(backend, options))
                await pipeline.EnsureResourcesAsync();

            // The workers first, until every shard is owned and each worker owns some (as many owners as workers, at most one per shard).
            using var cluster = new ClusterRun(servers.KinesisUrl, servers.DynamoDbUrl, redis.Configuration, directory, ShardCount, s_awsEnvironment);
            for (var i = 0; i < workers; i++)
                await cluster.Workers[cluster.StartWorker()].Process.WaitUntilListeningAsync(ChaosApp.StartTimeout);
            await cluster.WaitForOwnersAsync(backend.Checkpoints, o => o.Values.All(w => w >= 0) && o.Values.Distinct().Count() == Math.Min(workers, ShardCount),
                TimeSpan.FromSeconds(120), "every shard owned, by every worker");

            // Then the readings: 16 locations, one reading per turbine each 100 ms of event time, ending now.
            var locations = Enumerable.Range(1, 16).Select(i => string.Create(CultureInfo.InvariantCulture, $"Bench {i:D2}")).ToList();
            var cpuBefore = cluster.Workers.Sum(w => w.Process.TotalProcessorTime.TotalMilliseconds);
            var started = DateTimeOffset.UtcNow;
            var last = await PutReadingsAsync(backend.Streams, options.Streams.WindData, locations, readings);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster: {readings} readings put into WindDataStream ({ShardCount} shards, {locations.Count} locations) in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s"));
            while (!await PipelineAudit.CaughtUpAsync(backend.Tables, options.Tables.WindData, locations, last))
            {
                if (DateTimeOffset.UtcNow - started > TimeSpan.FromMinutes(20))
                    throw new TimeoutException("The workers did not store every reading within 20 minutes:\n" + cluster.Tails());
                await Task.Delay(200);
            }

            var elapsed = DateTimeOffset.UtcNow - started;
            var cpu = cluster.Workers.Sum(w => w.Process.TotalProcessorTime.TotalMilliseconds) - cpuBefore;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster: every reading stored {elapsed.TotalSeconds:F1} s after the first put"));

            var failover = TimeSpan.Zero;
            if (workers > 1)
            {
                await using var producer = new ReadingProducer(backend.Streams, options.Streams.WindData, locations, 1, TimeSpan.FromMilliseconds(160), 1);
                producer.Start();
                await Task.Delay(TimeSpan.FromSeconds(3));
                var owners = await cluster.OwnersAsync(backend.Checkpoints);
                var victim = owners[("AnomalyDetection", cluster.ShardIds[0])];
                var moving = owners.Where(o => o.Value == victim).Select(o => o.Key).ToList();
                cluster.Workers[victim].Process.KillHard();
                failover = await cluster.WaitForOwnersAsync(backend.Checkpoints, o => moving.All(k => o[k] >= 0 && o[k] != victim), TimeSpan.FromSeconds(120),
                    "the killed worker's shards owned by another");
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster: worker {victim} killed owning {moving.Count} consumer shards; they moved in {failover.TotalSeconds:F1} s"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster workers={workers} readings_per_s={readings / elapsed.TotalSeconds:F0} failover_s={failover.TotalSeconds:F1} cpu_ms_per_1k_readings={cpu / readings * 1000:F0}"));
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Puts <paramref name="count"/> readings round-robin over the locations' turbines (two each), stamped in 100 ms steps up to now; returns the last stamp.</summary>
    private static async Task<DateTimeOffset> PutReadingsAsync(IStreamClient streams, string stream, List<string> locations, int count)
    {
        var perTick = locations.Count * 2;
        var ticks = (count + perTick - 1) / perTick;
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) - (TimeSpan.FromMilliseconds(100) * ticks);
        var random = new Random(7);
        var publisher = new StreamPublisher(streams, maxAttempts: 10);
        var batch = new List<PutRecordsEntry>(KinesisRules.MaxRecordsPerPut);
        var last = start;
        for (var n = 0; n < count; n++)
        {
            var tick = n / perTick;
            var turbine = n % perTick;
            var location = locations[turbine / 2];
            last = start + (TimeSpan.FromMilliseconds(100) * tick);
            var reading = new WindReading(location, $"{location}-T{(turbine % 2) + 1:D2}", Math.Round(5 + (random.NextDouble() * 40), 3), last, tick, "bench");
            batch.Add(new PutRecordsEntry(location, WindReadingCodec.Encode(reading)));
            if (batch.Count == KinesisRules.MaxRecordsPerPut || n == count - 1)
            {
                var outcome = await publisher.PutAllAsync(stream, batch);
                if (outcome.FailedCount > 0)
                    throw new InvalidOperationException($"{outcome.FailedCount} readings could not be put into {stream}.");
                batch.Clear();
            }
        }

        return last;
    }
}
