using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Access;

/// <summary>
/// The telemetry hub takes signed-in users only (a personal API token for a client that is not a browser), and holds
/// each user to <c>Access:Hub</c>'s limits on connections and followed locations.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HubAccessTests : IAsyncLifetime
{
    private TurbineConsoleWebApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = new TurbineConsoleWebApp(new Dictionary<string, string?>
        {
            ["Access:Hub:MaxConnectionsPerUser"] = "2",
            ["Access:Hub:MaxGroupsPerConnection"] = "3",
        });
        await _app.CreateUserAsync("vera", AccessRoles.Viewer);
    }

    [Fact]
    public async Task An_anonymous_client_is_refused()
    {
        await using var connection = _app.NewHubConnection(token: null);

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [InlineData("tc_not-a-token-anyone-made")]
    [InlineData("Basic dmVyYTpwYXNzd29yZA==")]
    public async Task A_token_that_was_never_made_is_refused(string token)
    {
        await using var connection = _app.NewHubConnection(token);

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_personal_API_token_connects_as_its_user_and_follows_a_location_and_once_revoked_it_is_refused()
    {
        var token = await _app.CreateApiTokenAsync("vera", "script");
        await using var connection = _app.NewHubConnection(token);

        await connection.StartAsync();
        await connection.InvokeAsync(nameof(TelemetryHub.Follow), "Chicago");
        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.Equal(1, _app.Services.GetRequiredService<HubConnectionLimits>().OpenOf((await UserIdAsync("vera"))!));

        var tokens = _app.Services.GetRequiredService<ApiTokens>();
        var id = (await tokens.ListAsync((await UserIdAsync("vera"))!)).Single().Id;
        Assert.Equal("script", await tokens.RevokeAsync((await UserIdAsync("vera"))!, id));
        await using var again = _app.NewHubConnection(token);
        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task The_token_is_stored_only_as_its_SHA256()
    {
        var token = await _app.CreateApiTokenAsync("vera");

        var stored = (await _app.Services.GetRequiredService<ApiTokens>().ListAsync((await UserIdAsync("vera"))!)).Single();

        Assert.StartsWith(ApiTokens.Prefix, token);
        Assert.Equal(ApiTokens.HashOf(token), stored.Hash);
        Assert.Equal(64, stored.Hash.Length);
        Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(_app.DataDirectory, "identity.db"))));
    }

    [Fact]
    public async Task A_locked_users_token_is_refused()
    {
        var token = await _app.CreateApiTokenAsync("vera");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync("vera"))!, DateTimeOffset.MaxValue);
        }
        await using var connection = _app.NewHubConnection(token);

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_connection_beyond_the_users_limit_is_closed_and_the_first_ones_keep_working()
    {
        var token = await _app.CreateApiTokenAsync("vera");
        await using var first = _app.NewHubConnection(token);
        await using var second = _app.NewHubConnection(token);
        await using var third = _app.NewHubConnection(token);
        await first.StartAsync();
        await second.StartAsync();
        var closed = new TaskCompletionSource();
        third.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        try
        {
            await third.StartAsync();
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            // Closed during the handshake: refused all the same.
        }

        Assert.Equal(HubConnectionState.Disconnected, third.State);
        await first.InvokeAsync(nameof(TelemetryHub.Follow), "Chicago");
        Assert.Equal(HubConnectionState.Connected, second.State);
        Assert.Equal(2, _app.Services.GetRequiredService<HubConnectionLimits>().OpenOf((await UserIdAsync("vera"))!));

        await second.StopAsync();
        await WaitUntilAsync(() => _app.Services.GetRequiredService<HubConnectionLimits>().OpenOf(UserIdAsync("vera").Result!) == 1);
        await using var fourth = _app.NewHubConnection(token);
        await fourth.StartAsync();
        await fourth.InvokeAsync(nameof(TelemetryHub.Follow), "Tulsa");
        Assert.Equal(HubConnectionState.Connected, fourth.State);
    }

    [Fact]
    public async Task Following_more_locations_than_the_limit_is_refused_naming_the_setting_and_unfollowing_makes_room()
    {
        await using var connection = _app.NewHubConnection(await _app.CreateApiTokenAsync("vera"));
        await connection.StartAsync();
        foreach (var location in new[] { "Chicago", "Tulsa", "Denver", "Chicago" })
            await connection.InvokeAsync(nameof(TelemetryHub.Follow), location);

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(TelemetryHub.Follow), "Austin"));
        await connection.InvokeAsync(nameof(TelemetryHub.Unfollow), "Tulsa");
        await connection.InvokeAsync(nameof(TelemetryHub.Follow), "Austin");

        Assert.Contains("at most 3 locations", error.Message);
        Assert.Contains("Access:Hub:MaxGroupsPerConnection", error.Message);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string?> UserIdAsync(string userName)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>().FindByNameAsync(userName))?.Id;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True(condition());
    }
}
