using System.Text;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// Open rollup buckets and watermarks of the rollup job on one shard. Each location has its own watermark
/// (<see cref="LocationClocks"/>); a bucket closes when the watermark passes its end, when its location has been
/// silent for <c>idleTimeout</c> of arrival time while others go on, or when the shard is idle. Each turbine remembers
/// the newest reading it counted (time, then seq), so the same reading sent twice is counted once.
/// </summary>
internal sealed class WindRollupProcessor(TimeSpan allowedLateness, TimeSpan idleTimeout) : IShardProcessor
{
    private const byte StateVersion = 1;

    /// <summary>Each location's newest event time, watermark and newest arrival.</summary>
    private readonly LocationClocks _clocks = new(allowedLateness, idleTimeout);

    /// <summary>Per location and turbine: the event time (UTC ticks) and seq of the newest reading counted.</summary>
    private readonly Dictionary<(string Location, string Turbine), (long Ticks, long Seq)> _newest = [];

    /// <summary>Open buckets per location, by end, width and turbine (so the first to close come first).</summary>
    private readonly Dictionary<string, SortedDictionary<(long EndTicks, long WidthTicks, string Turbine), Bucket>> _open = new(StringComparer.Ordinal);

    private static readonly Comparer<(long EndTicks, long WidthTicks, string Turbine)> s_order = Comparer<(long EndTicks, long WidthTicks, string Turbine)>.Create((a, b) =>
    {
        var c = a.EndTicks.CompareTo(b.EndTicks);
        if (c == 0)
            c = a.WidthTicks.CompareTo(b.WidthTicks);
        return c != 0 ? c : string.CompareOrdinal(a.Turbine, b.Turbine);
    });

    public void Process(StreamRecord record, JobOutput output)
    {
        var result = AnomalyResultCodec.Decode(record.Data);
        var reading = result.Reading;
        var ticks = reading.Timestamp.UtcTicks;
        var arrival = record.ApproximateArrivalTimestamp.UtcTicks;
        var turbineKey = (reading.Location, reading.Turbine);
        if (_newest.TryGetValue(turbineKey, out var newest) && (ticks < newest.Ticks || (ticks == newest.Ticks && reading.Seq <= newest.Seq)))
            return;
        _newest[turbineKey] = (ticks, reading.Seq);

        var watermark = _clocks.Watermark(reading.Location);
        if (!_open.TryGetValue(reading.Location, out var buckets))
            _open[reading.Location] = buckets = new SortedDictionary<(long, long, string), Bucket>(s_order);
        foreach (var width in WindRollup.Widths)
        {
            var start = WindRollup.BucketStart(reading.Timestamp, width).UtcTicks;
            var key = (start + width.Ticks, width.Ticks, reading.Turbine);
            if (buckets.TryGetValue(key, out var bucket))
            {
                bucket.Add(result);
            }
            else
            {
                // A bucket that closed already gets a part of its own, named after the record that reopened it.
                var part = start + width.Ticks <= watermark ? record.SequenceNumber : null;
                buckets[key] = new Bucket(start, width.Ticks, result, part);
            }
        }

        if (_clocks.Advance(reading.Location, ticks, arrival))
            CloseBuckets(reading.Location, output);
        foreach (var silent in _clocks.Silent(arrival))
            CloseAllOf(silent, output);
    }

    /// <summary>Emits and forgets the open buckets of <paramref name="locationName"/> that end at or before its watermark.</summary>
    private void CloseBuckets(string locationName, JobOutput output)
    {
        if (!_open.TryGetValue(locationName, out var buckets))
            return;
        var watermark = _clocks.Watermark(locationName);
        while (buckets.Count > 0)
        {
            var (key, bucket) = buckets.First();
            if (key.EndTicks > watermark)
                break;
            buckets.Remove(key);
            output.Emit(locationName, WindRollupCodec.Encode(bucket.ToRollup(key.Turbine)));
        }
        if (buckets.Count == 0)
            _open.Remove(locationName);
    }

    /// <summary>Moves the location's watermark past its last open bucket and emits them all.</summary>
    private bool CloseAllOf(string name, JobOutput output)
    {
        if (!_open.TryGetValue(name, out var buckets))
            return false;
        _clocks.PassEnd(name, buckets.Keys.Max(k => k.EndTicks));
        CloseBuckets(name, output);
        return true;
    }

    /// <summary>Closes every open bucket: nothing more is coming for now. Later readings for them form parts of their own.</summary>
    public bool OnIdle(JobOutput output)
    {
        var changed = false;
        foreach (var name in _open.Keys.Order(StringComparer.Ordinal).ToList())
            changed |= CloseAllOf(name, output);
        return changed;
    }

    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(StateVersion);
        _clocks.Write(writer);
        writer.Write(_newest.Count);
        foreach (var ((location, turbine), (ticks, seq)) in _newest)
        {
            writer.Write(location);
            writer.Write(turbine);
            writer.Write(ticks);
            writer.Write(seq);
        }
        writer.Write(_open.Sum(l => l.Value.Count));
        foreach (var (location, buckets) in _open)
        {
            foreach (var ((_, width, turbine), bucket) in buckets)
            {
                writer.Write(location);
                writer.Write(turbine);
                writer.Write(bucket.StartTicks);
                writer.Write(width);
                writer.Write(bucket.Count);
                writer.Write(bucket.MaxSpeedMph);
                writer.Write(bucket.Part ?? "");
                var peak = AnomalyResultCodec.Encode(bucket.Peak);
                writer.Write(peak.Length);
                writer.Write(peak);
            }
        }
        writer.Flush();
        return stream.ToArray();
    }

    public void RestoreState(ReadOnlySpan<byte> state)
    {
        _clocks.Clear();
        _newest.Clear();
        _open.Clear();
        if (state.IsEmpty)
            return;
        if (state[0] != StateVersion)
            throw new InvalidDataException($"Wind rollup state version {state[0]} is not supported (expected {StateVersion}).");
        using var reader = new BinaryReader(new MemoryStream(state.ToArray()), Encoding.UTF8);
        reader.ReadByte();
        _clocks.Read(reader);
        var turbines = reader.ReadInt32();
        for (var i = 0; i < turbines; i++)
            _newest[(reader.ReadString(), reader.ReadString())] = (reader.ReadInt64(), reader.ReadInt64());
        var open = reader.ReadInt32();
        for (var i = 0; i < open; i++)
        {
            var location = reader.ReadString();
            var turbine = reader.ReadString();
            var start = reader.ReadInt64();
            var width = reader.ReadInt64();
            var count = reader.ReadInt64();
            var max = reader.ReadDouble();
            var part = reader.ReadString();
            var peak = AnomalyResultCodec.Decode(reader.ReadBytes(reader.ReadInt32()));
            if (!_open.TryGetValue(location, out var buckets))
                _open[location] = buckets = new SortedDictionary<(long, long, string), Bucket>(s_order);
            buckets[(start + width, width, turbine)] = new Bucket(start, width, peak, part.Length == 0 ? null : part) { Count = count, MaxSpeedMph = max };
        }
    }

    /// <summary>One open bucket of one turbine.</summary>
    private sealed class Bucket(long startTicks, long widthTicks, AnomalyResult first, string? part)
    {
        public long StartTicks { get; } = startTicks;

        public string? Part { get; } = part;

        public long Count { get; set; } = 1;

        public double MaxSpeedMph { get; set; } = first.Reading.SpeedMph;

        /// <summary>The highest-scored reading so far (the later of equals).</summary>
        public AnomalyResult Peak { get; private set; } = first;

        public void Add(AnomalyResult result)
        {
            Count++;
            MaxSpeedMph = Math.Max(MaxSpeedMph, result.Reading.SpeedMph);
            if (result.Score >= Peak.Score)
                Peak = result;
        }

        public WindRollup ToRollup(string turbine) => new(
            Peak.Reading.Location, turbine, new DateTimeOffset(StartTicks, TimeSpan.Zero), TimeSpan.FromTicks(widthTicks), Count, MaxSpeedMph, Peak, Part);
    }
}
