using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Extensions;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Components.Pages;
using TurbineConsole.Tests.Web.Support;
using TablesPage = TurbineConsole.Simulator.Web.Components.Pages.Tables;

namespace TurbineConsole.Tests.Web.Components.Pages;

public sealed class TablesTests : WebTestContext
{
    [Fact]
    public async Task Sorting_by_score_is_numeric_so_10_4_comes_before_3()
    {
        await WriteResultsAsync(Result("Chicago", "CHI-01", 30, 3, secondsAgo: 30, seq: 1), Result("Chicago", "CHI-02", 31, 10.4, secondsAgo: 20, seq: 2),
            Result("Chicago", "CHI-03", 32, 0.7, secondsAgo: 10, seq: 3));
        var cut = Render<TablesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Chicago", cut.Find("input#location").GetAttribute("value")));
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<TableSort>>().Instance.ValueChanged.InvokeAsync(TableSort.ScoreHighFirst));

        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() =>
        {
            var turbines = cut.FindAll("#items tbody tr").Select(r => r.Children[Column(cut, "turbine")].TextContent).ToArray();
            Assert.Equal(["CHI-02", "CHI-01", "CHI-03"], turbines);
        });
    }

    [Fact]
    public async Task Next_page_continues_from_the_last_evaluated_key_and_the_last_page_says_so()
    {
        await WriteResultsAsync(Enumerable.Range(1, 5).Select(i => Result("Tulsa", "TUL-01", 20 + i, 0.7, secondsAgo: 60 - i, seq: i)).ToArray());
        var cut = Render<TablesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Tulsa", cut.Find("input#location").GetAttribute("value")));
        cut.Find("input#page-size").Input("3");

        cut.Find("button#run-query").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#items tbody tr").Count));
        Assert.Contains("more available", cut.Find("#page-info").TextContent);

        cut.Find("button#next-page").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#items tbody tr").Count));
        Assert.Contains("last page", cut.Find("#page-info").TextContent);
        Assert.Contains("Page 2", cut.Find("#page-info").TextContent);
    }

    [Fact]
    public async Task With_tables_renamed_the_page_queries_the_configured_wind_data_table()
    {
        Options.Tables.WindData = "GustTable";
        Options.Tables.MaxWindSpeed = "PeakTable";
        await CreateResourcesAsync();
        await WriteResultsAsync(Result("Casper", "CAS-07", 33, 0.8));
        var cut = Render<TablesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Casper", cut.Find("input#location").GetAttribute("value")));
        Assert.Equal("GustTable", cut.FindComponent<MudBlazor.MudSelect<string>>().Instance.GetState(x => x.Value));

        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() => Assert.Equal("CAS-07", cut.Find("#items tbody tr").Children[Column(cut, "turbine")].TextContent));
    }

    [Fact]
    public void A_time_that_cannot_be_read_says_how_to_write_it()
    {
        var cut = Render<TablesPage>();
        cut.Find("input#location").Change("Chicago");
        cut.Find("input#from").Change("yesterday");

        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() => Assert.Contains("write it as yyyy-MM-dd HH:mm:ss", cut.Find("#tables-error").TextContent));
    }

    [Fact]
    public void A_location_with_no_items_says_what_to_check()
    {
        var cut = Render<TablesPage>();
        cut.Find("input#location").Change("Nowhere");

        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() => Assert.Contains("No items for Nowhere", cut.Find("#items-empty").TextContent));
    }

    [Fact]
    public async Task Score_highest_first_sorts_the_whole_range_so_page_1_holds_its_highest_score_not_only_the_first_pages()
    {
        // The 99 mph spike is the oldest of 31 items: newest first, it is alone on the last page of 10.
        await WriteResultsAsync(Result("Amarillo", "AMA-01", 99, 5.7, secondsAgo: 600, seq: 1));
        await WriteResultsAsync(Enumerable.Range(2, 30).Select(i => Result("Amarillo", "AMA-02", 20 + i % 7, 0.5 + i % 5 * 0.4, secondsAgo: 600 - i * 10, seq: i)).ToArray());
        var cut = Render<TablesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Amarillo", cut.Find("input#location").GetAttribute("value")));
        cut.Find("input#page-size").Input("10");
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<TableSort>>().Instance.ValueChanged.InvokeAsync(TableSort.ScoreHighFirst));

        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("#items tbody tr").Count));
        var scores = Scores(cut);
        Assert.Equal("5.7", scores[0]);
        Assert.Equal("99", cut.Find("#items tbody tr").Children[Column(cut, "speed")].TextContent);
        Assert.Contains("Page 1 of 4", cut.Find("#page-info").TextContent);
        Assert.Contains("sorted over all 31 items of the range", cut.Find("#page-info").TextContent);
        Assert.Empty(cut.FindAll("#sort-limit"));

        // The next pages go on down the same order.
        cut.Find("button#next-page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 2 of 4", cut.Find("#page-info").TextContent));
        var second = Scores(cut).Select(double.Parse).ToList();
        Assert.True(second.Max() <= scores.Select(double.Parse).Min(), "page 2 holds a score higher than page 1's lowest");
        Assert.Equal(second.OrderByDescending(x => x), second);
    }

    [Fact]
    public async Task A_range_larger_than_the_sort_limit_says_the_order_covers_only_its_newest_items()
    {
        await WriteResultsAsync(Enumerable.Range(1, TablesPage.SortLimit + 5).Select(i => Result("Fargo", "FAR-01", 30, 1, secondsAgo: 20_000 - i, seq: i)).ToArray());
        var cut = Render<TablesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Fargo", cut.Find("input#location").GetAttribute("value")));
        cut.Find("input#from").Change(DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<TableSort>>().Instance.ValueChanged.InvokeAsync(TableSort.SpeedHighFirst));

        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() => Assert.Contains("This range holds more than 10,000 items", cut.Find("#sort-limit").TextContent), TimeSpan.FromSeconds(30));
        Assert.Contains("sorted over the newest 10,000 items of the range", cut.Find("#page-info").TextContent);
    }

    [Fact]
    public async Task A_failed_query_clears_the_rows_of_the_previous_one()
    {
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 25, 0.7));
        var failing = new FailingTableStore(Tables);
        Services.AddSingleton<ITableStore>(failing);
        var cut = Render<TablesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Tulsa", cut.Find("input#location").GetAttribute("value")));
        cut.Find("button#run-query").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#items tbody tr")));

        failing.Failure = new TableException("ProvisionedThroughputExceededException", "Rate of requests exceeds the allowed throughput.");
        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() => Assert.Contains("The query failed: Rate of requests exceeds the allowed throughput.", cut.Find("#tables-error").TextContent));
        Assert.Empty(cut.FindAll("#items"));
        Assert.Empty(cut.FindAll("#page-info"));
        Assert.True(cut.Find("button#next-page").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_refused_input_clears_the_rows_of_the_previous_query()
    {
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 25, 0.7));
        var cut = Render<TablesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Tulsa", cut.Find("input#location").GetAttribute("value")));
        cut.Find("button#run-query").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#items tbody tr")));

        cut.Find("input#from").Change("yesterday");
        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() => Assert.Contains("\"From\" is not a time", cut.Find("#tables-error").TextContent));
        Assert.Empty(cut.FindAll("#items"));
    }

    [Fact]
    public async Task Time_columns_and_the_time_fields_are_labelled_UTC()
    {
        await WriteResultsAsync(Result("Casper", "CAS-01", 25, 0.7));
        var cut = Render<TablesPage>();
        cut.WaitForAssertion(() => Assert.Equal("Casper", cut.Find("input#location").GetAttribute("value")));

        cut.Find("button#run-query").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#items tbody tr")));
        var headers = cut.FindAll("#items thead th").Select(th => th.TextContent).ToList();
        Assert.Contains("eventId (UTC)", headers);
        Assert.Contains("timestamp (UTC)", headers);
        Assert.EndsWith("Z", cut.Find("#items tbody tr").Children[headers.IndexOf("timestamp (UTC)")].TextContent);
        Assert.Contains("From (UTC)", cut.Markup);
        Assert.Contains("To (UTC)", cut.Markup);
    }

    [Theory]
    [InlineData("5000", "Items per page must be 1 to 1,000; 5,000 is outside that range.")]
    [InlineData("0", "Items per page must be 1 to 1,000; 0 is outside that range.")]
    [InlineData("ten", "Items per page must be a whole number from 1 to 1,000; \"ten\" is not.")]
    public void An_items_per_page_out_of_range_is_refused_as_typed_and_Run_is_disabled(string typed, string message)
    {
        var cut = Render<TablesPage>();

        cut.Find("input#page-size").Input(typed);

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Markup));
        Assert.Equal(typed, cut.Find("input#page-size").GetAttribute("value"));
        Assert.True(cut.Find("button#run-query").HasAttribute("disabled"));
    }

    private static List<string> Scores(IRenderedComponent<TablesPage> cut) =>
        cut.FindAll("#items tbody tr").Select(r => r.Children[Column(cut, "score")].TextContent).ToList();

    /// <summary>The test's table store, whose queries fail with <see cref="Failure"/> once a test sets it.</summary>
    private sealed class FailingTableStore(ITableStore inner) : ITableStore
    {
        public TableException? Failure { get; set; }

        public Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default) => inner.CreateTableAsync(schema, cancellationToken);

        public Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default) => inner.DescribeTableAsync(tableName, cancellationToken);

        public Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default) =>
            inner.PutItemAsync(tableName, item, condition, cancellationToken);

        public Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default) => inner.PutItemsAsync(tableName, items, cancellationToken);

        public Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => inner.GetItemAsync(tableName, key, cancellationToken);

        public Task DeleteItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => inner.DeleteItemAsync(tableName, key, cancellationToken);

        public Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default) =>
            Failure is { } failure ? Task.FromException<ItemPage>(failure) : inner.QueryAsync(tableName, query, cancellationToken);

        public Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default) =>
            inner.ScanAsync(tableName, limit, exclusiveStartKey, cancellationToken);

        public Task<int> DeleteItemsBeforeAsync(string tableName, string sortKeyBefore, int limit, CancellationToken cancellationToken = default) =>
            inner.DeleteItemsBeforeAsync(tableName, sortKeyBefore, limit, cancellationToken);
    }

    private static int Column(IRenderedComponent<TablesPage> cut, string name) =>
        cut.FindAll("#items thead th").Select((th, i) => (th.TextContent, i)).Single(c => c.TextContent == name).i;
}
