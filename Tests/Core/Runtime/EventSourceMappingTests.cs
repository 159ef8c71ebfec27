using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Functions;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Runtime;

public sealed class EventSourceMappingTests : IAsyncLifetime
{
    private const string Stream = "Results";
    private const string Table = "WindDataTable";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-esm-" + Guid.NewGuid().ToString("N"));
    private PipelineBackend _backend = null!;
    private readonly EventSourceOptions _options = new()
    {
        BatchSize = 10,
        MaxRetryAttempts = 2,
        RetryBackoff = TimeSpan.FromMilliseconds(1),
        PollInterval = TimeSpan.FromMilliseconds(5),
    };

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        await _backend.Streams.CreateStreamAsync(Stream, 1);
        await _backend.Tables.CreateTableAsync(WindDataItem.Schema(Table));
        var results = Enumerable.Range(0, 50).Select(i => new AnomalyResult(
            new WindReading("Chicago", "CHI-01", 20 + i % 7, new DateTimeOffset(2026, 11, 30, 0, 0, i, TimeSpan.Zero), i, "normal"), 0.7, 0, null));
        await new StreamPublisher(_backend.Streams).PutAllAsync(Stream, results.Select(r => new PutRecordsEntry(r.Reading.Location, AnomalyResultCodec.Encode(r))).ToList());
    }

    [Fact]
    public async Task A_write_that_fails_for_good_is_retried_then_dead_lettered_and_the_shard_moves_on()
    {
        var flaky = new FlakyTableStore(_backend.Tables, failingSeq: 17, failures: int.MaxValue);
        var mapping = Mapping(flaky);

        var items = await RunUntilAsync(mapping, () => mapping.Delivered + mapping.DeadLettered >= 50);

        Assert.Equal(49, items.Count);
        Assert.DoesNotContain(items, i => i.GetNumber("seq") == 17);
        var deadLetter = Assert.Single(await _backend.DeadLetters.ListAsync("AnalyticsDestinationFunction"));
        Assert.Contains("Gave up after 2 retries", deadLetter.Reason);
        Assert.Contains("disk on fire", deadLetter.Reason);
        Assert.Equal(2, mapping.Retries);
    }

    [Fact]
    public async Task A_write_that_fails_twice_is_retried_from_the_failed_record_and_nothing_is_lost_or_doubled()
    {
        var flaky = new FlakyTableStore(_backend.Tables, failingSeq: 23, failures: 2);
        var mapping = Mapping(flaky);

        var items = await RunUntilAsync(mapping, () => mapping.Delivered >= 50);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), items.Select(i => i.GetNumber("seq")).Order());
        Assert.Empty(await _backend.DeadLetters.ListAsync());
        Assert.Equal(2, mapping.Retries);
    }

    [Fact]
    public async Task A_function_that_throws_has_its_batch_retried_and_then_only_the_first_record_dead_lettered()
    {
        var mapping = new EventSourceMapping(new ThrowingFunction(throwTimes: 1), Stream, _backend.Streams, _backend.Checkpoints,
            _backend.DeadLetters, _options, NullLogger.Instance);

        await RunUntilAsync(mapping, () => mapping.Delivered >= 50);

        Assert.Equal(1, mapping.Retries);
        Assert.Equal(0, mapping.DeadLettered);
    }

    [Fact]
    public async Task Handling_the_same_batch_twice_leaves_one_item_per_record()
    {
        var function = new AnalyticsDestinationFunction(_backend.Tables, _backend.DeadLetters, Table);
        var shard = (await _backend.Streams.ListShardsAsync(Stream))[0].ShardId;
        var iterator = await _backend.Streams.GetShardIteratorAsync(Stream, shard, StartingPosition.TrimHorizon);
        var records = (await _backend.Streams.GetRecordsAsync(iterator, 50)).Records;
        var batch = new KinesisEvent(records.Select(r => new KinesisEventRecord(Stream, shard, r)).ToList());

        var first = await function.HandleAsync(batch, CancellationToken.None);
        var second = await function.HandleAsync(batch, CancellationToken.None);

        Assert.Empty(first.BatchItemFailures);
        Assert.Empty(second.BatchItemFailures);
        Assert.Equal(50, (await _backend.Tables.QueryAsync(Table, new TableQuery("Chicago") { Limit = 1000 })).Items.Count);
    }

    private EventSourceMapping Mapping(ITableStore tables) =>
        new(new AnalyticsDestinationFunction(tables, _backend.DeadLetters, Table), Stream, _backend.Streams, _backend.Checkpoints,
            _backend.DeadLetters, _options, NullLogger.Instance);

    private async Task<IReadOnlyList<Item>> RunUntilAsync(EventSourceMapping mapping, Func<bool> done)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = mapping.RunAsync(stop.Token);
        while (!done() && !stop.IsCancellationRequested)
            await Task.Delay(10);
        Assert.True(done(), "the mapping did not finish in time");
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }
        return (await _backend.Tables.QueryAsync(Table, new TableQuery("Chicago") { Limit = 1000 })).Items;
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A table store whose writes of one reading fail a number of times.</summary>
    private sealed class FlakyTableStore(ITableStore inner, double failingSeq, int failures) : DelegatingTableStore(inner)
    {
        private int _failed;

        public override Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default) =>
            items.Any(IsFailing) && _failed < failures ? throw new IOException("batch write failed") : base.PutItemsAsync(tableName, items, cancellationToken);

        public override Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default)
        {
            if (IsFailing(item) && _failed < failures)
            {
                _failed++;
                throw new IOException("disk on fire");
            }
            return base.PutItemAsync(tableName, item, condition, cancellationToken);
        }

        private bool IsFailing(Item item) => item.GetNumber("seq") == failingSeq;
    }

    /// <summary>A function that throws on its first invocations, then accepts everything.</summary>
    private sealed class ThrowingFunction(int throwTimes) : IStreamFunction
    {
        private int _calls;

        public string Name => "ThrowingFunction";

        public Task<StreamsEventResponse> HandleAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken) =>
            ++_calls <= throwTimes ? throw new InvalidOperationException("cold start failed") : Task.FromResult(StreamsEventResponse.Success);
    }
}
