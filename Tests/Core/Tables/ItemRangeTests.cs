using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Embedded;

namespace TurbineConsole.Tests.Core.Tables;

/// <summary>Reading a query's whole range page by page, on the embedded table store.</summary>
public sealed class ItemRangeTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    private readonly SqliteTableStore _store = new(directory.SharedDatabase);

    [Fact]
    public async Task A_range_larger_than_one_page_is_read_whole_in_the_querys_order()
    {
        var table = await NewTableAsync(items: ItemRange.PageSize + 250);

        var range = await ItemRange.ReadAsync(_store, table, new TableQuery("Chicago") { Ascending = false, Limit = 7 }, maxItems: 5_000);

        Assert.True(range.IsComplete);
        Assert.Equal(ItemRange.PageSize + 250, range.Items.Count);
        var keys = range.Items.Select(i => i.GetString("k")).ToList();
        Assert.Equal(keys.OrderDescending(StringComparer.Ordinal), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task A_range_larger_than_the_limit_gives_its_first_items_and_says_it_is_not_complete()
    {
        var table = await NewTableAsync(items: 40);

        var range = await ItemRange.ReadAsync(_store, table, new TableQuery("Chicago") { Ascending = false }, maxItems: 39);

        Assert.False(range.IsComplete);
        Assert.Equal(39, range.Items.Count);
        Assert.Equal("k0039", range.Items[0].GetString("k"));
    }

    [Fact]
    public async Task A_range_exactly_at_the_limit_is_complete()
    {
        var table = await NewTableAsync(items: 40);

        var range = await ItemRange.ReadAsync(_store, table, new TableQuery("Chicago"), maxItems: 40);

        Assert.True(range.IsComplete);
        Assert.Equal(40, range.Items.Count);
    }

    private async Task<string> NewTableAsync(int items)
    {
        var name = "Range" + Guid.NewGuid().ToString("N")[..12];
        await _store.CreateTableAsync(new TableSchema(name, new KeyAttribute("p", AttributeType.String), new KeyAttribute("k", AttributeType.String)));
        var all = Enumerable.Range(0, items).Select(i => new Item { ["p"] = "Chicago", ["k"] = $"k{i:D4}", ["score"] = (double)i }).ToList();
        foreach (var chunk in all.Chunk(25))
            await _store.PutItemsAsync(name, chunk);
        // Another partition, which no query here reads.
        await _store.PutItemAsync(name, new Item { ["p"] = "Tulsa", ["k"] = "k0000" });
        return name;
    }
}
