using Microsoft.EntityFrameworkCore;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// The durable audit log in <c>identity.db</c>: each entry is written before the action's result is shown, and read
/// back newest first, a page at a time, by the Audit log page. Texts are stored as given (cut to their column's
/// length, control characters replaced) and only ever shown through Razor, which encodes them.
/// </summary>
public sealed class AuditLog(IDbContextFactory<AccessDbContext> databases, TimeProvider time)
{
    /// <summary>Adds an entry.</summary>
    public async Task RecordAsync(string action, string? userName, string? remoteAddress, string detail = "", CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Action = action,
            UserName = userName is null ? null : Clean(userName, 256),
            RemoteAddress = remoteAddress is null ? null : Clean(remoteAddress, 64),
            Detail = Clean(detail, 1000),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Page <paramref name="page"/> (from 0) of <paramref name="size"/> entries, newest first, and the number of entries in all.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> PageAsync(int page, int size, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var total = await db.AuditEntries.CountAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return (entries, total);
    }

    /// <summary><paramref name="text"/> on one line, at most <paramref name="max"/> characters.</summary>
    internal static string Clean(string text, int max)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return clean.Length > max ? clean[..max] : clean;
    }
}
