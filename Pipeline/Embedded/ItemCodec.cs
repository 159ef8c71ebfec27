using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Embedded;

/// <summary>
/// The compact binary form of an item that the embedded table store keeps: a count, then per attribute its name,
/// a type tag and its value (strings as UTF-8, numbers as 8-byte doubles, booleans as a byte, null as nothing),
/// so that every attribute comes back with the type it was written with.
/// </summary>
internal static class ItemCodec
{
    /// <summary>Type tag of a string.</summary>
    private const byte StringTag = (byte)'S';

    /// <summary>Type tag of a number.</summary>
    private const byte NumberTag = (byte)'N';

    /// <summary>Type tag of a boolean.</summary>
    private const byte BoolTag = (byte)'B';

    /// <summary>Type tag of null.</summary>
    private const byte NullTag = (byte)'0';

    /// <summary>The encoded form of <paramref name="item"/>.</summary>
    public static byte[] Encode(Item item)
    {
        var writer = new ArrayBufferWriter<byte>(64 + (item.Count * 24));
        WriteVarint(writer, (uint)item.Count);
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

        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The item encoded in <paramref name="data"/>.</summary>
    public static Item Decode(ReadOnlySpan<byte> data)
    {
        var position = 0;
        var count = (int)ReadVarint(data, ref position);
        var item = new Item();
        item.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var name = ReadString(data, ref position);
            var tag = data[position++];
            AttributeValue value;
            switch (tag)
            {
                case StringTag:
                    value = AttributeValue.FromString(ReadString(data, ref position));
                    break;
                case NumberTag:
                    value = AttributeValue.FromNumber(BinaryPrimitives.ReadDoubleLittleEndian(data[position..]));
                    position += 8;
                    break;
                case BoolTag:
                    value = AttributeValue.FromBool(data[position++] != 0);
                    break;
                case NullTag:
                    value = AttributeValue.Null;
                    break;
                default:
                    throw new InvalidDataException($"Unknown attribute type tag {tag} in a stored item.");
            }

            item[name] = value;
        }

        return item;
    }

    /// <summary>The value of attribute <paramref name="name"/> in an encoded item, or null when it has none.</summary>
    public static AttributeValue? Find(ReadOnlySpan<byte> data, string name) =>
        Decode(data).TryGetValue(name, out var value) ? value : (AttributeValue?)null;

    /// <summary>Writes a length-prefixed UTF-8 string.</summary>
    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint(writer, (uint)length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    private static string ReadString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)ReadVarint(data, ref position);
        var value = Encoding.UTF8.GetString(data.Slice(position, length));
        position += length;
        return value;
    }

    /// <summary>Writes an unsigned LEB128 integer.</summary>
    private static void WriteVarint(ArrayBufferWriter<byte> writer, uint value)
    {
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

    /// <summary>Reads an unsigned LEB128 integer.</summary>
    private static uint ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        uint value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }
}
