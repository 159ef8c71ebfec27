using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Tests.Faults;
using TurbineConsole.Tests.Faults.Chaos;

namespace TurbineConsole.Tests.Cluster;

/// <summary>
/// What a multi-process cluster test runs on: kinesalite, dynalite and a redis-server of its own, the flow's streams
/// and tables created with WindDataStream at <c>shardCount</c> shards (the fault runs' settings), the test's own view
/// of them (<see cref="Backend"/>), and the worker and web processes it starts (<see cref="Run"/>). Disposing stops
/// them all.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly LocalAwsProcesses _servers;
    private readonly RedisServer _redis;

    private LocalCluster(LocalAwsProcesses servers, RedisServer redis, PipelineOptions options, PipelineBackend backend, ClusterRun run)
    {
        _servers = servers;
        _redis = redis;
        Options = options;
        Backend = backend;
        Run = run;
    }

    /// <summary>The settings the processes run with, as options.</summary>
    public PipelineOptions Options { get; }

    /// <summary>The streams, tables and checkpoints, as the test sees them.</summary>
    public PipelineBackend Backend { get; }

    /// <summary>The worker and web processes.</summary>
    public ClusterRun Run { get; }

    /// <summary>Starts the servers in <paramref name="directory"/> and creates the flow's resources.</summary>
    public static async Task<LocalCluster> StartAsync(string directory, int shardCount)
    {
        var servers = await LocalAwsProcesses.StartAsync(directory);
        RedisServer? redis = null;
        PipelineBackend? backend = null;
        try
        {
            redis = await RedisServer.StartAsync();
            var options = FaultSettings.Options(directory, BackendKind.Aws);
            options.Streams.ShardCount = shardCount;
            backend = AwsBackend.Open(new AwsOptions
            {
                Region = "us-east-1",
                KinesisServiceUrl = servers.KinesisUrl.ToString(),
                DynamoDbServiceUrl = servers.DynamoDbUrl.ToString(),
                ResourceWaitTimeout = TimeSpan.FromSeconds(30),
            });
            await using (var pipeline = new TurbinePipeline(backend, options))
                await pipeline.EnsureResourcesAsync();
            var run = new ClusterRun(servers.KinesisUrl, servers.DynamoDbUrl, redis.Configuration, directory, shardCount, FaultFixture.AwsEnvironment);
            return new LocalCluster(servers, redis, options, backend, run);
        }
        catch
        {
            if (backend is not null)
                await backend.DisposeAsync();
            redis?.Dispose();
            servers.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until <paramref name="producer"/> has stored the readings up to 25 ticks past the anomaly dataset's first
    /// spike (forests warm, a spike scored); returns how many it stored, fewer when 120 s were not enough.
    /// </summary>
    public static async Task<(int Stored, int Wanted)> WaitPastFirstSpikeAsync(ReadingProducer producer, WindDatasetGenerator generator, int turbinesPerLocation)
    {
        var wanted = (int)((WindDatasetGenerator.FirstSpikeTick(turbinesPerLocation) + 25) * generator.ReadingsPerTick);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(120);
        while (producer.Stored.Count < wanted && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(250);
        return (producer.Stored.Count, wanted);
    }

    /// <summary>
    /// The audit of WindDataTable and MaxWindSpeedTable against <paramref name="produced"/>, once complete (or after 90 s),
    /// run once more a second later so that nothing written late is missed.
    /// </summary>
    public async Task<AuditResult> AuditAsync(IReadOnlyList<WindReading> produced)
    {
        var (tables, wind, maxSpeed) = (Backend.Tables, Options.Tables.WindData, Options.Tables.MaxWindSpeed);
        var audit = await PipelineAudit.WaitUntilCompleteAsync(tables, wind, maxSpeed, produced, FaultSettings.Window, FaultSettings.AllowedLateness, TimeSpan.FromSeconds(90));
        if (!audit.Complete)
            return audit;
        await Task.Delay(1000);
        return await PipelineAudit.RunAsync(tables, wind, maxSpeed, produced, FaultSettings.Window, FaultSettings.AllowedLateness);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Run.Dispose();
        await Backend.DisposeAsync();
        _redis.Dispose();
        _servers.Dispose();
    }
}
