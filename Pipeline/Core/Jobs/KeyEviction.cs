using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>Which keys leave memory at a checkpoint: the idle ones, then the least recently used above the cap.</summary>
internal static class KeyEviction
{
    /// <summary>
    /// The keys to evict of the <paramref name="total"/> in memory, from <paramref name="lastArrivals"/> (each key's last
    /// record arrival, UTC ticks): those at least
    /// <paramref name="idleAfter"/> older than <paramref name="newestArrival"/> (none when zero), then the oldest (ties by
    /// key) until at most <paramref name="maxKeys"/> remain. Only keys <paramref name="canLeave"/> accepts are chosen.
    /// </summary>
    public static List<(string Key, bool OverCap)> Choose(
        IEnumerable<(string Key, long LastArrival)> lastArrivals, int total, long newestArrival, TimeSpan idleAfter, int maxKeys, Func<string, bool> canLeave)
    {
        var candidates = lastArrivals.Where(k => canLeave(k.Key)).OrderBy(k => k.LastArrival).ThenBy(k => k.Key, StringComparer.Ordinal).ToList();
        var chosen = new List<(string, bool)>();
        foreach (var (key, lastArrival) in candidates)
        {
            if (idleAfter > TimeSpan.Zero && newestArrival - lastArrival >= idleAfter.Ticks)
                chosen.Add((key, false));
            else if (total - chosen.Count > maxKeys)
                chosen.Add((key, true));
            else
                break;
        }
        return chosen;
    }

    /// <summary>The reading in <paramref name="record"/>, or null when it cannot be read (processing dead-letters it).</summary>
    public static WindReading? TryDecode(StreamRecord record)
    {
        try
        {
            return WindReadingCodec.Decode(record.Data);
        }
        catch (RecordFormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// The readings a keyed processor decoded to find a batch's missing keys, handed back to its <c>Process</c> in order so
/// that each record is decoded once. A record that is not the next remembered one (a malformed record, or a batch not
/// looked at first) is decoded again.
/// </summary>
internal sealed class DecodedBatch
{
    private readonly Queue<(StreamRecord Record, WindReading Reading)> _readings = new();

    /// <summary>Remembers <paramref name="record"/>'s reading, or returns null when it cannot be read.</summary>
    public WindReading? Remember(StreamRecord record)
    {
        if (KeyEviction.TryDecode(record) is not { } reading)
            return null;
        _readings.Enqueue((record, reading));
        return reading;
    }

    /// <summary>The reading of <paramref name="record"/>: the remembered one, or decoded now (throwing <see cref="RecordFormatException"/>).</summary>
    public WindReading Take(StreamRecord record) =>
        _readings.TryPeek(out var next) && ReferenceEquals(next.Record, record) ? _readings.Dequeue().Reading : WindReadingCodec.Decode(record.Data);

    /// <summary>Forgets what was remembered (the state was replaced).</summary>
    public void Clear() => _readings.Clear();
}
