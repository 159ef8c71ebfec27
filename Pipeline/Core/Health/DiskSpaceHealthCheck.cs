using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TurbineConsole.Pipeline.Health;

/// <summary>
/// Readiness of the embedded backend's disk: the free space where its data directory lives is at least
/// <see cref="HealthOptions.MinFreeDiskMegabytes"/>. SQLite fails every write once the disk is full, so this says so
/// before it happens. The description never names the folder (the endpoint is anonymous).
/// </summary>
public sealed class DiskSpaceHealthCheck(string dataDirectory, HealthOptions options) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(Evaluate(new DriveInfo(ExistingFolder(dataDirectory)).AvailableFreeSpace, options.MinFreeDiskMegabytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The free space of the data directory's disk cannot be read: {e.Message}"));
        }
    }

    /// <summary>Healthy when <paramref name="freeBytes"/> is at least <paramref name="minFreeMegabytes"/> megabytes.</summary>
    public static HealthCheckResult Evaluate(long freeBytes, long minFreeMegabytes)
    {
        var free = Megabytes(freeBytes);
        var wanted = minFreeMegabytes.ToString("N0", CultureInfo.InvariantCulture);
        return freeBytes >= minFreeMegabytes * 1_000_000
            ? HealthCheckResult.Healthy($"{free} MB free on the data directory's disk (at least {wanted} MB wanted).")
            : HealthCheckResult.Unhealthy($"Only {free} MB free on the data directory's disk; at least {wanted} MB are wanted ({HealthOptions.Section}:MinFreeDiskMegabytes). Free some space: writes fail when the disk is full.");
    }

    private static string Megabytes(long bytes) => (bytes / 1_000_000).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The folder, or its nearest existing parent while it is not created yet.</summary>
    private static string ExistingFolder(string folder)
    {
        var path = Path.GetFullPath(folder);
        while (!Directory.Exists(path) && Path.GetDirectoryName(path) is { } parent)
            path = parent;
        return path;
    }
}
