using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Tests.Core.Streams;

/// <summary>
/// The behaviour every <see cref="IStreamClient"/> shares with Kinesis Data Streams. A backend's test class derives
/// from this and supplies a client; the same tests are meant to run against the embedded backend and against a
/// Kinesis adapter talking to kinesalite. Every test uses streams of its own, so tests may share one backend.
/// </summary>
public abstract partial class StreamClientContractTests
{
    /// <summary>2^128, the size of the hash-key space.</summary>
    private static readonly BigInteger s_hashSpace = BigInteger.One << 128;

    /// <summary>A client on the backend under test.</summary>
    protected abstract Task<IStreamClient> CreateClientAsync();

    /// <summary>Waits until a new stream can be used (Kinesis creates streams asynchronously; CREATING, then ACTIVE).</summary>
    protected virtual async Task WaitUntilActiveAsync(IStreamClient client, string streamName)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await client.DescribeStreamAsync(streamName)).Status == "ACTIVE")
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Stream {streamName} did not become ACTIVE.");
    }

    /// <summary>A stream name no other test uses.</summary>
    protected static string NewStreamName() => "contract-" + Guid.NewGuid().ToString("N");

    /// <summary>A client and a new, active stream of <paramref name="shardCount"/> shards.</summary>
    protected async Task<(IStreamClient Client, string StreamName)> NewStreamAsync(int shardCount = 1)
    {
        var client = await CreateClientAsync();
        var name = NewStreamName();
        await client.CreateStreamAsync(name, shardCount);
        await WaitUntilActiveAsync(client, name);
        return (client, name);
    }

    /// <summary>Records with the given partition key and UTF-8 payloads.</summary>
    protected static List<PutRecordsEntry> Entries(string partitionKey, params string[] payloads) =>
        payloads.Select(p => new PutRecordsEntry(partitionKey, Encoding.UTF8.GetBytes(p))).ToList();

    /// <summary>Reads a shard from <paramref name="position"/> until a read returns nothing.</summary>
    protected static async Task<List<StreamRecord>> ReadAllAsync(IStreamClient client, string streamName, string shardId, StartingPosition position, int limit = 10_000)
    {
        var iterator = await client.GetShardIteratorAsync(streamName, shardId, position);
        var records = new List<StreamRecord>();
        for (var i = 0; i < 10_000 && iterator is not null; i++)
        {
            var result = await client.GetRecordsAsync(iterator, limit);
            records.AddRange(result.Records);
            iterator = result.NextShardIterator;
            if (result.Records.Count == 0)
            {
                break;
            }
        }

        return records;
    }

    /// <summary>A record's payload as text.</summary>
    protected static string Text(StreamRecord record) => Encoding.UTF8.GetString(record.Data.Span);

    /// <summary>A sequence number as a number, for ordering (Kinesis's are up to 56 digits long).</summary>
    protected static BigInteger Sequence(string sequenceNumber) => BigInteger.Parse(sequenceNumber, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Created_stream_is_described_as_active_with_its_shards_and_24_hour_retention()
    {
        var (client, name) = await NewStreamAsync(shardCount: 2);

        var description = await client.DescribeStreamAsync(name);

        Assert.Equal(name, description.StreamName);
        Assert.Equal("ACTIVE", description.Status);
        Assert.Equal(2, description.OpenShardCount);
        Assert.Equal(TimeSpan.FromHours(24), description.Retention);
        Assert.InRange(description.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Creating_a_stream_that_exists_is_refused_with_ResourceInUseException()
    {
        var (client, name) = await NewStreamAsync();

        var error = await Assert.ThrowsAsync<ResourceInUseException>(() => client.CreateStreamAsync(name, 1));

        Assert.Equal("ResourceInUseException", error.ErrorCode);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public async Task Describing_a_missing_stream_is_refused_with_ResourceNotFoundException()
    {
        var client = await CreateClientAsync();
        var name = NewStreamName();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DescribeStreamAsync(name));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public async Task Putting_into_a_missing_stream_is_refused_with_ResourceNotFoundException()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.PutRecordsAsync(NewStreamName(), Entries("Chicago", "x")));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task Getting_an_iterator_on_a_missing_stream_is_refused_with_ResourceNotFoundException()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => client.GetShardIteratorAsync(NewStreamName(), "shardId-000000000000", StartingPosition.TrimHorizon));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    [Theory]
    [InlineData("wind data")]
    [InlineData("wind/data")]
    [InlineData("")]
    public async Task Stream_name_outside_the_Kinesis_rules_is_refused_with_ValidationException(string name)
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.CreateStreamAsync(name, 1));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("streamName", error.Message);
    }

    [Fact]
    public async Task Stream_name_of_129_characters_is_refused_and_of_128_accepted()
    {
        var client = await CreateClientAsync();
        var longest = ("c-" + Guid.NewGuid().ToString("N")).PadRight(128, 'x');

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.CreateStreamAsync(longest + "x", 1));
        await client.CreateStreamAsync(longest, 1);

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal(longest, (await client.DescribeStreamAsync(longest)).StreamName);
    }

    [Fact]
    public async Task Stream_of_no_shards_is_refused_with_ValidationException()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.CreateStreamAsync(NewStreamName(), 0));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task ListStreams_includes_created_streams_in_sorted_order()
    {
        var client = await CreateClientAsync();
        var prefix = NewStreamName();
        var names = new[] { prefix + "-b", prefix + "-a", prefix + "-c" };
        foreach (var name in names)
        {
            await client.CreateStreamAsync(name, 1);
        }

        var listed = await client.ListStreamsAsync();

        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task Shards_split_the_hash_key_space_evenly_and_without_gaps()
    {
        var (client, name) = await NewStreamAsync(shardCount: 3);

        var shards = await client.ListShardsAsync(name);

        Assert.Equal(["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"], shards.Select(s => s.ShardId));
        Assert.Equal(BigInteger.Zero, BigInteger.Parse(shards[0].StartingHashKey, CultureInfo.InvariantCulture));
        Assert.Equal(s_hashSpace - 1, BigInteger.Parse(shards[^1].EndingHashKey, CultureInfo.InvariantCulture));
        for (var i = 0; i < shards.Count; i++)
        {
            var start = BigInteger.Parse(shards[i].StartingHashKey, CultureInfo.InvariantCulture);
            var end = BigInteger.Parse(shards[i].EndingHashKey, CultureInfo.InvariantCulture);
            Assert.InRange(end - start + 1, (s_hashSpace / 3) - 1, (s_hashSpace / 3) + 1);
            if (i > 0)
            {
                Assert.Equal(BigInteger.Parse(shards[i - 1].EndingHashKey, CultureInfo.InvariantCulture) + 1, start);
            }
        }
    }

    [Fact]
    public async Task Two_shards_split_the_hash_key_space_at_2_to_the_127()
    {
        var (client, name) = await NewStreamAsync(shardCount: 2);

        var shards = await client.ListShardsAsync(name);

        Assert.Equal("170141183460469231731687303715884105727", shards[0].EndingHashKey);
        Assert.Equal("170141183460469231731687303715884105728", shards[1].StartingHashKey);
    }

    [Fact]
    public async Task Records_go_to_the_shard_whose_range_holds_the_MD5_of_their_partition_key()
    {
        var (client, name) = await NewStreamAsync(shardCount: 4);
        var shards = await client.ListShardsAsync(name);
        var keys = Enumerable.Range(0, 40).Select(i => $"turbine-{i}").Append("Chicago").Append("Zürich").ToList();

        var result = await client.PutRecordsAsync(name, keys.Select(k => new PutRecordsEntry(k, new byte[] { 1 })).ToList());

        for (var i = 0; i < keys.Count; i++)
        {
            var hash = new BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(keys[i])), isUnsigned: true, isBigEndian: true);
            var expected = shards.Single(s =>
                BigInteger.Parse(s.StartingHashKey, CultureInfo.InvariantCulture) <= hash && hash <= BigInteger.Parse(s.EndingHashKey, CultureInfo.InvariantCulture));
            Assert.Equal(expected.ShardId, result.Records[i].ShardId);
        }

        Assert.True(result.Records.Select(r => r.ShardId).Distinct().Count() > 1, "42 keys over 4 shards should use more than one shard.");
    }

    [Fact]
    public async Task Put_answers_one_successful_entry_per_record_in_order()
    {
        var (client, name) = await NewStreamAsync(shardCount: 2);

        var result = await client.PutRecordsAsync(name, Entries("Chicago", "a", "b", "c"));

        Assert.Equal(0, result.FailedRecordCount);
        Assert.Equal(3, result.Records.Count);
        Assert.All(result.Records, r => Assert.True(r.Succeeded && r.ShardId is not null && r.SequenceNumber is not null));
        Assert.True(Sequence(result.Records[0].SequenceNumber!) < Sequence(result.Records[1].SequenceNumber!));
        Assert.True(Sequence(result.Records[1].SequenceNumber!) < Sequence(result.Records[2].SequenceNumber!));
    }

    [Fact]
    public async Task Records_of_one_shard_are_read_in_put_order_with_increasing_sequence_numbers()
    {
        var (client, name) = await NewStreamAsync();
        var payloads = Enumerable.Range(0, 50).Select(i => $"reading-{i}").ToArray();
        await client.PutRecordsAsync(name, Entries("Chicago", payloads[..20]));
        await client.PutRecordsAsync(name, Entries("Denver", payloads[20..]));

        var records = await ReadAllAsync(client, name, "shardId-000000000000", StartingPosition.TrimHorizon);

        Assert.Equal(payloads, records.Select(Text));
        for (var i = 1; i < records.Count; i++)
        {
            Assert.True(Sequence(records[i - 1].SequenceNumber) < Sequence(records[i].SequenceNumber));
        }
    }

    [Fact]
    public async Task Data_and_partition_key_are_read_back_unchanged()
    {
        var (client, name) = await NewStreamAsync();
        byte[] data = [0, 255, 10, 13, 0, 128, 7];
        const string key = "Zürich wind farm #3 ☁";
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);

        await client.PutRecordsAsync(name, [new PutRecordsEntry(key, data)]);
        var record = Assert.Single(await ReadAllAsync(client, name, "shardId-000000000000", StartingPosition.TrimHorizon));

        Assert.Equal(data, record.Data.ToArray());
        Assert.Equal(key, record.PartitionKey);
        Assert.InRange(record.ApproximateArrivalTimestamp, before, DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Put_of_501_records_is_refused()
    {
        var (client, name) = await NewStreamAsync();

        var error = await Assert.ThrowsAsync<StreamValidationException>(
            () => client.PutRecordsAsync(name, Entries("Chicago", Enumerable.Repeat("x", 501).ToArray())));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Empty(await ReadAllAsync(client, name, "shardId-000000000000", StartingPosition.TrimHorizon));
    }

    [Fact]
    public async Task Put_of_500_records_is_accepted()
    {
        var (client, name) = await NewStreamAsync();

        var result = await client.PutRecordsAsync(name, Entries("Chicago", Enumerable.Range(0, 500).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()));

        Assert.Equal(0, result.FailedRecordCount);
        Assert.Equal(500, (await ReadAllAsync(client, name, "shardId-000000000000", StartingPosition.TrimHorizon)).Count);
    }

    [Fact]
    public async Task Put_of_no_records_is_refused()
    {
        var (client, name) = await NewStreamAsync();

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.PutRecordsAsync(name, []));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task Record_over_1_MiB_is_refused()
    {
        var (client, name) = await NewStreamAsync();

        var error = await Assert.ThrowsAsync<StreamValidationException>(
            () => client.PutRecordsAsync(name, [new PutRecordsEntry("Chicago", new byte[(1024 * 1024) + 1])]));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task Empty_partition_key_is_refused()
    {
        var (client, name) = await NewStreamAsync();

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.PutRecordsAsync(name, Entries("", "x")));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("partitionKey", error.Message);
    }

    [Fact]
    public async Task Partition_key_over_256_characters_is_refused_and_of_256_accepted()
    {
        var (client, name) = await NewStreamAsync();

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.PutRecordsAsync(name, Entries(new string('k', 257), "x")));
        var accepted = await client.PutRecordsAsync(name, Entries(new string('k', 256), "x"));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal(0, accepted.FailedRecordCount);
    }

    [Fact]
    public async Task LATEST_reads_only_records_put_after_the_iterator_was_taken()
    {
        var (client, name) = await NewStreamAsync();
        await client.PutRecordsAsync(name, Entries("Chicago", "before-1", "before-2"));
        var iterator = await client.GetShardIteratorAsync(name, "shardId-000000000000", StartingPosition.Latest);

        await client.PutRecordsAsync(name, Entries("Chicago", "after-1", "after-2"));
        var result = await client.GetRecordsAsync(iterator);

        Assert.Equal(["after-1", "after-2"], result.Records.Select(Text));
    }

    [Fact]
    public async Task AT_SEQUENCE_NUMBER_starts_at_that_record()
    {
        var (client, name) = await NewStreamAsync();
        var put = await client.PutRecordsAsync(name, Entries("Chicago", "r0", "r1", "r2", "r3"));

        var records = await ReadAllAsync(client, name, "shardId-000000000000", StartingPosition.AtSequenceNumber(put.Records[2].SequenceNumber!));

        Assert.Equal(["r2", "r3"], records.Select(Text));
        Assert.Equal(put.Records[2].SequenceNumber, records[0].SequenceNumber);
    }

    [Fact]
    public async Task AFTER_SEQUENCE_NUMBER_starts_just_after_that_record()
    {
        var (client, name) = await NewStreamAsync();
        var put = await client.PutRecordsAsync(name, Entries("Chicago", "r0", "r1", "r2", "r3"));

        var records = await ReadAllAsync(client, name, "shardId-000000000000", StartingPosition.AfterSequenceNumber(put.Records[1].SequenceNumber!));

        Assert.Equal(["r2", "r3"], records.Select(Text));
    }

    [Fact]
    public async Task AFTER_SEQUENCE_NUMBER_of_the_newest_record_reads_only_later_records()
    {
        var (client, name) = await NewStreamAsync();
        var put = await client.PutRecordsAsync(name, Entries("Chicago", "r0", "r1"));
        var iterator = await client.GetShardIteratorAsync(name, "shardId-000000000000", StartingPosition.AfterSequenceNumber(put.Records[1].SequenceNumber!));

        var empty = await client.GetRecordsAsync(iterator);
        await client.PutRecordsAsync(name, Entries("Chicago", "r2"));
        var later = await client.GetRecordsAsync(empty.NextShardIterator!);

        Assert.Empty(empty.Records);
        Assert.Equal(["r2"], later.Records.Select(Text));
    }

    [Fact]
    public async Task AT_TIMESTAMP_starts_at_the_first_record_that_arrived_at_or_after_the_time()
    {
        var (client, name) = await NewStreamAsync();
        await client.PutRecordsAsync(name, Entries("Chicago", "early-1", "early-2"));
        await Task.Delay(50);
        await client.PutRecordsAsync(name, Entries("Chicago", "late-1", "late-2"));
        var all = await ReadAllAsync(client, name, "shardId-000000000000", StartingPosition.TrimHorizon);
        var lateArrival = all[2].ApproximateArrivalTimestamp;
        Assert.True(all[1].ApproximateArrivalTimestamp < lateArrival, "the two puts should arrive at different milliseconds");

        var records = await ReadAllAsync(client, name, "shardId-000000000000", StartingPosition.AtTimestamp(lateArrival));

        Assert.Equal(["late-1", "late-2"], records.Select(Text));
    }

    [Fact]
    public async Task GetRecords_returns_at_most_the_limit_and_the_next_iterator_continues_without_loss_or_repeat()
    {
        var (client, name) = await NewStreamAsync();
        var payloads = Enumerable.Range(0, 25).Select(i => $"r{i}").ToArray();
        await client.PutRecordsAsync(name, Entries("Chicago", payloads));
        var iterator = await client.GetShardIteratorAsync(name, "shardId-000000000000", StartingPosition.TrimHorizon);

        var read = new List<string>();
        var pages = 0;
        while (read.Count < payloads.Length && pages < 20)
        {
            var result = await client.GetRecordsAsync(iterator, limit: 10);
            Assert.True(result.Records.Count <= 10);
            read.AddRange(result.Records.Select(Text));
            iterator = result.NextShardIterator!;
            pages++;
        }

        Assert.Equal(payloads, read);
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task Caught_up_reader_is_0_ms_behind_and_keeps_an_iterator_that_sees_later_puts()
    {
        var (client, name) = await NewStreamAsync();
        var iterator = await client.GetShardIteratorAsync(name, "shardId-000000000000", StartingPosition.TrimHorizon);

        var empty = await client.GetRecordsAsync(iterator);
        await client.PutRecordsAsync(name, Entries("Chicago", "r0"));
        var next = await client.GetRecordsAsync(empty.NextShardIterator!);

        Assert.Empty(empty.Records);
        Assert.NotNull(empty.NextShardIterator);
        Assert.Equal(0, empty.MillisBehindLatest);
        Assert.Equal(["r0"], next.Records.Select(Text));
        Assert.NotNull(next.NextShardIterator);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task GetRecords_limit_outside_1_to_10000_is_refused(int limit)
    {
        var (client, name) = await NewStreamAsync();
        var iterator = await client.GetShardIteratorAsync(name, "shardId-000000000000", StartingPosition.TrimHorizon);

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.GetRecordsAsync(iterator, limit));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task Malformed_iterator_is_refused_with_InvalidArgumentException()
    {
        var client = await CreateClientAsync();

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.GetRecordsAsync("not-an-iterator-at-all"));

        Assert.Equal("InvalidArgumentException", error.ErrorCode);
    }

    [Fact]
    public async Task Iterator_for_a_missing_shard_is_refused_with_ResourceNotFoundException()
    {
        var (client, name) = await NewStreamAsync(shardCount: 2);

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => client.GetShardIteratorAsync(name, "shardId-000000000002", StartingPosition.TrimHorizon));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }
}
