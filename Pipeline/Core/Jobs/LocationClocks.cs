using System.Buffers.Binary;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// The event-time clocks of a windowing job's locations on one shard: per location the newest event time seen and the
/// arrival time of its newest record (0: not known), the watermark that follows (the newest event time less the
/// allowed lateness, so one location's clock never makes another's readings late), and the sweep, at most once per
/// second of arrival time, for locations silent for <c>idleTimeout</c> while others go on.
/// </summary>
internal sealed class LocationClocks(TimeSpan allowedLateness, TimeSpan idleTimeout)
{
    /// <summary>The bytes of one location's clock in a key's saved state (<see cref="WriteKey"/>).</summary>
    public const int KeyBytes = 16;

    private readonly Dictionary<string, (long MaxEventTicks, long LastArrivalTicks)> _locations = new(StringComparer.Ordinal);

    /// <summary>Arrival time (UTC ticks) of the last sweep for silent locations.</summary>
    private long _lastSweepTicks;

    /// <summary>How many locations have a clock.</summary>
    public int Count => _locations.Count;

    /// <summary>The locations with a clock.</summary>
    public IEnumerable<string> Names => _locations.Keys;

    /// <summary>Each location with the arrival time of its newest record.</summary>
    public IEnumerable<(string Location, long LastArrivalTicks)> Arrivals => _locations.Select(l => (l.Key, l.Value.LastArrivalTicks));

    /// <summary>The newest arrival time of any location (0 when there is none).</summary>
    public long NewestArrivalTicks => _locations.Count == 0 ? 0 : _locations.Values.Max(l => l.LastArrivalTicks);

    /// <summary>Whether <paramref name="location"/> has a clock.</summary>
    public bool Contains(string location) => _locations.ContainsKey(location);

    /// <summary>The location's watermark: what ends at or before it is closed (<see cref="long.MinValue"/> for a location not seen).</summary>
    public long Watermark(string location) =>
        _locations.TryGetValue(location, out var clock) ? clock.MaxEventTicks - allowedLateness.Ticks : long.MinValue;

    /// <summary>Takes in a record of the location; true when it moved the location's watermark (or the location is new).</summary>
    public bool Advance(string location, long eventTicks, long arrivalTicks)
    {
        var known = _locations.TryGetValue(location, out var clock);
        _locations[location] = known
            ? (Math.Max(clock.MaxEventTicks, eventTicks), Math.Max(clock.LastArrivalTicks, arrivalTicks))
            : (eventTicks, arrivalTicks);
        return !known || eventTicks > clock.MaxEventTicks;
    }

    /// <summary>Moves the location's watermark to at least <paramref name="endTicks"/>, so that everything ending by then closes.</summary>
    public void PassEnd(string location, long endTicks)
    {
        var clock = _locations[location];
        _locations[location] = (Math.Max(clock.MaxEventTicks, endTicks + allowedLateness.Ticks), clock.LastArrivalTicks);
    }

    /// <summary>
    /// At most once per second of arrival time (none otherwise, and none without an idle timeout): the locations whose
    /// newest record arrived <c>idleTimeout</c> or more before <paramref name="arrivalTicks"/>.
    /// </summary>
    public IReadOnlyList<string> Silent(long arrivalTicks)
    {
        if (idleTimeout <= TimeSpan.Zero || arrivalTicks - _lastSweepTicks < TimeSpan.TicksPerSecond)
            return [];
        _lastSweepTicks = arrivalTicks;
        return _locations.Where(l => l.Value.LastArrivalTicks != 0 && arrivalTicks - l.Value.LastArrivalTicks >= idleTimeout.Ticks).Select(l => l.Key).ToList();
    }

    /// <summary>Gives a location the clock of a shard-wide watermark (from a state saved before clocks were per location), unless it has one.</summary>
    public void AddIfMissing(string location, long maxEventTicks) => _locations.TryAdd(location, (maxEventTicks, 0));

    /// <summary>Forgets the location's clock.</summary>
    public void Remove(string location) => _locations.Remove(location);

    /// <summary>Forgets every clock and the last sweep.</summary>
    public void Clear()
    {
        _locations.Clear();
        _lastSweepTicks = 0;
    }

    /// <summary>Writes the location's clock into the first <see cref="KeyBytes"/> bytes of <paramref name="state"/>.</summary>
    public void WriteKey(string location, Span<byte> state)
    {
        var clock = _locations[location];
        BinaryPrimitives.WriteInt64LittleEndian(state, clock.MaxEventTicks);
        BinaryPrimitives.WriteInt64LittleEndian(state[8..], clock.LastArrivalTicks);
    }

    /// <summary>Takes the location's clock from the first <see cref="KeyBytes"/> bytes of <paramref name="state"/>.</summary>
    public void ReadKey(string location, ReadOnlySpan<byte> state) =>
        _locations[location] = (BinaryPrimitives.ReadInt64LittleEndian(state), BinaryPrimitives.ReadInt64LittleEndian(state[8..]));

    /// <summary>Writes the last sweep and every clock (the part of a job's saved state that is the same for every job).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_lastSweepTicks);
        writer.Write(_locations.Count);
        foreach (var (name, (maxEvent, lastArrival)) in _locations)
        {
            writer.Write(name);
            writer.Write(maxEvent);
            writer.Write(lastArrival);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote, in place of the clocks held.</summary>
    public void Read(BinaryReader reader)
    {
        Clear();
        _lastSweepTicks = reader.ReadInt64();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
            _locations[reader.ReadString()] = (reader.ReadInt64(), reader.ReadInt64());
    }
}
