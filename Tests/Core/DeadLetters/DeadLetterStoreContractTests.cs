using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Tests.Core.DeadLetters;

/// <summary>What every dead-letter store does for the operator's actions: counts by reason, delete, retention, re-drive keys.</summary>
public abstract class DeadLetterStoreContractTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>An empty store of the adapter under test.</summary>
    protected abstract Task<IDeadLetterStore> CreateStoreAsync();

    private static DeadLetter Letter(string consumer, string sequence, string reason, DateTimeOffset failedAt, string partitionKey = "Cheyenne") =>
        new(consumer, "WindDataStream", "shardId-000000000000", sequence, new byte[] { 1, 2, 3 }, reason, failedAt, partitionKey);

    [Fact]
    public async Task The_partition_key_is_kept_for_a_re_drive()
    {
        var store = await CreateStoreAsync();

        await store.AddAsync(Letter("AnomalyDetection", "1", "Field 'speed' is missing.", s_now, "Zürich Nord"));

        Assert.Equal("Zürich Nord", Assert.Single(await store.ListAsync()).PartitionKey);
    }

    [Fact]
    public async Task Counts_are_per_consumer_and_reason_category_whatever_values_the_reasons_carry()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Letter("AnomalyDetection", "1", "Field 'timestamp' 2031-01-01T00:00:00.000Z is 1491 days after the reading arrived; at most 5 minutes is accepted (Pipeline:EventTime:MaxAheadOfArrival).", s_now));
        await store.AddAsync(Letter("AnomalyDetection", "2", "Field 'timestamp' 2032-05-01T00:00:00.000Z is 1977 days after the reading arrived; at most 5 minutes is accepted (Pipeline:EventTime:MaxAheadOfArrival).", s_now));
        await store.AddAsync(Letter("CalculateMaxSpeed", "1", "Field 'timestamp' 2031-01-01T00:00:00.000Z is 1491 days after the reading arrived; at most 5 minutes is accepted (Pipeline:EventTime:MaxAheadOfArrival).", s_now));
        await store.AddAsync(Letter("AnomalyDetection", "3", "The reading is not valid JSON: 'x' is an invalid start of a value. LineNumber: 0", s_now));

        var counts = await store.CountByReasonAsync();

        Assert.Equal(
            [("AnomalyDetection", DeadLetterReason.Clock, 2L), ("AnomalyDetection", DeadLetterReason.Malformed, 1L), ("CalculateMaxSpeed", DeadLetterReason.Clock, 1L)],
            counts.Select(c => (c.Consumer, c.Category, c.Count)));
    }

    [Fact]
    public async Task Deleting_removes_only_the_given_letters_and_counts_what_it_removed()
    {
        var store = await CreateStoreAsync();
        var kept = Letter("DIYFunction", "1", "Field 'max' is 'x'.", s_now);
        var removed = Letter("DIYFunction", "2", "Field 'max' is 'y'.", s_now);
        await store.AddAsync(kept);
        await store.AddAsync(removed);

        var deleted = await store.DeleteAsync([removed.Key, new DeadLetterKey("DIYFunction", "WindDataStream", "shardId-000000000000", "999")]);

        Assert.Equal(1, deleted);
        Assert.Equal("1", Assert.Single(await store.ListAsync()).SequenceNumber);
    }

    [Fact]
    public async Task Retention_deletes_the_letters_that_failed_before_the_cutoff_only()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Letter("AnomalyDetection", "1", "old", s_now.AddDays(-15)));
        await store.AddAsync(Letter("AnomalyDetection", "2", "old", s_now.AddDays(-14).AddMinutes(-1)));
        await store.AddAsync(Letter("AnomalyDetection", "3", "recent", s_now.AddDays(-13)));

        var deleted = await store.DeleteFailedBeforeAsync(s_now.AddDays(-14));

        Assert.Equal(2, deleted);
        Assert.Equal("3", Assert.Single(await store.ListAsync()).SequenceNumber);
    }
}
