using System.Buffers;
using System.Globalization;
using System.Text.Json;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// Items written to a table, as one message on the cluster's results channel:
/// <c>{"table":"WindDataTable","items":[{"name":{"S":"..."},"speed":{"N":"12.5"}}]}</c> (DynamoDB's typed values).
/// </summary>
internal static class ResultMessage
{
    /// <summary>The message for <paramref name="items"/> of <paramref name="table"/>.</summary>
    public static byte[] Write(string table, IReadOnlyList<Item> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("table", table);
            json.WriteStartArray("items");
            foreach (var item in items)
            {
                json.WriteStartObject();
                foreach (var (name, value) in item)
                {
                    json.WriteStartObject(name);
                    switch (value.Type)
                    {
                        case AttributeType.String:
                            json.WriteString("S", value.S);
                            break;
                        case AttributeType.Number:
                            json.WriteString("N", value.N.ToString("R", CultureInfo.InvariantCulture));
                            break;
                        case AttributeType.Bool:
                            json.WriteBoolean("BOOL", value.Bool);
                            break;
                        default:
                            json.WriteBoolean("NULL", true);
                            break;
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The table and items of a message; throws <see cref="FormatException"/> for one that is not of this shape.</summary>
    public static (string Table, IReadOnlyList<Item> Items) Read(ReadOnlySpan<byte> message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.ToArray());
            var root = document.RootElement;
            var table = root.GetProperty("table").GetString() ?? throw new FormatException("The message names no table.");
            var items = new List<Item>();
            foreach (var element in root.GetProperty("items").EnumerateArray())
            {
                var item = new Item();
                foreach (var attribute in element.EnumerateObject())
                    item[attribute.Name] = Value(attribute.Value);
                items.Add(item);
            }

            return (table, items);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"A results message is not of the expected shape: {e.Message}", e);
        }
    }

    private static AttributeValue Value(JsonElement typed)
    {
        foreach (var property in typed.EnumerateObject())
        {
            return property.Name switch
            {
                "S" => AttributeValue.FromString(property.Value.GetString()!),
                "N" => AttributeValue.FromNumber(double.Parse(property.Value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)),
                "BOOL" => AttributeValue.FromBool(property.Value.GetBoolean()),
                "NULL" => AttributeValue.Null,
                _ => throw new FormatException($"Unknown attribute type '{property.Name}'."),
            };
        }

        throw new FormatException("An attribute has no typed value.");
    }
}
