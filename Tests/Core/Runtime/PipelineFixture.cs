using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Runtime;

/// <summary>
/// The whole flow on a backend that can be crashed and reopened: by default an embedded backend in its own temporary
/// folder; with <c>open</c>, any other (the AWS backend on local servers, say).
/// </summary>
internal sealed class PipelineFixture : IAsyncDisposable
{
    private readonly Func<PipelineOptions, PipelineBackend> _open;

    private PipelineFixture(string directory, PipelineOptions options, Func<PipelineOptions, PipelineBackend> open)
    {
        Directory = directory;
        Options = options;
        _open = open;
    }

    public string Directory { get; }

    public PipelineOptions Options { get; }

    public PipelineBackend? Backend { get; private set; }

    /// <summary>Warnings and errors the pipeline logged, shown when a wait times out.</summary>
    public CollectingLoggerFactory Logs { get; } = new();

    public TurbinePipeline? Pipeline { get; private set; }

    /// <summary>A fixture whose backend is opened by <paramref name="open"/> (default: embedded, in a temporary folder).</summary>
    public static PipelineFixture Create(Action<PipelineOptions>? configure = null, Func<PipelineOptions, PipelineBackend>? open = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "turbineconsole-tests-" + Guid.NewGuid().ToString("N"));
        var options = new PipelineOptions { DataDirectory = directory };
        options.Jobs.CheckpointInterval = TimeSpan.FromMilliseconds(100);
        options.Jobs.PollInterval = TimeSpan.FromMilliseconds(10);
        options.Functions.PollInterval = TimeSpan.FromMilliseconds(10);
        options.Functions.RetryBackoff = TimeSpan.FromMilliseconds(5);
        // The tests' datasets start on fixed dates, which fall ever further behind the day the tests run.
        options.EventTime.MaxBehindArrival = TimeSpan.FromDays(100 * 365);
        configure?.Invoke(options);
        return new PipelineFixture(directory, options, open ?? (o => EmbeddedBackend.Open(o.DatabasePath)));
    }

    /// <summary>Opens the backend (again) and creates the streams and tables, without running anything.</summary>
    public async Task<PipelineBackend> OpenAsync(Func<PipelineBackend, PipelineBackend>? wrap = null)
    {
        var backend = _open(Options);
        Backend = wrap?.Invoke(backend) ?? backend;
        Pipeline = new TurbinePipeline(Backend, Options, Logs);
        await Pipeline.EnsureResourcesAsync();
        return Backend;
    }

    public Task StartAsync() => Pipeline!.StartAsync();

    /// <summary>Stops everything where it is and closes the database, as a crash would (no final checkpoint).</summary>
    public async Task CrashAsync()
    {
        await Pipeline!.DisposeAsync();
        await Backend!.DisposeAsync();
        Pipeline = null;
        Backend = null;
    }

    public async Task PutReadingsAsync(IEnumerable<WindReading> readings)
    {
        var entries = readings.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList();
        var outcome = await new StreamPublisher(Backend!.Streams).PutAllAsync(Options.Streams.WindData, entries);
        Assert.Equal(0, outcome.FailedCount);
    }

    /// <summary>Every item of a table, read per location with paged queries.</summary>
    public async Task<List<Item>> ReadAllAsync(string table, IEnumerable<string> locations)
    {
        var items = new List<Item>();
        foreach (var location in locations)
        {
            ItemKey? start = null;
            do
            {
                var page = await Backend!.Tables.QueryAsync(table, new TableQuery(location) { Limit = 1000, ExclusiveStartKey = start });
                items.AddRange(page.Items);
                start = page.LastEvaluatedKey;
            } while (start is not null);
        }
        return items;
    }

    /// <summary>Waits until the table holds <paramref name="count"/> items for the locations, or fails after the timeout.</summary>
    public async Task<List<Item>> WaitForItemsAsync(string table, IReadOnlyCollection<string> locations, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var items = await ReadAllAsync(table, locations);
            if (items.Count >= count)
                return items;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{table} holds {items.Count} of {count} items after the timeout. Log:\n{string.Join("\n", Logs.Lines.TakeLast(20))}");
            await Task.Delay(100);
        }
    }

    public static List<SimulatedReading> AnomalyDataset(long ticks, int locations = 4, int turbines = 4) =>
        new WindDatasetGenerator(WindDataset.Anomaly, new DatasetOptions { Locations = locations, TurbinesPerLocation = turbines }).Take(ticks).ToList();

    public async ValueTask DisposeAsync()
    {
        if (Pipeline is not null)
            await Pipeline.DisposeAsync();
        if (Backend is not null)
            await Backend.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
