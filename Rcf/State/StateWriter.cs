using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TurbineConsole.Rcf.State;

/// <summary>Appends little-endian primitives to a growable buffer; the checkpoint format's writer.</summary>
internal ref struct StateWriter
{
    /// <summary>The buffer being filled; replaced by a larger one when full.</summary>
    private byte[] _buffer;

    /// <summary>Bytes written so far.</summary>
    private int _position;

    /// <summary>Creates a writer with room for <paramref name="initialCapacity"/> bytes.</summary>
    public StateWriter(int initialCapacity)
    {
        _buffer = new byte[Math.Max(initialCapacity, 64)];
        _position = 0;
    }

    /// <summary>Copies the written bytes into an exact-size array.</summary>
    public readonly byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => Take(1)[0] = value;

    /// <summary>Writes a 16-bit unsigned integer.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

    /// <summary>Writes a 32-bit integer.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    /// <summary>Writes a 32-bit unsigned integer.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    /// <summary>Writes a 64-bit integer.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    /// <summary>Writes a float.</summary>
    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Take(4), value);

    /// <summary>Writes a double.</summary>
    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    /// <summary>Writes a span of unmanaged values in little-endian order.</summary>
    public void WriteSpan<T>(scoped ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        var target = Take(bytes.Length);
        bytes.CopyTo(target);
        if (!BitConverter.IsLittleEndian)
        {
            StateReader.ReverseElements<T>(target);
        }
    }

    private Span<byte> Take(int count)
    {
        if (_position + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + count));
        }

        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }
}
