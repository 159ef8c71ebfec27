using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The one-time link that creates the first administrator: a random token made at start when no administrator
/// exists, kept only in memory, good until it is used or the app stops. There is no default password.
/// </summary>
public sealed class SetupLink
{
    /// <summary>The page the link opens.</summary>
    public const string Path = "/account/setup";

    private readonly Lock _gate = new();
    private string? _token;

    /// <summary>Whether a token is waiting to be used.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
                return _token is not null;
        }
    }

    /// <summary>Makes a new token (replacing any) and returns it.</summary>
    public string Open()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        lock (_gate)
            _token = token;
        return token;
    }

    /// <summary>Whether <paramref name="token"/> is the waiting token (compared in constant time).</summary>
    public bool Matches(string? token)
    {
        lock (_gate)
            return Same(_token, token);
    }

    /// <summary>
    /// Runs <paramref name="create"/> while holding the token, if <paramref name="token"/> is it, so that two
    /// submissions cannot both create an administrator; the token is used up when <paramref name="create"/> returns
    /// true. Returns false when the token is not (or no longer) valid.
    /// </summary>
    public async Task<bool> UseAsync(string? token, Func<Task<bool>> create)
    {
        lock (_gate)
        {
            if (!Same(_token, token))
                return false;
            _token = null;
        }
        var created = false;
        try
        {
            created = await create();
            return true;
        }
        finally
        {
            if (!created)
            {
                lock (_gate)
                    _token ??= token;
            }
        }
    }

    /// <summary>The link's path and query for <paramref name="token"/>.</summary>
    public static string PathAndQuery(string token) => $"{Path}?token={Uri.EscapeDataString(token)}";

    private static bool Same(string? expected, string? given) =>
        expected is not null && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
