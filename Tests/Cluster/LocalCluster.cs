using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Runtime;
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Run.Dispose();
        await Backend.DisposeAsync();
        _redis.Dispose();
        _servers.Dispose();
    }
}
