using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Benchmarks.Pipeline;

/// <summary>The pipeline on a fresh embedded backend in a temporary folder, with the table writes timed.</summary>
internal sealed class BenchmarkPipeline : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, List<(long EventTicks, long PutTimestamp)>> _firstPutPerTick = new();

    private long _windDataItems;
    private long _windows;

    private BenchmarkPipeline(string directory, PipelineOptions options, PipelineBackend backend)
    {
        _directory = directory;
        Options = options;
        Backend = backend;
        var tables = new ObservableTableStore(backend.Tables);
        tables.ItemsWritten += OnItemsWritten;
        Pipeline = new TurbinePipeline(new PipelineBackend(backend.Streams, tables, backend.Checkpoints, backend.DeadLetters), options);
    }

    public PipelineOptions Options { get; }

    public PipelineBackend Backend { get; }

    /// <summary>Items written to WindDataTable.</summary>
    public long WindDataItemsWritten => Interlocked.Read(ref _windDataItems);

    /// <summary>Windows written to MaxWindSpeedTable.</summary>
    public long WindowsWritten => Interlocked.Read(ref _windows);

    public TurbinePipeline Pipeline { get; }

    /// <summary>When each reading was put, by its WindDataTable sort key (Stopwatch timestamps).</summary>
    public ConcurrentDictionary<string, long> PutTimes { get; } = new();

    /// <summary>Put-to-written milliseconds of each WindDataTable item.</summary>
    public ConcurrentBag<double> ItemLatencies { get; } = [];

    /// <summary>Milliseconds from the put of the reading that closed a window to its MaxWindSpeedTable item.</summary>
    public ConcurrentBag<double> WindowLatencies { get; } = [];

    public static async Task<BenchmarkPipeline> StartAsync(TimeSpan window)
    {
        var options = new PipelineOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build().GetSection(PipelineOptions.Section).Bind(options);
        var directory = Path.Combine(Path.GetTempPath(), "turbineconsole-bench-" + Guid.NewGuid().ToString("N"));
        options.DataDirectory = directory;
        options.MaxSpeed.Window = window;
        options.MaxSpeed.AllowedLateness = TimeSpan.Zero;
        var backend = EmbeddedBackend.Open(options.DatabasePath, options.Streams.Retention);
        var run = new BenchmarkPipeline(directory, options, backend);
        await run.Pipeline.StartAsync();
        return run;
    }

    /// <summary>Remembers when the first reading of each event time of a location was put (what closes windows).</summary>
    public void NoteWindowPut(WindReading reading, long putTimestamp)
    {
        var list = _firstPutPerTick.GetOrAdd(reading.Location, _ => []);
        lock (list)
        {
            if (list.Count == 0 || list[^1].EventTicks < reading.Timestamp.UtcTicks)
                list.Add((reading.Timestamp.UtcTicks, putTimestamp));
        }
    }

    public async Task WaitForItemsAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (WindDataItemsWritten < count)
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Only {WindDataItemsWritten} of {count} items reached {Options.Tables.WindData} in {timeout}.");
            await Task.Delay(5);
        }
    }

    /// <summary>Times every write as it completes: put-to-written latency of readings and of closing readings.</summary>
    private void OnItemsWritten(string tableName, IReadOnlyList<Item> items)
    {
        var written = Stopwatch.GetTimestamp();
        if (tableName == Options.Tables.WindData)
        {
            Interlocked.Add(ref _windDataItems, items.Count);
            foreach (var item in items)
            {
                if (PutTimes.TryGetValue(item.GetString(WindDataItem.SortKey), out var put))
                    ItemLatencies.Add(Stopwatch.GetElapsedTime(put, written).TotalMilliseconds);
            }

            return;
        }
        Interlocked.Add(ref _windows, items.Count);
        foreach (var window in items.Select(MaxWindSpeedItem.ToWindow))
        {
            if (!_firstPutPerTick.TryGetValue(window.Location, out var list))
                continue;
            lock (list)
            {
                var closing = list.FirstOrDefault(p => p.EventTicks >= window.WindowEnd.UtcTicks);
                if (closing.PutTimestamp != 0)
                    WindowLatencies.Add(Stopwatch.GetElapsedTime(closing.PutTimestamp, written).TotalMilliseconds);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Backend.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
