using System.Text;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>Open windows and watermark of the max-speed job on one shard.</summary>
internal sealed class MaxSpeedProcessor(TimeSpan window, TimeSpan allowedLateness) : IShardProcessor
{
    private const byte StateVersion = 1;
    private readonly long _windowTicks = window.Ticks;

    /// <summary>Open windows by (location, window start in ticks): highest speed and reading count.</summary>
    private readonly SortedDictionary<(long Start, string Location), (double Max, long Count)> _open = new();

    /// <summary>Newest event time seen, in UTC ticks; windows ending at or before it less the lateness are closed.</summary>
    private long _maxEventTicks = long.MinValue;

    public void Process(StreamRecord record, JobOutput output)
    {
        var reading = WindReadingCodec.Decode(record.Data);
        var ticks = reading.Timestamp.UtcTicks;
        var start = ticks - ((ticks % _windowTicks) + _windowTicks) % _windowTicks;
        if (_maxEventTicks != long.MinValue && start + _windowTicks <= Watermark)
            throw new RecordFormatException(
                $"Late reading: its window {RecordTime.Format(new DateTimeOffset(start, TimeSpan.Zero))} closed already (watermark {RecordTime.Format(new DateTimeOffset(Watermark, TimeSpan.Zero))}).");

        var key = (start, reading.Location);
        _open[key] = _open.TryGetValue(key, out var w) ? (Math.Max(w.Max, reading.SpeedMph), w.Count + 1) : (reading.SpeedMph, 1);
        if (ticks > _maxEventTicks)
        {
            _maxEventTicks = ticks;
            CloseWindows(output);
        }
    }

    private long Watermark => _maxEventTicks - allowedLateness.Ticks;

    private void CloseWindows(JobOutput output)
    {
        while (_open.Count > 0)
        {
            var (key, value) = _open.First();
            if (key.Start + _windowTicks > Watermark)
                return;
            _open.Remove(key);
            var window = new MaxSpeedWindow(key.Location, value.Max,
                new DateTimeOffset(key.Start, TimeSpan.Zero), new DateTimeOffset(key.Start + _windowTicks, TimeSpan.Zero), value.Count);
            output.Emit(key.Location, MaxSpeedWindowCodec.Encode(window));
        }
    }

    /// <summary>Closes every open window: nothing more is coming for now. Later readings for them are late.</summary>
    public bool OnIdle(JobOutput output)
    {
        if (_open.Count == 0)
            return false;
        var lastEnd = _open.Keys.Max(k => k.Start) + _windowTicks;
        // Move the newest event time so that the watermark passes every open window's end.
        _maxEventTicks = Math.Max(_maxEventTicks, lastEnd + allowedLateness.Ticks);
        CloseWindows(output);
        return true;
    }

    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(StateVersion);
        writer.Write(_maxEventTicks);
        writer.Write(_open.Count);
        foreach (var ((start, location), (max, count)) in _open)
        {
            writer.Write(start);
            writer.Write(location);
            writer.Write(max);
            writer.Write(count);
        }
        writer.Flush();
        return stream.ToArray();
    }

    public void RestoreState(ReadOnlySpan<byte> state)
    {
        _open.Clear();
        _maxEventTicks = long.MinValue;
        if (state.IsEmpty)
            return;
        if (state[0] != StateVersion)
            throw new InvalidDataException($"Max-speed state version {state[0]} is not supported (expected {StateVersion}).");
        using var reader = new BinaryReader(new MemoryStream(state.ToArray()), Encoding.UTF8);
        reader.ReadByte();
        _maxEventTicks = reader.ReadInt64();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var start = reader.ReadInt64();
            var location = reader.ReadString();
            var max = reader.ReadDouble();
            var n = reader.ReadInt64();
            _open[(start, location)] = (max, n);
        }
    }
}
