using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Core.Tables;

/// <summary>
/// The behaviour every <see cref="ITableStore"/> shares with DynamoDB. A backend's test class derives from this and
/// supplies a store; the same tests are meant to run against the embedded backend and against the DynamoDB adapter
/// talking to dynalite. Every test uses tables of its own, so tests may share one backend.
/// </summary>
public abstract class TableStoreContractTests
{
    /// <summary>A store on the backend under test.</summary>
    protected abstract Task<ITableStore> CreateStoreAsync();

    /// <summary>Waits until a new table can be used (DynamoDB creates tables asynchronously); nothing to wait for by default.</summary>
    protected virtual Task WaitUntilActiveAsync(ITableStore store, string tableName) => Task.CompletedTask;

    /// <summary>A table name no other test uses.</summary>
    protected static string NewTableName() => "contract-" + Guid.NewGuid().ToString("N");

    /// <summary>A store and a new table keyed by <c>location</c> (S) and <c>time</c> (N).</summary>
    protected async Task<(ITableStore Store, string TableName)> NewReadingsTableAsync() =>
        await NewTableAsync(new KeyAttribute("location", AttributeType.String), new KeyAttribute("time", AttributeType.Number));

    /// <summary>A store and a new table with the given keys.</summary>
    protected async Task<(ITableStore Store, string TableName)> NewTableAsync(KeyAttribute partitionKey, KeyAttribute? sortKey = null)
    {
        var store = await CreateStoreAsync();
        var name = NewTableName();
        await store.CreateTableAsync(new TableSchema(name, partitionKey, sortKey));
        await WaitUntilActiveAsync(store, name);
        return (store, name);
    }

    /// <summary>A reading item.</summary>
    protected static Item Reading(string location, double time, double speed) =>
        new() { ["location"] = location, ["time"] = time, ["speed"] = speed };

    /// <summary>Every item of a query, following LastEvaluatedKey; checks each page's size.</summary>
    protected static async Task<List<Item>> QueryAllAsync(ITableStore store, string tableName, TableQuery query)
    {
        var items = new List<Item>();
        var current = query;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await store.QueryAsync(tableName, current);
            Assert.True(page.Items.Count <= query.Limit);
            items.AddRange(page.Items);
            if (page.LastEvaluatedKey is null)
            {
                return items;
            }

            current = current with { ExclusiveStartKey = page.LastEvaluatedKey };
        }

        throw new InvalidOperationException("The query did not end.");
    }

    [Fact]
    public async Task Created_table_is_described_with_its_key_schema()
    {
        var (store, name) = await NewReadingsTableAsync();

        var schema = await store.DescribeTableAsync(name);

        Assert.Equal(new TableSchema(name, new KeyAttribute("location", AttributeType.String), new KeyAttribute("time", AttributeType.Number)), schema);
    }

    [Fact]
    public async Task Describing_a_missing_table_gives_null()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.DescribeTableAsync(NewTableName()));
    }

    [Fact]
    public async Task Creating_a_table_that_exists_is_refused_with_ResourceInUseException()
    {
        var (store, name) = await NewReadingsTableAsync();

        var error = await Assert.ThrowsAsync<TableInUseException>(
            () => store.CreateTableAsync(new TableSchema(name, new KeyAttribute("id", AttributeType.String))));

        Assert.Equal("ResourceInUseException", error.ErrorCode);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("wind data")]
    [InlineData("wind/data")]
    public async Task Table_name_outside_the_DynamoDB_rules_is_refused_with_ValidationException(string name)
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<TableValidationException>(
            () => store.CreateTableAsync(new TableSchema(name, new KeyAttribute("id", AttributeType.String))));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task Putting_into_a_missing_table_is_refused_with_ResourceNotFoundException()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<TableNotFoundException>(() => store.PutItemAsync(NewTableName(), Reading("Chicago", 1, 2)));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task Item_is_read_back_with_the_type_of_every_attribute()
    {
        var (store, name) = await NewReadingsTableAsync();
        var item = new Item
        {
            ["location"] = "Chicago",
            ["time"] = 1764504000123,
            ["speed"] = 31.4,
            ["negative"] = -0.5,
            ["turbine"] = "CHI-07",
            ["numberLikeText"] = "10.4",
            ["anomaly"] = true,
            ["calm"] = false,
            ["note"] = AttributeValue.Null,
        };

        await store.PutItemAsync(name, item);
        var read = await store.GetItemAsync(name, new ItemKey("Chicago", 1764504000123));

        Assert.NotNull(read);
        Assert.Equal(item.OrderBy(p => p.Key, StringComparer.Ordinal), read.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(AttributeType.String, read["numberLikeText"].Type);
        Assert.Equal(AttributeType.Null, read["note"].Type);
    }

    [Fact]
    public async Task Getting_a_missing_item_gives_null()
    {
        var (store, name) = await NewReadingsTableAsync();
        await store.PutItemAsync(name, Reading("Chicago", 1, 20));

        Assert.Null(await store.GetItemAsync(name, new ItemKey("Chicago", 2)));
        Assert.Null(await store.GetItemAsync(name, new ItemKey("Denver", 1)));
    }

    [Fact]
    public async Task Delete_removes_only_the_item_with_that_key_and_a_missing_item_is_no_error()
    {
        var (store, name) = await NewReadingsTableAsync();
        await store.PutItemsAsync(name, [Reading("Chicago", 1, 20), Reading("Chicago", 2, 21), Reading("Denver", 1, 22)]);

        await store.DeleteItemAsync(name, new ItemKey("Chicago", 1));
        await store.DeleteItemAsync(name, new ItemKey("Chicago", 1));
        await store.DeleteItemAsync(name, new ItemKey("Boston", 9));

        Assert.Null(await store.GetItemAsync(name, new ItemKey("Chicago", 1)));
        Assert.Equal([2.0], (await QueryAllAsync(store, name, new TableQuery("Chicago"))).Select(i => i.GetNumber("time")));
        Assert.NotNull(await store.GetItemAsync(name, new ItemKey("Denver", 1)));
        await Assert.ThrowsAsync<TableNotFoundException>(() => store.DeleteItemAsync(NewTableName(), new ItemKey("Chicago", 2)));
    }

    [Fact]
    public async Task Put_replaces_the_item_with_the_same_key()
    {
        var (store, name) = await NewReadingsTableAsync();
        await store.PutItemAsync(name, new Item { ["location"] = "Chicago", ["time"] = 1, ["speed"] = 20, ["gone"] = "soon" });

        await store.PutItemAsync(name, Reading("Chicago", 1, 25));
        var read = await store.GetItemAsync(name, new ItemKey("Chicago", 1));

        Assert.Equal(25, read!.GetNumber("speed"));
        Assert.False(read.ContainsKey("gone"));
        Assert.Single(await QueryAllAsync(store, name, new TableQuery("Chicago")));
    }

    [Fact]
    public async Task Item_without_its_sort_key_is_refused_naming_the_attribute()
    {
        var (store, name) = await NewReadingsTableAsync();

        var error = await Assert.ThrowsAsync<TableValidationException>(
            () => store.PutItemAsync(name, new Item { ["location"] = "Chicago", ["speed"] = 20 }));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("time", error.Message);
    }

    [Fact]
    public async Task Key_of_the_wrong_type_is_refused_naming_the_attribute()
    {
        var (store, name) = await NewReadingsTableAsync();

        var error = await Assert.ThrowsAsync<TableValidationException>(
            () => store.PutItemAsync(name, new Item { ["location"] = "Chicago", ["time"] = "2026-11-30T12:00:00Z" }));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("time", error.Message);
    }

    [Fact]
    public async Task Conditional_put_with_NotExists_writes_once_and_then_fails()
    {
        var (store, name) = await NewReadingsTableAsync();

        await store.PutItemAsync(name, Reading("Chicago", 1, 20), PutCondition.NotExists);
        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(
            () => store.PutItemAsync(name, Reading("Chicago", 1, 99), PutCondition.NotExists));

        Assert.Equal("ConditionalCheckFailedException", error.ErrorCode);
        Assert.Equal(20, (await store.GetItemAsync(name, new ItemKey("Chicago", 1)))!.GetNumber("speed"));
    }

    [Fact]
    public async Task Conditional_put_with_AttributeEquals_writes_only_when_the_stored_value_matches()
    {
        var (store, name) = await NewTableAsync(new KeyAttribute("id", AttributeType.String));
        await store.PutItemAsync(name, new Item { ["id"] = "alert-1", ["state"] = "pending", ["version"] = 1 });

        await store.PutItemAsync(name, new Item { ["id"] = "alert-1", ["state"] = "sent", ["version"] = 2 }, PutCondition.AttributeEquals("version", 1));
        var stale = await Assert.ThrowsAsync<ConditionalCheckFailedException>(
            () => store.PutItemAsync(name, new Item { ["id"] = "alert-1", ["state"] = "lost", ["version"] = 2 }, PutCondition.AttributeEquals("version", 1)));
        var missing = await Assert.ThrowsAsync<ConditionalCheckFailedException>(
            () => store.PutItemAsync(name, new Item { ["id"] = "alert-2", ["version"] = 1 }, PutCondition.AttributeEquals("version", 0)));

        var stored = await store.GetItemAsync(name, new ItemKey("alert-1"));
        Assert.Equal("sent", stored!.GetString("state"));
        Assert.Equal("ConditionalCheckFailedException", stale.ErrorCode);
        Assert.Equal("ConditionalCheckFailedException", missing.ErrorCode);
        Assert.Null(await store.GetItemAsync(name, new ItemKey("alert-2")));
    }

    [Fact]
    public async Task Conditional_put_compares_numbers_as_numbers_not_as_strings()
    {
        var (store, name) = await NewTableAsync(new KeyAttribute("id", AttributeType.String));
        await store.PutItemAsync(name, new Item { ["id"] = "x", ["score"] = "3" });

        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(
            () => store.PutItemAsync(name, new Item { ["id"] = "x", ["score"] = 4 }, PutCondition.AttributeEquals("score", 3)));

        Assert.Equal("ConditionalCheckFailedException", error.ErrorCode);
    }

    [Fact]
    public async Task Query_orders_number_sort_keys_numerically()
    {
        var (store, name) = await NewReadingsTableAsync();
        foreach (var time in new[] { 10.4, 3, 25, -1, 100 })
        {
            await store.PutItemAsync(name, Reading("Chicago", time, 1));
        }

        var ascending = await QueryAllAsync(store, name, new TableQuery("Chicago"));
        var descending = await QueryAllAsync(store, name, new TableQuery("Chicago") { Ascending = false });

        Assert.Equal([-1, 3, 10.4, 25, 100], ascending.Select(i => i.GetNumber("time")));
        Assert.Equal([100, 25, 10.4, 3, -1], descending.Select(i => i.GetNumber("time")));
    }

    [Fact]
    public async Task Query_orders_string_sort_keys_by_their_bytes()
    {
        var (store, name) = await NewTableAsync(new KeyAttribute("location", AttributeType.String), new KeyAttribute("key", AttributeType.String));
        foreach (var key in new[] { "b", "B", "a", "10", "9", "a#2" })
        {
            await store.PutItemAsync(name, new Item { ["location"] = "Chicago", ["key"] = key });
        }

        var items = await QueryAllAsync(store, name, new TableQuery("Chicago"));

        Assert.Equal(["10", "9", "B", "a", "a#2", "b"], items.Select(i => i.GetString("key")));
    }

    [Fact]
    public async Task Query_reads_only_the_requested_partition_within_inclusive_sort_key_bounds()
    {
        var (store, name) = await NewReadingsTableAsync();
        for (var time = 1; time <= 10; time++)
        {
            await store.PutItemsAsync(name, [Reading("Chicago", time, time), Reading("Denver", time, -time)]);
        }

        var between = await QueryAllAsync(store, name, new TableQuery("Chicago") { SortKeyFrom = 3, SortKeyTo = 6 });
        var from = await QueryAllAsync(store, name, new TableQuery("Chicago") { SortKeyFrom = 9 });
        var to = await QueryAllAsync(store, name, new TableQuery("Chicago") { SortKeyTo = 2, Ascending = false });

        Assert.Equal([3, 4, 5, 6], between.Select(i => i.GetNumber("time")));
        Assert.All(between, i => Assert.Equal("Chicago", i.GetString("location")));
        Assert.Equal([9, 10], from.Select(i => i.GetNumber("time")));
        Assert.Equal([2, 1], to.Select(i => i.GetNumber("time")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Query_pages_return_every_item_once_in_order_and_end_without_LastEvaluatedKey(bool ascending)
    {
        var (store, name) = await NewReadingsTableAsync();
        await store.PutItemsAsync(name, Enumerable.Range(0, 23).Select(t => Reading("Chicago", t, t)).ToList());

        var firstPage = await store.QueryAsync(name, new TableQuery("Chicago") { Limit = 5, Ascending = ascending });
        var items = await QueryAllAsync(store, name, new TableQuery("Chicago") { Limit = 5, Ascending = ascending });

        var expected = Enumerable.Range(0, 23).Select(t => (double)t);
        Assert.Equal(ascending ? expected : expected.Reverse(), items.Select(i => i.GetNumber("time")));
        Assert.Equal(5, firstPage.Items.Count);
        Assert.NotNull(firstPage.LastEvaluatedKey);
        Assert.Equal(firstPage.Items[^1].GetNumber("time"), firstPage.LastEvaluatedKey.SortKey!.Value.N);
    }

    [Fact]
    public async Task Query_page_smaller_than_the_limit_has_no_LastEvaluatedKey()
    {
        var (store, name) = await NewReadingsTableAsync();
        await store.PutItemsAsync(name, [Reading("Chicago", 1, 1), Reading("Chicago", 2, 2)]);

        var page = await store.QueryAsync(name, new TableQuery("Chicago") { Limit = 10 });

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.LastEvaluatedKey);
    }

    [Fact]
    public async Task Scan_pages_return_every_item_of_the_table_once()
    {
        var (store, name) = await NewReadingsTableAsync();
        var locations = new[] { "Chicago", "Denver", "Boston" };
        await store.PutItemsAsync(name, locations.SelectMany(l => Enumerable.Range(0, 9).Select(t => Reading(l, t, t))).ToList());

        var seen = new List<(string, double)>();
        ItemKey? start = null;
        var pages = 0;
        do
        {
            var page = await store.ScanAsync(name, limit: 4, exclusiveStartKey: start);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(i => (i.GetString("location"), i.GetNumber("time"))));
            start = page.LastEvaluatedKey;
            pages++;
        }
        while (start is not null && pages < 100);

        Assert.Equal(27, seen.Count);
        Assert.Equal(27, seen.Distinct().Count());
        Assert.True(pages >= 7);
    }

    [Fact]
    public async Task PutItems_writes_every_item()
    {
        var (store, name) = await NewReadingsTableAsync();

        await store.PutItemsAsync(name, Enumerable.Range(0, 20).Select(t => Reading("Chicago", t, t * 1.5)).ToList());

        var items = await QueryAllAsync(store, name, new TableQuery("Chicago"));
        Assert.Equal(Enumerable.Range(0, 20).Select(t => t * 1.5), items.Select(i => i.GetNumber("speed")));
    }

    [Fact]
    public async Task Table_with_only_a_partition_key_stores_one_item_per_key()
    {
        var (store, name) = await NewTableAsync(new KeyAttribute("sensor", AttributeType.Number));

        await store.PutItemsAsync(name, [new Item { ["sensor"] = 7, ["v"] = "a" }, new Item { ["sensor"] = 8, ["v"] = "b" }]);
        await store.PutItemAsync(name, new Item { ["sensor"] = 7, ["v"] = "c" });

        Assert.Equal("c", (await store.GetItemAsync(name, new ItemKey(7)))!.GetString("v"));
        Assert.Equal("b", (await store.GetItemAsync(name, new ItemKey(8)))!.GetString("v"));
        Assert.Equal(2, (await store.ScanAsync(name)).Items.Count);
    }

    [Fact]
    public async Task Items_whose_sort_key_sorts_before_a_bound_are_deleted_in_limited_batches_in_every_partition()
    {
        var (store, table) = await NewTableAsync(new KeyAttribute("location", AttributeType.String), new KeyAttribute("eventId", AttributeType.String));
        var items = new[] { "Casper", "Laramie", "Rawlins" }
            .SelectMany(l => new[] { "2026-11-01T00:00:00.000Z#a", "2026-11-20T00:00:00.000Z#b", "2026-12-01T00:00:00.000Z#c" }
                .Select(t => new Item { ["location"] = l, ["eventId"] = t }))
            .ToList();
        await store.PutItemsAsync(table, items);

        var first = await store.DeleteItemsBeforeAsync(table, "2026-11-25T00:00:00.000Z", 4);
        var rest = await store.DeleteItemsBeforeAsync(table, "2026-11-25T00:00:00.000Z", 4);

        Assert.Equal((4, 2), (first, rest));
        var left = (await store.ScanAsync(table, 100)).Items;
        Assert.Equal(3, left.Count);
        Assert.All(left, i => Assert.StartsWith("2026-12-01", i.GetString("eventId")));
        Assert.Equal(0, await store.DeleteItemsBeforeAsync(table, "2026-11-25T00:00:00.000Z", 4));
    }

    [Fact]
    public async Task Rollup_items_are_read_per_series_by_bucket_range_in_time_order_with_their_parts_and_expire_by_their_start()
    {
        var store = await CreateStoreAsync();
        var table = NewTableName();
        await store.CreateTableAsync(WindRollupItem.Schema(table));
        await WaitUntilActiveAsync(store, table);
        var noon = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        WindRollup Rollup(string location, string turbine, int minutes, TimeSpan width, string? part = null) =>
            new(location, turbine, noon.AddMinutes(minutes), width, 10 + minutes, 20 + minutes,
                new AnomalyResult(new WindReading(location, turbine, 20 + minutes, noon.AddMinutes(minutes).AddSeconds(30), minutes, "anomaly"), 3.5, 1, 12.5)
                {
                    Attribution = new SpeedAttribution(3, 0.5),
                }, part);
        var rollups = new[]
        {
            Rollup("Chicago", "CHI-01", 0, WindRollup.Coarse), Rollup("Chicago", "CHI-01", 10, WindRollup.Coarse), Rollup("Chicago", "CHI-02", 10, WindRollup.Coarse),
            Rollup("Chicago", "CHI-01", 10, WindRollup.Coarse, part: "49590338271490256608559692538361571095921575989136588898"),
            Rollup("Chicago", "CHI-01", 20, WindRollup.Coarse), Rollup("Chicago", "CHI-01", 10, WindRollup.Fine), Rollup("Tulsa", "TUL-01", 10, WindRollup.Coarse),
        };
        await store.PutItemsAsync(table, rollups.Select(WindRollupItem.From).ToList());
        await store.PutItemsAsync(table, [WindRollupItem.From(rollups[1])]);

        var read = await QueryAllAsync(store, table, new TableQuery(WindRollupItem.Series("Chicago", WindRollup.Coarse))
        {
            SortKeyFrom = WindRollupItem.SortKeyFrom(noon.AddMinutes(10)),
            SortKeyTo = WindRollupItem.SortKeyBefore(noon.AddMinutes(20)),
            Limit = 2,
        });

        Assert.Equal([rollups[1], rollups[3], rollups[2]], read.Select(WindRollupItem.ToRollup));
        Assert.Equal(6, await store.DeleteItemsBeforeAsync(table, TableRetention.SortKeyBefore(noon.AddDays(1).AddMinutes(20), TimeSpan.FromDays(1)), 100));
        Assert.Equal(rollups[4], WindRollupItem.ToRollup(Assert.Single((await store.ScanAsync(table, 100)).Items)));
    }
}
