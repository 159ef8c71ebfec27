using Microsoft.Extensions.Diagnostics.HealthChecks;
using TurbineConsole.Pipeline.Health;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Tests.Core.Health;

public sealed class ConsumerHealthCheckTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly HealthOptions s_options = new()
    {
        MaxLag = TimeSpan.FromMinutes(2),
        StalledAfter = TimeSpan.FromMinutes(1),
        FailingAfter = TimeSpan.FromSeconds(10),
    };

    private static ConsumerStatus Shard(string shard = "shardId-000000000000", string consumer = "AnomalyDetection") =>
        new(consumer, "WindDataStream", shard) { LastProgressAt = s_now.AddSeconds(-1) };

    [Fact]
    public void A_shard_that_polls_and_has_nothing_to_read_is_healthy_and_caught_up()
    {
        var (status, text) = ConsumerHealthCheck.Judge(Shard(), s_options, s_now);

        Assert.Equal(HealthStatus.Healthy, status);
        Assert.Equal("AnomalyDetection shardId-000000000000: caught up.", text);
    }

    [Fact]
    public void A_shard_in_its_retry_loop_past_FailingAfter_is_unhealthy_with_how_long_and_its_last_error()
    {
        var failing = Shard() with { ConsecutiveFailures = 3, FailingSince = s_now.AddSeconds(-12), LastError = "SQLite Error 5: 'database is locked'." };

        var (status, text) = ConsumerHealthCheck.Judge(failing, s_options, s_now);

        Assert.Equal(HealthStatus.Unhealthy, status);
        Assert.Equal("AnomalyDetection shardId-000000000000: failing for 12 s (3 attempts): SQLite Error 5: 'database is locked'.", text);
    }

    [Fact]
    public void A_first_failure_within_FailingAfter_is_only_degraded_so_one_blip_does_not_take_the_app_out_of_service()
    {
        var failing = Shard() with { ConsecutiveFailures = 1, FailingSince = s_now.AddSeconds(-2), LastError = "timeout" };

        Assert.Equal(HealthStatus.Degraded, ConsumerHealthCheck.Judge(failing, s_options, s_now).Status);
        Assert.Equal(HealthStatus.Unhealthy, ConsumerHealthCheck.Judge(failing, new HealthOptions { FailingAfter = TimeSpan.Zero }, s_now).Status);
    }

    [Fact]
    public void A_shard_that_finished_no_read_for_longer_than_StalledAfter_is_unhealthy()
    {
        var stuck = Shard() with { LastProgressAt = s_now.AddSeconds(-75) };

        var (status, text) = ConsumerHealthCheck.Judge(stuck, s_options, s_now);

        Assert.Equal(HealthStatus.Unhealthy, status);
        Assert.Contains("no progress for 1 min 15 s", text);
        Assert.Contains("Pipeline:Health:StalledAfter", text);
    }

    [Fact]
    public void A_shard_further_behind_than_MaxLag_is_unhealthy_and_the_lag_is_in_words()
    {
        var behind = Shard() with { MillisBehindLatest = 134_000 };
        var slightly = Shard() with { MillisBehindLatest = 4_000 };

        var (status, text) = ConsumerHealthCheck.Judge(behind, s_options, s_now);

        Assert.Equal(HealthStatus.Unhealthy, status);
        Assert.Contains("2 min 14 s behind the newest record", text);
        Assert.Equal((HealthStatus.Healthy, "AnomalyDetection shardId-000000000000: 4 s behind."), ConsumerHealthCheck.Judge(slightly, s_options, s_now));
    }

    [Fact]
    public void The_worst_shard_decides_and_only_shards_that_are_not_healthy_are_named()
    {
        var shards = new[]
        {
            Shard("shardId-000000000000"),
            Shard("shardId-000000000001") with { ConsecutiveFailures = 5, FailingSince = s_now.AddMinutes(-3), LastError = "table is down" },
        };

        var result = ConsumerHealthCheck.Evaluate("AnomalyDetection", shards, s_options, s_now);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("AnomalyDetection shardId-000000000001: failing for 3 min (5 attempts): table is down", result.Description);
    }

    [Fact]
    public void All_shards_healthy_says_how_many_and_the_largest_lag()
    {
        var result = ConsumerHealthCheck.Evaluate("DIYFunction", [Shard(consumer: "DIYFunction"), Shard("shardId-000000000001", "DIYFunction") with { MillisBehindLatest = 2500 }], s_options, s_now);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("DIYFunction: 2 shard(s), at most 2 s behind.", result.Description);
    }

    [Fact]
    public void A_consumer_that_has_not_listed_a_shard_yet_is_degraded()
    {
        var result = ConsumerHealthCheck.Evaluate("DIYFunction", [], s_options, s_now);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("not reading yet", result.Description);
    }

    [Fact]
    public void A_long_error_is_cut_so_that_a_banner_stays_readable()
    {
        var failing = Shard() with { ConsecutiveFailures = 1, FailingSince = s_now.AddMinutes(-1), LastError = new string('x', 5000) };

        var (_, text) = ConsumerHealthCheck.Judge(failing, s_options, s_now);

        Assert.InRange(text.Length, 300, 400);
        Assert.EndsWith("...", text);
    }

    [Fact]
    public async Task The_check_reads_the_statuses_when_it_runs()
    {
        var shards = new List<ConsumerStatus> { Shard() with { LastProgressAt = DateTimeOffset.UtcNow } };
        var check = new ConsumerHealthCheck("AnomalyDetection", () => shards, s_options);

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        shards[0] = shards[0] with { ConsecutiveFailures = 1, FailingSince = DateTimeOffset.UtcNow.AddMinutes(-1), LastError = "down" };
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
