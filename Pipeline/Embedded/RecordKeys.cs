using System.Diagnostics;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// Packs a shard's database id and a record's sequence number into the records table's integer key, so that each
/// shard's records are one contiguous, ordered range of keys.
/// </summary>
internal static class RecordKeys
{
    /// <summary>Bits for the sequence number: 2^43 records per shard (over ten years at 20,000 records/s).</summary>
    public const int SequenceBits = 43;

    /// <summary>The largest sequence number a shard can hold.</summary>
    public const long MaxSequence = (1L << SequenceBits) - 1;

    /// <summary>The largest shard database id (2^20 - 1 shards in one database).</summary>
    public const long MaxShardId = (1L << (63 - SequenceBits)) - 1;

    /// <summary>The record key of <paramref name="sequence"/> in shard <paramref name="shardDbId"/>.</summary>
    public static long Key(long shardDbId, long sequence)
    {
        Debug.Assert(shardDbId is > 0 and <= MaxShardId);
        Debug.Assert(sequence is >= 0 and <= MaxSequence);
        return (shardDbId << SequenceBits) | sequence;
    }

    /// <summary>The sequence number held in a record key.</summary>
    public static long Sequence(long key) => key & MaxSequence;
}
