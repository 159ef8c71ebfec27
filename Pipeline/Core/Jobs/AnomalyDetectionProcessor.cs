using System.Buffers.Binary;
using System.Text;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Rcf;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// The forests of the anomaly job on one shard, one per key, created on a key's first reading. A key idle for long, or
/// beyond the shard's cap, can leave memory with its forest and come back with it (<see cref="IKeyedShardProcessor"/>).
/// </summary>
internal sealed class AnomalyDetectionProcessor(AnomalyDetectionOptions options, EventTimeOptions eventTime) : IKeyedShardProcessor
{
    /// <summary>Version 2: each key's last arrival and the shard's newest (version 1 had forests only).</summary>
    private const byte StateVersion = 2;

    private readonly Dictionary<string, KeyedForest> _forests = new(StringComparer.Ordinal);
    private readonly DecodedBatch _decoded = new();

    /// <summary>Arrival (UTC ticks) of the newest record processed on the shard.</summary>
    private long _newestArrivalTicks;

    /// <summary>True after restoring a version 1 state: its keys' last arrivals are not known, and are taken as the next record's.</summary>
    private bool _arrivalsUnknown;

    public int KeyCount => _forests.Count;

    public void Process(StreamRecord record, JobOutput output)
    {
        var reading = _decoded.Take(record);
        EventTimeCheck.Check(reading, record, eventTime);
        var arrival = record.ApproximateArrivalTimestamp.UtcTicks;
        _newestArrivalTicks = Math.Max(_newestArrivalTicks, arrival);
        if (_arrivalsUnknown)
        {
            foreach (var keyed in _forests.Values)
                keyed.LastArrivalTicks = _newestArrivalTicks;
            _arrivalsUnknown = false;
        }
        var key = KeyOf(reading);
        if (!_forests.TryGetValue(key, out var entry))
        {
            entry = new KeyedForest(new ThresholdedRandomCutForest(ForestOptions(key)), arrival);
            _forests.Add(key, entry);
        }
        entry.LastArrivalTicks = Math.Max(entry.LastArrivalTicks, arrival);
        Span<double> point = [reading.SpeedMph];
        var descriptor = entry.Forest.Process(point);
        var expected = descriptor.Grade > 0 && descriptor.ExpectedValues is { Length: > 0 } values ? values[0] : (double?)null;
        var attribution = descriptor.Grade > 0 && descriptor.Attribution is { High.Length: > 0, Low.Length: > 0 } a ? new SpeedAttribution(a.High[0], a.Low[0]) : null;
        output.Emit(reading.Location, AnomalyResultCodec.Encode(new AnomalyResult(reading, descriptor.Score, descriptor.Grade, expected) { Attribution = attribution }));
    }

    private string KeyOf(WindReading reading) => options.KeyBy == DetectorKey.Turbine ? reading.Turbine : reading.Location;

    public IReadOnlyList<(string Key, string SequenceNumber)> MissingKeys(IReadOnlyList<StreamRecord> records)
    {
        var missing = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (_decoded.Remember(record) is not { } reading)
                continue;
            var key = KeyOf(reading);
            if (!_forests.ContainsKey(key) && seen.Add(key))
                missing.Add((key, record.SequenceNumber));
        }
        return missing;
    }

    public void RestoreKey(string key, ReadOnlySpan<byte> state)
    {
        var lastArrival = BinaryPrimitives.ReadInt64LittleEndian(state);
        _forests[key] = new KeyedForest(ThresholdedRandomCutForest.FromBytes(state[8..], options.BoundingBoxCacheFraction), lastArrival);
    }

    public IReadOnlyList<EvictedKey> Evict(TimeSpan idleAfter, int maxKeys)
    {
        var chosen = KeyEviction.Choose(_forests.Select(f => (f.Key, f.Value.LastArrivalTicks)), _forests.Count, _newestArrivalTicks, idleAfter, maxKeys, _ => true);
        return chosen.Select(c => Remove(c.Key, c.OverCap)).ToList();
    }

    public IReadOnlyList<EvictedKey> Handover() => _forests.Keys.Order(StringComparer.Ordinal).ToList().Select(key => Remove(key, false)).ToList();

    /// <summary>Removes a key's forest from memory and returns its state: the key's last arrival, then the forest.</summary>
    private EvictedKey Remove(string key, bool overCap)
    {
        var entry = _forests[key];
        var forest = entry.Forest.ToBytes();
        var state = new byte[8 + forest.Length];
        BinaryPrimitives.WriteInt64LittleEndian(state, entry.LastArrivalTicks);
        forest.CopyTo(state.AsSpan(8));
        _forests.Remove(key);
        return new EvictedKey(key, state, overCap);
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
        BoundingBoxCacheFraction = options.BoundingBoxCacheFraction,
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
            .Select(f => (Key: Encoding.UTF8.GetBytes(f.Key), f.Value.LastArrivalTicks, Forest: f.Value.Forest.ToBytes())).ToList();
        var state = new byte[1 + 8 + 4 + parts.Sum(p => 16 + p.Key.Length + p.Forest.Length)];
        state[0] = StateVersion;
        var span = state.AsSpan(1);
        BinaryPrimitives.WriteInt64LittleEndian(span, _newestArrivalTicks);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], parts.Count);
        span = span[12..];
        foreach (var (keyBytes, lastArrival, forest) in parts)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, keyBytes.Length);
            keyBytes.CopyTo(span[4..]);
            span = span[(4 + keyBytes.Length)..];
            BinaryPrimitives.WriteInt64LittleEndian(span, lastArrival);
            BinaryPrimitives.WriteInt32LittleEndian(span[8..], forest.Length);
            forest.CopyTo(span[12..]);
            span = span[(12 + forest.Length)..];
        }
        return state;
    }

    public void RestoreState(ReadOnlySpan<byte> state)
    {
        _decoded.Clear();
        _forests.Clear();
        _newestArrivalTicks = 0;
        _arrivalsUnknown = false;
        if (state.IsEmpty)
            return;
        var version = state[0];
        if (version is not (1 or StateVersion))
            throw new InvalidDataException($"Anomaly-detection state version {version} is not supported (expected {StateVersion}).");
        var span = state[1..];
        if (version == StateVersion)
        {
            _newestArrivalTicks = BinaryPrimitives.ReadInt64LittleEndian(span);
            span = span[8..];
        }
        _arrivalsUnknown = version == 1;
        var count = BinaryPrimitives.ReadInt32LittleEndian(span);
        span = span[4..];
        for (var i = 0; i < count; i++)
        {
            var keyLength = BinaryPrimitives.ReadInt32LittleEndian(span);
            var key = Encoding.UTF8.GetString(span.Slice(4, keyLength));
            span = span[(4 + keyLength)..];
            var lastArrival = 0L;
            if (version == StateVersion)
            {
                lastArrival = BinaryPrimitives.ReadInt64LittleEndian(span);
                span = span[8..];
            }
            var forestLength = BinaryPrimitives.ReadInt32LittleEndian(span);
            _forests[key] = new KeyedForest(
                ThresholdedRandomCutForest.FromBytes(span.Slice(4, forestLength), options.BoundingBoxCacheFraction), lastArrival);
            span = span[(4 + forestLength)..];
        }
    }

    /// <summary>A key's forest and the arrival (UTC ticks) of its last record.</summary>
    private sealed class KeyedForest(ThresholdedRandomCutForest forest, long lastArrivalTicks)
    {
        public ThresholdedRandomCutForest Forest { get; } = forest;

        public long LastArrivalTicks { get; set; } = lastArrivalTicks;
    }
}
