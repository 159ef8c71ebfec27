using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Extensions;
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

        cut.Find("input#stop-after-diy").Input("3");
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
    public void A_stream_name_against_the_Kinesis_rules_shows_the_rule_and_disables_Start()
    {
        var cut = Render<SimulatorPage>();

        cut.Find("input#stream-name").Input("wind data!");

        cut.WaitForAssertion(() => Assert.Contains("may contain only letters, digits, underscores", cut.Markup));
        Assert.All(["normal", "anomaly", "diy"], tag => Assert.True(cut.Find($"button#start-{tag}").HasAttribute("disabled")));
        cut.Find("button#start-anomaly").Click();
        Assert.Null(Simulator.RunOf(WindDataset.Anomaly));
    }

    [Theory]
    [InlineData("rate", "1e9", "Readings per second must be 0.1 to 100,000 on this site; 1,000,000,000 is outside that range.")]
    [InlineData("rate", "1,000,000,000", "Readings per second must be 0.1 to 100,000 on this site; 1,000,000,000 is outside that range.")]
    [InlineData("rate", "0", "Readings per second must be 0.1 to 100,000 on this site; 0 is outside that range.")]
    [InlineData("rate", "-5", "Readings per second must be 0.1 to 100,000 on this site; -5 is outside that range.")]
    [InlineData("rate", "abc", "Readings per second must be a number from 0.1 to 100,000; \"abc\" is not.")]
    [InlineData("rate", "1,5", "Readings per second must be a number from 0.1 to 100,000; \"1,5\" is not.")]
    [InlineData("rate", "", "Readings per second must be a number from 0.1 to 100,000; it is empty.")]
    [InlineData("locations", "100000", "Locations must be 1 to 24; 100,000 is outside that range.")]
    [InlineData("locations", "0", "Locations must be 1 to 24; 0 is outside that range.")]
    [InlineData("locations", "2.5", "Locations must be a whole number from 1 to 24; \"2.5\" is not.")]
    [InlineData("turbines", "101", "Turbines per location must be 1 to 100; 101 is outside that range.")]
    [InlineData("turbines", "four", "Turbines per location must be a whole number from 1 to 100; \"four\" is not.")]
    [InlineData("stop-after", "-5", "Stop after N readings must be 1 to 1,000,000,000,000, or empty to run until stopped; -5 is outside that range.")]
    [InlineData("stop-after", "0", "Stop after N readings must be 1 to 1,000,000,000,000, or empty to run until stopped; 0 is outside that range.")]
    [InlineData("stop-after", "ten", "Stop after N readings must be a whole number from 1 to 1,000,000,000,000, or empty to run until stopped; \"ten\" is not.")]
    public void A_value_out_of_range_or_unreadable_is_refused_with_its_field_and_range_kept_as_typed_and_Start_is_disabled(string field, string typed, string message)
    {
        var cut = Render<SimulatorPage>();
        Assert.False(cut.Find("button#start-normal").HasAttribute("disabled"));

        cut.Find($"input#{field}-normal").Input(typed);

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("#dataset-normal").TextContent));
        Assert.Equal(typed, cut.Find($"input#{field}-normal").GetAttribute("value") ?? "");
        Assert.True(cut.Find("button#start-normal").HasAttribute("disabled"));
        // The other datasets' fields are their own: their Start stays available.
        Assert.False(cut.Find("button#start-anomaly").HasAttribute("disabled"));
        cut.Find("button#start-normal").Click();
        Assert.Null(Simulator.RunOf(WindDataset.Normal));
    }

    [Fact]
    public void Correcting_a_refused_value_enables_Start_again_and_the_run_uses_the_value_typed()
    {
        var cut = Render<SimulatorPage>();
        cut.Find("input#stop-after-diy").Input("-5");
        cut.WaitForAssertion(() => Assert.True(cut.Find("button#start-diy").HasAttribute("disabled")));

        cut.Find("input#stop-after-diy").Input("4");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button#start-diy").HasAttribute("disabled")));
        cut.Find("button#start-diy").Click();

        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("#status-diy [data-status]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.Equal(4, Simulator.RunOf(WindDataset.Diy)!.Settings.StopAfter);
        Assert.Contains("sent 4", cut.Find("#status-diy").TextContent);
    }

    [Fact]
    public void A_rate_above_the_safe_level_asks_for_confirmation_and_starts_only_when_confirmed()
    {
        var cut = Render<SimulatorPage>();
        cut.Find("input#rate-diy").Input("5,000");
        cut.Find("input#stop-after-diy").Input("10");

        cut.Find("button#start-diy").Click();

        cut.WaitForAssertion(() => Assert.Contains("Send 5,000 readings per second into WindDataStream?", cut.Find("#confirm-diy").TextContent));
        Assert.Null(Simulator.RunOf(WindDataset.Diy));

        cut.Find("button#cancel-start-diy").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#confirm-diy")));
        Assert.Null(Simulator.RunOf(WindDataset.Diy));

        cut.Find("button#start-diy").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("button#confirm-start-diy")));
        cut.Find("button#confirm-start-diy").Click();

        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("#status-diy [data-status]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.Equal(5_000, Simulator.RunOf(WindDataset.Diy)!.Settings.ReadingsPerSecond);
        Assert.Empty(cut.FindAll("#confirm-diy"));
    }

    [Fact]
    public void A_confirmation_is_withdrawn_when_the_rate_is_changed_so_it_never_starts_a_rate_it_did_not_name()
    {
        var cut = Render<SimulatorPage>();
        cut.Find("input#rate-normal").Input("5000");
        cut.Find("button#start-normal").Click();
        cut.WaitForAssertion(() => Assert.Contains("Send 5,000 readings per second", cut.Find("#confirm-normal").TextContent));

        cut.Find("input#rate-normal").Input("9000");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#confirm-normal")));
        cut.Find("button#start-normal").Click();
        cut.WaitForAssertion(() => Assert.Contains("Send 9,000 readings per second", cut.Find("#confirm-normal").TextContent));
        Assert.Null(Simulator.RunOf(WindDataset.Normal));
    }

    [Fact]
    public void A_rate_at_the_safe_level_starts_without_asking()
    {
        var cut = Render<SimulatorPage>();
        cut.Find("input#rate-diy").Input("1000");
        cut.Find("input#stop-after-diy").Input("3");

        cut.Find("button#start-diy").Click();

        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("#status-diy [data-status]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("#confirm-diy"));
    }

    [Fact]
    public void A_stream_the_pipeline_does_not_read_is_named_in_a_warning_before_Start()
    {
        var cut = Render<SimulatorPage>();
        Assert.Empty(cut.FindAll("#stream-not-read"));

        cut.Find("input#stream-name").Input("OtherStream");

        cut.WaitForAssertion(() => Assert.Contains("The pipeline reads only its input stream, WindDataStream. Readings sent to OtherStream", cut.Find("#stream-not-read").TextContent));
        Assert.False(cut.Find("button#start-normal").HasAttribute("disabled"));

        cut.Find("input#stream-name").Input(Options.Streams.WindData);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#stream-not-read")));
    }

    [Fact]
    public void At_a_low_rate_the_sent_count_shows_the_first_readings_without_waiting_for_the_next()
    {
        var cut = Render<SimulatorPage>();
        cut.Find("input#rate-diy").Input("0.5");

        cut.Find("button#start-diy").Click();

        // At 0.5 readings/s the next reading is 2 s away at the earliest: the count shown comes from the first one.
        cut.WaitForAssertion(() => Assert.DoesNotContain("sent 0 ", cut.Find("#counts-diy").TextContent), TimeSpan.FromSeconds(3));
        Assert.Equal(Simulator.RunOf(WindDataset.Diy)!.Sent.ToString("N0"), cut.Find("#counts-diy b").TextContent);
    }

    [Fact]
    public void A_run_that_stops_after_N_readings_shows_completed_with_N_sent()
    {
        var cut = Render<SimulatorPage>();

        cut.Find("input#stop-after-diy").Input("7");
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

        cut.Find("input#stop-after-diy").Input("3");
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

        Assert.Contains("The simulator is turned off on this site by its administrator.", cut.Find("#simulator-off").TextContent);
        Assert.DoesNotContain("Simulator:", cut.Markup);
        Assert.Empty(cut.FindAll("button#start-normal"));
        Assert.Empty(cut.FindAll("input#stream-name"));
    }

    [Fact]
    public async Task A_rate_above_the_sites_highest_is_refused_with_the_sites_range_and_Start_is_disabled()
    {
        await using var limited = UseSimulator(new SimulatorOptions { MaxRatePerSecond = 50 });
        var cut = Render<SimulatorPage>();
        Assert.Contains("0.1 to 50 on this site", cut.Find("#dataset-normal").TextContent);

        cut.Find("input#rate-normal").Input("100");
        cut.Find("button#start-normal").Click();

        cut.WaitForAssertion(() => Assert.Contains("Readings per second must be 0.1 to 50 on this site; 100 is outside that range.", cut.Find("#dataset-normal").TextContent));
        Assert.True(cut.Find("button#start-normal").HasAttribute("disabled"));
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

        cut.WaitForAssertion(() => Assert.Contains("it may send to TestWindStream, DemoStream", cut.Find("#dataset-diy").TextContent));
        Assert.Null(limited.RunOf(WindDataset.Diy));
    }

    [Fact]
    public async Task A_scripted_fault_starts_with_the_run_which_shows_what_it_injected_where()
    {
        var cut = Render<SimulatorPage>();
        cut.Find("input#rate-diy").Input("20");
        cut.Find("input#stop-after-diy").Input("40");

        cut.Find("button#add-fault-diy").Click();
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<FaultKind>>().Instance.ValueChanged.InvokeAsync(FaultKind.StuckSensor));
        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == FaultFields.Turbine).Instance.ValueChanged.InvokeAsync("CIT-03"));
        cut.Find("input#fault-start-diy-1").Input("1");
        cut.Find("input#fault-duration-diy-1").Input("1");
        cut.Find("button#start-diy").Click();

        cut.WaitForAssertion(() => Assert.Equal("Completed", cut.Find("#status-diy [data-status]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        var run = Simulator.RunOf(WindDataset.Diy)!;
        var scripted = Assert.Single(run.Settings.Dataset.Faults);
        Assert.Equal((FaultKind.StuckSensor, "City", "CIT-03"), (scripted.Kind, scripted.Location, scripted.Turbine));
        // 20 readings/s over 4 turbines: a tick every 0.2 s; from 1 s for 1 s covers ticks 5 to 9.
        var truth = Assert.Single(run.GroundTruth);
        Assert.Equal((5L, 9L), (truth.FirstSeq, truth.LastSeq));
        var row = cut.Find("#injected-diy tbody tr").TextContent;
        Assert.Contains("stuck sensor", row);
        Assert.Contains("City CIT-03", row);
        Assert.Contains("5-9", row);
        Assert.Contains("faults: stuck sensor at City CIT-03 from 1 s for 1 s", Assert.Single(await AuditEntriesAsync()).Detail);
    }

    [Theory]
    [InlineData("fault-duration", "0", "Fault 1 (gust front): Duration (s) must be 1 to 86,400; 0 is outside that range.")]
    [InlineData("fault-start", "soon", "Fault 1 (gust front): Start (s after the first reading) must be a number from 0 to 2,592,000; \"soon\" is not.")]
    [InlineData("fault-gust", "150", "Fault 1 (gust front): Gust (mph) must be 1 to 100; 150 is outside that range.")]
    [InlineData("fault-delay", "-1", "Fault 1 (gust front): Delay per turbine (s) must be 0 to 3,600; -1 is outside that range.")]
    public void A_fault_value_out_of_range_is_refused_naming_the_fault_and_field_and_Start_is_disabled(string field, string typed, string message)
    {
        var cut = Render<SimulatorPage>();
        cut.Find("button#add-fault-normal").Click();
        Assert.False(cut.Find("button#start-normal").HasAttribute("disabled"));

        cut.Find($"input#{field}-normal-1").Input(typed);

        cut.WaitForAssertion(() => Assert.Equal(message, cut.Find("#fault-error-normal-1").TextContent));
        Assert.True(cut.Find("button#start-normal").HasAttribute("disabled"));
        cut.Find("button#start-normal").Click();
        Assert.Null(Simulator.RunOf(WindDataset.Normal));
    }

    [Fact]
    public async Task A_fault_at_a_location_the_fields_no_longer_simulate_is_refused_naming_the_locations_it_has()
    {
        var cut = Render<SimulatorPage>();
        cut.Find("button#add-fault-normal").Click();
        Assert.Equal("Chicago", cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == FaultFields.Location).Instance.GetState(x => x.Value));
        cut.Find("input#locations-normal").Input("2");
        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == FaultFields.Location).Instance.ValueChanged.InvokeAsync("Amarillo"));
        Assert.DoesNotContain("fault-error-normal-1", cut.Markup);

        cut.Find("input#locations-normal").Input("1");

        cut.WaitForAssertion(() => Assert.Equal("Fault 1 (gust front): Location must be one of the dataset's: Chicago; \"Amarillo\" is not.", cut.Find("#fault-error-normal-1").TextContent));
        Assert.True(cut.Find("button#start-normal").HasAttribute("disabled"));
    }

    /// <summary>Makes the page use a simulator with these limits (on the test's stream client) instead of the unlimited one.</summary>
    private WindSimulator UseSimulator(SimulatorOptions limits)
    {
        var simulator = new WindSimulator(Backend.Streams, limits: limits);
        Services.AddSingleton(simulator);
        return simulator;
    }
}
