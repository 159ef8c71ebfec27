using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// A bUnit context with MudBlazor and the web app's services on an embedded backend in a temporary folder, with the
/// streams and tables created. The feed has no timer here: a test writes items, then calls <see cref="TelemetryFeed.Flush"/>.
/// A test may change <see cref="Options"/>, <see cref="AlertOptions"/> and <see cref="DashboardOptions"/> before its first render: the services read
/// them from there (the feed is made at its first use). The user is the operator "Dana" unless a test calls
/// <see cref="SignInAs"/>; the policies, the <see cref="ActionGuard"/> and the audit log (in a real identity.db in the
/// folder) are the app's own.
/// </summary>
public abstract class WebTestContext : BunitContext, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-bunit-" + Guid.NewGuid().ToString("N"));

    protected WebTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Options = new PipelineOptions { DataDirectory = _directory };
        var opened = EmbeddedBackend.Open(Options.DatabasePath);
        Tables = new ObservableTableStore(opened.Tables);
        Backend = new PipelineBackend(opened.Streams, Tables, opened.Checkpoints, opened.DeadLetters, opened);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Simulator = new WindSimulator(Backend.Streams);
        Services.AddSingleton(options);
        Services.AddSingleton(Backend.Streams);
        Services.AddSingleton(Backend.DeadLetters);
        Services.AddSingleton(new DeadLetterRedrive(Backend.Streams, Backend.DeadLetters));
        Services.AddSingleton<ITableStore>(Tables);
        Services.AddSingleton(Tables);
        Services.AddSingleton(_ => new TelemetryFeed(Tables, options));
        Services.AddSingleton<TelemetryHistory>();
        Services.AddMetrics();
        Services.AddSingleton<TelemetryMetrics>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Simulator);
        Services.AddSingleton(_ => new TrainingRecords(Backend.Streams, Options.Streams.WindData));
        // The Simulator page holds the replay panel.
        Services.AddSingleton(_ => new Pipeline.Replay.Replayer(Backend.Streams));
        AlertStore = new AlertStore(Tables, AlertOptions.Table);
        AlertService = new AlertService(AlertStore, AlertOptions);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(AlertOptions));
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(DashboardOptions));
        Services.AddSingleton(Latches);
        Services.AddSingleton(AlertStore);
        Services.AddSingleton(AlertService);
        Silences = new SilenceStore(Tables, AlertOptions.SilenceTable);
        Policies = new AlertPolicyStore(Tables, AlertOptions.PolicyTable, AlertOptions.Policy.Default);
        Services.AddSingleton(Silences);
        Services.AddSingleton(Policies);
        Services.AddSingleton(InApp);
        Services.AddSingleton(new AlertDispatcher(AlertStore, [InApp], AlertOptions, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        Services.AddLogging();
        Services.AddAuthorizationCore(AccessPolicies.Configure);
        // bUnit puts a placeholder in its place; the components are checked by the real service and the app's policies.
        Services.AddTransient<Microsoft.AspNetCore.Authorization.IAuthorizationService, Microsoft.AspNetCore.Authorization.DefaultAuthorizationService>();
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(Authentication);
        Services.AddDbContextFactory<AccessDbContext>(o => o.UseSqlite(IdentityConnectionString));
        Services.AddSingleton<AuditLog>();
        Services.AddScoped<ClientAddress>();
        Services.AddScoped<ActionGuard>();
        Authentication.Set("Dana", AccessRoles.Operator);
    }

    private string IdentityConnectionString => new SqliteConnectionStringBuilder { DataSource = AccessStore.DatabasePath(Options), Pooling = false }.ToString();

    /// <summary>Who the rendered components see as signed in.</summary>
    internal TestAuthenticationStateProvider Authentication { get; } = new();

    /// <summary>Makes <paramref name="name"/> with <paramref name="roles"/> the signed-in user.</summary>
    protected void SignInAs(string name, params string[] roles) => Authentication.Set(name, roles);

    /// <summary>The audit log's entries, newest first.</summary>
    protected async Task<IReadOnlyList<AuditEntry>> AuditEntriesAsync() => (await Services.GetRequiredService<AuditLog>().PageAsync(0, 100)).Entries;

    /// <summary>Alert settings (the defaults).</summary>
    protected AlertOptions AlertOptions { get; } = new();

    /// <summary>Dashboard settings (the defaults).</summary>
    protected DashboardOptions DashboardOptions { get; } = new();

    /// <summary>The status board's acknowledgements of latched alarms, shared by every dashboard.</summary>
    protected LatchAcknowledgements Latches { get; } = new();

    /// <summary>The incidents.</summary>
    protected AlertStore AlertStore { get; }

    /// <summary>Acknowledge, resolve, list.</summary>
    protected AlertService AlertService { get; }

    /// <summary>The silences.</summary>
    protected SilenceStore Silences { get; }

    /// <summary>The per-location alert policies (the default from <see cref="AlertOptions"/> as it was at construction).</summary>
    protected AlertPolicyStore Policies { get; }

    /// <summary>The in-app channel.</summary>
    protected InAppAlertChannel InApp { get; } = new();

    protected PipelineOptions Options { get; }

    protected PipelineBackend Backend { get; }

    protected ObservableTableStore Tables { get; }

    /// <summary>The feed (made and disposed by the services).</summary>
    protected TelemetryFeed Feed => Services.GetRequiredService<TelemetryFeed>();

    protected WindSimulator Simulator { get; }

    public async Task InitializeAsync()
    {
        await CreateResourcesAsync();
        await AlertStore.EnsureTableAsync();
        await Silences.EnsureTableAsync();
        await Policies.EnsureTableAsync();
        // Made here rather than through the services, which a test may still add to before its first render.
        await using var db = new AccessDbContext(new DbContextOptionsBuilder<AccessDbContext>().UseSqlite(IdentityConnectionString).Options);
        await db.Database.EnsureCreatedAsync();
    }

    /// <summary>Creates the streams and tables <see cref="Options"/> names, again after a test renamed them.</summary>
    protected Task CreateResourcesAsync() => new TurbinePipeline(Backend, Options).EnsureResourcesAsync();

    /// <summary>Writes scored readings to WindDataTable through the change feed, as AnalyticsDestinationFunction does.</summary>
    protected Task WriteResultsAsync(params AnomalyResult[] results) =>
        Tables.PutItemsAsync(Options.Tables.WindData, results.Select(WindDataItem.From).ToList());

    /// <summary>A scored reading at <paramref name="secondsAgo"/> before now.</summary>
    protected static AnomalyResult Result(string location, string turbine, double speed, double score, double secondsAgo = 1, long seq = 1) =>
        new(new WindReading(location, turbine, speed, DateTimeOffset.UtcNow.AddSeconds(-secondsAgo), seq, "anomaly"), score, score >= 3 ? 1 : 0, null);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Simulator.DisposeAsync();
        await Backend.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
