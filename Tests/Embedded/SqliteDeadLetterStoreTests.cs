using System.Text;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Embedded;

namespace TurbineConsole.Tests.Embedded;

/// <summary>Dead letters in the embedded database.</summary>
public sealed class SqliteDeadLetterStoreTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    /// <summary>A dead letter of <paramref name="consumer"/> for sequence number <paramref name="sequence"/>.</summary>
    private static DeadLetter Letter(string consumer, string sequence, string reason = "not JSON") =>
        new(consumer, "WindDataStream", "shardId-000000000000", sequence, Encoding.UTF8.GetBytes("{broken " + sequence), reason,
            new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Added_dead_letter_is_listed_with_its_data_and_reason()
    {
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var store = new SqliteDeadLetterStore(db);

        await store.AddAsync(Letter("AnalyticsDestinationFunction", "5", "Speed is NaN"));
        var listed = Assert.Single(await store.ListAsync());

        Assert.Equal("AnalyticsDestinationFunction", listed.Consumer);
        Assert.Equal("5", listed.SequenceNumber);
        Assert.Equal("Speed is NaN", listed.Reason);
        Assert.Equal("{broken 5", Encoding.UTF8.GetString(listed.Data.Span));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), listed.FailedAt);
    }

    [Fact]
    public async Task Same_record_added_twice_is_kept_once()
    {
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var store = new SqliteDeadLetterStore(db);

        await store.AddAsync(Letter("DIYFunction", "7", "first failure"));
        await store.AddAsync(Letter("DIYFunction", "7", "after a replay"));
        await store.AddAsync(Letter("AnalyticsDestinationFunction", "7"));

        Assert.Equal(1, await store.CountAsync("DIYFunction"));
        Assert.Equal(2, await store.CountAsync());
        Assert.Equal("first failure", Assert.Single(await store.ListAsync("DIYFunction")).Reason);
    }

    [Fact]
    public async Task List_gives_the_newest_first_up_to_the_limit_and_filters_by_consumer()
    {
        await using var db = new EmbeddedDatabase(directory.NewDatabasePath());
        var store = new SqliteDeadLetterStore(db);
        for (var i = 1; i <= 5; i++)
        {
            await store.AddAsync(Letter(i % 2 == 0 ? "Even" : "Odd", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var newest = await store.ListAsync(limit: 3);
        var odd = await store.ListAsync("Odd");

        Assert.Equal(["5", "4", "3"], newest.Select(d => d.SequenceNumber));
        Assert.Equal(["5", "3", "1"], odd.Select(d => d.SequenceNumber));
        Assert.Equal(2, await store.CountAsync("Even"));
    }

    [Fact]
    public async Task Dead_letters_survive_reopening_the_database()
    {
        var path = directory.NewDatabasePath();
        await using (var db = new EmbeddedDatabase(path))
        {
            await new SqliteDeadLetterStore(db).AddAsync(Letter("DIYFunction", "1"));
        }

        await using var reopened = new EmbeddedDatabase(path);

        Assert.Equal(1, await new SqliteDeadLetterStore(reopened).CountAsync());
    }
}
