using System.Buffers;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// An in-app notification, as one message on the cluster's in-app channel: which notice it is (a byte), then the
/// incident as its table item in <see cref="ItemCodec"/>'s compact form.
/// </summary>
internal static class InAppMessage
{
    /// <summary>The message for <paramref name="message"/>.</summary>
    public static byte[] Write(AlertMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        buffer.GetSpan(1)[0] = (byte)message.Notice;
        buffer.Advance(1);
        ItemCodec.Write(buffer, IncidentItem.From(message.Incident));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The notification in <paramref name="message"/>; a <see cref="FormatException"/> naming what is wrong when it is not one.</summary>
    public static AlertMessage Read(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty || !Enum.IsDefined((AlertNotice)message[0]))
            throw new FormatException($"An in-app message does not start with a notice (0 to {(int)AlertNotice.Reminder}).");
        try
        {
            var position = 1;
            var item = ItemCodec.Read(message, ref position);
            if (position != message.Length)
                throw new InvalidDataException($"{message.Length - position} bytes follow the incident.");
            return new AlertMessage(IncidentItem.ToIncident(item), (AlertNotice)message[0]);
        }
        catch (Exception e) when (e is InvalidDataException or KeyNotFoundException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new FormatException($"An in-app message is not of the expected shape: {e.Message}", e);
        }
    }
}
