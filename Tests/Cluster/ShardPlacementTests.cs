using System.Collections.Immutable;
using System.Net;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using TurbineConsole.Pipeline.Cluster;

namespace TurbineConsole.Tests.Cluster;

/// <summary>Where a shard's owner goes: one shard per worker when there are as many workers as shards, whatever the order the workers are listed in.</summary>
public sealed class ShardPlacementTests
{
    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    private static readonly string[] s_shards = ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003"];

    [Fact]
    public void Four_shards_on_four_workers_get_a_worker_each_and_the_same_one_from_every_listing()
    {
        SiloAddress[] silos = [Silo(11111), Silo(11112), Silo(11113), Silo(11114)];

        var chosen = s_shards.Select(s => ShardPlacement.Choose(s, silos)).ToList();
        var fromReversed = s_shards.Select(s => ShardPlacement.Choose(s, silos.Reverse())).ToList();

        Assert.Equal(4, chosen.Distinct().Count());
        Assert.Equal(chosen, fromReversed);
    }

    [Fact]
    public void Four_shards_on_three_workers_put_two_on_one_and_one_on_each_other()
    {
        SiloAddress[] silos = [Silo(11111), Silo(11112), Silo(11113)];

        var counts = s_shards.GroupBy(s => ShardPlacement.Choose(s, silos)).Select(g => g.Count()).Order().ToList();

        Assert.Equal([1, 1, 2], counts);
    }

    [Fact]
    public void No_worker_places_nothing()
    {
        Assert.Null(ShardPlacement.Choose(s_shards[0], []));
    }

    [Fact]
    public async Task Placement_picks_among_the_workers_the_membership_table_lists_the_same_worker_an_owner_checks_on_its_ping()
    {
        // Three active workers in the membership table, while Orleans's list of compatible silos on the placing worker
        // still has the first two (seen for minutes after a worker joined): an owner placed from that list would find on
        // its next ping that it belongs on the third, move, and be placed back on the same worker, every second.
        SiloAddress[] workers = [Silo(11111), Silo(11112), Silo(11113)];
        var membership = new Membership(workers);
        var director = new ShardPlacementDirector(membership);
        var context = new LaggingContext(workers[..2]);

        foreach (var shard in s_shards)
        {
            var target = new PlacementTarget(GrainId.Create("shardowner", new ShardKey("AnomalyDetection", shard).ToString()), [], default, 0);
            var placed = await director.OnAddActivation(new ShardPlacement(), target, context);
            Assert.Equal(ShardPlacement.Choose(shard, ShardPlacement.ActiveWorkers(membership)), placed);
            Assert.Equal(ShardPlacement.Choose(shard, workers), placed);
        }

        Assert.Contains(s_shards, s => ShardPlacement.Choose(s, workers) != ShardPlacement.Choose(s, workers[..2]));
    }

    [Theory]
    [InlineData("shardId-000000000003", 3)]
    [InlineData("shardId-000000000012", 12)]
    public void A_Kinesis_shard_is_numbered_by_its_digits(string shardId, long number)
    {
        Assert.Equal(number, ShardKey.Number(shardId));
    }

    [Fact]
    public void A_grain_key_reads_back_as_its_consumer_and_shard_and_a_key_without_both_is_refused()
    {
        var key = new ShardKey("AnomalyDetection", "shardId-000000000001");

        Assert.Equal(key, ShardKey.Parse(key.ToString()));
        Assert.Throws<FormatException>(() => ShardKey.Parse("AnomalyDetection"));
        Assert.Throws<FormatException>(() => ShardKey.Parse("/shardId-000000000001"));
    }

    /// <summary>A membership table whose workers are all active.</summary>
    private sealed class Membership(IEnumerable<SiloAddress> workers) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(
            workers.ToImmutableDictionary(w => w, w => new ClusterMember(w, SiloStatus.Active, w.ToString())), new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }

    /// <summary>A placement context whose compatible silos are <paramref name="compatible"/>.</summary>
    private sealed class LaggingContext(SiloAddress[] compatible) : IPlacementContext
    {
        public SiloAddress LocalSilo => compatible[0];

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => compatible;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) => new Dictionary<ushort, SiloAddress[]> { [0] = compatible };
    }
}
