using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// Personal API tokens: what a client that is not a browser (a script, another dashboard) sends as
/// <c>Authorization: Bearer &lt;token&gt;</c> to the telemetry hub, acting as the user who made it, with that user's
/// roles at each use. Only the SHA-256 of a token is stored; the token is shown once, when it is made.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<AccessDbContext> databases, TimeProvider time)
{
    /// <summary>How every token starts, so that one found in a log or a file is recognised.</summary>
    public const string Prefix = "tc_";

    /// <summary>Most tokens one user may hold.</summary>
    public const int MaxPerUser = 20;

    /// <summary>Makes a token for <paramref name="userId"/> named <paramref name="name"/>; returns its text, which is not kept.</summary>
    public async Task<string> CreateAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
            throw new ArgumentException("Name the token (1 to 100 characters, no line breaks), for example \"control-room dashboard\".", nameof(name));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.ApiTokens.CountAsync(t => t.UserId == userId, cancellationToken) >= MaxPerUser)
            throw new ArgumentException($"You have {MaxPerUser} tokens already: revoke one first.", nameof(name));
        var token = Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        db.ApiTokens.Add(new ApiToken { UserId = userId, Name = name, Hash = HashOf(token), Prefix = token[..8], CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The tokens of <paramref name="userId"/>, newest first.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Deletes token <paramref name="id"/> if <paramref name="userId"/> owns it; returns its name, or null when there was none.</summary>
    public async Task<string?> RevokeAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
            return null;
        db.ApiTokens.Remove(token);
        await db.SaveChangesAsync(cancellationToken);
        return token.Name;
    }

    /// <summary>The user id the token <paramref name="token"/> belongs to, or null when no such token exists.</summary>
    public async Task<string?> FindUserIdAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
            return null;
        var hash = HashOf(token);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.Where(t => t.Hash == hash).Select(t => t.UserId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="token"/>.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
