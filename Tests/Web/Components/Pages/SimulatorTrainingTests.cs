using System.Text;
using Bunit;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Tests.Web.Support;
using SimulatorPage = TurbineConsole.Simulator.Web.Components.Pages.Simulator;

namespace TurbineConsole.Tests.Web.Components.Pages;

/// <summary>The Simulator page's training helpers: a spike and a malformed record into the pipeline's input stream, for operators only, audited.</summary>
public sealed class SimulatorTrainingTests : WebTestContext
{
    [Fact]
    public async Task Inject_a_spike_puts_one_reading_of_the_spike_speed_for_the_chosen_turbine_into_the_input_stream_and_is_audited()
    {
        var cut = Render<SimulatorPage>();
        cut.Find("input#spike-location").Input("Tulsa");
        cut.Find("input#spike-turbine").Input("TUL-03");

        cut.Find("button#inject-spike").Click();

        cut.WaitForAssertion(() => Assert.Contains("Sent 95 mph for TUL-03 at Tulsa", cut.Find("#training-result").TextContent), TimeSpan.FromSeconds(10));
        var record = Assert.Single(await ReadInputAsync());
        var reading = WindReadingCodec.Decode(record.Data);
        Assert.Equal(("Tulsa", "TUL-03", TrainingRecords.SpikeMph, TrainingRecords.DatasetTag), (reading.Location, reading.Turbine, reading.SpeedMph, reading.Dataset));
        Assert.InRange(reading.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        var audited = Assert.Single(await AuditEntriesAsync());
        Assert.Equal((AuditActions.SpikeInjected, "Dana"), (audited.Action, audited.UserName));
        Assert.Contains("Tulsa, TUL-03", audited.Detail);
    }

    [Fact]
    public async Task Send_a_malformed_record_puts_one_unreadable_record_into_the_input_stream_and_points_to_Dead_letters()
    {
        var cut = Render<SimulatorPage>();

        cut.Find("button#send-malformed").Click();

        cut.WaitForAssertion(() => Assert.Contains("Dead letters", cut.Find("#training-result").TextContent), TimeSpan.FromSeconds(10));
        var record = Assert.Single(await ReadInputAsync());
        Assert.Equal(TrainingRecords.MalformedBody, Encoding.UTF8.GetString(record.Data.Span));
        Assert.Throws<RecordFormatException>(() => WindReadingCodec.Decode(record.Data));
        var audited = Assert.Single(await AuditEntriesAsync());
        Assert.Equal((AuditActions.MalformedSent, "Dana"), (audited.Action, audited.UserName));
    }

    [Fact]
    public async Task A_viewers_training_helpers_are_refused_by_the_server_with_a_message_and_send_nothing()
    {
        SignInAs("Vic", AccessRoles.Viewer);
        var cut = Render<SimulatorPage>();
        Assert.Equal("true", cut.Find("button#inject-spike").GetAttribute("aria-disabled"));

        cut.Find("button#inject-spike").Click();
        cut.WaitForAssertion(() => Assert.Contains("Refused: to inject a spike you need the Operator role, which Vic does not have", cut.Find("#training-error").TextContent));
        cut.Find("button#send-malformed").Click();
        cut.WaitForAssertion(() => Assert.Contains("Refused: to send a malformed record you need the Operator role", cut.Find("#training-error").TextContent));

        Assert.Empty(await ReadInputAsync());
        Assert.Equal(["send a malformed record", "inject a spike"], (await AuditEntriesAsync()).Select(e => e.Detail));
        Assert.All(await AuditEntriesAsync(), e => Assert.Equal(AuditActions.Refused, e.Action));
    }

    [Fact]
    public async Task A_turbine_name_the_pipeline_would_refuse_shows_the_rule_and_disables_Inject()
    {
        var cut = Render<SimulatorPage>();

        cut.Find("input#spike-turbine").Input("<img src=x>");

        cut.WaitForAssertion(() => Assert.Contains("Turbine contains '<' (U+003C) at position 1", cut.Find("#training").TextContent));
        Assert.True(cut.Find("button#inject-spike").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("#training img"));
        Assert.Empty(await ReadInputAsync());
    }

    /// <summary>Every record in the pipeline's input stream, over all shards.</summary>
    private async Task<List<StreamRecord>> ReadInputAsync()
    {
        var records = new List<StreamRecord>();
        var stream = Options.Streams.WindData;
        foreach (var shard in await Backend.Streams.ListShardsAsync(stream))
        {
            var iterator = await Backend.Streams.GetShardIteratorAsync(stream, shard.ShardId, StartingPosition.TrimHorizon);
            records.AddRange((await Backend.Streams.GetRecordsAsync(iterator, 1000)).Records);
        }
        return records;
    }
}
