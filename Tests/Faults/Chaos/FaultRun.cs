using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Faults.Chaos;

/// <summary>
/// One fault run: the app as its own process, the producer putting readings from this process into the same
/// WindDataStream (the embedded backend's SQLite file, opened here too; or kinesalite), and this process's own view of
/// the tables for the audit. Start it, do the fault, then <see cref="FinishAsync"/>. Benchmarks compiles this file too.
/// </summary>
internal sealed class FaultRun : IAsyncDisposable
{
    /// <summary>Locations of every run, two on each shard of WindDataStream's two (MD5 of the name); each turbine gives a reading every 100 ms.</summary>
    public static readonly IReadOnlyList<string> Locations = ["Chaos A", "Chaos B", "Chaos C", "Chaos D"];

    private FaultRun(PipelineBackend backend, PipelineOptions options, ReadingProducer producer, ChaosApp app)
    {
        Backend = backend;
        Options = options;
        Producer = producer;
        App = app;
    }

    /// <summary>This process's ports on the backend the app uses.</summary>
    public PipelineBackend Backend { get; }

    /// <summary>The app's pipeline settings, as this process sees them.</summary>
    public PipelineOptions Options { get; }

    /// <summary>The turbines.</summary>
    public ReadingProducer Producer { get; }

    /// <summary>The app.</summary>
    public ChaosApp App { get; }

    /// <summary>The embedded backend in <paramref name="dataDirectory"/>: streams and tables created, the app started, readings flowing into the tables.</summary>
    public static Task<FaultRun> StartEmbeddedAsync(string dataDirectory, int turbinesPerLocation, int seed, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var options = FaultSettings.Options(dataDirectory);
        return StartAsync(EmbeddedBackend.Open(options.DatabasePath), options, () => AppProcess.Start(FaultSettings.Embedded(dataDirectory), environment), turbinesPerLocation, seed);
    }

    /// <summary>The AWS backend on local servers at <paramref name="kinesis"/> and <paramref name="dynamoDb"/> (fake credentials in <paramref name="environment"/> and this process's).</summary>
    public static Task<FaultRun> StartAwsAsync(Uri kinesis, Uri dynamoDb, string dataDirectory, int turbinesPerLocation, int seed, IReadOnlyDictionary<string, string?> environment)
    {
        var options = FaultSettings.Options(dataDirectory, BackendKind.Aws);
        var aws = new AwsOptions { Region = "us-east-1", KinesisServiceUrl = kinesis.ToString(), DynamoDbServiceUrl = dynamoDb.ToString(), ResourceWaitTimeout = TimeSpan.FromSeconds(30) };
        return StartAsync(AwsBackend.Open(aws), options, () => AppProcess.Start(FaultSettings.Aws(kinesis, dynamoDb, dataDirectory), environment), turbinesPerLocation, seed);
    }

    private static async Task<FaultRun> StartAsync(PipelineBackend backend, PipelineOptions options, Func<AppProcess> start, int turbinesPerLocation, int seed)
    {
        await using (var pipeline = new TurbinePipeline(backend, options))
            await pipeline.EnsureResourcesAsync().ConfigureAwait(false);
        var producer = new ReadingProducer(backend.Streams, options.Streams.WindData, Locations, turbinesPerLocation, TimeSpan.FromMilliseconds(100), seed);
        var run = new FaultRun(backend, options, producer, new ChaosApp(start));
        try
        {
            await run.App.StartAsync().ConfigureAwait(false);
            producer.Start();
            await run.WaitUntilCaughtUpAsync(DateTimeOffset.UtcNow, ChaosApp.StartTimeout).ConfigureAwait(false);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether WindDataTable holds readings stamped at or after <paramref name="since"/> for every location.</summary>
    public Task<bool> CaughtUpAsync(DateTimeOffset since) => PipelineAudit.CaughtUpAsync(Backend.Tables, Options.Tables.WindData, Locations, since);

    /// <summary>Waits until the app has stored readings made at or after <paramref name="since"/> for every location; returns how long after <paramref name="since"/>.</summary>
    public Task<TimeSpan> WaitUntilCaughtUpAsync(DateTimeOffset since, TimeSpan timeout) => KillLoop.WaitUntilCaughtUpAsync(App, since, CaughtUpAsync, timeout);

    /// <summary>
    /// Stops the producer (every reading made is put first), waits until both tables hold everything they must, then
    /// audits once more a second later, so that anything written twice meanwhile shows.
    /// </summary>
    public async Task<AuditResult> FinishAsync(TimeSpan timeout)
    {
        await Producer.StopAsync(timeout).ConfigureAwait(false);
        var produced = Producer.Stored;
        var audit = await PipelineAudit.WaitUntilCompleteAsync(Backend.Tables, Options.Tables.WindData, Options.Tables.MaxWindSpeed, produced,
            FaultSettings.Window, FaultSettings.AllowedLateness, timeout).ConfigureAwait(false);
        if (!audit.Complete)
            return audit;
        await Task.Delay(1000).ConfigureAwait(false);
        return await PipelineAudit.RunAsync(Backend.Tables, Options.Tables.WindData, Options.Tables.MaxWindSpeed, produced,
            FaultSettings.Window, FaultSettings.AllowedLateness).ConfigureAwait(false);
    }

    /// <summary>The app's log lines that say a consumer started failing or recovered, every process of the run.</summary>
    public IEnumerable<string> StateChanges() =>
        App.Output.Split('\n').Where(l => l.Contains(" is failing on ", StringComparison.Ordinal) || l.Contains(" recovered on ", StringComparison.Ordinal)).Select(l => l.Trim());

    /// <summary>Kills the app and closes the producer and the backend; with <c>TURBINECONSOLE_FAULT_LOGS</c> set to a folder, the app's output is kept there.</summary>
    public async ValueTask DisposeAsync()
    {
        App.Dispose();
        if (Environment.GetEnvironmentVariable("TURBINECONSOLE_FAULT_LOGS") is { Length: > 0 } logs)
            await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(logs).FullName, $"app-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}.log"), App.Output).ConfigureAwait(false);
        await Producer.DisposeAsync().ConfigureAwait(false);
        await Backend.DisposeAsync().ConfigureAwait(false);
    }
}
