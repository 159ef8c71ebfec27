using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Signs webhook bodies as payment and code-hosting webhooks do, so a receiver can tell our POSTs from forgeries and
/// replays: the header <c>X-TurbineConsole-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where hex is the
/// HMAC-SHA256, keyed with the shared secret, of the timestamp, a period and the raw body. A receiver recomputes it,
/// compares in constant time, and refuses timestamps older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header's name.</summary>
    public const string Header = "X-TurbineConsole-Signature";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="time"/>.</summary>
    public static string Sign(string secret, DateTimeOffset time, ReadOnlySpan<byte> body)
    {
        var timestamp = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Hex(secret, timestamp, body)}";
    }

    /// <summary>
    /// True when <paramref name="header"/> is a valid signature of <paramref name="body"/> with <paramref name="secret"/>,
    /// made at most <paramref name="tolerance"/> away from <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        string? timestamp = null, signature = null;
        foreach (var part in (header ?? "").Split(','))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
                timestamp = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
                signature = part[3..];
        }
        if (timestamp is null || signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
            return false;
        var expected = Encoding.ASCII.GetBytes(Hex(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private static string Hex(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp, signed);
        signed[timestamp.Length] = (byte)'.';
        body.CopyTo(signed.AsSpan(timestamp.Length + 1));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
