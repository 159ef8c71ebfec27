namespace TurbineConsole.Tests.Support;

/// <summary>Where kinesalite and dynalite are installed (<c>Tests/LocalServers</c>); Benchmarks compiles this file too.</summary>
internal static class LocalServersFolder
{
    /// <summary>The folder with package.json of the local servers, found from the binaries upwards.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Tests", "LocalServers");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
            candidate = Path.Combine(dir.FullName, "LocalServers");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new InvalidOperationException("Tests/LocalServers/package.json not found above " + AppContext.BaseDirectory);
    }
}
