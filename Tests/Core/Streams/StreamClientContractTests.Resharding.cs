using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Core.Streams;

/// <summary>Splitting and merging shards, and UpdateShardCount, as Kinesis does them, on every backend.</summary>
public abstract partial class StreamClientContractTests
{
    /// <summary>2^127, the middle of the hash-key space.</summary>
    private static readonly BigInteger s_middle = BigInteger.One << 127;

    [Fact]
    public async Task Split_closes_the_shard_and_opens_two_children_that_share_its_hash_keys()
    {
        var (client, name) = await NewStreamAsync(1);
        var parent = Assert.Single(await client.ListShardsAsync(name));
        Assert.True(parent.IsOpen);
        Assert.Null(parent.ParentShardId);

        await client.SplitShardAsync(name, parent.ShardId, Key(s_middle));

        var shards = await client.ListShardsAsync(name);
        var closed = shards.Single(s => s.ShardId == parent.ShardId);
        Assert.False(closed.IsOpen);
        Assert.NotNull(closed.EndingSequenceNumber);
        var children = shards.Where(s => s.ParentShardId == parent.ShardId).OrderBy(s => BigInteger.Parse(s.StartingHashKey, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, children.Count);
        Assert.All(children, c => Assert.True(c.IsOpen));
        Assert.All(children, c => Assert.Null(c.AdjacentParentShardId));
        Assert.Equal(("0", Key(s_middle - 1)), (children[0].StartingHashKey, children[0].EndingHashKey));
        Assert.Equal((Key(s_middle), Key((BigInteger.One << 128) - 1)), (children[1].StartingHashKey, children[1].EndingHashKey));
        Assert.Equal(2, (await client.DescribeStreamAsync(name)).OpenShardCount);
    }

    [Fact]
    public async Task After_a_split_records_go_to_their_child_above_every_sequence_number_of_the_parent_which_reads_to_its_end()
    {
        var (client, name) = await NewStreamAsync(1);
        var parent = Assert.Single(await client.ListShardsAsync(name)).ShardId;
        var low = PartitionKeyWhere(h => h < s_middle);
        var high = PartitionKeyWhere(h => h >= s_middle);
        var before = await client.PutRecordsAsync(name, [.. Entries(low, "l0", "l1"), .. Entries(high, "h0")]);

        await client.SplitShardAsync(name, parent, Key(s_middle));
        var after = await client.PutRecordsAsync(name, [.. Entries(low, "l2"), .. Entries(high, "h1", "h2")]);

        var children = (await client.ListShardsAsync(name)).Where(s => s.ParentShardId == parent)
            .OrderBy(s => BigInteger.Parse(s.StartingHashKey, CultureInfo.InvariantCulture)).Select(s => s.ShardId).ToList();
        Assert.Equal([children[0], children[1], children[1]], after.Records.Select(r => r.ShardId));
        var parentEnd = before.Records.Max(r => Sequence(r.SequenceNumber!));
        Assert.All(after.Records, r => Assert.True(Sequence(r.SequenceNumber!) > parentEnd, $"child record {r.SequenceNumber} is above the parent's last {parentEnd}"));

        var (records, ended, childShards) = await ReadToEndAsync(client, name, parent);
        Assert.True(ended, "the closed parent, read to its end, answers without a next iterator");
        Assert.Equal(["l0", "l1", "h0"], records.Select(Text));
        if (childShards is not null)
            Assert.Equal(children, childShards.Select(c => c.ShardId).Order(StringComparer.Ordinal));
        Assert.Equal(["h1", "h2"], (await ReadAllAsync(client, name, children[1], StartingPosition.TrimHorizon)).Select(Text));
    }

    [Fact]
    public async Task Merge_closes_two_adjacent_shards_and_opens_one_child_of_both()
    {
        var (client, name) = await NewStreamAsync(2);
        var shards = await client.ListShardsAsync(name);

        await client.MergeShardsAsync(name, shards[0].ShardId, shards[1].ShardId);

        var after = await client.ListShardsAsync(name);
        Assert.All(after.Where(s => s.ShardId == shards[0].ShardId || s.ShardId == shards[1].ShardId), s => Assert.False(s.IsOpen));
        var child = Assert.Single(after, s => s.IsOpen);
        Assert.Equal((shards[0].ShardId, shards[1].ShardId), (child.ParentShardId, child.AdjacentParentShardId));
        Assert.Equal(("0", Key((BigInteger.One << 128) - 1)), (child.StartingHashKey, child.EndingHashKey));
        var put = await client.PutRecordsAsync(name, Entries("Chicago", "m0"));
        Assert.Equal(child.ShardId, put.Records[0].ShardId);
        Assert.Equal(1, (await client.DescribeStreamAsync(name)).OpenShardCount);
    }

    [Fact]
    public async Task Merging_shards_whose_ranges_do_not_touch_is_refused()
    {
        var (client, name) = await NewStreamAsync(3);
        var shards = await client.ListShardsAsync(name);

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.MergeShardsAsync(name, shards[0].ShardId, shards[2].ShardId));

        Assert.Equal("InvalidArgumentException", error.ErrorCode);
        Assert.Contains("adjacent", error.Message);
        Assert.Equal(3, (await client.ListShardsAsync(name)).Count(s => s.IsOpen));
    }

    [Fact]
    public async Task Splitting_a_closed_shard_or_outside_its_range_is_refused()
    {
        var (client, name) = await NewStreamAsync(2);
        var shards = await client.ListShardsAsync(name);

        var outside = await Assert.ThrowsAsync<StreamValidationException>(() => client.SplitShardAsync(name, shards[0].ShardId, Key(s_middle + 5)));
        await client.SplitShardAsync(name, shards[0].ShardId, Key(s_middle / 2));
        var closed = await Assert.ThrowsAsync<StreamValidationException>(() => client.SplitShardAsync(name, shards[0].ShardId, Key(s_middle / 4)));
        var notANumber = await Assert.ThrowsAsync<StreamValidationException>(() => client.SplitShardAsync(name, shards[1].ShardId, "12x"));

        Assert.Contains("NewStartingHashKey", outside.Message);
        Assert.Contains("closed", closed.Message);
        Assert.Contains("newStartingHashKey", notANumber.Message);
        Assert.Equal(3, (await client.ListShardsAsync(name)).Count(s => s.IsOpen));
    }

    [Fact]
    public async Task UpdateShardCount_doubles_with_one_split_per_shard_and_halves_with_one_merge_per_pair()
    {
        var (client, name) = await NewStreamAsync(2);
        var original = (await client.ListShardsAsync(name)).Select(s => s.ShardId).ToList();

        var up = await client.UpdateShardCountAsync(name, 4);
        var four = await client.ListShardsAsync(name);
        var down = await client.UpdateShardCountAsync(name, 2);
        var two = await client.ListShardsAsync(name);

        Assert.Equal((2, 4), (up.CurrentShardCount, up.TargetShardCount));
        Assert.Equal((4, 2), (down.CurrentShardCount, down.TargetShardCount));
        Assert.Equal(6, four.Count);
        Assert.Equal(UniformStarts(4), OpenStarts(four));
        Assert.All(four.Where(s => s.IsOpen), s => Assert.Contains(s.ParentShardId, original));
        Assert.Equal(8, two.Count);
        Assert.Equal(UniformStarts(2), OpenStarts(two));
        Assert.All(two.Where(s => s.IsOpen), s => Assert.NotNull(s.AdjacentParentShardId));
        Assert.Equal(2, (await client.DescribeStreamAsync(name)).OpenShardCount);
    }

    [Fact]
    public async Task UpdateShardCount_to_a_count_that_is_not_a_multiple_ends_with_equal_ranges()
    {
        var (client, name) = await NewStreamAsync(2);

        await client.UpdateShardCountAsync(name, 3);

        var shards = await client.ListShardsAsync(name);
        Assert.Equal(UniformStarts(3), OpenStarts(shards));
        var put = await client.PutRecordsAsync(name, Entries("Chicago", "x"));
        Assert.Contains(put.Records[0].ShardId, shards.Where(s => s.IsOpen).Select(s => s.ShardId));
    }

    [Theory]
    [InlineData(2, 5, "LimitExceededException", "more than double")]
    [InlineData(4, 1, "LimitExceededException", "less than half")]
    [InlineData(2, 2, "InvalidArgumentException", "has 2 open shards already")]
    [InlineData(2, 0, "ValidationException", "greater than or equal to 1")]
    public async Task UpdateShardCount_outside_half_to_double_is_refused_naming_the_allowed_range(int shards, int target, string code, string says)
    {
        var (client, name) = await NewStreamAsync(shards);

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.UpdateShardCountAsync(name, target));

        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(says, error.Message);
        if (target >= 1)
            Assert.Contains($"allowed: {(shards + 1) / 2} to {shards * 2}", error.Message);
        Assert.Equal(shards, (await client.ListShardsAsync(name)).Count);
    }

    /// <summary>Reads a shard from its start until it answers without a next iterator (or a bounded number of reads).</summary>
    private static async Task<(List<StreamRecord> Records, bool Ended, IReadOnlyList<ChildShard>? Children)> ReadToEndAsync(IStreamClient client, string streamName, string shardId)
    {
        var iterator = await client.GetShardIteratorAsync(streamName, shardId, StartingPosition.TrimHorizon);
        var records = new List<StreamRecord>();
        for (var i = 0; i < 200 && iterator is not null; i++)
        {
            var result = await client.GetRecordsAsync(iterator);
            records.AddRange(result.Records);
            if (result.AtShardEnd)
                return (records, true, result.ChildShards);
            iterator = result.NextShardIterator;
            if (result.Records.Count == 0)
                await Task.Delay(20);
        }

        return (records, false, null);
    }

    /// <summary>A hash key as Kinesis writes it.</summary>
    private static string Key(BigInteger hashKey) => hashKey.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first hash keys of <paramref name="count"/> equal ranges.</summary>
    private static List<string> UniformStarts(int count) => Enumerable.Range(0, count).Select(i => Key((BigInteger.One << 128) * i / count)).ToList();

    /// <summary>The first hash keys of the open shards, ascending.</summary>
    private static List<string> OpenStarts(IReadOnlyList<ShardDescription> shards) =>
        shards.Where(s => s.IsOpen).Select(s => BigInteger.Parse(s.StartingHashKey, CultureInfo.InvariantCulture)).Order().Select(Key).ToList();

    /// <summary>A partition key whose hash key (the MD5 of its UTF-8 bytes, big-endian) satisfies <paramref name="wanted"/>.</summary>
    private static string PartitionKeyWhere(Func<BigInteger, bool> wanted) =>
        Enumerable.Range(0, 1000).Select(i => "location-" + i.ToString(CultureInfo.InvariantCulture))
            .First(k => wanted(new BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(k)), isUnsigned: true, isBigEndian: true)));
}
