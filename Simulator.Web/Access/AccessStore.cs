using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// Where sign-in keeps its files, in <c>Pipeline:DataDirectory</c>: <c>identity.db</c> (users, roles, API tokens,
/// audit log; mode 0600 like the pipeline's database) and <c>keys/</c> (the data-protection keys that sign the
/// cookies, so that a restart does not sign everyone out; mode 0700).
/// </summary>
public static class AccessStore
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The identity database's path.</summary>
    public static string DatabasePath(PipelineOptions pipeline) => Path.Combine(Path.GetFullPath(pipeline.DataDirectory), "identity.db");

    /// <summary>The data-protection keys' folder.</summary>
    public static string KeysPath(PipelineOptions pipeline) => Path.Combine(Path.GetFullPath(pipeline.DataDirectory), "keys");

    /// <summary>The keys' folder, created readable only by the app's user (and made so if it was not).</summary>
    public static DirectoryInfo KeysDirectory(PipelineOptions pipeline)
    {
        var path = KeysPath(pipeline);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (OperatingSystem.IsWindows())
            return Directory.CreateDirectory(path);
        var directory = Directory.CreateDirectory(path, OwnerDirectory);
        if ((File.GetUnixFileMode(path) & ~OwnerDirectory) != 0)
            File.SetUnixFileMode(path, OwnerDirectory);
        return directory;
    }

    /// <summary>Creates the identity database's file readable only by the app's user before SQLite opens it, or tightens an existing one.</summary>
    public static void PrepareDatabaseFile(PipelineOptions pipeline)
    {
        var path = DatabasePath(pipeline);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (OperatingSystem.IsWindows())
            return;
        if (!File.Exists(path))
        {
            try
            {
                using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile }))
                {
                }
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerFile) != 0)
                File.SetUnixFileMode(file, OwnerFile);
        }
    }
}
