using Microsoft.Extensions.Logging;
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
    private readonly ManualTimeProvider _clock = new();
    private readonly CollectingLoggerFactory _logs = new(LogLevel.Information);
    private PipelineBackend _backend = null!;
    private readonly FunctionOptions _options = new()
    {
        BatchSize = 10,
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
    public async Task A_write_that_keeps_failing_is_never_dead_lettered_and_its_shard_shows_failing_until_the_table_accepts_it()
    {
        var flaky = new FlakyTableStore(_backend.Tables, failingSeq: 17, failures: int.MaxValue);
        var mapping = Mapping(flaky);
        await using var run = Background.Run(mapping.RunAsync);

        await Eventually.WaitUntilAsync(() => mapping.Status is [{ ConsecutiveFailures: >= 5 }], "the shard failed five times in a row");
        var failing = Assert.Single(mapping.Status);
        var deliveredWhileFailing = mapping.Delivered;
        var deadLettersWhileFailing = await _backend.DeadLetters.ListAsync();
        flaky.Heal();
        await Eventually.WaitUntilAsync(() => mapping.Delivered >= 50 && mapping.Status is [{ State: ConsumerState.Healthy }], "the shard recovered");

        Assert.Equal(ConsumerState.Failing, failing.State);
        Assert.Equal("AnalyticsDestinationFunction", failing.Consumer);
        Assert.Contains("disk on fire", failing.LastError);
        Assert.Equal(_clock.GetUtcNow(), failing.FailingSince);
        Assert.Equal(17, deliveredWhileFailing);
        Assert.Empty(deadLettersWhileFailing);
        Assert.Empty(await _backend.DeadLetters.ListAsync());
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), (await ItemsAsync()).Select(i => i.GetNumber("seq")).Order());
        var healthy = Assert.Single(mapping.Status);
        Assert.Equal((0, null, null), (healthy.ConsecutiveFailures, healthy.LastError, healthy.FailingSince));
        // One line when it started failing, one when it recovered: not one per attempt.
        Assert.Single(_logs.Lines, l => l.Contains("is failing on Results/shardId-000000000000"));
        Assert.Single(_logs.Lines, l => l.Contains("recovered on Results/shardId-000000000000"));
    }

    [Fact]
    public async Task A_write_that_fails_twice_is_retried_from_the_failed_record_and_nothing_is_lost_or_doubled()
    {
        var flaky = new FlakyTableStore(_backend.Tables, failingSeq: 23, failures: 2);
        var mapping = Mapping(flaky);

        await using (Background.Run(mapping.RunAsync))
            await Eventually.WaitUntilAsync(() => mapping.Delivered >= 50, "every record was delivered");

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), (await ItemsAsync()).Select(i => i.GetNumber("seq")).Order());
        Assert.Empty(await _backend.DeadLetters.ListAsync());
        Assert.Equal(2, mapping.Retries);
        Assert.Equal(ConsumerState.Healthy, Assert.Single(mapping.Status).State);
    }

    [Fact]
    public async Task A_function_that_throws_has_its_batch_retried_and_nothing_is_dead_lettered()
    {
        var function = new ThrowingFunction { ThrowsLeft = 1 };
        var mapping = new EventSourceMapping(function, Stream, _backend.Streams, _backend.Checkpoints, _options, _logs.CreateLogger("mapping"), _clock);

        await using (Background.Run(mapping.RunAsync))
            await Eventually.WaitUntilAsync(() => mapping.Delivered >= 50, "every record was delivered");

        Assert.Equal(1, mapping.Retries);
        Assert.Equal(50, function.Accepted);
        Assert.Empty(await _backend.DeadLetters.ListAsync());
    }

    [Fact]
    public async Task A_function_that_keeps_throwing_shows_its_shard_failing_with_the_error_and_healthy_once_it_stops()
    {
        var function = new ThrowingFunction { ThrowsLeft = int.MaxValue };
        var mapping = new EventSourceMapping(function, Stream, _backend.Streams, _backend.Checkpoints, _options, _logs.CreateLogger("mapping"), _clock);
        await using var run = Background.Run(mapping.RunAsync);

        await Eventually.WaitUntilAsync(() => mapping.Status is [{ ConsecutiveFailures: >= 3 }], "the shard failed three times in a row");
        var failing = Assert.Single(mapping.Status);
        function.ThrowsLeft = 0;
        await Eventually.WaitUntilAsync(() => mapping.Delivered >= 50 && mapping.Status is [{ State: ConsumerState.Healthy }], "the shard recovered");

        Assert.Equal(ConsumerState.Failing, failing.State);
        Assert.Equal("Results", failing.StreamName);
        Assert.Equal("shardId-000000000000", failing.ShardId);
        Assert.Contains("ThrowingFunction threw InvalidOperationException: cold start failed", failing.LastError);
        Assert.Equal(50, function.Accepted);
        Assert.True(mapping.Retries >= 3);
        Assert.Empty(await _backend.DeadLetters.ListAsync());
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
            _options, _logs.CreateLogger("mapping"), _clock);

    private async Task<IReadOnlyList<Item>> ItemsAsync() =>
        (await _backend.Tables.QueryAsync(Table, new TableQuery("Chicago") { Limit = 1000 })).Items;

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A table store whose writes of one reading fail a number of times, or until healed.</summary>
    private sealed class FlakyTableStore(ITableStore inner, double failingSeq, int failures) : DelegatingTableStore(inner)
    {
        private int _failed;
        private volatile bool _healed;

        public void Heal() => _healed = true;

        public override Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default) =>
            items.Any(IsFailing) && Failing ? throw new IOException("batch write failed") : base.PutItemsAsync(tableName, items, cancellationToken);

        public override Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default)
        {
            if (IsFailing(item) && Failing)
            {
                _failed++;
                throw new IOException("disk on fire");
            }
            return base.PutItemAsync(tableName, item, condition, cancellationToken);
        }

        private bool Failing => !_healed && _failed < failures;

        private bool IsFailing(Item item) => item.GetNumber("seq") == failingSeq;
    }

    /// <summary>A function that throws while it has throws left, then accepts everything.</summary>
    private sealed class ThrowingFunction : IStreamFunction
    {
        private int _throwsLeft;
        private int _accepted;

        public string Name => "ThrowingFunction";

        /// <summary>Invocations that will still throw.</summary>
        public int ThrowsLeft { get => Volatile.Read(ref _throwsLeft); set => Volatile.Write(ref _throwsLeft, value); }

        /// <summary>Records accepted.</summary>
        public int Accepted => Volatile.Read(ref _accepted);

        public Task<StreamsEventResponse> HandleAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _throwsLeft) >= 0)
                throw new InvalidOperationException("cold start failed");
            Interlocked.Add(ref _accepted, kinesisEvent.Records.Count);
            return Task.FromResult(StreamsEventResponse.Success);
        }
    }
}
