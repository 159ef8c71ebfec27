using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.Extensions.Configuration;

/// <summary>Reads the repository's one settings file, <c>appsettings.json</c> at the root.</summary>
public static class SettingsConfigurationExtensions
{
    /// <summary>
    /// Adds the root <c>appsettings.json</c> (copied beside the app's binaries at build) below the environment
    /// variables and the command line, so either can still override a setting (<c>Pipeline__DataDirectory=...</c>).
    /// </summary>
    public static IConfigurationManager AddTurbineConsoleSettings(this IConfigurationManager configuration)
    {
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = false,
        };
        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        if (index < 0)
            sources.Add(source);
        else
            sources.Insert(index, source);
        return configuration;
    }
}
