using Bunit;
using MudBlazor.Extensions;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Web.Support;
using StreamsPage = TurbineConsole.Simulator.Web.Components.Pages.Streams;

namespace TurbineConsole.Tests.Web.Components.Pages;

public sealed class StreamsTests : WebTestContext
{
    [Fact]
    public async Task Get_records_from_trim_horizon_shows_the_decoded_payloads_and_next_records_pages_on()
    {
        var reading = new WindReading("Chicago", "CHI-01", 31.4, DateTimeOffset.UtcNow, 1042, "normal");
        var entries = Enumerable.Range(0, 30).Select(_ => new PutRecordsEntry("Chicago", WindReadingCodec.Encode(reading))).ToList();
        var put = await Backend.Streams.PutRecordsAsync("WindDataStream", entries);
        var shard = put.Records[0].ShardId!;
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button#get-records")));
        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudSelect<string>>()[1].Instance.ValueChanged.InvokeAsync(shard));

        cut.Find("button#get-records").Click();

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("#records tbody tr").Count));
        Assert.Contains("\"turbine\":\"CHI-01\"", cut.Find("#records tbody tr td.payload").TextContent);

        cut.Find("button#next-records").Click();

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("#records tbody tr").Count));
    }

    [Fact]
    public async Task At_sequence_number_without_a_number_says_what_to_enter()
    {
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button#get-records")));
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<ShardIteratorType>>().Instance.ValueChanged.InvokeAsync(ShardIteratorType.AT_SEQUENCE_NUMBER));

        cut.Find("button#get-records").Click();

        cut.WaitForAssertion(() => Assert.Contains("Enter a sequence number", cut.Find("#streams-error").TextContent));
    }

    [Fact]
    public void An_empty_shard_says_how_to_get_records()
    {
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button#get-records")));

        cut.Find("button#get-records").Click();

        cut.WaitForAssertion(() => Assert.Contains("No records at this position", cut.Find("#records-empty").TextContent));
    }

    [Fact]
    public async Task The_page_opens_on_the_stream_the_settings_name_for_wind_data()
    {
        Options.Streams.WindData = "GustStream";
        await CreateResourcesAsync();

        var cut = Render<StreamsPage>();

        cut.WaitForAssertion(() => Assert.Equal("GustStream", cut.FindComponent<MudBlazor.MudSelect<string>>().Instance.GetState(x => x.Value)));
        Assert.Contains("WindDataStream", await Backend.Streams.ListStreamsAsync());
    }
}
