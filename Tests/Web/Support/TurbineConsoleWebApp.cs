using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// The real web app (Program) on a free loopback port (Kestrel, port 0), with its pipeline on an embedded backend in
/// a temporary folder and fast polling, so that a browser and a SignalR client can reach it.
/// </summary>
internal sealed class TurbineConsoleWebApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>Starts the app with <paramref name="settings"/> over the test defaults and, if given, more <paramref name="services"/>.</summary>
    public TurbineConsoleWebApp(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        DataDirectory = Path.Combine(Path.GetTempPath(), "turbineconsole-web-" + Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Pipeline:DataDirectory"] = DataDirectory,
            ["Pipeline:Jobs:PollInterval"] = "00:00:00.020",
            ["Pipeline:Jobs:CheckpointInterval"] = "00:00:00.500",
            ["Pipeline:Functions:PollInterval"] = "00:00:00.020",
            ["Pipeline:MaxSpeed:Window"] = "00:00:05",
            ["Pipeline:MaxSpeed:AllowedLateness"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
    }

    /// <summary>The embedded backend's folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Where the app listens, for example <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        if (_services is not null)
            builder.ConfigureServices(_services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
