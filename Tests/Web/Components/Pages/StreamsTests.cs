using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Extensions;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Simulator.Web.Access;
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
    public async Task An_administrator_doubles_the_shard_count_which_is_audited_and_the_new_shards_are_listed()
    {
        SignInAs("Ada", AccessRoles.Administrator);
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.Contains("has 2 open shards.", cut.Find("#shard-count-summary").TextContent));

        cut.Find("input#target-shard-count").Input("4");
        cut.Find("button#change-shard-count").Click();

        cut.WaitForAssertion(() => Assert.Equal("WindDataStream went from 2 to 4 open shards.", cut.Find("#shard-count-result").TextContent.Trim()));
        Assert.Contains("has 4 open shards and 2 closed", cut.Find("#shard-count-summary").TextContent);
        Assert.Equal(4, (await Backend.Streams.ListShardsAsync("WindDataStream")).Count(s => s.IsOpen));
        var entry = Assert.Single(await AuditEntriesAsync(), e => e.Action == AuditActions.ShardCountChanged);
        Assert.Equal(("Ada", "WindDataStream: 2 to 4 open shards"), (entry.UserName, entry.Detail));
    }

    [Theory]
    [InlineData("5", "Target shard count must be 1 to 4; 5 is outside that range.")]
    [InlineData("2", "Target shard count must differ from the current 2; choose 1 to 4.")]
    [InlineData("four", "Target shard count must be a whole number from 1 to 4; \"four\" is not.")]
    public async Task A_target_outside_half_to_double_is_refused_naming_the_range_and_nothing_changes(string typed, string message)
    {
        SignInAs("Ada", AccessRoles.Administrator);
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("input#target-shard-count")));

        cut.Find("input#target-shard-count").Input(typed);

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("#shard-count-panel").TextContent));
        Assert.True(cut.Find("button#change-shard-count").HasAttribute("disabled"));
        Assert.Equal(2, (await Backend.Streams.ListShardsAsync("WindDataStream")).Count);
    }

    [Fact]
    public async Task An_administrator_whose_role_is_taken_while_the_page_is_open_is_refused_by_the_server_and_nothing_changes()
    {
        SignInAs("Ada", AccessRoles.Administrator);
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("input#target-shard-count")));
        cut.Find("input#target-shard-count").Input("4");

        SignInAs("Ada", AccessRoles.Operator);
        cut.Find("button#change-shard-count").Click();

        cut.WaitForAssertion(() => Assert.Contains("Refused: to change a stream's shard count you need the Administrator role", cut.Markup));
        Assert.Equal(2, (await Backend.Streams.ListShardsAsync("WindDataStream")).Count);
        Assert.DoesNotContain(await AuditEntriesAsync(), e => e.Action == AuditActions.ShardCountChanged);
        Assert.Contains(await AuditEntriesAsync(), e => e.Action == AuditActions.Refused && e.UserName == "Ada");
    }

    [Fact]
    public async Task An_operator_sees_the_shard_count_but_not_how_to_change_it()
    {
        var cut = Render<StreamsPage>();

        cut.WaitForAssertion(() => Assert.Contains("needs the Administrator role", cut.Find("#shard-count-role").TextContent));
        Assert.Empty(cut.FindAll("button#change-shard-count"));
        Assert.Equal(2, (await Backend.Streams.ListShardsAsync("WindDataStream")).Count);
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

    [Fact]
    public async Task The_lag_reads_as_a_duration_behind_the_newest_record()
    {
        var client = new AlteredStreamClient(Backend.Streams) { MillisBehindLatest = 2_140_727 };
        Services.AddSingleton<IStreamClient>(client);
        await Backend.Streams.PutRecordsAsync("WindDataStream", [new PutRecordsEntry("Chicago", "{}"u8.ToArray())]);
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button#get-records")));

        cut.Find("button#get-records").Click();

        cut.WaitForAssertion(() => Assert.Equal("35 min 40 s behind the newest record of the shard.", cut.Find("#millis-behind").TextContent));
        Assert.DoesNotContain(" ms ", cut.Markup);
    }

    [Fact]
    public async Task A_failed_request_clears_the_records_of_the_previous_one_and_arrival_times_are_UTC()
    {
        var client = new AlteredStreamClient(Backend.Streams);
        Services.AddSingleton<IStreamClient>(client);
        var put = await Backend.Streams.PutRecordsAsync("WindDataStream", [new PutRecordsEntry("Chicago", "{}"u8.ToArray())]);
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button#get-records")));
        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudSelect<string>>()[1].Instance.ValueChanged.InvokeAsync(put.Records[0].ShardId!));
        cut.Find("button#get-records").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#records tbody tr")));
        Assert.Contains("Arrival (UTC)", cut.Find("#records thead").TextContent);
        var arrival = (await Backend.Streams.GetRecordsAsync(await Backend.Streams.GetShardIteratorAsync("WindDataStream", put.Records[0].ShardId!, new StartingPosition(ShardIteratorType.TRIM_HORIZON)))).Records[0].ApproximateArrivalTimestamp;
        Assert.Equal(arrival.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture), cut.Find("#records tbody tr").Children[2].TextContent);

        client.Failure = new StreamException("ProvisionedThroughputExceededException", "Rate exceeded for shard.");
        cut.Find("button#get-records").Click();

        cut.WaitForAssertion(() => Assert.Contains("The stream refused the request: Rate exceeded for shard.", cut.Find("#streams-error").TextContent));
        Assert.Empty(cut.FindAll("#records"));
        Assert.Empty(cut.FindAll("#millis-behind"));
        Assert.True(cut.Find("button#next-records").HasAttribute("disabled"));
    }

    [Fact]
    public void Records_per_request_out_of_range_is_refused_as_typed_and_Get_records_is_disabled()
    {
        var cut = Render<StreamsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button#get-records")));

        cut.Find("input#limit").Input("20000");

        cut.WaitForAssertion(() => Assert.Contains("Records per request must be 1 to 10,000; 20,000 is outside that range.", cut.Markup));
        Assert.Equal("20000", cut.Find("input#limit").GetAttribute("value"));
        Assert.True(cut.Find("button#get-records").HasAttribute("disabled"));
    }

    /// <summary>The test's stream client: its GetRecords fails with <see cref="Failure"/>, or reports <see cref="MillisBehindLatest"/>, once a test sets them.</summary>
    private sealed class AlteredStreamClient(IStreamClient inner) : IStreamClient
    {
        public StreamException? Failure { get; set; }

        public long? MillisBehindLatest { get; set; }

        public Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default) => inner.CreateStreamAsync(streamName, shardCount, cancellationToken);

        public Task<StreamDescription> DescribeStreamAsync(string streamName, CancellationToken cancellationToken = default) => inner.DescribeStreamAsync(streamName, cancellationToken);

        public Task<IReadOnlyList<string>> ListStreamsAsync(CancellationToken cancellationToken = default) => inner.ListStreamsAsync(cancellationToken);

        public Task<IReadOnlyList<ShardDescription>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default) => inner.ListShardsAsync(streamName, cancellationToken);

        public Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default) =>
            inner.PutRecordsAsync(streamName, records, cancellationToken);

        public Task<string> GetShardIteratorAsync(string streamName, string shardId, StartingPosition position, CancellationToken cancellationToken = default) =>
            inner.GetShardIteratorAsync(streamName, shardId, position, cancellationToken);

        public Task SplitShardAsync(string streamName, string shardToSplit, string newStartingHashKey, CancellationToken cancellationToken = default) =>
            inner.SplitShardAsync(streamName, shardToSplit, newStartingHashKey, cancellationToken);

        public Task MergeShardsAsync(string streamName, string shardToMerge, string adjacentShardToMerge, CancellationToken cancellationToken = default) =>
            inner.MergeShardsAsync(streamName, shardToMerge, adjacentShardToMerge, cancellationToken);

        public Task<ShardCountUpdate> UpdateShardCountAsync(string streamName, int targetShardCount, CancellationToken cancellationToken = default) =>
            inner.UpdateShardCountAsync(streamName, targetShardCount, cancellationToken);

        public async Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit = 10_000, CancellationToken cancellationToken = default)
        {
            if (Failure is { } failure)
                throw failure;
            var result = await inner.GetRecordsAsync(shardIterator, limit, cancellationToken);
            return MillisBehindLatest is { } behind ? result with { MillisBehindLatest = behind } : result;
        }
    }
}
