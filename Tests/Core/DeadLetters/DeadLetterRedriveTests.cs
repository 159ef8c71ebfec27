using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Core.Runtime;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.DeadLetters;

/// <summary>Dead letters put back into their stream after the cause was fixed.</summary>
public sealed class DeadLetterRedriveTests
{
    [Fact]
    public async Task Readings_refused_for_a_setting_reach_the_table_once_re_driven_after_the_setting_is_fixed()
    {
        // The operator's story: readings buffered for two hours by a site's gateway are refused as too old...
        await using var fixture = PipelineFixture.Create(o => o.EventTime.MaxBehindArrival = TimeSpan.FromHours(1));
        var backend = await fixture.OpenAsync();
        var sent = DateTimeOffset.UtcNow.AddHours(-2);
        var readings = Enumerable.Range(0, 3).Select(i => new WindReading("Buffered Site", "T" + i, 20 + i, sent.AddSeconds(i), i, "Normal")).ToList();
        await fixture.PutReadingsAsync(readings);
        await fixture.StartAsync();
        await Eventually.WaitUntilAsync(async () => await backend.DeadLetters.CountAsync() == 6, "both jobs dead-letter the three readings");
        Assert.Empty(await fixture.ReadAllAsync(fixture.Options.Tables.WindData, ["Buffered Site"]));

        // ...so the operator allows a day behind arrival, restarts, and re-drives them.
        await fixture.CrashAsync();
        fixture.Options.EventTime.MaxBehindArrival = TimeSpan.FromDays(1);
        backend = await fixture.OpenAsync();
        await fixture.StartAsync();
        var result = await new DeadLetterRedrive(backend.Streams, backend.DeadLetters).RedriveAsync([.. await backend.DeadLetters.ListAsync()]);

        Assert.Empty(result.Errors);
        Assert.Equal((3, 6), (result.RecordsPut, result.LettersRemoved));
        var items = await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, ["Buffered Site"], 3);
        Assert.Equal(3, items.Count);
        Assert.Equal(0, await backend.DeadLetters.CountAsync());
    }

    [Fact]
    public async Task A_re_driven_record_keeps_its_partition_key_and_a_stream_that_is_gone_keeps_its_letters_with_the_reason()
    {
        await using var fixture = PipelineFixture.Create();
        var backend = await fixture.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var kept = new DeadLetter("AnomalyDetection", "RemovedStream", "shardId-000000000000", "1", new byte[] { 1 }, "Field 'speed' is missing.", now, "Casper");
        var redriven = new DeadLetter("AnomalyDetection", fixture.Options.Streams.WindData, "shardId-000000000001", "5", "{}"u8.ToArray(), "Field 'speed' is missing.", now, "Casper");
        await backend.DeadLetters.AddAsync(kept);
        await backend.DeadLetters.AddAsync(redriven);

        var result = await new DeadLetterRedrive(backend.Streams, backend.DeadLetters).RedriveAsync([kept, redriven]);

        Assert.Equal(1, result.RecordsPut);
        Assert.Equal(1, result.LettersRemoved);
        Assert.Contains(result.Errors, e => e.StartsWith("RemovedStream:", StringComparison.Ordinal));
        Assert.Equal("RemovedStream", Assert.Single(await backend.DeadLetters.ListAsync()).StreamName);
        var shards = await backend.Streams.ListShardsAsync(fixture.Options.Streams.WindData);
        var keys = new List<string>();
        foreach (var shard in shards)
        {
            var iterator = await backend.Streams.GetShardIteratorAsync(fixture.Options.Streams.WindData, shard.ShardId, StartingPosition.TrimHorizon);
            keys.AddRange((await backend.Streams.GetRecordsAsync(iterator)).Records.Select(r => r.PartitionKey));
        }
        Assert.Equal(["Casper"], keys);
    }
}
