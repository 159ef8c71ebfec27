using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// The compact binary form of an item, as the embedded table store keeps it and the cluster's results channel carries
/// it: a count, then per attribute its name, a type tag and its value (strings as UTF-8, numbers as 8-byte doubles,
/// booleans as a byte, null as nothing), so that every attribute comes back with the type it was written with.
/// Reading checks every length against the bytes there are: data that is cut short or not of this form is refused
/// with <see cref="InvalidDataException"/>, never read past its end.
/// </summary>
public static class ItemCodec
{
    /// <summary>Type tag of a string.</summary>
    private const byte StringTag = (byte)'S';

    /// <summary>Type tag of a number.</summary>
    private const byte NumberTag = (byte)'N';

    /// <summary>Type tag of a boolean.</summary>
    private const byte BoolTag = (byte)'B';

    /// <summary>Type tag of null.</summary>
    private const byte NullTag = (byte)'0';

    /// <summary>The fewest bytes an attribute takes (an empty name's length and a null's tag).</summary>
    private const int MinAttributeBytes = 2;

    /// <summary>The encoded form of <paramref name="item"/>.</summary>
    public static byte[] Encode(Item item)
    {
        var writer = new ArrayBufferWriter<byte>(64 + (item.Count * 24));
        Write(writer, item);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Appends the encoded form of <paramref name="item"/> to <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, Item item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(item);
        WriteCount(writer, item.Count);
        foreach (var (name, value) in item)
        {
            WriteString(writer, name);
            switch (value.Type)
            {
                case AttributeType.String:
                    writer.GetSpan(1)[0] = StringTag;
                    writer.Advance(1);
                    WriteString(writer, value.S!);
                    break;
                case AttributeType.Number:
                    var span = writer.GetSpan(9);
                    span[0] = NumberTag;
                    BinaryPrimitives.WriteDoubleLittleEndian(span[1..], value.N);
                    writer.Advance(9);
                    break;
                case AttributeType.Bool:
                    var b = writer.GetSpan(2);
                    b[0] = BoolTag;
                    b[1] = value.Bool ? (byte)1 : (byte)0;
                    writer.Advance(2);
                    break;
                default:
                    writer.GetSpan(1)[0] = NullTag;
                    writer.Advance(1);
                    break;
            }
        }
    }

    /// <summary>The item encoded in <paramref name="data"/>.</summary>
    public static Item Decode(ReadOnlySpan<byte> data)
    {
        var position = 0;
        return Read(data, ref position);
    }

    /// <summary>Reads the item encoded at <paramref name="position"/> and moves the position past it.</summary>
    public static Item Read(ReadOnlySpan<byte> data, ref int position)
    {
        var count = ReadCount(data, ref position, MinAttributeBytes);
        var item = new Item();
        item.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var name = ReadString(data, ref position);
            AttributeValue value;
            switch (Take(data, ref position, 1)[0])
            {
                case StringTag:
                    value = AttributeValue.FromString(ReadString(data, ref position));
                    break;
                case NumberTag:
                    value = AttributeValue.FromNumber(BinaryPrimitives.ReadDoubleLittleEndian(Take(data, ref position, 8)));
                    break;
                case BoolTag:
                    value = AttributeValue.FromBool(Take(data, ref position, 1)[0] != 0);
                    break;
                case NullTag:
                    value = AttributeValue.Null;
                    break;
                case var tag:
                    throw new InvalidDataException($"Unknown attribute type tag {tag} in an encoded item.");
            }

            item[name] = value;
        }

        return item;
    }

    /// <summary>The value of attribute <paramref name="name"/> in an encoded item, or null when it has none.</summary>
    public static AttributeValue? Find(ReadOnlySpan<byte> data, string name) =>
        Decode(data).TryGetValue(name, out var value) ? value : (AttributeValue?)null;

    /// <summary>Appends a length-prefixed UTF-8 string.</summary>
    public static void WriteString(IBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteCount(writer, length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public static string ReadString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = ReadCount(data, ref position, 1);
        return Encoding.UTF8.GetString(Take(data, ref position, length));
    }

    /// <summary>Appends a count (unsigned LEB128).</summary>
    public static void WriteCount(IBufferWriter<byte> writer, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var value = (uint)count;
        var span = writer.GetSpan(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        writer.Advance(i);
    }

    /// <summary>
    /// Reads a count (unsigned LEB128) of things that take at least <paramref name="minBytesEach"/> bytes each, refusing
    /// one that the rest of the data cannot hold (so that a forged count cannot make the reader allocate for it).
    /// </summary>
    public static int ReadCount(ReadOnlySpan<byte> data, ref int position, int minBytesEach)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 28)
                throw new InvalidDataException("A count in an encoded item is longer than five bytes.");
            var b = Take(data, ref position, 1)[0];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
                break;
        }

        if (value > (uint)(data.Length - position) / (uint)minBytesEach)
            throw new InvalidDataException($"A count in an encoded item ({value}) is more than the {data.Length - position} bytes left can hold.");
        return (int)value;
    }

    /// <summary>The next <paramref name="length"/> bytes; throws when the data ends before them.</summary>
    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int position, int length)
    {
        if (length > data.Length - position)
            throw new InvalidDataException($"An encoded item ends after {data.Length} bytes, in the middle of a value.");
        var taken = data.Slice(position, length);
        position += length;
        return taken;
    }
}
