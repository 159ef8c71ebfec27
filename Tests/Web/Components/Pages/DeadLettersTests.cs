using System.Text;
using Bunit;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Pages;

public sealed class DeadLettersTests : WebTestContext
{
    [Fact]
    public void Without_dead_letters_it_says_every_record_was_stored()
    {
        var cut = Render<TurbineConsole.Simulator.Web.Components.Pages.DeadLetters>();

        cut.WaitForAssertion(() => Assert.Contains("No dead letters", cut.Find("#dead-letters-empty").TextContent));
    }

    [Fact]
    public async Task Dead_letters_show_newest_first_with_their_reason_and_payload()
    {
        var now = DateTimeOffset.UtcNow;
        await Backend.DeadLetters.AddAsync(new DeadLetter("AnomalyDetection", "WindDataStream", "shardId-000000000000", "00000000000000000001",
            Encoding.UTF8.GetBytes("this is not json"), "The reading is not valid JSON: 't' is an invalid start of a value.", now.AddSeconds(-5)));
        await Backend.DeadLetters.AddAsync(new DeadLetter("DIYFunction", "MaxWindSpeed", "shardId-000000000001", "00000000000000000007",
            Encoding.UTF8.GetBytes("\"City\",fast"), "A max-speed record has 5 CSV fields; this one has 2.", now));

        var cut = Render<TurbineConsole.Simulator.Web.Components.Pages.DeadLetters>();

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("#dead-letters tbody tr");
            Assert.Equal(2, rows.Count);
            Assert.Contains("DIYFunction", rows[0].TextContent);
            Assert.Contains("5 CSV fields", rows[0].QuerySelector(".reason")!.TextContent);
            Assert.Contains("this is not json", rows[1].QuerySelector(".payload")!.TextContent);
            Assert.Contains("2 in all", cut.Find("#dead-letter-count").TextContent);
        });
    }

    [Fact]
    public async Task Counts_by_consumer_and_reason_sum_letters_whose_reasons_carry_different_values()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await Backend.DeadLetters.AddAsync(new DeadLetter("AnomalyDetection", "WindDataStream", "shardId-000000000000", i.ToString("D20"),
                "{}"u8.ToArray(), $"Field 'timestamp' 203{i}-01-01T00:00:00.000Z is {1500 + i} days after the reading arrived; at most 5 minutes is accepted (Pipeline:EventTime:MaxAheadOfArrival).", now));
        }

        var cut = Render<TurbineConsole.Simulator.Web.Components.Pages.DeadLetters>();

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("#dead-letter-counts tbody tr"));
            Assert.Equal(["AnomalyDetection", DeadLetterReason.Describe(DeadLetterReason.Clock), "3"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        });
    }

    [Fact]
    public async Task Selected_letters_are_re_driven_into_their_stream_and_leave_the_list()
    {
        var now = DateTimeOffset.UtcNow;
        await Backend.DeadLetters.AddAsync(new DeadLetter("AnomalyDetection", Options.Streams.WindData, "shardId-000000000000", "00000000000000000001",
            Encoding.UTF8.GetBytes("{\"fixed\": true}"), "Field 'speed' is missing.", now, "Casper"));
        await Backend.DeadLetters.AddAsync(new DeadLetter("AnomalyDetection", Options.Streams.WindData, "shardId-000000000000", "00000000000000000002",
            Encoding.UTF8.GetBytes("{}"), "Field 'speed' is missing.", now.AddSeconds(-1), "Laramie"));
        var cut = Render<TurbineConsole.Simulator.Web.Components.Pages.DeadLetters>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#dead-letters tbody tr").Count));

        cut.FindAll("#dead-letters tbody tr").Single(r => r.TextContent.Contains("00000000000000000001")).QuerySelector("input.select")!.Change(true);
        cut.Find("#redrive").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Re-drove 1 records into their streams; 1 dead letters removed.", cut.Find("#action-result").TextContent);
            Assert.Single(cut.FindAll("#dead-letters tbody tr"));
        });
        var remaining = Assert.Single(await Backend.DeadLetters.ListAsync());
        Assert.Equal("Laramie", remaining.PartitionKey);
        var keys = new List<string>();
        foreach (var shard in await Backend.Streams.ListShardsAsync(Options.Streams.WindData))
        {
            var iterator = await Backend.Streams.GetShardIteratorAsync(Options.Streams.WindData, shard.ShardId, TurbineConsole.Pipeline.Streams.StartingPosition.TrimHorizon);
            keys.AddRange((await Backend.Streams.GetRecordsAsync(iterator)).Records.Select(r => r.PartitionKey));
        }
        Assert.Equal(["Casper"], keys);
    }

    [Fact]
    public async Task Deleting_asks_first_and_removes_only_the_selected_letters()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 2; i++)
        {
            await Backend.DeadLetters.AddAsync(new DeadLetter("DIYFunction", "MaxWindSpeed", "shardId-000000000000", i.ToString("D20"),
                "x"u8.ToArray(), "A max-speed record has 5 CSV fields; this one has 1.", now.AddSeconds(i)));
        }
        var cut = Render<TurbineConsole.Simulator.Web.Components.Pages.DeadLetters>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#dead-letters tbody tr").Count));

        cut.FindAll("#dead-letters tbody input.select")[1].Change(true);
        cut.Find("#delete").Click();
        Assert.Equal(2, await Backend.DeadLetters.CountAsync());
        cut.Find("#confirm-delete").Click();

        cut.WaitForAssertion(() => Assert.Contains("Deleted 1 dead letters.", cut.Find("#action-result").TextContent));
        Assert.Equal(2.ToString("D20"), Assert.Single(await Backend.DeadLetters.ListAsync()).SequenceNumber);
    }

    [Fact]
    public async Task A_viewer_s_re_drive_is_refused_by_the_server_and_nothing_is_put_back()
    {
        await Backend.DeadLetters.AddAsync(new DeadLetter("AnomalyDetection", Options.Streams.WindData, "shardId-000000000000", "00000000000000000001",
            "{}"u8.ToArray(), "Field 'speed' is missing.", DateTimeOffset.UtcNow, "Casper"));
        Authentication.Set("Vic", AccessRoles.Viewer);
        var cut = Render<TurbineConsole.Simulator.Web.Components.Pages.DeadLetters>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#dead-letters tbody tr")));

        cut.Find("#dead-letters tbody input.select").Change(true);
        cut.Find("#redrive").Click();

        cut.WaitForAssertion(() => Assert.Contains("you need the Operator role, which Vic does not have", cut.Find("#action-result").TextContent));
        Assert.Equal(1, await Backend.DeadLetters.CountAsync());
    }
}
