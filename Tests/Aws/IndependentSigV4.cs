using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TurbineConsole.Tests.Aws;

/// <summary>
/// A second, independent Signature Version 4 implementation, written from AWS's documented algorithm (canonical request,
/// string to sign, derived signing key, HMAC-SHA256), used only to check what the SDK's signer produces.
/// </summary>
internal static class IndependentSigV4
{
    /// <summary>The Authorization header for a request whose signed headers (lower-case name to trimmed value) are given.</summary>
    public static string Authorization(
        string method, string path, string query, IReadOnlyDictionary<string, string> signedHeaders, byte[] payload,
        string accessKey, string secretKey, string region, string service, DateTime signedAtUtc)
    {
        var amzDate = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = signedAtUtc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var names = signedHeaders.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var canonicalHeaders = string.Concat(names.Select(n => n + ":" + Collapse(signedHeaders[n]) + "\n"));
        var signedNames = string.Join(';', names);
        var canonicalRequest = string.Join('\n', method, path, query, canonicalHeaders, signedNames, Hex(SHA256.HashData(payload)));
        var scope = $"{day}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        return $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedNames}, Signature={signature}";
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Header values are trimmed and runs of spaces become one space.</summary>
    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
