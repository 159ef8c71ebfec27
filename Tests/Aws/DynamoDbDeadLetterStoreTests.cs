using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.DeadLetters;

namespace TurbineConsole.Tests.Aws;

/// <summary>Dead letters in DynamoDB (dynalite).</summary>
[Collection(AwsCollection.Name)]
public sealed class DynamoDbDeadLetterStoreTests(LocalAwsServers servers)
{
    [Fact]
    public async Task Adding_the_same_record_twice_keeps_the_first_and_lists_newest_first()
    {
        var store = new DynamoDbDeadLetterStore(servers.Options());
        var consumer = "c-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        await store.AddAsync(new DeadLetter(consumer, "WindDataStream", "shardId-000000000000", "1", new byte[] { 1, 2 }, "not JSON", now));
        await store.AddAsync(new DeadLetter(consumer, "WindDataStream", "shardId-000000000000", "1", new byte[] { 9 }, "again", now.AddSeconds(1)));
        await store.AddAsync(new DeadLetter(consumer, "WindDataStream", "shardId-000000000000", "2", new byte[] { 3 }, "speed is NaN", now.AddSeconds(2)));
        var listed = await store.ListAsync(consumer);

        Assert.Equal(2, await store.CountAsync(consumer));
        Assert.Equal(["speed is NaN", "not JSON"], listed.Select(l => l.Reason));
        Assert.Equal(new byte[] { 1, 2 }, listed[1].Data.ToArray());
        Assert.Equal(now, listed[1].FailedAt);
    }

    [Fact]
    public async Task Payload_too_large_for_a_DynamoDB_item_is_cut_and_the_reason_says_so()
    {
        var store = new DynamoDbDeadLetterStore(servers.Options());
        var consumer = "c-" + Guid.NewGuid().ToString("N");

        await store.AddAsync(new DeadLetter(consumer, "WindDataStream", "shardId-000000000000", "7", new byte[1024 * 1024], "record too large", DateTimeOffset.UtcNow));
        var letter = Assert.Single(await store.ListAsync(consumer));

        Assert.Equal(DynamoDbDeadLetterStore.MaxDataBytes, letter.Data.Length);
        Assert.Contains("record too large", letter.Reason);
        Assert.Contains("1048576", letter.Reason);
    }
}
