using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Tests.Web.Support;
using SimulatorPage = TurbineConsole.Simulator.Web.Components.Pages.Simulator;

namespace TurbineConsole.Tests.Web.Components.Pages;

public sealed class SimulatorTests : WebTestContext
{
    [Fact]
    public void Start_sends_readings_shown_in_the_test_data_and_Stop_stops_the_run()
    {
        var cut = Render<SimulatorPage>();
        Assert.Contains("Nothing sent yet", cut.Markup);

        cut.Find("#start-normal button, button#start-normal").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Running", cut.Find("#status-normal [data-status]").GetAttribute("data-status"));
            Assert.NotEmpty(cut.FindAll("#test-data tbody tr"));
        }, TimeSpan.FromSeconds(10));
        Assert.Contains("shardId-", cut.Find("#test-data tbody tr").TextContent);

        cut.Find("button#stop-normal").Click();

        cut.WaitForAssertion(() => Assert.Equal("Stopped", cut.Find("#status-normal [data-status]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Stopped, Simulator.RunOf(WindDataset.Normal)!.Status);
    }

    [Fact]
    public async Task Start_and_Stop_are_audited_with_the_signed_in_operator()
    {
        var cut = Render<SimulatorPage>();

        cut.Find("input#stop-after-diy").Change("3");
        cut.Find("button#start-diy").Click();
        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("#status-diy [data-status]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));

        var started = Assert.Single(await AuditEntriesAsync());
        Assert.Equal((AuditActions.DatasetStarted, "Dana"), (started.Action, started.UserName));
        Assert.Contains("into WindDataStream", started.Detail);
    }

    [Fact]
    public async Task A_viewers_Start_is_refused_by_the_server_with_a_message_and_sends_nothing()
    {
        SignInAs("Vic", AccessRoles.Viewer);
        var cut = Render<SimulatorPage>();
        Assert.Equal("true", cut.Find("button#start-normal").GetAttribute("aria-disabled"));
        Assert.Contains("needs-role", cut.Find("button#start-normal").ClassName);

        cut.Find("button#start-normal").Click();

        cut.WaitForAssertion(() => Assert.Contains("Refused: to start a dataset you need the Operator role, which Vic does not have", cut.Find("#dataset-normal").TextContent));
        Assert.Null(Simulator.RunOf(WindDataset.Normal));
        var refused = Assert.Single(await AuditEntriesAsync());
        Assert.Equal((AuditActions.Refused, "Vic", "start a dataset"), (refused.Action, refused.UserName, refused.Detail));
    }

    [Fact]
    public void A_stream_name_against_the_Kinesis_rules_shows_the_rule_and_does_not_start()
    {
        var cut = Render<SimulatorPage>();

        cut.Find("input#stream-name").Input("wind data!");
        cut.Find("button#start-anomaly").Click();

        cut.WaitForAssertion(() => Assert.Contains("may contain only letters, digits, underscores", cut.Markup));
        Assert.Null(Simulator.RunOf(WindDataset.Anomaly));
    }

    [Fact]
    public void A_run_that_stops_after_N_readings_shows_completed_with_N_sent()
    {
        var cut = Render<SimulatorPage>();

        cut.Find("input#stop-after-diy").Change("7");
        cut.Find("button#start-diy").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Completed", cut.Find("#status-diy [data-status]").GetAttribute("data-status"));
            Assert.Contains("sent 7", cut.Find("#status-diy").TextContent);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_stream_name_starts_as_the_settings_name_for_wind_data_and_the_run_sends_there()
    {
        Options.Streams.WindData = "GustStream";
        var cut = Render<SimulatorPage>();
        Assert.Equal("GustStream", cut.Find("input#stream-name").GetAttribute("value"));

        cut.Find("input#stop-after-diy").Change("3");
        cut.Find("button#start-diy").Click();

        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("#status-diy [data-status]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.Equal("GustStream", Simulator.RunOf(WindDataset.Diy)!.Settings.StreamName);
        Assert.Contains("to GustStream", cut.Find("#dataset-diy").TextContent);
    }

    [Fact]
    public async Task With_the_simulator_turned_off_the_page_says_so_and_offers_no_Start()
    {
        await using var off = UseSimulator(new SimulatorOptions { Enabled = false });

        var cut = Render<SimulatorPage>();

        Assert.Contains("Simulator:Enabled is false", cut.Find("#simulator-off").TextContent);
        Assert.Empty(cut.FindAll("button#start-normal"));
        Assert.Empty(cut.FindAll("input#stream-name"));
    }

    [Fact]
    public async Task A_start_above_the_sites_max_rate_is_refused_naming_the_setting_and_nothing_runs()
    {
        await using var limited = UseSimulator(new SimulatorOptions { MaxRatePerSecond = 50 });
        var cut = Render<SimulatorPage>();
        Assert.Contains("At most 50 on this site", cut.Find("#dataset-normal").TextContent);

        cut.Find("input#rate-normal").Change("100");
        cut.Find("button#start-normal").Click();

        cut.WaitForAssertion(() => Assert.Contains("above Simulator:MaxRatePerSecond (50 readings/s on this site)", cut.Find("#dataset-normal").TextContent));
        Assert.Null(limited.RunOf(WindDataset.Normal));
        Assert.Empty(cut.FindAll("#test-data tbody tr"));
    }

    [Fact]
    public async Task With_AllowedStreams_the_page_starts_on_an_allowed_stream_lists_them_and_refuses_another()
    {
        await using var limited = UseSimulator(new SimulatorOptions { AllowedStreams = ["TestWindStream", "DemoStream"] });
        var cut = Render<SimulatorPage>();
        Assert.Equal("TestWindStream", cut.Find("input#stream-name").GetAttribute("value"));
        Assert.Contains("Allowed on this site: TestWindStream, DemoStream", cut.Markup);

        cut.Find("input#stream-name").Input(Options.Streams.WindData);
        cut.Find("button#start-diy").Click();

        cut.WaitForAssertion(() => Assert.Contains("Simulator:AllowedStreams lists TestWindStream, DemoStream", cut.Find("#dataset-diy").TextContent));
        Assert.Null(limited.RunOf(WindDataset.Diy));
    }

    /// <summary>Makes the page use a simulator with these limits (on the test's stream client) instead of the unlimited one.</summary>
    private WindSimulator UseSimulator(SimulatorOptions limits)
    {
        var simulator = new WindSimulator(Backend.Streams, limits: limits);
        Services.AddSingleton(simulator);
        return simulator;
    }
}
