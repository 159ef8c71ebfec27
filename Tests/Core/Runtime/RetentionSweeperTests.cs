using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Runtime;

/// <summary>Retention: results and rollups by event time and dead letters by failure time are deleted once past their settings, and nothing newer.</summary>
public sealed class RetentionSweeperTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_sweep_deletes_results_and_dead_letters_past_their_retention_and_keeps_the_rest()
    {
        await using var fixture = PipelineFixture.Create(o =>
        {
            o.Retention.WindData = TimeSpan.FromDays(7);
            o.Retention.MaxWindSpeed = TimeSpan.FromDays(30);
            o.Retention.WindRollup = TimeSpan.FromDays(31);
            o.Retention.DeadLetters = TimeSpan.FromDays(14);
        });
        var backend = await fixture.OpenAsync();
        var tables = fixture.Options.Tables;
        // 2,500 expired readings over two locations (more than one batch of deletes), and 20 recent ones.
        var readings = Enumerable.Range(0, 2_500).Select(i => Reading(i % 2 == 0 ? "Casper" : "Laramie", s_now.AddDays(-8).AddSeconds(i), i))
            .Concat(Enumerable.Range(0, 20).Select(i => Reading("Casper", s_now.AddDays(-6).AddSeconds(i), 10_000 + i))).ToList();
        await backend.Tables.PutItemsAsync(tables.WindData, readings.Select(r => WindDataItem.From(new AnomalyResult(r, 0, 0, null))).ToList());
        await backend.Tables.PutItemsAsync(tables.MaxWindSpeed,
        [
            MaxWindSpeedItem.From(new MaxSpeedWindow("Casper", 50, s_now.AddDays(-31), s_now.AddDays(-31).AddMinutes(1), 60)),
            MaxWindSpeedItem.From(new MaxSpeedWindow("Casper", 40, s_now.AddDays(-29), s_now.AddDays(-29).AddMinutes(1), 60)),
        ]);
        var peak = new AnomalyResult(Reading("Casper", s_now.AddDays(-32), 1), 0.5, 0, null);
        await backend.Tables.PutItemsAsync(tables.WindRollup,
        [
            WindRollupItem.From(new WindRollup("Casper", "T-1", s_now.AddDays(-32), WindRollup.Fine, 1, 20, peak, null)),
            WindRollupItem.From(new WindRollup("Casper", "T-1", s_now.AddDays(-32), WindRollup.Coarse, 1, 20, peak, null)),
            WindRollupItem.From(new WindRollup("Casper", "T-1", s_now.AddDays(-8), WindRollup.Coarse, 1, 20, peak with { Reading = peak.Reading with { Timestamp = s_now.AddDays(-8) } }, null)),
        ]);
        await backend.DeadLetters.AddAsync(new DeadLetter("DIYFunction", "MaxWindSpeed", "shardId-000000000000", "1", new byte[] { 1 }, "old", s_now.AddDays(-15)));
        await backend.DeadLetters.AddAsync(new DeadLetter("DIYFunction", "MaxWindSpeed", "shardId-000000000000", "2", new byte[] { 1 }, "new", s_now.AddDays(-1)));
        var sweeper = new RetentionSweeper(backend.DeadLetters, backend.Tables, fixture.Options, NullLogger<RetentionSweeper>.Instance, new ManualTimeProvider(s_now));

        Assert.Equal(2_500 + 1 + 2 + 1, await sweeper.SweepAsync());

        var left = await fixture.ReadAllAsync(tables.WindData, ["Casper", "Laramie"]);
        Assert.Equal(20, left.Count);
        Assert.All(left, item => Assert.True(WindDataItem.ToResult(item).Reading.Timestamp > s_now.AddDays(-7)));
        Assert.Equal(40, MaxWindSpeedItem.ToWindow(Assert.Single(await fixture.ReadAllAsync(tables.MaxWindSpeed, ["Casper"]))).MaxSpeedMph);
        var rollup = WindRollupItem.ToRollup(Assert.Single(await fixture.ReadAllAsync(tables.WindRollup,
            [WindRollupItem.Series("Casper", WindRollup.Fine), WindRollupItem.Series("Casper", WindRollup.Coarse)])));
        Assert.Equal(s_now.AddDays(-8), rollup.Start);
        Assert.Equal("new", Assert.Single(await backend.DeadLetters.ListAsync()).Reason);
        Assert.Equal(0, await sweeper.SweepAsync());
    }

    [Fact]
    public async Task Stored_results_carry_their_expiry_in_epoch_seconds_for_DynamoDB_s_time_to_live()
    {
        await using var fixture = PipelineFixture.Create(o => o.Retention.WindData = TimeSpan.FromDays(7));
        var backend = await fixture.OpenAsync();
        var reading = Reading("Casper", DateTimeOffset.UtcNow, 1);
        await fixture.PutReadingsAsync([reading]);
        await fixture.StartAsync();

        var item = Assert.Single(await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, ["Casper"], 1));

        Assert.Equal(reading.Timestamp.AddDays(7).ToUnixTimeSeconds(), item.GetNumber(TableRetention.ExpiresAtAttribute));
    }

    private static WindReading Reading(string location, DateTimeOffset time, long seq) => new(location, "T-1", 20, time, seq, "test");
}
