using System.Globalization;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Core.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Embedded;

/// <summary>The stream contract on the embedded backend, and what only the embedded backend promises.</summary>
public sealed class SqliteStreamClientTests(TempDirectoryFixture directory) : StreamClientContractTests, IClassFixture<TempDirectoryFixture>
{
    /// <summary>The first shard's id.</summary>
    private const string Shard0 = "shardId-000000000000";

    /// <inheritdoc />
    protected override Task<IStreamClient> CreateClientAsync() => Task.FromResult<IStreamClient>(new SqliteStreamClient(directory.SharedDatabase));

    [Fact]
    public async Task Streams_records_and_sequence_numbers_survive_reopening_the_database()
    {
        var path = directory.NewDatabasePath();
        var name = NewStreamName();
        PutRecordsResult firstPut;
        await using (var db = new EmbeddedDatabase(path))
        {
            var client = new SqliteStreamClient(db);
            await client.CreateStreamAsync(name, 2);
            firstPut = await client.PutRecordsAsync(name, Entries("Chicago", "r0", "r1", "r2"));
        }

        await using var reopened = new EmbeddedDatabase(path);
        var again = new SqliteStreamClient(reopened);
        var shard = firstPut.Records[0].ShardId!;
        var secondPut = await again.PutRecordsAsync(name, Entries("Chicago", "r3"));
        var records = await ReadAllAsync(again, name, shard, StartingPosition.TrimHorizon);

        Assert.Equal(2, (await again.DescribeStreamAsync(name)).OpenShardCount);
        Assert.Equal(["r0", "r1", "r2", "r3"], records.Select(Text));
        Assert.Equal(shard, secondPut.Records[0].ShardId);
        Assert.True(Sequence(secondPut.Records[0].SequenceNumber!) > Sequence(firstPut.Records[2].SequenceNumber!));
        Assert.Equal(4, records.Select(r => r.SequenceNumber).Distinct().Count());
    }

    [Fact]
    public async Task Committed_records_are_in_the_file_before_the_writer_closes_as_after_a_crash()
    {
        var path = directory.NewDatabasePath();
        var name = NewStreamName();
        var crashed = new EmbeddedDatabase(path);
        try
        {
            var writer = new SqliteStreamClient(crashed);
            await writer.CreateStreamAsync(name, 1);
            await writer.PutRecordsAsync(name, Entries("Chicago", "r0", "r1"));

            await using var other = new EmbeddedDatabase(path);
            var records = await ReadAllAsync(new SqliteStreamClient(other), name, Shard0, StartingPosition.TrimHorizon);

            Assert.Equal(["r0", "r1"], records.Select(Text));
        }
        finally
        {
            crashed.Dispose();
        }
    }

    [Fact]
    public async Task Records_older_than_the_retention_are_no_longer_read_and_are_deleted_at_the_next_put()
    {
        var clock = new ManualTimeProvider();
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db, clock);
        var name = NewStreamName();
        await client.CreateStreamAsync(name, 1);
        await client.PutRecordsAsync(name, Entries("Chicago", "old-1", "old-2"));
        clock.Advance(TimeSpan.FromHours(23));
        await client.PutRecordsAsync(name, Entries("Chicago", "recent"));
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1));

        var beforeTrim = await ReadAllAsync(client, name, Shard0, StartingPosition.TrimHorizon);
        await client.PutRecordsAsync(name, Entries("Chicago", "new"));
        var afterTrim = await ReadAllAsync(client, name, Shard0, StartingPosition.TrimHorizon);

        Assert.Equal(["recent"], beforeTrim.Select(Text));
        Assert.Equal(["recent", "new"], afterTrim.Select(Text));
        Assert.Equal(2, client.CountStoredRecords(name));
    }

    [Fact]
    public async Task Trimming_runs_at_most_once_a_minute_and_reads_skip_expired_records_in_between()
    {
        var clock = new ManualTimeProvider();
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db, clock);
        var name = NewStreamName();
        await client.CreateStreamAsync(name, 1, TimeSpan.FromMinutes(10));
        await client.PutRecordsAsync(name, Entries("Chicago", "a"));
        clock.Advance(TimeSpan.FromSeconds(30));
        await client.PutRecordsAsync(name, Entries("Chicago", "b"));
        clock.Advance(TimeSpan.FromSeconds(570) + TimeSpan.FromMilliseconds(1));
        await client.PutRecordsAsync(name, Entries("Chicago", "c"));
        var afterFirstTrim = client.CountStoredRecords(name);

        clock.Advance(TimeSpan.FromSeconds(31));
        await client.PutRecordsAsync(name, Entries("Chicago", "d"));
        var withinTheMinute = client.CountStoredRecords(name);
        var readWithinTheMinute = await ReadAllAsync(client, name, Shard0, StartingPosition.TrimHorizon);
        clock.Advance(TimeSpan.FromSeconds(30));
        await client.PutRecordsAsync(name, Entries("Chicago", "e"));

        Assert.Equal(2, afterFirstTrim);
        Assert.Equal(3, withinTheMinute);
        Assert.Equal(["c", "d"], readWithinTheMinute.Select(Text));
        Assert.Equal(3, client.CountStoredRecords(name));
        Assert.Equal(["c", "d", "e"], (await ReadAllAsync(client, name, Shard0, StartingPosition.TrimHorizon)).Select(Text));
    }

    [Fact]
    public async Task Streams_created_without_a_retention_get_the_clients_configured_one()
    {
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db, retention: TimeSpan.FromHours(72));
        var name = NewStreamName();

        await client.CreateStreamAsync(name, 1);

        Assert.Equal(TimeSpan.FromHours(72), (await client.DescribeStreamAsync(name)).Retention);
    }

    [Fact]
    public async Task Stream_created_with_a_retention_is_described_with_it()
    {
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db);
        var name = NewStreamName();

        await client.CreateStreamAsync(name, 1, TimeSpan.FromHours(48));

        Assert.Equal(TimeSpan.FromHours(48), (await client.DescribeStreamAsync(name)).Retention);
    }

    [Fact]
    public async Task Iterator_older_than_five_minutes_is_refused_with_ExpiredIteratorException()
    {
        var clock = new ManualTimeProvider();
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db, clock);
        var name = NewStreamName();
        await client.CreateStreamAsync(name, 1);
        var iterator = await client.GetShardIteratorAsync(name, Shard0, StartingPosition.TrimHorizon);

        clock.Advance(TimeSpan.FromMinutes(5));
        var stillValid = await client.GetRecordsAsync(iterator);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var error = await Assert.ThrowsAsync<ExpiredIteratorException>(() => client.GetRecordsAsync(iterator));
        var renewed = await client.GetRecordsAsync(stillValid.NextShardIterator!);

        Assert.Equal("ExpiredIteratorException", error.ErrorCode);
        Assert.Empty(renewed.Records);
    }

    [Fact]
    public async Task Reader_behind_the_tip_reports_how_far_behind_it_is()
    {
        var clock = new ManualTimeProvider();
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db, clock);
        var name = NewStreamName();
        await client.CreateStreamAsync(name, 1);
        await client.PutRecordsAsync(name, Entries("Chicago", "r0", "r1", "r2"));
        clock.Advance(TimeSpan.FromSeconds(2));
        var iterator = await client.GetShardIteratorAsync(name, Shard0, StartingPosition.TrimHorizon);

        var behind = await client.GetRecordsAsync(iterator, limit: 1);
        var caughtUp = await client.GetRecordsAsync(behind.NextShardIterator!);

        Assert.Equal(2000, behind.MillisBehindLatest);
        Assert.Equal(0, caughtUp.MillisBehindLatest);
        Assert.Equal(["r1", "r2"], caughtUp.Records.Select(Text));
    }

    [Fact]
    public async Task Call_over_5_MiB_is_refused_with_InvalidArgumentException()
    {
        var (client, name) = await NewStreamAsync();
        var entries = Enumerable.Range(0, 6).Select(i => new PutRecordsEntry("Chicago", new byte[1000 * 1000])).ToList();

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.PutRecordsAsync(name, entries));

        Assert.Equal("InvalidArgumentException", error.ErrorCode);
        Assert.Empty(await ReadAllAsync(client, name, Shard0, StartingPosition.TrimHorizon));
    }

    [Fact]
    public async Task Record_of_exactly_1_MiB_with_its_partition_key_is_accepted_and_one_byte_more_refused()
    {
        var (client, name) = await NewStreamAsync();

        var accepted = await client.PutRecordsAsync(name, [new PutRecordsEntry("k", new byte[(1024 * 1024) - 1])]);
        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.PutRecordsAsync(name, [new PutRecordsEntry("kk", new byte[(1024 * 1024) - 1])]));

        Assert.Equal(0, accepted.FailedRecordCount);
        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task Sequence_number_the_shard_never_issued_is_refused_with_InvalidArgumentException()
    {
        var (client, name) = await NewStreamAsync();
        var put = await client.PutRecordsAsync(name, Entries("Chicago", "r0"));
        var unissued = (Sequence(put.Records[0].SequenceNumber!) + 1).ToString(CultureInfo.InvariantCulture);

        var error = await Assert.ThrowsAsync<StreamValidationException>(
            () => client.GetShardIteratorAsync(name, Shard0, StartingPosition.AtSequenceNumber(unissued)));
        var notANumber = await Assert.ThrowsAsync<StreamValidationException>(
            () => client.GetShardIteratorAsync(name, Shard0, StartingPosition.AfterSequenceNumber("12ab")));

        Assert.Equal("InvalidArgumentException", error.ErrorCode);
        Assert.Equal("InvalidArgumentException", notANumber.ErrorCode);
    }

    [Fact]
    public async Task Iterator_with_one_character_changed_is_refused_with_InvalidArgumentException()
    {
        var (client, name) = await NewStreamAsync();
        var iterator = await client.GetShardIteratorAsync(name, Shard0, StartingPosition.TrimHorizon);
        var replacement = iterator[10] == 'A' ? 'B' : 'A';
        var tampered = iterator[..10] + replacement + iterator[11..];

        var error = await Assert.ThrowsAsync<StreamValidationException>(() => client.GetRecordsAsync(tampered));

        Assert.Equal("InvalidArgumentException", error.ErrorCode);
    }

    [Fact]
    public async Task AT_TIMESTAMP_in_the_future_reads_only_records_arriving_from_then_on()
    {
        var clock = new ManualTimeProvider();
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db, clock);
        var name = NewStreamName();
        await client.CreateStreamAsync(name, 1);
        var iterator = await client.GetShardIteratorAsync(name, Shard0, StartingPosition.AtTimestamp(clock.GetUtcNow().AddSeconds(10)));

        await client.PutRecordsAsync(name, Entries("Chicago", "too-early"));
        var first = await client.GetRecordsAsync(iterator);
        clock.Advance(TimeSpan.FromSeconds(10));
        await client.PutRecordsAsync(name, Entries("Chicago", "on-time"));
        var second = await client.GetRecordsAsync(first.NextShardIterator!);

        Assert.Empty(first.Records);
        Assert.Equal(["on-time"], second.Records.Select(Text));
    }

    [Fact]
    public async Task AT_TIMESTAMP_before_the_oldest_record_starts_at_the_oldest_record()
    {
        var clock = new ManualTimeProvider();
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var client = new SqliteStreamClient(db, clock);
        var name = NewStreamName();
        await client.CreateStreamAsync(name, 1);
        await client.PutRecordsAsync(name, Entries("Chicago", "r0", "r1"));

        var records = await ReadAllAsync(client, name, Shard0, StartingPosition.AtTimestamp(clock.GetUtcNow().AddHours(-3)));

        Assert.Equal(["r0", "r1"], records.Select(Text));
    }

    [Fact]
    public async Task A_reader_polling_a_shard_sees_a_record_put_later_through_another_client_on_the_same_database()
    {
        var (client, name) = await NewStreamAsync();
        var writer = new SqliteStreamClient(directory.SharedDatabase);
        var iterator = await client.GetShardIteratorAsync(name, Shard0, StartingPosition.Latest);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var polling = Task.Run(async () =>
        {
            var polls = 0;
            while (true)
            {
                var page = await client.GetRecordsAsync(iterator, cancellationToken: stop.Token);
                polls++;
                if (page.Records.Count > 0)
                    return (page.Records, Polls: polls);
                iterator = page.NextShardIterator!;
                await Task.Delay(10, stop.Token);
            }
        });

        await Task.Delay(100);
        var stillPolling = !polling.IsCompleted;
        await writer.PutRecordsAsync(name, Entries("Chicago", "r0"));
        var (records, polls) = await polling;

        Assert.True(stillPolling);
        Assert.True(polls > 1);
        Assert.Equal(["r0"], records.Select(Text));
    }

    [Fact]
    public async Task Concurrent_puts_into_one_shard_get_distinct_increasing_sequence_numbers()
    {
        var (client, name) = await NewStreamAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w =>
            Task.Run(() => client.PutRecordsAsync(name, Entries("Chicago", Enumerable.Range(0, 50).Select(i => $"{w}-{i}").ToArray())))));
        var records = await ReadAllAsync(client, name, Shard0, StartingPosition.TrimHorizon);

        Assert.Equal(400, records.Count);
        Assert.Equal(400, records.Select(r => r.SequenceNumber).Distinct().Count());
        Assert.Equal(records.Select(r => Sequence(r.SequenceNumber)).Order(), records.Select(r => Sequence(r.SequenceNumber)));
        for (var writer = 0; writer < 8; writer++)
        {
            var own = records.Select(Text).Where(t => t.StartsWith($"{writer}-", StringComparison.Ordinal));
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"{writer}-{i}"), own);
        }
    }

    [Fact]
    public async Task Three_shards_split_the_hash_key_space_as_Kinesis_does()
    {
        var (client, name) = await NewStreamAsync(shardCount: 3);

        var shards = await client.ListShardsAsync(name);

        // Kinesis's published split for three shards.
        Assert.Equal("113427455640312821154458202477256070484", shards[0].EndingHashKey);
        Assert.Equal("113427455640312821154458202477256070485", shards[1].StartingHashKey);
        Assert.Equal("226854911280625642308916404954512140970", shards[2].StartingHashKey);
    }
}
