using System.Buffers.Binary;
using System.Text;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// Open windows and watermarks of the max-speed job on one shard. Each location has its own watermark
/// (<see cref="LocationClocks"/>); a location that falls silent while others go on has its windows closed once
/// <c>idleTimeout</c> of arrival time has passed.
/// A location without open windows can leave memory with its watermark and come back with it (<see cref="IKeyedShardProcessor"/>).
/// </summary>
internal sealed class MaxSpeedProcessor(TimeSpan window, TimeSpan allowedLateness, TimeSpan idleTimeout, EventTimeOptions eventTime) : IKeyedShardProcessor
{
    /// <summary>Version 2: a watermark per location (version 1 had one per shard).</summary>
    private const byte StateVersion = 2;

    private readonly long _windowTicks = window.Ticks;

    /// <summary>Open windows per location, by window start in ticks: highest speed and reading count.</summary>
    private readonly Dictionary<string, SortedList<long, (double Max, long Count)>> _open = new(StringComparer.Ordinal);

    /// <summary>Each location's newest event time, watermark and newest arrival.</summary>
    private readonly LocationClocks _clocks = new(allowedLateness, idleTimeout);

    private readonly DecodedBatch _decoded = new();

    public void Process(StreamRecord record, JobOutput output)
    {
        var reading = _decoded.Take(record);
        EventTimeCheck.Check(reading, record, eventTime);
        var ticks = reading.Timestamp.UtcTicks;
        var arrival = record.ApproximateArrivalTimestamp.UtcTicks;
        var start = ticks - (((ticks % _windowTicks) + _windowTicks) % _windowTicks);
        var watermark = _clocks.Watermark(reading.Location);
        if (start + _windowTicks <= watermark)
        {
            throw new RecordFormatException(
                $"Late reading: its window {RecordTime.Format(new DateTimeOffset(start, TimeSpan.Zero))} of its location closed already (watermark {RecordTime.Format(new DateTimeOffset(watermark, TimeSpan.Zero))}).");
        }

        if (!_open.TryGetValue(reading.Location, out var windows))
        {
            _open[reading.Location] = windows = [];
        }

        windows[start] = windows.TryGetValue(start, out var w) ? (Math.Max(w.Max, reading.SpeedMph), w.Count + 1) : (reading.SpeedMph, 1);
        if (_clocks.Advance(reading.Location, ticks, arrival))
        {
            CloseWindows(reading.Location, output);
        }

        foreach (var silent in _clocks.Silent(arrival))
        {
            CloseAllOf(silent, output);
        }
    }

    public int KeyCount => _clocks.Count;

    public IReadOnlyList<(string Key, string SequenceNumber)> MissingKeys(IReadOnlyList<StreamRecord> records)
    {
        var missing = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (_decoded.Remember(record) is { } reading && !_clocks.Contains(reading.Location) && seen.Add(reading.Location))
            {
                missing.Add((reading.Location, record.SequenceNumber));
            }
        }

        return missing;
    }

    /// <summary>
    /// A location's state: its newest event time and last arrival (16 bytes), then, when it was handed over with open
    /// windows (<see cref="Handover"/>), each window's start, highest speed and count.
    /// </summary>
    public void RestoreKey(string key, ReadOnlySpan<byte> state)
    {
        if (state.Length < LocationClocks.KeyBytes || (state.Length - LocationClocks.KeyBytes) % 24 != 0)
        {
            throw new InvalidDataException($"A saved location state has {state.Length} bytes: expected {LocationClocks.KeyBytes}, plus 24 per open window.");
        }

        _clocks.ReadKey(key, state);
        if (state.Length <= LocationClocks.KeyBytes)
        {
            return;
        }

        var windows = new SortedList<long, (double Max, long Count)>();
        for (var offset = LocationClocks.KeyBytes; offset < state.Length; offset += 24)
        {
            windows[BinaryPrimitives.ReadInt64LittleEndian(state[offset..])] =
                (BinaryPrimitives.ReadDoubleLittleEndian(state[(offset + 8)..]), BinaryPrimitives.ReadInt64LittleEndian(state[(offset + 16)..]));
        }

        _open[key] = windows;
    }

    /// <summary>Every location leaves with its watermark and its open windows, which go on in the shards that take it over.</summary>
    public IReadOnlyList<EvictedKey> Handover()
    {
        var handed = new List<EvictedKey>(_clocks.Count);
        foreach (var name in _clocks.Names.Order(StringComparer.Ordinal).ToList())
        {
            var windows = _open.GetValueOrDefault(name);
            var state = new byte[LocationClocks.KeyBytes + (24 * (windows?.Count ?? 0))];
            _clocks.WriteKey(name, state);
            var offset = LocationClocks.KeyBytes;
            foreach (var (start, (max, count)) in windows ?? [])
            {
                BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(offset), start);
                BinaryPrimitives.WriteDoubleLittleEndian(state.AsSpan(offset + 8), max);
                BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(offset + 16), count);
                offset += 24;
            }

            handed.Add(new EvictedKey(name, state, false));
            _clocks.Remove(name);
            _open.Remove(name);
        }

        return handed;
    }

    /// <summary>Only locations without open windows leave: a window waits in memory for its watermark or the idle timeout.</summary>
    public IReadOnlyList<EvictedKey> Evict(TimeSpan idleAfter, int maxKeys)
    {
        var chosen = KeyEviction.Choose(_clocks.Arrivals, _clocks.Count, _clocks.NewestArrivalTicks, idleAfter, maxKeys, name => !_open.ContainsKey(name));
        var evicted = new List<EvictedKey>(chosen.Count);
        foreach (var (name, overCap) in chosen)
        {
            var state = new byte[LocationClocks.KeyBytes];
            _clocks.WriteKey(name, state);
            evicted.Add(new EvictedKey(name, state, overCap));
            _clocks.Remove(name);
        }

        return evicted;
    }

    /// <summary>Emits and forgets the open windows of <paramref name="locationName"/> that end at or before its watermark.</summary>
    private void CloseWindows(string locationName, JobOutput output)
    {
        if (!_open.TryGetValue(locationName, out var windows))
        {
            return;
        }

        var watermark = _clocks.Watermark(locationName);
        while (windows.Count > 0 && windows.Keys[0] + _windowTicks <= watermark)
        {
            var start = windows.Keys[0];
            var (max, count) = windows.Values[0];
            windows.RemoveAt(0);
            var closed = new MaxSpeedWindow(locationName, max, new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(start + _windowTicks, TimeSpan.Zero), count);
            output.Emit(locationName, MaxSpeedWindowCodec.Encode(closed));
        }

        if (windows.Count == 0)
        {
            _open.Remove(locationName);
        }
    }

    /// <summary>Moves the location's watermark past its last open window and emits them all.</summary>
    private bool CloseAllOf(string name, JobOutput output)
    {
        if (!_open.TryGetValue(name, out var windows))
        {
            return false;
        }

        _clocks.PassEnd(name, windows.Keys[^1] + _windowTicks);
        CloseWindows(name, output);
        return true;
    }

    /// <summary>Closes every open window: nothing more is coming for now. Later readings for them are late.</summary>
    public bool OnIdle(JobOutput output)
    {
        var changed = false;
        foreach (var name in _open.Keys.Order(StringComparer.Ordinal).ToList())
        {
            changed |= CloseAllOf(name, output);
        }

        return changed;
    }

    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(StateVersion);
        _clocks.Write(writer);

        writer.Write(_open.Sum(l => l.Value.Count));
        foreach (var (location, windows) in _open)
        {
            foreach (var (start, (max, count)) in windows)
            {
                writer.Write(start);
                writer.Write(location);
                writer.Write(max);
                writer.Write(count);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    public void RestoreState(ReadOnlySpan<byte> state)
    {
        _decoded.Clear();
        _open.Clear();
        _clocks.Clear();
        if (state.IsEmpty)
        {
            return;
        }

        if (state[0] is not (1 or StateVersion))
        {
            throw new InvalidDataException($"Max-speed state version {state[0]} is not supported (expected {StateVersion}).");
        }

        using var reader = new BinaryReader(new MemoryStream(state.ToArray()), Encoding.UTF8);
        var version = reader.ReadByte();
        var shardMaxEvent = long.MinValue;
        if (version == 1)
        {
            // One watermark for the shard: every location with an open window starts from it.
            shardMaxEvent = reader.ReadInt64();
        }
        else
        {
            _clocks.Read(reader);
        }

        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var start = reader.ReadInt64();
            var location = reader.ReadString();
            var max = reader.ReadDouble();
            var n = reader.ReadInt64();
            if (!_open.TryGetValue(location, out var windows))
            {
                _open[location] = windows = [];
            }

            windows[start] = (max, n);
            if (version == 1)
            {
                _clocks.AddIfMissing(location, shardMaxEvent);
            }
        }
    }
}
