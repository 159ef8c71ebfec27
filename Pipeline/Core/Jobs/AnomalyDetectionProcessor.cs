using System.Buffers.Binary;
using System.Text;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Rcf;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>The forests of the anomaly job on one shard, one per key, created on a key's first reading.</summary>
internal sealed class AnomalyDetectionProcessor(AnomalyDetectionOptions options, EventTimeOptions eventTime) : IShardProcessor
{
    private const byte StateVersion = 1;
    private readonly Dictionary<string, ThresholdedRandomCutForest> _forests = new(StringComparer.Ordinal);

    public void Process(StreamRecord record, JobOutput output)
    {
        var reading = WindReadingCodec.Decode(record.Data);
        EventTimeCheck.Check(reading, record, eventTime);
        var key = options.KeyBy == DetectorKey.Turbine ? reading.Turbine : reading.Location;
        if (!_forests.TryGetValue(key, out var forest))
        {
            forest = new ThresholdedRandomCutForest(ForestOptions(key));
            _forests.Add(key, forest);
        }
        Span<double> point = [reading.SpeedMph];
        var descriptor = forest.Process(point);
        var expected = descriptor.Grade > 0 && descriptor.ExpectedValues is { Length: > 0 } values ? values[0] : (double?)null;
        output.Emit(reading.Location, AnomalyResultCodec.Encode(new AnomalyResult(reading, descriptor.Score, descriptor.Grade, expected)));
    }

    /// <summary>The forest settings for one key; its seed is derived from the configured seed and the key, stably across processes.</summary>
    private RandomCutForestOptions ForestOptions(string key) => new()
    {
        Dimensions = 1,
        ShingleSize = options.ShingleSize,
        NumberOfTrees = options.NumberOfTrees,
        SampleSize = options.SampleSize,
        OutputAfter = options.OutputAfter,
        Seed = options.Seed ^ (long)StableHash(key),
    };

    private static ulong StableHash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }

    public byte[] SaveState()
    {
        var parts = _forests.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (Key: Encoding.UTF8.GetBytes(f.Key), Forest: f.Value.ToBytes())).ToList();
        var state = new byte[1 + 4 + parts.Sum(p => 8 + p.Key.Length + p.Forest.Length)];
        state[0] = StateVersion;
        var span = state.AsSpan(1);
        BinaryPrimitives.WriteInt32LittleEndian(span, parts.Count);
        span = span[4..];
        foreach (var (keyBytes, forest) in parts)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, keyBytes.Length);
            keyBytes.CopyTo(span[4..]);
            span = span[(4 + keyBytes.Length)..];
            BinaryPrimitives.WriteInt32LittleEndian(span, forest.Length);
            forest.CopyTo(span[4..]);
            span = span[(4 + forest.Length)..];
        }
        return state;
    }

    public void RestoreState(ReadOnlySpan<byte> state)
    {
        _forests.Clear();
        if (state.IsEmpty)
            return;
        if (state[0] != StateVersion)
            throw new InvalidDataException($"Anomaly-detection state version {state[0]} is not supported (expected {StateVersion}).");
        var span = state[1..];
        var count = BinaryPrimitives.ReadInt32LittleEndian(span);
        span = span[4..];
        for (var i = 0; i < count; i++)
        {
            var keyLength = BinaryPrimitives.ReadInt32LittleEndian(span);
            var key = Encoding.UTF8.GetString(span.Slice(4, keyLength));
            span = span[(4 + keyLength)..];
            var forestLength = BinaryPrimitives.ReadInt32LittleEndian(span);
            _forests[key] = ThresholdedRandomCutForest.FromBytes(span.Slice(4, forestLength));
            span = span[(4 + forestLength)..];
        }
    }
}
