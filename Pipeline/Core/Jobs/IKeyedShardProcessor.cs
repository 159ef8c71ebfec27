using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Jobs;

/// <summary>
/// A shard processor whose state is a set of independent keys (a forest per location, a location's windows): the
/// state of a key depends only on that key's records. Such a state can leave memory and come back: the runner asks at a
/// checkpoint for the keys to evict (<see cref="Evict"/>) and saves them apart, and before a batch restores those of its
/// keys that are not in memory (<see cref="MissingKeys"/>, <see cref="RestoreKey"/>). The output is the same as if
/// every key had stayed in memory.
/// </summary>
public interface IKeyedShardProcessor : IShardProcessor
{
    /// <summary>Keys held in memory.</summary>
    int KeyCount { get; }

    /// <summary>
    /// The keys of <paramref name="records"/> that are not in memory, each once, with the sequence number of its first
    /// record in the batch. Records that cannot be read are left out (processing dead-letters them).
    /// </summary>
    IReadOnlyList<(string Key, string SequenceNumber)> MissingKeys(IReadOnlyList<StreamRecord> records);

    /// <summary>Puts a key's evicted state back into memory, before its next record is processed.</summary>
    void RestoreKey(string key, ReadOnlySpan<byte> state);

    /// <summary>
    /// Removes from memory, and returns the states of, the keys whose last record arrived at least
    /// <paramref name="idleAfter"/> before the newest on the shard (none when zero), then the least recently used until at
    /// most <paramref name="maxKeys"/> remain. A processor may keep a key that cannot leave yet (a location with open windows).
    /// </summary>
    IReadOnlyList<EvictedKey> Evict(TimeSpan idleAfter, int maxKeys);

    /// <summary>
    /// Removes every key from memory with all it holds (open windows too) and returns their states: the shard is closed
    /// and read to its end, and its keys go on in the shards that took them over (split or merge), which take these states
    /// back with <see cref="RestoreKey"/> before their first record of the key.
    /// </summary>
    IReadOnlyList<EvictedKey> Handover();
}

/// <summary>A key's state, removed from memory.</summary>
/// <param name="Key">The key.</param>
/// <param name="State">Its state, for <see cref="IKeyedShardProcessor.RestoreKey"/>.</param>
/// <param name="OverCap">True when it left because the shard held more than its cap of keys, false when it was idle.</param>
public sealed record EvictedKey(string Key, byte[] State, bool OverCap);
