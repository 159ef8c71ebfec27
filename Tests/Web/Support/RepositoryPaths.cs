namespace TurbineConsole.Tests.Web.Support;

/// <summary>Folders of the repository the tests run from (found by walking up to TurbineConsole.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TurbineConsole.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("TurbineConsole.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>docs/screenshots, created if missing.</summary>
    public static string Screenshots => Directory.CreateDirectory(Path.Combine(Root, "docs", "screenshots")).FullName;
}
