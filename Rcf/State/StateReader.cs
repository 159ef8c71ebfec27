using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TurbineConsole.Rcf.State;

/// <summary>Reads little-endian primitives written by <see cref="StateWriter"/>; a short payload throws <see cref="InvalidDataException"/>.</summary>
internal ref struct StateReader
{
    /// <summary>The payload.</summary>
    private readonly ReadOnlySpan<byte> _bytes;

    /// <summary>Bytes consumed so far.</summary>
    private int _position;

    /// <summary>Creates a reader over <paramref name="bytes"/>.</summary>
    public StateReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _bytes.Length - _position;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a 16-bit unsigned integer.</summary>
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    /// <summary>Reads a 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a 32-bit unsigned integer.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>Reads a 64-bit integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a float.</summary>
    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Fills <paramref name="target"/> with unmanaged values.</summary>
    public void ReadSpan<T>(scoped Span<T> target)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(target);
        Take(bytes.Length).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            ReverseElements<T>(bytes);
        }
    }

    /// <summary>Reverses the byte order of each element in place (big-endian hosts only).</summary>
    internal static unsafe void ReverseElements<T>(Span<byte> bytes)
        where T : unmanaged
    {
        var size = sizeof(T);
        for (var i = 0; i + size <= bytes.Length; i += size)
        {
            bytes.Slice(i, size).Reverse();
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _bytes.Length)
        {
            throw new InvalidDataException(
                $"Checkpoint payload is truncated: needed {count} bytes at offset {_position}, {_bytes.Length} in total.");
        }

        var span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }
}
