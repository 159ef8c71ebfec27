using System.Text;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Runtime;

/// <summary>The shard cursor on the embedded backend (a SQLite file in a temporary folder).</summary>
public sealed class ShardCursorTests : IAsyncLifetime
{
    private const string Stream = "Readings";
    private const string Shard = "shardId-000000000000";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-cursor-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new();
    private EmbeddedDatabase _db = null!;
    private SqliteStreamClient _streams = null!;

    public async Task InitializeAsync()
    {
        _db = new EmbeddedDatabase(Path.Combine(_directory, "db.sqlite"));
        _streams = new SqliteStreamClient(_db, _clock);
        await _streams.CreateStreamAsync(Stream, 1);
    }

    [Fact]
    public async Task A_cursor_without_a_position_reads_from_the_oldest_record_and_its_position_follows_what_it_handed_out()
    {
        var sequences = await PutAsync("r0", "r1", "r2", "r3", "r4");
        var cursor = new ShardCursor(_streams, Stream, Shard, afterSequenceNumber: null);

        var first = await cursor.ReadAsync(3, CancellationToken.None);
        var afterFirst = cursor.Position;
        var second = await cursor.ReadAsync(10, CancellationToken.None);
        var none = await cursor.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["r0", "r1", "r2"], first.Select(Text));
        Assert.Equal(sequences[2], afterFirst);
        Assert.Equal(["r3", "r4"], second.Select(Text));
        Assert.Empty(none);
        Assert.Equal(sequences[4], cursor.Position);
    }

    [Fact]
    public async Task A_cursor_resumes_just_after_the_sequence_number_it_was_given()
    {
        var sequences = await PutAsync("r0", "r1", "r2", "r3");
        var cursor = new ShardCursor(_streams, Stream, Shard, sequences[1]);

        var records = await cursor.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["r2", "r3"], records.Select(Text));
    }

    [Fact]
    public async Task Records_put_after_the_cursor_caught_up_are_read_by_its_next_read()
    {
        await PutAsync("r0");
        var cursor = new ShardCursor(_streams, Stream, Shard, afterSequenceNumber: null);
        await cursor.ReadAsync(10, CancellationToken.None);
        var caughtUp = await cursor.ReadAsync(10, CancellationToken.None);

        await PutAsync("r1", "r2");
        var later = await cursor.ReadAsync(10, CancellationToken.None);

        Assert.Empty(caughtUp);
        Assert.Equal(["r1", "r2"], later.Select(Text));
    }

    [Fact]
    public async Task A_cursor_whose_iterator_expired_renews_it_from_its_position_without_losing_or_repeating_a_record()
    {
        await PutAsync("r0", "r1", "r2", "r3");
        var cursor = new ShardCursor(_streams, Stream, Shard, afterSequenceNumber: null);
        var before = await cursor.ReadAsync(2, CancellationToken.None);

        _clock.Advance(KinesisRules.IteratorLifetime + TimeSpan.FromMinutes(1));
        var after = await cursor.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["r0", "r1"], before.Select(Text));
        Assert.Equal(["r2", "r3"], after.Select(Text));
    }

    private async Task<List<string>> PutAsync(params string[] payloads)
    {
        var result = await _streams.PutRecordsAsync(Stream, payloads.Select(p => new PutRecordsEntry("k", Encoding.UTF8.GetBytes(p))).ToList());
        return result.Records.Select(r => r.SequenceNumber!).ToList();
    }

    private static string Text(StreamRecord record) => Encoding.UTF8.GetString(record.Data.Span);

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
