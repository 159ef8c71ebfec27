using System.Globalization;
using System.Numerics;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Core.Streams;

/// <summary>The plan of UpdateShardCount as splits and merges, and the lineage rules it keeps, without a backend.</summary>
public sealed class UniformScalingTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(3, 6)]
    [InlineData(7, 4)]
    public void Applying_every_step_ends_with_the_target_count_of_equal_ranges_each_child_of_at_most_two_parents(int from, int to)
    {
        var shards = Uniform(from);
        var steps = 0;
        while (UniformScaling.NextStep(shards, to) is { } step)
        {
            shards = Apply(shards, step);
            Assert.True(++steps <= 2 * (from + to), $"{from} to {to} took more than {2 * (from + to)} steps");
        }

        var open = shards.Where(s => s.IsOpen).OrderBy(s => BigInteger.Parse(s.StartingHashKey, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, to).Select(i => UniformScaling.RangeStart(i, to).ToString(CultureInfo.InvariantCulture)), open.Select(s => s.StartingHashKey));
        Assert.Equal(UInt128.MaxValue.ToString(CultureInfo.InvariantCulture), open[^1].EndingHashKey);
        for (var i = 0; i + 1 < open.Count; i++)
            Assert.Equal(BigInteger.Parse(open[i].EndingHashKey, CultureInfo.InvariantCulture) + 1, BigInteger.Parse(open[i + 1].StartingHashKey, CultureInfo.InvariantCulture));
        Assert.All(shards, s => Assert.True(s.Parents.Count() <= 2));
    }

    [Fact]
    public void Doubling_is_one_split_per_shard_at_its_middle_and_halving_one_merge_per_pair()
    {
        var two = Uniform(2);

        var first = UniformScaling.NextStep(two, 4);
        var merge = UniformScaling.NextStep(Uniform(4), 2);

        var split = Assert.IsType<ReshardStep.Split>(first);
        Assert.Equal(("shardId-0", UniformScaling.RangeStart(1, 4).ToString(CultureInfo.InvariantCulture)), (split.ShardId, split.NewStartingHashKey));
        Assert.Equal(new ReshardStep.Merge("shardId-0", "shardId-1"), merge);
        Assert.Null(UniformScaling.NextStep(two, 2));
    }

    [Theory]
    [InlineData(2, 4, true)]
    [InlineData(2, 1, true)]
    [InlineData(3, 2, true)]
    [InlineData(3, 7, false)]
    [InlineData(5, 2, false)]
    public void Targets_from_half_rounded_up_to_double_are_allowed(int open, int target, bool allowed)
    {
        var error = Record.Exception(() => KinesisRules.ThrowIfInvalidTargetShardCount("WindDataStream", open, target));

        Assert.Equal(allowed, error is null);
        if (!allowed)
            Assert.Contains("WindDataStream", Assert.IsType<StreamValidationException>(error).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("01")]
    [InlineData("340282366920938463463374607431768211456")]
    [InlineData("1e5")]
    public void A_hash_key_that_is_not_a_whole_number_below_2_to_the_128_is_refused_naming_the_field(string value)
    {
        var error = Assert.Throws<StreamValidationException>(() => KinesisRules.ParseHashKey(value, "newStartingHashKey"));

        Assert.Contains("'newStartingHashKey'", error.Message);
    }

    [Fact]
    public void A_merge_is_checked_in_either_order_and_returns_the_lower_shard_first()
    {
        var shards = Uniform(3);

        var (lower, upper) = KinesisRules.CheckMerge("s", shards[1], shards[0]);
        var apart = Assert.Throws<StreamValidationException>(() => KinesisRules.CheckMerge("s", shards[0], shards[2]));
        var closed = Assert.Throws<StreamValidationException>(() => KinesisRules.CheckMerge("s", shards[0], shards[1] with { EndingSequenceNumber = "5" }));

        Assert.Equal((shards[0], shards[1]), (lower, upper));
        Assert.Contains("not an adjacent pair", apart.Message);
        Assert.Contains("closed", closed.Message);
    }

    /// <summary>Open shards of <paramref name="count"/> equal ranges.</summary>
    private static List<ShardDescription> Uniform(int count) => Enumerable.Range(0, count).Select(i => new ShardDescription(
        "shardId-" + i.ToString(CultureInfo.InvariantCulture),
        UniformScaling.RangeStart(i, count).ToString(CultureInfo.InvariantCulture),
        (i + 1 == count ? UInt128.MaxValue : UniformScaling.RangeStart(i + 1, count) - 1).ToString(CultureInfo.InvariantCulture))).ToList();

    /// <summary>What a backend does for <paramref name="step"/>: closes the shards, adds the children with their parents (checked by <see cref="KinesisRules"/>).</summary>
    private static List<ShardDescription> Apply(List<ShardDescription> shards, ReshardStep step)
    {
        var next = shards.ToList();
        string NewId() => "shardId-" + next.Count.ToString(CultureInfo.InvariantCulture);
        void Close(string id) => next[next.FindIndex(s => s.ShardId == id)] = next.Single(s => s.ShardId == id) with { EndingSequenceNumber = "1" };
        switch (step)
        {
            case ReshardStep.Split split:
                var shard = shards.Single(s => s.ShardId == split.ShardId);
                var key = KinesisRules.ParseHashKey(split.NewStartingHashKey, "newStartingHashKey");
                KinesisRules.ThrowIfInvalidSplit("s", shard, key);
                Close(shard.ShardId);
                next.Add(new ShardDescription(NewId(), shard.StartingHashKey, (key - 1).ToString(CultureInfo.InvariantCulture), shard.ShardId));
                next.Add(new ShardDescription(NewId(), split.NewStartingHashKey, shard.EndingHashKey, shard.ShardId));
                break;
            case ReshardStep.Merge merge:
                var (lower, upper) = KinesisRules.CheckMerge("s", shards.Single(s => s.ShardId == merge.ShardId), shards.Single(s => s.ShardId == merge.AdjacentShardId));
                Close(lower.ShardId);
                Close(upper.ShardId);
                next.Add(new ShardDescription(NewId(), lower.StartingHashKey, upper.EndingHashKey, lower.ShardId, upper.ShardId));
                break;
        }
        return next;
    }
}
