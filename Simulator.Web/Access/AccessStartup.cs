using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>
/// At start, before the server takes requests: creates <c>identity.db</c> (0600) with its schema and the three
/// roles; when no administrator exists, opens the <see cref="SetupLink"/> and, once the server listens, prints it as
/// one line on the console. There is no default user and no default password.
/// </summary>
internal sealed class AccessStartup(
    IServiceScopeFactory scopes, IOptions<PipelineOptions> pipeline, SetupLink setup, IHostApplicationLifetime lifetime,
    IServer server, ILogger<AccessStartup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        AccessStore.PrepareDatabaseFile(pipeline.Value);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AccessRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if ((await users.GetUsersInRoleAsync(AccessRoles.Administrator)).Count > 0)
            return;
        var token = setup.Open();
        lifetime.ApplicationStarted.Register(() => logger.LogWarning(
            "No administrator yet: open {SetupLink} to create the first one (the link works once, until the app restarts).", LinkOf(token)));
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The setup link on the server's first address, with a wildcard host spelled as localhost.</summary>
    private string LinkOf(string token)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        if (Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri))
        {
            var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
            address = $"{uri.Scheme}://{(host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host)}:{uri.Port}";
        }
        return address.TrimEnd('/') + SetupLink.PathAndQuery(token);
    }
}
