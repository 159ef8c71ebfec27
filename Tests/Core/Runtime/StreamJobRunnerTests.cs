using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Runtime;

/// <summary>The job runner on the embedded backend (a SQLite file in a temporary folder), with a small job of its own.</summary>
public sealed class StreamJobRunnerTests : IAsyncLifetime
{
    private const string Input = "Words";
    private const string Output = "LoudWords";
    private const string Shard = "shardId-000000000000";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-runner-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new();
    private readonly CollectingLoggerFactory _logs = new(LogLevel.Information);
    private readonly LoudJob _job = new();
    private readonly JobRunnerOptions _options = new()
    {
        BatchSize = 5,
        CheckpointInterval = TimeSpan.Zero,
        RetryBackoff = TimeSpan.FromMilliseconds(1),
        PollInterval = TimeSpan.FromMilliseconds(5),
    };
    private PipelineBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        await _backend.Streams.CreateStreamAsync(Input, 1);
        await _backend.Streams.CreateStreamAsync(Output, 1);
    }

    [Fact]
    public async Task Each_record_is_processed_its_output_put_and_the_position_checkpointed_with_the_state()
    {
        var words = Words(0, 30);
        await PutAsync(words);
        var runner = Runner(_backend.Streams);

        await using (Background.Run(runner.RunAsync))
            await Eventually.WaitUntilAsync(async () => (await OutputAsync()).Count >= 30, "all output was put");

        Assert.Equal(words.Select(w => w.ToUpperInvariant()), await OutputAsync());
        var checkpoint = await _backend.Checkpoints.LoadAsync(_job.Name, Input, Shard);
        Assert.Equal(await LastSequenceNumberAsync(Input), checkpoint!.SequenceNumber);
        Assert.Equal(30, LoudProcessor.Count(checkpoint.State.Span));
        Assert.Equal(30, runner.Processed);
        var status = Assert.Single(runner.Status);
        Assert.Equal(("Loud", Input, Shard, ConsumerState.Healthy), (status.Consumer, status.StreamName, status.ShardId, status.State));
        Assert.Equal((30L, 30L, checkpoint.SequenceNumber, 0L), (status.RecordsIn, status.RecordsOut, status.Position, status.MillisBehindLatest));
        Assert.Equal((4L, _clock.GetUtcNow()), (status.CheckpointBytes, status.LastCheckpointAt));
    }

    [Fact]
    public async Task A_restarted_runner_goes_on_from_its_checkpoint_with_the_state_of_that_moment()
    {
        await PutAsync(Words(0, 10));
        await using (Background.Run(Runner(_backend.Streams).RunAsync))
            await Eventually.WaitUntilAsync(async () => (await OutputAsync()).Count >= 10, "the first ten were put");

        await PutAsync(Words(10, 10));
        await using (Background.Run(Runner(_backend.Streams).RunAsync))
            await Eventually.WaitUntilAsync(async () => (await OutputAsync()).Count >= 20, "the next ten were put");

        Assert.Equal(Words(0, 20).Select(w => w.ToUpperInvariant()), await OutputAsync());
        Assert.Equal(20, LoudProcessor.Count((await _backend.Checkpoints.LoadAsync(_job.Name, Input, Shard))!.State.Span));
    }

    [Fact]
    public async Task A_record_that_cannot_be_read_is_dead_lettered_with_its_reason_and_the_rest_go_on()
    {
        await PutAsync([.. Words(0, 7), "bad", .. Words(7, 7)]);
        var runner = Runner(_backend.Streams);

        await using (Background.Run(runner.RunAsync))
            await Eventually.WaitUntilAsync(async () => (await OutputAsync()).Count >= 14, "the readable records were put");

        var deadLetter = Assert.Single(await _backend.DeadLetters.ListAsync(_job.Name));
        Assert.Equal("'bad' is not a word.", deadLetter.Reason);
        Assert.Equal("bad", Encoding.UTF8.GetString(deadLetter.Data.Span));
        Assert.Equal(Words(0, 14).Select(w => w.ToUpperInvariant()), await OutputAsync());
        Assert.Equal(ConsumerState.Healthy, Assert.Single(runner.Status).State);
    }

    [Fact]
    public async Task A_processor_that_throws_is_never_dead_lettered_its_shard_is_retried_from_the_checkpoint_and_shows_failing_until_it_stops()
    {
        var words = Words(0, 30);
        await PutAsync(words);
        _job.FailOn = words[12];
        var runner = Runner(_backend.Streams);
        await using var run = Background.Run(runner.RunAsync);

        await Eventually.WaitUntilAsync(() => runner.Status is [{ ConsecutiveFailures: >= 3 }], "the shard failed three times in a row");
        var failing = Assert.Single(runner.Status);
        var outputWhileFailing = await OutputAsync();
        var checkpointWhileFailing = await _backend.Checkpoints.LoadAsync(_job.Name, Input, Shard);
        _job.FailOn = null;
        await Eventually.WaitUntilAsync(async () => (await OutputAsync()).Count >= 30 && runner.Status is [{ State: ConsumerState.Healthy }], "the shard recovered");

        Assert.Equal(ConsumerState.Failing, failing.State);
        Assert.Equal("A bug met word-012.", failing.LastError);
        Assert.Equal(_clock.GetUtcNow(), failing.FailingSince);
        // The batches before the failing one were put and checkpointed; the failing batch put nothing.
        Assert.Equal(words.Take(10).Select(w => w.ToUpperInvariant()), outputWhileFailing);
        Assert.Equal(10, LoudProcessor.Count(checkpointWhileFailing!.State.Span));
        Assert.Empty(await _backend.DeadLetters.ListAsync());
        // Retried from the checkpoint with its state: every word once, and the count of the last state is 30, not more.
        Assert.Equal(words.Select(w => w.ToUpperInvariant()), await OutputAsync());
        Assert.Equal(30, LoudProcessor.Count((await _backend.Checkpoints.LoadAsync(_job.Name, Input, Shard))!.State.Span));
        Assert.Single(_logs.Lines, l => l.Contains($"Job Loud is failing on {Input}/{Shard}: A bug met word-012."));
        Assert.Single(_logs.Lines, l => l.Contains($"Job Loud recovered on {Input}/{Shard}"));
    }

    [Fact]
    public async Task An_output_stream_that_fails_stops_the_shard_without_dead_letters_and_it_recovers_when_the_stream_does()
    {
        var words = Words(0, 20);
        await PutAsync(words);
        var streams = new BreakableOutput(_backend.Streams) { Broken = true };
        var runner = Runner(streams);
        await using var run = Background.Run(runner.RunAsync);

        await Eventually.WaitUntilAsync(() => runner.Status is [{ ConsecutiveFailures: >= 3 }], "the shard failed three times in a row");
        var failing = Assert.Single(runner.Status);
        streams.Broken = false;
        await Eventually.WaitUntilAsync(async () => (await OutputAsync()).Count >= 20 && runner.Status is [{ State: ConsumerState.Healthy }], "the shard recovered");

        Assert.Equal(ConsumerState.Failing, failing.State);
        Assert.Equal("The stream is down.", failing.LastError);
        Assert.Empty(await _backend.DeadLetters.ListAsync());
        Assert.Equal(words.Select(w => w.ToUpperInvariant()), await OutputAsync());
    }

    [Fact]
    public async Task A_shard_whose_idle_flush_fails_stays_failing_across_its_restarts_until_the_flush_succeeds()
    {
        _job.IdleTimeout = TimeSpan.FromMinutes(1);
        await PutAsync(Words(0, 5));
        var streams = new BreakableOutput(_backend.Streams);
        var runner = Runner(streams);
        await using var run = Background.Run(runner.RunAsync);
        await Eventually.WaitUntilAsync(async () => (await OutputAsync()).Count >= 5, "the words were put");

        streams.Broken = true;
        _clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.WaitUntilAsync(() => runner.Status is [{ ConsecutiveFailures: >= 3 }], "the idle flush failed three times in a row");
        var seen = new List<ConsumerState>();
        for (var i = 0; i < 40; i++)
        {
            seen.Add(Assert.Single(runner.Status).State);
            await Task.Delay(10);
        }

        streams.Broken = false;
        await Eventually.WaitUntilAsync(async () => (await OutputAsync()).Contains("IDLE-5") && runner.Status is [{ State: ConsumerState.Healthy }], "the flush went through");

        // A restarted loop whose shard was idle flushes at once: it never passes for recovered while the flush fails.
        Assert.All(seen, state => Assert.Equal(ConsumerState.Failing, state));
        Assert.Equal(Words(0, 5).Select(w => w.ToUpperInvariant()).Append("IDLE-5"), await OutputAsync());
    }

    private StreamJobRunner Runner(IStreamClient streams) =>
        new(_job, streams, _backend.Checkpoints, _backend.DeadLetters, _options, _logs.CreateLogger("runner"), _clock);

    private static List<string> Words(int from, int count) => Enumerable.Range(from, count).Select(i => $"word-{i:D3}").ToList();

    private async Task PutAsync(IEnumerable<string> payloads)
    {
        var outcome = await new StreamPublisher(_backend.Streams).PutAllAsync(Input,
            payloads.Select(p => new PutRecordsEntry("k", Encoding.UTF8.GetBytes(p))).ToList());
        Assert.Equal(0, outcome.FailedCount);
    }

    /// <summary>Every payload of the output stream, in order.</summary>
    private async Task<List<string>> OutputAsync() => (await ReadAllAsync(Output)).Select(r => Encoding.UTF8.GetString(r.Data.Span)).ToList();

    private async Task<string> LastSequenceNumberAsync(string stream) => (await ReadAllAsync(stream))[^1].SequenceNumber;

    private async Task<List<StreamRecord>> ReadAllAsync(string stream)
    {
        var records = new List<StreamRecord>();
        var iterator = await _backend.Streams.GetShardIteratorAsync(stream, Shard, StartingPosition.TrimHorizon);
        while (true)
        {
            var page = await _backend.Streams.GetRecordsAsync(iterator, 1000);
            if (page.Records.Count == 0)
                return records;
            records.AddRange(page.Records);
            iterator = page.NextShardIterator!;
        }
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Words into loud words; its state is how many it has seen. It can be told to fail (a bug) on one word.</summary>
    private sealed class LoudJob : IStreamJob
    {
        private volatile string? _failOn;

        public string Name => "Loud";

        public string InputStream => Input;

        public string OutputStream => Output;

        /// <summary>The word the processors fail on, as a bug would; null: none.</summary>
        public string? FailOn { get => _failOn; set => _failOn = value; }

        /// <summary>When set, a shard idle this long emits <c>IDLE-count</c> once (as the max-speed job closes its windows).</summary>
        public TimeSpan? IdleTimeout { get; set; }

        public IShardProcessor CreateProcessor() => new LoudProcessor(this);
    }

    /// <summary>One shard of <see cref="LoudJob"/>.</summary>
    private sealed class LoudProcessor(LoudJob job) : IShardProcessor
    {
        private int _count;
        private bool _idleDue;

        public static int Count(ReadOnlySpan<byte> state) => state.IsEmpty ? 0 : BinaryPrimitives.ReadInt32LittleEndian(state);

        public void Process(StreamRecord record, JobOutput output)
        {
            var word = Encoding.UTF8.GetString(record.Data.Span);
            if (!word.StartsWith("word-", StringComparison.Ordinal))
                throw new RecordFormatException($"'{word}' is not a word.");
            if (word == job.FailOn)
                throw new InvalidOperationException($"A bug met {word}.");
            _count++;
            _idleDue = true;
            output.Emit("k", Encoding.UTF8.GetBytes(word.ToUpperInvariant()));
        }

        public bool OnIdle(JobOutput output)
        {
            if (!_idleDue)
                return false;
            _idleDue = false;
            output.Emit("k", Encoding.UTF8.GetBytes($"IDLE-{_count}"));
            return true;
        }

        public byte[] SaveState()
        {
            var state = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(state, _count);
            return state;
        }

        public void RestoreState(ReadOnlySpan<byte> state)
        {
            _count = Count(state);
            _idleDue = _count > 0;
        }
    }

    /// <summary>A stream client whose puts fail, as a backend that is down, while <see cref="Broken"/>.</summary>
    private sealed class BreakableOutput(IStreamClient inner) : DelegatingStreamClient(inner)
    {
        private volatile bool _broken;

        public bool Broken { get => _broken; set => _broken = value; }

        public override Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default) =>
            Broken ? throw new StreamException("InternalFailure", "The stream is down.") : base.PutRecordsAsync(streamName, records, cancellationToken);
    }
}
