using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Tests.Web.Telemetry;

public sealed class TelemetryFeedTests
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_flush_hands_out_one_batch_per_location_with_results_and_windows()
    {
        var (store, feed) = Create();
        var batches = new List<TelemetryBatch>();
        using var subscription = feed.Subscribe(batches.AddRange);

        await store.PutItemsAsync("WindDataTable", [Item("Chicago", "CHI-01", 1), Item("Tulsa", "TUL-01", 1), Item("Chicago", "CHI-02", 1)]);
        await store.PutItemAsync("MaxWindSpeedTable", MaxWindSpeedItem.From(new MaxSpeedWindow("Chicago", 61.5, s_time, s_time.AddMinutes(1), 240)));
        feed.Flush();

        Assert.Equal(2, batches.Count);
        var chicago = batches.Single(b => b.Location == "Chicago");
        Assert.Equal(["CHI-01", "CHI-02"], chicago.Results.Select(r => r.Reading.Turbine).ToArray());
        Assert.Equal(61.5, Assert.Single(chicago.Windows).MaxSpeedMph);
        Assert.Single(batches.Single(b => b.Location == "Tulsa").Results);
        Assert.Equal(["Chicago", "Tulsa"], feed.Locations);
    }

    [Fact]
    public async Task Nothing_is_handed_out_after_the_subscription_is_disposed()
    {
        var (store, feed) = Create();
        var calls = 0;
        var subscription = feed.Subscribe(_ => calls++);
        await store.PutItemsAsync("WindDataTable", [Item("Chicago", "CHI-01", 1)]);
        feed.Flush();

        subscription.Dispose();
        await store.PutItemsAsync("WindDataTable", [Item("Chicago", "CHI-01", 2)]);
        feed.Flush();

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Items_of_other_tables_and_unreadable_items_are_not_handed_out()
    {
        var (store, feed) = Create();
        var batches = new List<TelemetryBatch>();
        using var subscription = feed.Subscribe(batches.AddRange);

        await store.PutItemsAsync("AlertsTable", [Item("Chicago", "CHI-01", 1)]);
        await store.PutItemsAsync("WindDataTable", [new Item { ["location"] = "Chicago", ["eventId"] = "x" }]);
        feed.Flush();

        Assert.Empty(batches);
        Assert.Equal(1, feed.SkippedItems);
    }

    private static Item Item(string location, string turbine, long seq) =>
        WindDataItem.From(new AnomalyResult(new WindReading(location, turbine, 30, s_time.AddSeconds(seq), seq, "test"), 0.8, 0, null));

    private static (ObservableTableStore Store, TelemetryFeed Feed) Create()
    {
        var store = new ObservableTableStore(new NullTableStore());
        return (store, new TelemetryFeed(store, Options.Create(new PipelineOptions())));
    }

    /// <summary>Accepts every write and stores nothing: the feed only needs the writes to succeed.</summary>
    private sealed class NullTableStore : ITableStore
    {
        public Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default) => Task.FromResult<TableSchema?>(null);
        public Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => Task.FromResult<Item?>(null);
        public Task DeleteItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default) => Task.FromResult(new ItemPage([], null));
        public Task<int> DeleteItemsBeforeAsync(string tableName, string sortKeyBefore, int limit, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default) => Task.FromResult(new ItemPage([], null));
    }
}
