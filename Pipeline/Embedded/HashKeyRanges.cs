using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// Kinesis's partitioning: the 128-bit hash-key space 0..2^128-1 split among the open shards of a stream (evenly when it is
/// created, anyhow after splits and merges), and a record's hash key the MD5 of its partition key (UTF-8) read as a
/// big-endian unsigned integer. Positions here are the open shards' order by hash key.
/// </summary>
internal sealed class HashKeyRanges
{
    /// <summary>The first hash key of each range, ascending; range i owns [starts[i], starts[i+1]-1].</summary>
    private readonly UInt128[] _starts;

    /// <summary>Ranges that start at <paramref name="starts"/> (ascending, the first 0) and together cover the key space.</summary>
    public HashKeyRanges(UInt128[] starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentOutOfRangeException.ThrowIfLessThan(starts.Length, 1);
        _starts = starts;
    }

    /// <summary>Splits the key space among <paramref name="shardCount"/> shards as Kinesis does (shard i starts at floor(i * 2^128 / n)).</summary>
    public HashKeyRanges(int shardCount)
        : this(Enumerable.Range(0, Math.Max(shardCount, 1)).Select(i => Streams.UniformScaling.RangeStart(i, shardCount)).ToArray())
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
    }

    /// <summary>The number of shards.</summary>
    public int ShardCount => _starts.Length;

    /// <summary>The first hash key of shard <paramref name="index"/>.</summary>
    public UInt128 StartingHashKey(int index) => _starts[index];

    /// <summary>The last hash key of shard <paramref name="index"/>.</summary>
    public UInt128 EndingHashKey(int index) => index == _starts.Length - 1 ? UInt128.MaxValue : _starts[index + 1] - 1;

    /// <summary>The index of the shard that owns <paramref name="hashKey"/>.</summary>
    public int ShardOf(UInt128 hashKey)
    {
        var found = Array.BinarySearch(_starts, hashKey);
        return found >= 0 ? found : ~found - 1;
    }

    /// <summary>
    /// The index of the shard a record with this partition key goes to. Streams see few distinct keys (a location
    /// each), so shards are remembered per key, up to <see cref="MaxRememberedKeys"/>, instead of hashing every record.
    /// </summary>
    public int ShardOf(string partitionKey)
    {
        if (_shardByKey.TryGetValue(partitionKey, out var shard))
            return shard;
        shard = ShardOf(HashKeyOf(partitionKey));
        if (_shardByKey.Count >= MaxRememberedKeys)
            _shardByKey.Clear();
        _shardByKey[partitionKey] = shard;
        return shard;
    }

    /// <summary>How many partition keys' shards are remembered at most.</summary>
    private const int MaxRememberedKeys = 10_000;

    /// <summary>Shards of partition keys seen before.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _shardByKey = new(StringComparer.Ordinal);

    /// <summary>The MD5 of the partition key's UTF-8 bytes as a big-endian 128-bit unsigned integer.</summary>
    public static UInt128 HashKeyOf(string partitionKey)
    {
        var length = Encoding.UTF8.GetMaxByteCount(partitionKey.Length);
        byte[]? rented = null;
        var buffer = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(partitionKey, buffer);
            Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
            MD5.HashData(buffer[..written], hash);
            return new UInt128(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash[8..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A hash key as Kinesis writes it: a decimal string.</summary>
    public static string Format(UInt128 hashKey) => hashKey.ToString(CultureInfo.InvariantCulture);
}
