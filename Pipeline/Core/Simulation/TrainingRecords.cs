using System.Text;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// Demo helpers for operators in training: one record put into the pipeline's input stream on request, to see what the
/// pipeline does with it. <see cref="InjectSpikeAsync"/> sends one reading of <see cref="SpikeMph"/> for a turbine (an
/// alert follows once the location's forest is warm); <see cref="SendMalformedAsync"/> sends one record no consumer can
/// read (it ends under Dead letters). The location and turbine come from a form: they are checked as the pipeline
/// checks a record's names (<see cref="SiteNames"/>) and refused with a message naming the field.
/// </summary>
/// <param name="streams">The stream client.</param>
/// <param name="streamName">The pipeline's input stream.</param>
/// <param name="timeProvider">The clock of the readings' time.</param>
public sealed class TrainingRecords(IStreamClient streams, string streamName, TimeProvider? timeProvider = null)
{
    /// <summary>The speed of an injected spike, in mph: above the shutdown limit (70), far above any normal reading.</summary>
    public const double SpikeMph = 95;

    /// <summary>The dataset tag the injected records carry, so that they can be told from a simulator run's.</summary>
    public const string DatasetTag = "training";

    /// <summary>The body of the malformed record: text, not the JSON object a reading is.</summary>
    public const string MalformedBody = "training: this record is not a wind reading";

    private readonly StreamPublisher _publisher = new(streams, maxAttempts: 5, timeProvider);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The stream the records go to.</summary>
    public string StreamName { get; } = streamName;

    /// <summary>Why <paramref name="location"/> and <paramref name="turbine"/> cannot name a reading, or null when they can.</summary>
    public static string? Error(string? location, string? turbine) =>
        SiteNames.Problem(location) is { } where ? $"Location {where}."
        : SiteNames.Problem(turbine) is { } which ? $"Turbine {which}."
        : null;

    /// <summary>
    /// Puts one reading of <see cref="SpikeMph"/> for <paramref name="turbine"/> at <paramref name="location"/>, timed now,
    /// into the stream and returns it with where the stream stored it. Throws <see cref="ArgumentException"/> for a name
    /// the pipeline would refuse and <see cref="StreamException"/> when the stream does not store it.
    /// </summary>
    public async Task<SentRecord> InjectSpikeAsync(string location, string turbine, CancellationToken cancellationToken = default)
    {
        if (Error(location, turbine) is { } error)
            throw new ArgumentException(error);
        var reading = new WindReading(location, turbine, SpikeMph, _time.GetUtcNow(), 0, DatasetTag);
        var stored = await PutAsync(new PutRecordsEntry(location, WindReadingCodec.Encode(reading)), cancellationToken);
        return new SentRecord(reading, stored.ShardId!, stored.SequenceNumber!);
    }

    /// <summary>
    /// Puts one record that is not a reading (<see cref="MalformedBody"/>) into the stream; returns its sequence number.
    /// Throws <see cref="StreamException"/> when the stream does not store it.
    /// </summary>
    public async Task<string> SendMalformedAsync(CancellationToken cancellationToken = default)
    {
        var stored = await PutAsync(new PutRecordsEntry(DatasetTag, Encoding.UTF8.GetBytes(MalformedBody)), cancellationToken);
        return stored.SequenceNumber!;
    }

    private async Task<PutRecordsResultEntry> PutAsync(PutRecordsEntry entry, CancellationToken cancellationToken)
    {
        var outcome = await _publisher.PutAllAsync(StreamName, [entry], cancellationToken).ConfigureAwait(false);
        var result = outcome.Results[0];
        return result.Succeeded
            ? result
            : throw new StreamException(result.ErrorCode ?? "Failed", $"The stream {StreamName} did not store the record: {result.ErrorMessage}");
    }
}
