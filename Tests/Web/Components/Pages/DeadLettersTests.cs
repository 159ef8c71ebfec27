using System.Text;
using Bunit;
using TurbineConsole.Pipeline.DeadLetters;
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
}
