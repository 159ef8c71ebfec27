using System.Buffers;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// Items written to a table, as one message on the cluster's results channel: the table's name, the number of items
/// and the items, each in <see cref="ItemCodec"/>'s compact form (the one the embedded table store keeps).
/// </summary>
internal static class ResultMessage
{
    /// <summary>The message for <paramref name="items"/> of <paramref name="table"/>.</summary>
    public static byte[] Write(string table, IReadOnlyList<Item> items)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (items.Count * 128));
        ItemCodec.WriteString(buffer, table);
        ItemCodec.WriteCount(buffer, items.Count);
        foreach (var item in items)
            ItemCodec.Write(buffer, item);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The table and items of a message; throws <see cref="FormatException"/> for one that is not of this shape.</summary>
    public static (string Table, IReadOnlyList<Item> Items) Read(ReadOnlySpan<byte> message)
    {
        try
        {
            var position = 0;
            var table = ItemCodec.ReadString(message, ref position);
            if (table.Length == 0)
                throw new InvalidDataException("The message names no table.");
            var count = ItemCodec.ReadCount(message, ref position, 1);
            var items = new List<Item>(count);
            for (var i = 0; i < count; i++)
                items.Add(ItemCodec.Read(message, ref position));
            if (position != message.Length)
                throw new InvalidDataException($"{message.Length - position} bytes follow the last item.");
            return (table, items);
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"A results message is not of the expected shape: {e.Message}", e);
        }
    }
}
