using System.Globalization;
using System.Numerics;

namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// UpdateShardCount with uniform scaling, as the splits and merges it means: first every open shard is split at each
/// boundary of the target's equal ranges that falls inside it, then neighbours that lie in the same target range are
/// merged, two at a time, until each target range is one shard. Doubling is one split per shard, halving one merge per
/// pair; other counts pass through short-lived shards, as in Kinesis. The stream adapters run it step by step, each step
/// planned from the shards the previous one left (<see cref="NextStep"/>).
/// </summary>
public static class UniformScaling
{
    /// <summary>The first hash key of range <paramref name="index"/> of <paramref name="count"/> equal ranges: floor(index * 2^128 / count).</summary>
    public static UInt128 RangeStart(int index, int count) => (UInt128)((BigInteger.One << 128) * index / count);

    /// <summary>
    /// The next split or merge that brings the open shards of <paramref name="shards"/> towards
    /// <paramref name="targetShardCount"/> equal ranges; null when they are there.
    /// </summary>
    public static ReshardStep? NextStep(IReadOnlyList<ShardDescription> shards, int targetShardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetShardCount, 1);
        var open = shards.Where(s => s.IsOpen)
            .Select(s => (Shard: s, Start: UInt128.Parse(s.StartingHashKey, CultureInfo.InvariantCulture), End: UInt128.Parse(s.EndingHashKey, CultureInfo.InvariantCulture)))
            .OrderBy(s => s.Start)
            .ToList();
        foreach (var (shard, start, end) in open)
        {
            for (var i = 1; i < targetShardCount; i++)
            {
                var boundary = RangeStart(i, targetShardCount);
                if (boundary > start + 1 && boundary < end)
                    return new ReshardStep.Split(shard.ShardId, boundary.ToString(CultureInfo.InvariantCulture));
            }
        }

        for (var i = 0; i + 1 < open.Count; i++)
        {
            if (RangeOf(open[i].Start, targetShardCount) == RangeOf(open[i + 1].Start, targetShardCount))
                return new ReshardStep.Merge(open[i].Shard.ShardId, open[i + 1].Shard.ShardId);
        }

        return null;
    }

    /// <summary>
    /// Runs UpdateShardCount on <paramref name="streams"/> as splits and merges: checks the target against the open shards
    /// (<see cref="KinesisRules.ThrowIfInvalidTargetShardCount"/>), then applies <see cref="NextStep"/> until none is left,
    /// listing the shards again after each step.
    /// </summary>
    public static async Task<ShardCountUpdate> ApplyAsync(IStreamClient streams, string streamName, int targetShardCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var shards = await streams.ListShardsAsync(streamName, cancellationToken);
        var current = shards.Count(s => s.IsOpen);
        KinesisRules.ThrowIfInvalidTargetShardCount(streamName, current, targetShardCount);
        // Each step splits at a boundary not yet present or merges two shards; this many always suffice.
        var maxSteps = 2 * (current + targetShardCount) + 2;
        for (var step = 0; step < maxSteps; step++)
        {
            switch (NextStep(shards, targetShardCount))
            {
                case null:
                    return new ShardCountUpdate(streamName, current, shards.Count(s => s.IsOpen));
                case ReshardStep.Split split:
                    await streams.SplitShardAsync(streamName, split.ShardId, split.NewStartingHashKey, cancellationToken);
                    break;
                case ReshardStep.Merge merge:
                    await streams.MergeShardsAsync(streamName, merge.ShardId, merge.AdjacentShardId, cancellationToken);
                    break;
            }

            shards = await streams.ListShardsAsync(streamName, cancellationToken);
        }

        throw new StreamException("InternalFailure", $"UpdateShardCount of stream {streamName} to {targetShardCount} shards did not settle after {maxSteps} splits and merges.");
    }

    /// <summary>Which of <paramref name="count"/> equal ranges <paramref name="hashKey"/> falls in.</summary>
    private static int RangeOf(UInt128 hashKey, int count)
    {
        var index = (int)((BigInteger)hashKey * count >> 128);
        // Rounding of the range starts: step back or on so that RangeStart(index) <= hashKey < RangeStart(index + 1).
        while (index > 0 && RangeStart(index, count) > hashKey)
            index--;
        while (index + 1 < count && RangeStart(index + 1, count) <= hashKey)
            index++;
        return index;
    }
}

/// <summary>One step of a reshard.</summary>
public abstract record ReshardStep
{
    private ReshardStep()
    {
    }

    /// <summary>Split <paramref name="ShardId"/> at <paramref name="NewStartingHashKey"/>.</summary>
    public sealed record Split(string ShardId, string NewStartingHashKey) : ReshardStep;

    /// <summary>Merge <paramref name="ShardId"/> with the shard above it, <paramref name="AdjacentShardId"/>.</summary>
    public sealed record Merge(string ShardId, string AdjacentShardId) : ReshardStep;
}
