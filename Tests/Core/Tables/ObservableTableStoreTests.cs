using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Core.Tables;

public sealed class ObservableTableStoreTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-observable-" + Guid.NewGuid().ToString("N"));
    private Pipeline.Runtime.PipelineBackend _backend = null!;
    private ObservableTableStore _store = null!;

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "t.db"));
        _store = new ObservableTableStore(_backend.Tables);
        await _store.CreateTableAsync(WindDataItem.Schema("WindDataTable"));
    }

    [Fact]
    public async Task A_successful_write_raises_ItemsWritten_with_the_table_and_items_after_they_are_readable()
    {
        var seen = new List<(string Table, int Count, bool Readable)>();
        _store.ItemsWritten += (table, items) =>
            seen.Add((table, items.Count, _backend.Tables.GetItemAsync(table, new ItemKey("Chicago", "a")).GetAwaiter().GetResult() is not null));

        await _store.PutItemsAsync("WindDataTable", [new Item { ["location"] = "Chicago", ["eventId"] = "a" }, new Item { ["location"] = "Chicago", ["eventId"] = "b" }]);

        Assert.Equal([("WindDataTable", 2, true)], seen);
    }

    [Fact]
    public async Task A_failed_write_raises_nothing_and_a_failing_listener_does_not_fail_the_write()
    {
        var raised = 0;
        _store.ItemsWritten += (_, _) => raised++;
        _store.ItemsWritten += (_, _) => throw new InvalidOperationException("listener bug");

        await Assert.ThrowsAsync<TableNotFoundException>(() => _store.PutItemAsync("Missing", new Item { ["location"] = "x" }));
        await _store.PutItemAsync("WindDataTable", new Item { ["location"] = "Chicago", ["eventId"] = "c" });

        Assert.Equal(1, raised);
        Assert.NotNull(await _store.GetItemAsync("WindDataTable", new ItemKey("Chicago", "c")));
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        try { Directory.Delete(_directory, true); } catch (IOException) { }
    }
}
