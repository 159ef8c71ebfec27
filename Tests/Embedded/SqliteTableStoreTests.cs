using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Core.Tables;

namespace TurbineConsole.Tests.Embedded;

/// <summary>The table contract on the embedded backend, and what only the embedded backend promises.</summary>
public sealed class SqliteTableStoreTests(TempDirectoryFixture directory) : TableStoreContractTests, IClassFixture<TempDirectoryFixture>
{
    /// <inheritdoc />
    protected override Task<ITableStore> CreateStoreAsync() => Task.FromResult<ITableStore>(new SqliteTableStore(directory.SharedDatabase));

    [Fact]
    public async Task Tables_and_items_survive_reopening_the_database()
    {
        var path = directory.NewDatabasePath();
        var name = NewTableName();
        await using (var db = new EmbeddedDatabase(path))
        {
            var store = new SqliteTableStore(db);
            await store.CreateTableAsync(new TableSchema(name, new KeyAttribute("location", AttributeType.String), new KeyAttribute("time", AttributeType.Number)));
            await store.PutItemsAsync(name, [Reading("Chicago", 2, 20.5), Reading("Chicago", 10, 31)]);
        }

        await using var reopened = new EmbeddedDatabase(path);
        var again = new SqliteTableStore(reopened);
        var items = await QueryAllAsync(again, name, new TableQuery("Chicago"));

        Assert.NotNull(await again.DescribeTableAsync(name));
        Assert.Equal([2, 10], items.Select(i => i.GetNumber("time")));
        Assert.Equal([20.5, 31], items.Select(i => i.GetNumber("speed")));
    }

    [Fact]
    public async Task Batch_with_one_invalid_item_writes_nothing()
    {
        var (store, name) = await NewReadingsTableAsync();

        var error = await Assert.ThrowsAsync<TableValidationException>(
            () => store.PutItemsAsync(name, [Reading("Chicago", 1, 1), new Item { ["location"] = "Chicago" }]));

        Assert.Contains("time", error.Message);
        Assert.Empty((await store.QueryAsync(name, new TableQuery("Chicago"))).Items);
    }

    [Fact]
    public async Task Empty_string_key_is_refused_naming_the_attribute()
    {
        var (store, name) = await NewReadingsTableAsync();

        var error = await Assert.ThrowsAsync<TableValidationException>(() => store.PutItemAsync(name, Reading("", 1, 1)));

        Assert.Contains("location", error.Message);
    }

    [Fact]
    public async Task Item_over_400_KB_is_refused()
    {
        var (store, name) = await NewReadingsTableAsync();
        var item = Reading("Chicago", 1, 1);
        item["blob"] = new string('x', 401 * 1024);

        var error = await Assert.ThrowsAsync<TableValidationException>(() => store.PutItemAsync(name, item));

        Assert.Contains("size", error.Message);
    }

    [Fact]
    public async Task Querying_a_missing_table_is_refused_with_ResourceNotFoundException()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<TableNotFoundException>(() => store.QueryAsync(NewTableName(), new TableQuery("Chicago")));

        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public async Task Query_with_a_partition_key_of_the_wrong_type_is_refused()
    {
        var (store, name) = await NewReadingsTableAsync();

        var error = await Assert.ThrowsAsync<TableValidationException>(() => store.QueryAsync(name, new TableQuery(42)));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task GetItem_without_the_sort_key_of_a_table_that_has_one_is_refused()
    {
        var (store, name) = await NewReadingsTableAsync();

        var error = await Assert.ThrowsAsync<TableValidationException>(() => store.GetItemAsync(name, new ItemKey("Chicago")));

        Assert.Contains("does not match the schema", error.Message);
    }

    [Fact]
    public async Task Table_keyed_by_a_boolean_is_refused()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<TableValidationException>(
            () => store.CreateTableAsync(new TableSchema(NewTableName(), new KeyAttribute("flag", AttributeType.Bool))));

        Assert.Contains("flag", error.Message);
    }

    [Fact]
    public async Task Concurrent_conditional_puts_let_exactly_one_writer_win()
    {
        var (store, name) = await NewTableAsync(new KeyAttribute("id", AttributeType.String));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.PutItemAsync(name, new Item { ["id"] = "alert-1", ["writer"] = i }, PutCondition.NotExists);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                return false;
            }
        })));

        Assert.Equal(1, outcomes.Count(won => won));
        var winner = Array.IndexOf(outcomes, true);
        Assert.Equal(winner, (await store.GetItemAsync(name, new ItemKey("alert-1")))!.GetNumber("writer"));
    }

    [Fact]
    public async Task Attribute_holding_a_default_value_is_refused_naming_the_attribute()
    {
        var (store, name) = await NewReadingsTableAsync();
        var item = Reading("Chicago", 1, 1);
        item["turbine"] = default;

        var error = await Assert.ThrowsAsync<TableValidationException>(() => store.PutItemAsync(name, item));

        Assert.Contains("turbine", error.Message);
    }
}
