using Bunit;
using MudBlazor;
using TurbineConsole.Simulator.Web.Components.Dashboard;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Dashboard;

public sealed class ConditionChipTests : WebTestContext
{
    [Theory]
    [InlineData(TurbineCondition.Normal, Color.Success)]
    [InlineData(TurbineCondition.HighWind, Color.Warning)]
    [InlineData(TurbineCondition.ShutdownAdvised, Color.Error)]
    public void The_chip_is_coloured_by_the_condition_and_shows_its_text(TurbineCondition condition, Color color)
    {
        var cut = Render<ConditionChip>(p => p.Add(c => c.Condition, condition).Add(c => c.Text, "label"));

        Assert.Equal(color, cut.FindComponent<MudChip<string>>().Instance.Color);
        Assert.Equal("label", cut.Find(".mud-chip").TextContent.Trim());
    }
}
