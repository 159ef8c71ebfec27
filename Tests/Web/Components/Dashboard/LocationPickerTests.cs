using Bunit;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Components.Dashboard;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Dashboard;

public sealed class LocationPickerTests : WebTestContext
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_few_locations_are_listed_at_once_grouped_by_state_most_severe_first()
    {
        var cut = Picker(("Albany", 20), ("Boston", 80), ("Casper", 30));

        Assert.Empty(cut.FindAll("#location-toggle"));
        Assert.Equal(new string?[] { "ShutdownAdvised", "Normal" }, cut.FindAll(".location-group").Select(g => g.GetAttribute("data-state")).ToArray());
        Assert.Equal(["Boston", "Albany", "Casper"], cut.FindAll(".location-option").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void Twenty_five_locations_stay_folded_until_opened_and_a_search_narrows_them()
    {
        var farms = Enumerable.Range(1, 24).Select(i => ($"Farm {i:D2}", 20.0)).Append(("Tulsa", 60.0)).ToArray();
        var cut = Picker(farms);
        Assert.Empty(cut.FindAll(".location-option"));
        Assert.Equal("Choose among 25", cut.Find("#location-toggle").TextContent.Trim());

        cut.Find("#location-toggle").Click();
        Assert.Equal(25, cut.FindAll(".location-option").Count);
        Assert.Equal("CutOut", cut.Find(".location-group").GetAttribute("data-state"));

        cut.Find("input#location-search, #location-search input").Input("tul");

        Assert.Equal(["Tulsa"], cut.FindAll(".location-option").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void Choosing_a_location_raises_LocationSelected_and_folds_the_list()
    {
        string? chosen = null;
        var farms = Enumerable.Range(1, 10).Select(i => ($"Farm {i:D2}", 20.0)).ToArray();
        var cut = PickerOf(farms, l => chosen = l);
        cut.Find("#location-toggle").Click();

        cut.Find("#location-Farm-07").Click();

        Assert.Equal("Farm 07", chosen);
        Assert.Empty(cut.FindAll(".location-option"));
    }

    private IRenderedComponent<LocationPicker> PickerOf((string Location, double Speed)[] farms, Action<string>? chosen)
    {
        var state = new DashboardState(new AnomalyRule(new AlertOptions()));
        state.Apply(farms.Select(f => new AnomalyResult(new WindReading(f.Location, "T-01", f.Speed, s_time, 1, "test"), 0.8, 0, null)));
        return Render<LocationPicker>(p => p
            .Add(l => l.Statuses, state.Board(s_time.AddSeconds(1), TimeSpan.FromMinutes(1)))
            .Add(l => l.LocationSelected, (string l) => chosen?.Invoke(l)));
    }

    private IRenderedComponent<LocationPicker> Picker(params (string Location, double Speed)[] farms) => PickerOf(farms, null);
}
