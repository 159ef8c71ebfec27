using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// What an opaque shard iterator string holds: the stream and shard, the first sequence number still to read,
/// an optional lower bound on arrival time (AT_TIMESTAMP, until the first record at or after it is read), and when
/// the iterator was issued (iterators expire after five minutes, as in Kinesis).
/// </summary>
/// <param name="StreamName">The stream.</param>
/// <param name="ShardIndex">The shard's index in the stream.</param>
/// <param name="NextSequence">The first sequence number to read.</param>
/// <param name="MinArrivalMs">Skip records that arrived before this Unix time in ms; -1 for no bound.</param>
/// <param name="IssuedMs">When the iterator was issued, Unix time in ms.</param>
internal sealed record ShardIterator(string StreamName, int ShardIndex, long NextSequence, long MinArrivalMs, long IssuedMs)
{
    /// <summary>The format version, the first byte of the encoded form.</summary>
    private const byte Version = 1;

    /// <summary>Bytes before the stream name: version, shard, sequence, min arrival, issued.</summary>
    private const int HeaderLength = 1 + 4 + 8 + 8 + 8;

    /// <summary>Bytes of the checksum at the end, which catches a damaged or invented iterator.</summary>
    private const int ChecksumLength = 4;

    /// <summary>The opaque string form (URL-safe base64 of a small binary record with a checksum).</summary>
    public string Encode()
    {
        var nameLength = Encoding.UTF8.GetByteCount(StreamName);
        var buffer = new byte[HeaderLength + nameLength + ChecksumLength];
        buffer[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(1), ShardIndex);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(5), NextSequence);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(13), MinArrivalMs);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(21), IssuedMs);
        Encoding.UTF8.GetBytes(StreamName, buffer.AsSpan(HeaderLength));
        Checksum(buffer.AsSpan(0, buffer.Length - ChecksumLength), buffer.AsSpan(buffer.Length - ChecksumLength));
        return Base64Url.EncodeToString(buffer);
    }

    /// <summary>Reads an iterator string; null when it is not one this backend issued.</summary>
    public static ShardIterator? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 512 || !Base64Url.IsValid(text))
        {
            return null;
        }

        byte[] buffer;
        try
        {
            buffer = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }

        if (buffer.Length < HeaderLength + 1 + ChecksumLength || buffer[0] != Version)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[ChecksumLength];
        Checksum(buffer.AsSpan(0, buffer.Length - ChecksumLength), expected);
        if (!expected.SequenceEqual(buffer.AsSpan(buffer.Length - ChecksumLength)))
        {
            return null;
        }

        var shardIndex = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(1));
        var next = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(5));
        var minArrival = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(13));
        var issued = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(21));
        string name;
        try
        {
            name = new UTF8Encoding(false, true).GetString(buffer.AsSpan(HeaderLength, buffer.Length - HeaderLength - ChecksumLength));
        }
        catch (ArgumentException)
        {
            return null;
        }

        return shardIndex < 0 || next < 0 ? null : new ShardIterator(name, shardIndex, next, minArrival, issued);
    }

    /// <summary>The first bytes of the MD5 of <paramref name="payload"/>.</summary>
    private static void Checksum(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(payload, hash);
        hash[..ChecksumLength].CopyTo(destination);
    }
}
