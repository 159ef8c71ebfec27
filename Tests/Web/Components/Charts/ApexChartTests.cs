using Bunit;
using TurbineConsole.Simulator.Web.Components.Charts;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Charts;

public sealed class ApexChartTests : WebTestContext
{
    [Fact]
    public void The_chart_is_created_in_the_module_with_its_threshold_lines_and_bound()
    {
        var module = JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("create", _ => true).SetVoidResult();

        Render<ApexChart>(p => p.Add(c => c.ChartId, "score").Add(c => c.MaxPoints, 123)
            .Add(c => c.Thresholds, [new ChartThreshold(3, "Alert threshold (3)", "#d32f2f")]));

        var create = module.VerifyInvoke("create");
        Assert.Equal("score", create.Arguments[1]);
        var json = System.Text.Json.JsonSerializer.Serialize(create.Arguments[2]);
        Assert.Contains("\"maxPoints\":123", json);
        Assert.Contains("\"label\":\"Alert threshold (3)\"", json);
    }

    [Fact]
    public async Task Appending_sends_only_the_new_points_and_an_empty_append_sends_nothing()
    {
        var module = JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        var cut = Render<ApexChart>(p => p.Add(c => c.ChartId, "speed"));

        await cut.InvokeAsync(() => cut.Instance.AppendAsync([new ChartSeries("CHI-01", [new ChartPoint(1000, 31.5)])]));
        await cut.InvokeAsync(() => cut.Instance.AppendAsync([new ChartSeries("CHI-01", [])]));

        var append = Assert.Single(module.Invocations, i => i.Identifier == "append");
        var series = Assert.IsAssignableFrom<IReadOnlyList<ChartSeries>>(append.Arguments[1]);
        Assert.Equal(31.5, Assert.Single(Assert.Single(series).Points).Y);
    }
}
