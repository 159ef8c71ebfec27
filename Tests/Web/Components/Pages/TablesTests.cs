using Bunit;
using MudBlazor.Extensions;
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
        cut.Find("input#page-size").Change("3");

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

    private static int Column(IRenderedComponent<TablesPage> cut, string name) =>
        cut.FindAll("#items thead th").Select((th, i) => (th.TextContent, i)).Single(c => c.TextContent == name).i;
}
